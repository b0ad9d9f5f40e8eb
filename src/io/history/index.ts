import { createObservable } from '../../core/observable';
import type { IncomingEvent, StreamEvent } from '../../core/events';
import { errorMessage } from '../../core/errors';
import { eventLog } from '../../engine';
import { readStored, writeStored } from '../../lib/persist';
import { recordToEvent, type CaptureConnection } from '../capture';
import { chunkRecord, deleteSessions, listSessions, loadSession, openHistoryDb, toChunk, type HistoryDb } from './historyDb';
import { HistoryRecorder, historyWriterPort } from './recorder';
import { claimTabSession, heldSessions } from './tabSession';
import { dropUnloadTails, saveUnloadTail, takeUnloadTail } from './unloadTail';

// History that survives a reload: what this tab received is stored in IndexedDB as it arrives, and put back in
// front of the live stream when the page loads again, marked "restored from <time>" and followed by a gap row.

export interface HistorySettings {
  /** Off: nothing is stored (the opt-out). */
  enabled: boolean;
  /** At most this many events are kept for a tab; the oldest go first. */
  keep: number;
  /** Store tokens and passwords as they are, instead of masked. */
  rememberSecrets: boolean;
}

/** A day of a busy stream at 10 events/s fits (about 200 MB of small frames). */
export const DEFAULT_KEEP = 1_000_000;
const SETTINGS_KEY = 'history:settings';
const DEFAULTS: HistorySettings = { enabled: true, keep: DEFAULT_KEEP, rememberSecrets: false };

const validSettings = (v: unknown): boolean => !!v && typeof v === 'object' && typeof (v as HistorySettings).enabled === 'boolean' && Number((v as HistorySettings).keep) >= 1;

export const historySettings = createObservable<HistorySettings>({ ...DEFAULTS, ...readStored<Partial<HistorySettings>>(SETTINGS_KEY, {}, validSettings) });

export interface HistoryStatus {
  state: 'starting' | 'on' | 'off' | 'failed';
  /** What is happening, in words. */
  message: string;
  /** Events stored for this tab. */
  stored: number;
  /** Events left out because they came faster than they could be written. */
  skipped: number;
  /** What the load put back: how many, their time span, and how long opening and reading them took (ms). */
  restored?: { count: number; from: number; to: number; ms?: number };
}

export const historyStatus = createObservable<HistoryStatus>({ state: 'starting', message: 'Opening the stored history…', stored: 0, skipped: 0 });

const patch = (p: Partial<HistoryStatus>) => historyStatus.set((s) => ({ ...s, ...p }));

let db: HistoryDb | undefined;
let session: string | undefined;
let recorder: HistoryRecorder | undefined;
let unlisten: (() => void) | undefined;
let describeConnection: (connId: string) => CaptureConnection | undefined = () => undefined;
/** Connections of the restored events, by their stored id, and the rows, until the app matches them to its own. */
let restoredConns: Record<string, CaptureConnection> = {};
let restoredRows: StreamEvent[] = [];

const fmt = (ms: number) => new Date(ms).toLocaleString();

/** Why IndexedDB cannot be used, in words; the in-memory buffer and the live stream go on regardless. */
export function historyFailure(err: unknown): string {
  const name = (err as { name?: string })?.name;
  const tail = 'The events in memory and the live stream are not affected.';
  if (name === 'QuotaExceededError') return `Stored history stopped: this site's storage is full (the browser's quota). Keep fewer events or clear stored history, then turn it on again. ${tail}`;
  if (name === 'SecurityError' || name === 'InvalidStateError' || name === 'UnknownError' || err === undefined)
    return `Stored history is unavailable: this browser gives the page no IndexedDB storage (a private window, site data blocked for this site, or a policy). ${tail}`;
  return `Stored history stopped: the browser refused to store events (${errorMessage(err)}). ${tail}`;
}

function fail(err: unknown): void {
  recorder?.stop();
  recorder = undefined;
  unlisten?.();
  unlisten = undefined;
  patch({ state: 'failed', message: historyFailure(err) });
}

function startRecording(skipUpToSeq: number, firstIndex?: number): void {
  if (!db || !session || recorder) return;
  recorder = new HistoryRecorder({
    firstIndex,
    port: historyWriterPort(),
    session,
    keep: () => historySettings.get().keep,
    includeSecrets: () => historySettings.get().rememberSecrets,
    connection: (id) => describeConnection(id),
    onStored: (stored) => patch({ stored, state: 'on', message: `Storing this tab's events (${stored.toLocaleString()} kept, at most ${historySettings.get().keep.toLocaleString()}).` }),
    onFailed: fail,
    onSkipped: (skipped) => patch({ skipped }),
  });
  recorder.skipUpToSeq = skipUpToSeq;
  const offAppend = eventLog.onAppend(recorder.onAppend);
  // A page going away (reload, tab closed) sends what waits for the next batch now: the writer may still store it.
  // Its worker may also die first, so the same events go into the unload tail, which the next page takes back.
  const leaving = () => {
    recorder?.flushNow();
    const tail = recorder?.unloadTail();
    if (tail) saveUnloadTail(tail);
  };
  globalThis.addEventListener?.('pagehide', leaving);
  unlisten = () => {
    offAppend();
    globalThis.removeEventListener?.('pagehide', leaving);
  };
  patch({ state: 'on', message: `Storing this tab's events (at most ${historySettings.get().keep.toLocaleString()}).` });
}

function stopRecording(message: string): void {
  recorder?.stop();
  recorder = undefined;
  unlisten?.();
  unlisten = undefined;
  patch({ state: 'off', message });
}

interface Restored {
  /** The last seq the restore used. */
  lastSeq: number;
  /** The session index the next stored record gets. */
  next: number;
  /** Rows that came from the unload tail, not from the stored history: to be stored again. */
  unstored: StreamEvent[];
}

/** Puts a stored session's events (and what the last page left in its unload tail) into the log ahead of anything live. */
async function restore(id: string): Promise<Restored> {
  // More than the buffer holds would be dropped on arrival: restore only the newest that fit beside the marker rows.
  const room = Math.max(1, eventLog.capacity - 2 * 8);
  performance.mark('history:read');
  const { meta, chunks } = await loadSession(db!, id, room);
  performance.measure('history:read', 'history:read');
  const next = meta?.next ?? 0;
  const left = takeUnloadTail(id, next);
  if (left.records.length) chunks.push(toChunk(id, next, left.records));
  const total = chunks.reduce((n, c) => n + c.count, 0);
  const count = Math.min(total, room);
  if (!count) return { lastSeq: 0, next, unstored: [] };
  // Straight from the stored columns to the log's input, one pass, no copy of the records in between: a restore
  // makes only what the buffer keeps, so little of it lives long enough to cost the collector much.
  let skip = total - count;
  while (skip >= chunks[0].count) skip -= chunks.shift()!.count;
  const from = chunks[0].ts[skip];
  const last = chunks[chunks.length - 1];
  const to = last.ts[last.count - 1];
  const conns = new Map<string, string>();
  for (let k = 0, i = skip; k < chunks.length; k++, i = 0) for (const c = chunks[k]; i < c.count; i++) if (!conns.has(c.conn[i])) conns.set(c.conn[i], c.dialect[i]);
  // Decoding the frames again is most of the work: done in slices, so a large history never freezes the page. The
  // log gets them all at once afterwards: one batch for the view and one layout for the table, not one per slice.
  performance.mark('history:decode');
  const decoded: IncomingEvent[] = new Array(count);
  let n = 0;
  let end = performance.now() + 40;
  for (let k = 0, i = skip; k < chunks.length; k++, i = 0) {
    const c = chunks[k];
    for (; i < c.count; i++) {
      const e = recordToEvent(chunkRecord(c, i));
      // The frame's size as it was counted on arrival (the log would otherwise count the raw text again).
      e.size = c.size[i];
      decoded[n++] = e;
      if ((n & 255) === 0 && performance.now() > end) {
        await new Promise((r) => setTimeout(r, 0));
        end = performance.now() + 40;
      }
    }
  }
  performance.measure('history:decode', 'history:decode');
  performance.mark('history:append');
  let lastSeq = 0;
  const rows: StreamEvent[] = new Array(count + 2 * conns.size);
  let r = 0;
  const push = (connId: string, dialect: string, e: IncomingEvent, at: number) => {
    const ev = eventLog.push(connId, dialect, e, at);
    rows[r++] = ev;
    lastSeq = ev.seq;
  };
  for (const [connId, dialect] of conns) {
    push(connId, dialect, { dir: 'system', kind: 'notice', type: 'history', summary: `Restored from ${fmt(to)}: events this tab stored before the page was reloaded (from ${fmt(from)})`, fields: { restoredFrom: to } }, from);
  }
  n = 0;
  for (let k = 0, i = skip; k < chunks.length; k++, i = 0) {
    const c = chunks[k];
    for (; i < c.count; i++) push(c.conn[i], c.dialect[i], decoded[n++], c.ts[i]);
  }
  const now = Date.now();
  for (const [connId, dialect] of conns) {
    push(connId, dialect, { dir: 'system', kind: 'gap', summary: `Page reloaded: nothing recorded from ${new Date(to).toLocaleTimeString()} to ${new Date(now).toLocaleTimeString()}`, fields: { from: to, to: now } }, now);
  }
  performance.measure('history:append', 'history:append');
  restoredRows = rows;
  restoredConns = {};
  for (const [connId, dialect] of conns) restoredConns[connId] = meta?.connections[connId] ?? left.connections[connId] ?? { name: connId, dialect, endpoint: '' };
  patch({ restored: { count, from, to }, stored: (meta?.stored ?? 0) + left.records.length });
  // The tail's rows are the last events pushed before the closing gap rows (those the buffer had room for).
  const fromTail = Math.min(left.records.length, count);
  return { lastSeq, next, unstored: rows.slice(r - conns.size - fromTail, r - conns.size) };
}

/**
 * Opens the stored history, restores this tab's (or a closed tab's) events and starts recording. Resolves when the
 * restored events are in the log, so live ones come after them; never rejects.
 */
export async function startHistory(o: { describeConnection(connId: string): CaptureConnection | undefined; disabled?: boolean }): Promise<void> {
  describeConnection = o.describeConnection;
  if (o.disabled) return void patch({ state: 'off', message: 'Stored history is off for this page (?history=0).' });
  try {
    if (typeof indexedDB === 'undefined' || !indexedDB) throw undefined;
    const t0 = performance.now();
    db = await openHistoryDb();
    const known = (await listSessions(db)).map((s) => s.id);
    session = (await claimTabSession(known)).id;
    // Opted out: what an earlier page stored stays put (Clear stored history removes it), but is not brought back.
    if (!historySettings.get().enabled) return stopRecording('Stored history is off: events are kept in memory only and are gone after a reload.');
    const { lastSeq, next, unstored } = await restore(session);
    const restored = historyStatus.get().restored;
    if (restored) patch({ restored: { ...restored, ms: performance.now() - t0 } });
    startRecording(lastSeq, next);
    recorder?.resend(unstored);
  } catch (err) {
    fail(err);
  }
}

/**
 * Matches the restored rows to the connections the page opened (same dialect and endpoint, or same name: the same
 * connection under a new id) and moves them there. Returns the restored connections nothing matched, for the app to show as idle
 * tabs. Call once, right after the connections are created and before the next frame appends the restored rows.
 */
export function adoptRestored(open: { id: string; dialect: string; endpoint: string; name?: string }[], mask: (url: string) => string): Record<string, CaptureConnection> {
  const moves = new Map<string, string>();
  const unmatched: Record<string, CaptureConnection> = {};
  for (const [id, c] of Object.entries(restoredConns)) {
    const sameEndpoint = (o: { endpoint: string }) => o.endpoint === c.endpoint || mask(o.endpoint) === c.endpoint;
    const to =
      open.find((o) => o.id === id) ??
      open.find((o) => o.dialect === c.dialect && sameEndpoint(o)) ??
      // A connection reopened under its name (a saved one or a share link) whose endpoint was edited since.
      open.find((o) => o.dialect === c.dialect && o.name === c.name);
    if (to) {
      if (to.id !== id) moves.set(id, to.id);
    } else unmatched[id] = c;
  }
  if (moves.size) for (const e of restoredRows) e.connId = moves.get(e.connId) ?? e.connId;
  restoredRows = [];
  restoredConns = {};
  return unmatched;
}

export function updateHistorySettings(p: Partial<HistorySettings>): void {
  const next = { ...historySettings.get(), ...p };
  historySettings.set(next);
  writeStored(SETTINGS_KEY, next);
  if (p.enabled === false) stopRecording('Stored history is off: events are kept in memory only and are gone after a reload.');
  if (p.enabled === true && historyStatus.get().state !== 'failed') startRecording(eventLog.lastSeq);
}

/** Forgets this tab's stored events and those of tabs that are closed; open tabs keep theirs. */
export async function clearStoredHistory(): Promise<string> {
  if (!db || !session) return 'Nothing is stored: the stored history is not available.';
  try {
    await recorder?.drain();
    const held = await heldSessions();
    const ids = (await listSessions(db)).map((s) => s.id).filter((id) => id === session || !held.has(id));
    const gone = ids.includes(session) ? ids : [...ids, session];
    await deleteSessions(db, gone);
    dropUnloadTails(gone);
    recorder?.restartIndex();
    const others = held.size - (held.has(session) ? 1 : 0);
    patch({ stored: 0, restored: undefined, skipped: 0 });
    return `Stored history cleared${others > 0 ? `; ${others} other open tab${others === 1 ? ' keeps its' : 's keep theirs'}` : ''}. Events in memory stay until you Clear them.`;
  } catch (err) {
    return `Could not clear the stored history: ${errorMessage(err)}`;
  }
}

/** Events received but not yet written (the recorder's backlog; the benchmark waits for 0). */
export function historyBacklog(): number {
  return recorder?.backlog ?? 0;
}

/** Waits until everything received so far is stored (tests and benchmarks). */
export async function historyDrained(): Promise<void> {
  await recorder?.drain();
}
