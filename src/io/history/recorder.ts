import { jsonText } from '../../lib/jsonText';
import { rawOf, type StreamEvent } from '../../core/events';
import { toBase64, type CaptureConnection, type CaptureRecord } from '../capture';
import { maskSecretsInText, maskSecretsInValue } from '../mask';
import { appendRecords, type HistoryDb, type StoredRecord } from './historyDb';

// Writes what the event log appends to this tab's stored session. It never slows the stream down: events wait in a
// queue and are turned into records only in idle time (requestIdleCallback, at most a second late), then written in
// one transaction per flush. Turning an event into a record (structured clone included) costs the main thread the
// same in a worker, so there is none. A failure (quota, storage taken away) stops recording; the log, the table and
// the live stream never hear of it.

export interface RecorderOptions {
  db: HistoryDb;
  session: string;
  keep: () => number;
  includeSecrets: () => boolean;
  /** How a connection is named in the stored records. */
  connection: (connId: string) => CaptureConnection | undefined;
  onStored(stored: number): void;
  onFailed(err: unknown): void;
  /** Called when events had to be left out because the queue outgrew `maxPending`. */
  onSkipped(total: number): void;
  maxPending?: number;
}

/**
 * An event as stored: the export record's fields that read back into a row (capture.ts recordToEvent), secrets
 * masked as an export masks them unless `keepSecrets`. The parsed value is left out when the raw frame is there: it
 * parses back to it, exact numbers included.
 */
export function storedRecord(e: StreamEvent, keepSecrets: boolean): StoredRecord {
  const mask = (t: string) => (keepSecrets ? t : maskSecretsInText(t));
  // The frame's text as received, derived again where the log kept only the value it reproduces.
  const raw = rawOf(e);
  let extra: Partial<CaptureRecord> | undefined;
  const add = <K extends keyof CaptureRecord>(k: K, v: CaptureRecord[K]) => ((extra ??= {})[k] = v);
  if (e.bytes) add('base64', toBase64(e.bytes));
  if (raw === undefined && e.value !== undefined) add('value', keepSecrets ? e.value : maskSecretsInValue(e.value));
  if (e.parseError !== undefined) add('parseError', e.parseError);
  if (e.summary !== undefined) add('summary', mask(e.summary));
  if (e.sourceTime !== undefined) add('sourceTime', e.sourceTime);
  if (e.fields !== undefined) add('fields', keepSecrets ? e.fields : (maskSecretsInValue(e.fields) as Record<string, unknown>));
  return {
    ts: e.receivedAt,
    dir: e.dir,
    kind: e.kind,
    conn: e.connId,
    dialect: e.dialect,
    size: e.size,
    raw: raw === undefined ? null : mask(raw),
    type: e.type ?? null,
    action: e.action ?? null,
    key: e.key ?? null,
    extra: extra ? jsonText(extra) : null, // cycle-safe: a decoded app action may reference itself
  };
}

type IdleDeadline = { timeRemaining(): number; didTimeout: boolean };
const idle: (cb: (d: IdleDeadline) => void) => void =
  typeof requestIdleCallback === 'function' ? (cb) => requestIdleCallback(cb, { timeout: 1000 }) : (cb) => setTimeout(() => cb({ timeRemaining: () => 8, didTimeout: true }), 50);

/** Records at most this many per transaction; more wait for the next. */
const MAX_PER_WRITE = 5000;

export class HistoryRecorder {
  private pending: StreamEvent[] = [];
  private head = 0;
  /** Records waiting to be written. */
  private ready: StoredRecord[] = [];
  private conns: Record<string, CaptureConnection> = {};
  private scheduled = false;
  private writing = false;
  /** Records in the transaction under way. */
  private inFlight = 0;
  private stopped = false;
  private skipped = 0;
  /** Events up to this seq came from the stored history itself: never written again. */
  skipUpToSeq = 0;

  constructor(private readonly o: RecorderOptions) {}

  /** The event log's append listener. */
  readonly onAppend = (batch: StreamEvent[]): void => {
    if (this.stopped) return;
    for (const e of batch) if (e.seq > this.skipUpToSeq) this.pending.push(e);
    const max = this.o.maxPending ?? 200_000;
    const waiting = this.pending.length - this.head;
    if (waiting > max) {
      this.head += waiting - max;
      this.skipped += waiting - max;
      this.o.onSkipped(this.skipped);
    }
    this.schedule();
  };

  get queued(): number {
    return this.pending.length - this.head + this.ready.length;
  }

  /** Events not yet known to be stored: queued, plus those in the write under way. */
  get backlog(): number {
    return this.queued + this.inFlight;
  }

  stop(): void {
    this.stopped = true;
    this.pending = [];
    this.head = 0;
    this.ready = [];
  }

  private schedule(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    idle((d) => this.work(d));
  }

  private work(d: IdleDeadline): void {
    this.scheduled = false;
    if (this.stopped) return;
    const includeSecrets = this.o.includeSecrets();
    // Convert while the browser says it is idle, in slices short enough never to delay a frame.
    const until = performance.now() + (d.didTimeout ? 6 : Math.min(6, Math.max(1, d.timeRemaining() - 1)));
    while (this.head < this.pending.length && this.ready.length < MAX_PER_WRITE) {
      const e = this.pending[this.head++];
      const c = this.o.connection(e.connId);
      if (c) this.conns[e.connId] = c;
      this.ready.push(storedRecord(e, includeSecrets));
      if ((this.head & 127) === 0 && performance.now() > until) break;
    }
    if (this.head === this.pending.length || this.head > 50_000) {
      this.pending = this.pending.slice(this.head);
      this.head = 0;
    }
    if (this.ready.length && !this.writing && (this.head === this.pending.length || this.ready.length >= MAX_PER_WRITE)) void this.write();
    if (this.head < this.pending.length) this.schedule();
  }

  private async write(): Promise<void> {
    this.writing = true;
    const records = this.ready;
    const conns = this.conns;
    this.ready = [];
    this.conns = {};
    this.inFlight = records.length;
    try {
      const meta = await appendRecords(this.o.db, this.o.session, records, conns, this.o.keep());
      if (!this.stopped) this.o.onStored(meta.stored);
    } catch (err) {
      this.stop();
      this.o.onFailed(err);
    } finally {
      this.writing = false;
      this.inFlight = 0;
    }
    if (!this.stopped && (this.ready.length || this.head < this.pending.length)) this.schedule();
  }

  /** Resolves once everything queued so far is written (tests, and a last try when the page is hidden). */
  async drain(): Promise<void> {
    while (!this.stopped && (this.queued > 0 || this.writing)) await new Promise((r) => setTimeout(r, 20));
  }
}
