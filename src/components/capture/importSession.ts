import { createObservable } from '../../core/observable';
import { useStore } from '../../store';
import { eventLog, eventView } from '../../engine';
import type { StreamEvent } from '../../dialects/types';
import { describeEvent } from '../../lib/describeEvent';
import { ndjsonChunks, parseCapture, toHar, type Capture, type ExportOptions } from '../../io/capture';

// Imported captures become read-only sessions: a connection tab whose events came from a file. "Replay" feeds the
// same events through the pipeline again, into a new session, at the recorded pace or faster.

export interface ImportedSession {
  connId: string;
  file: string;
  events: number;
  /** Set on the replay's own session. */
  replayOf?: string;
}

const sessions = new Map<string, ImportedSession & { capture: Capture; connIndex: number }>();
export const importedSessions = createObservable<ImportedSession[]>([]);

export function isImported(connId: string): boolean {
  return sessions.has(connId);
}

const publish = () => importedSessions.set([...sessions.values()].map(({ connId, file, events, replayOf }) => ({ connId, file, events, replayOf })));

/** Appends events in slices so a large file never blocks the page for long. */
async function feed(items: { connId: string; dialect: string; e: Capture['events'][number] }[], onProgress?: (n: number) => void): Promise<void> {
  const SLICE_MS = 12;
  let i = 0;
  while (i < items.length) {
    const end = performance.now() + SLICE_MS;
    while (i < items.length && (i & 255 || performance.now() < end)) {
      const { connId, dialect, e } = items[i++];
      eventLog.push(connId, dialect, { ...e.event }, e.receivedAt || Date.now());
    }
    eventLog.flushNow();
    onProgress?.(i);
    if (i < items.length) await new Promise((r) => setTimeout(r, 0));
  }
}

export interface ImportResult {
  connIds: string[];
  events: number;
  warnings: string[];
  skipped: number;
}

/** Reads a file into one read-only session per connection in it, shows the first, and returns what happened. */
export async function importText(text: string, file: string, onProgress?: (n: number) => void): Promise<ImportResult> {
  const capture = parseCapture(text, file);
  const st = useStore.getState();
  const ids = capture.connections.map((c, i) => {
    const id = st.addConnection({
      name: capture.connections.length > 1 ? `${file} · ${c.name}` : file,
      dialect: c.dialect,
      endpoint: c.endpoint,
      settings: {},
      autoReconnect: false,
    });
    const events = capture.events.filter((x) => x.conn === i).length;
    sessions.set(id, { connId: id, file, events, capture, connIndex: i });
    st.setStatus(id, { phase: 'closed', message: `Imported from ${file}: ${events.toLocaleString()} events (read-only).` });
    return id;
  });
  publish();
  await feed(
    capture.events.map((e) => ({ connId: ids[e.conn], dialect: capture.connections[e.conn].dialect, e })),
    onProgress,
  );
  if (ids.length) {
    st.setActiveConnection(ids[0]);
    // Filter the imported session like a live one: show it on its own.
    st.setOnlyActive(true);
  }
  return { connIds: ids, events: capture.events.length, warnings: capture.warnings, skipped: capture.skipped };
}

export interface ReplayHandle {
  connId: string;
  stop(): void;
  done: Promise<void>;
}

/**
 * Replays an imported session's events into a new session, now, at `speed`× the recorded pace (0: as fast as the
 * page takes them). Gaps longer than `maxGapMs` are shortened.
 */
export function replay(connId: string, speed: number, maxGapMs = 5000): ReplayHandle | undefined {
  const src = sessions.get(connId);
  if (!src) return undefined;
  const st = useStore.getState();
  const conn = src.capture.connections[src.connIndex];
  const id = st.addConnection({ name: `▶ ${src.file} ×${speed || 'max'}`, dialect: conn.dialect, endpoint: conn.endpoint, settings: {}, autoReconnect: false });
  const events = src.capture.events.filter((x) => x.conn === src.connIndex);
  sessions.set(id, { ...src, connId: id, replayOf: connId });
  publish();
  st.setActiveConnection(id);
  st.setStatus(id, { phase: 'open', message: `Replaying ${src.file} at ${speed ? `${speed}×` : 'full'} speed…` });
  let stopped = false;
  let finished = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const done = new Promise<void>((resolve) => {
    let i = 0;
    const step = () => {
      if (stopped) return resolve();
      const t0 = events[i]?.receivedAt ?? 0;
      // Everything due within the next 4 ms goes out together (timers are not finer than that).
      do {
        eventLog.push(id, conn.dialect, { ...events[i].event });
        i++;
      } while (i < events.length && (speed === 0 ? i % 500 !== 0 : (events[i].receivedAt - t0) / speed < 4));
      if (i >= events.length) {
        finished = true;
        useStore.getState().setStatus(id, { phase: 'closed', message: `Replayed ${events.length.toLocaleString()} events from ${src.file}.` });
        return resolve();
      }
      const gap = speed === 0 ? 0 : Math.min(maxGapMs, Math.max(0, events[i].receivedAt - events[i - 1].receivedAt)) / speed;
      timer = setTimeout(step, gap);
    };
    if (events.length) timer = setTimeout(step, 0);
    else resolve();
  });
  return {
    connId: id,
    done,
    stop() {
      if (finished || stopped) return;
      stopped = true;
      clearTimeout(timer);
      useStore.getState().setStatus(id, { phase: 'closed', message: `Replay of ${src.file} stopped.` });
    },
  };
}

// ---- export ----

export type ExportScope = 'all' | 'filtered';

function* eventsFor(scope: ExportScope): Generator<StreamEvent> {
  if (scope === 'all') {
    yield* eventLog;
    return;
  }
  // What the table shows; in highlight mode, the highlighted matches.
  const n = eventView.count;
  for (let i = 0; i < n; i++) {
    const e = eventView.at(i);
    if (e && (!eventView.highlighting || eventView.isMatch(e.seq))) yield e;
  }
}

function exportOptions(includeSecrets: boolean): ExportOptions {
  const connections: ExportOptions['connections'] = {};
  for (const c of useStore.getState().connections) connections[c.id] = { name: c.name, dialect: c.dialect, endpoint: c.endpoint };
  return { connections, includeSecrets, describe: describeEvent };
}

export function exportCount(scope: ExportScope): number {
  if (scope === 'all') return eventLog.length;
  return eventView.highlighting ? eventView.matchCount : eventView.count;
}

const stamp = () => new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);

export function buildExport(format: 'ndjson' | 'har', scope: ExportScope, includeSecrets: boolean): { blob: Blob; name: string } {
  const o = exportOptions(includeSecrets);
  if (format === 'ndjson') {
    return { blob: new Blob([...ndjsonChunks(eventsFor(scope), o)], { type: 'application/x-ndjson' }), name: `streamscope-${stamp()}.ndjson` };
  }
  return { blob: new Blob([JSON.stringify(toHar(eventsFor(scope), o), null, 1)], { type: 'application/json' }), name: `streamscope-${stamp()}.har` };
}
