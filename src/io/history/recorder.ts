import type { StreamEvent } from '../../core/events';
import type { CaptureConnection } from '../capture';
import { openHistoryDb } from './historyDb';
import { createHistoryWriter, type FromHistoryWriter, type ToHistoryWriter } from './historyWriter';
import { recordSource, storedRecord } from './storedRecord';
import { packSources, transferablesOf } from './sourceColumns';
import type { UnloadTail } from './unloadTail';

// Sends what the event log appends to the history writer. The page's share is small: the events' stored fields packed
// into columns (sourceColumns.ts) and one postMessage per batch; masking, serialising and the IndexedDB transactions run in the
// writer's worker. (Measured with `npm run bench -- --history`: done in the page, in idle time, a busy stream left
// the recorder a backlog of most of a 200 000-event burst and cost the page ~25 µs an event once it ran.) A failure
// (quota, storage taken away) stops recording; the log, the table and the live stream never hear of it.

/** Where batches go: the writer's worker, or the writer itself in the page where there are no workers. */
export interface WriterPort {
  /** `transfer`: buffers of `m` the page gives away (moved to the worker, not copied). */
  post(m: ToHistoryWriter, transfer?: Transferable[]): void;
  onMessage: ((m: FromHistoryWriter) => void) | null;
}

let shared: WriterPort | undefined;

/** The page's one writer (a worker lives as long as the page: a write under way is never cut short). */
export function historyWriterPort(): WriterPort {
  if (shared) return shared;
  const port: WriterPort = { post: () => {}, onMessage: null };
  try {
    if (typeof Worker !== 'function') throw new Error('no workers');
    // The literal `new Worker(new URL(…, import.meta.url))` is what Vite bundles as a worker chunk.
    const worker = new Worker(new URL('./history.worker.ts', import.meta.url), { type: 'module', name: 'streamscope-history' });
    worker.onmessage = (ev: MessageEvent<FromHistoryWriter>) => port.onMessage?.(ev.data);
    worker.onerror = (ev) => {
      ev.preventDefault();
      port.onMessage?.({ type: 'failed', gen: -1, name: 'WorkerError', message: `the history writer could not run (${ev.message || 'worker error'})` });
    };
    port.post = (m, transfer) => worker.postMessage(m, transfer ?? []);
  } catch {
    const writer = createHistoryWriter({ openDb: openHistoryDb, post: (m) => queueMicrotask(() => port.onMessage?.(m)) });
    port.post = (m) => writer.receive(m);
  }
  return (shared = port);
}

export interface RecorderOptions {
  port: WriterPort;
  session: string;
  keep: () => number;
  includeSecrets: () => boolean;
  /** How a connection is named in the stored records. */
  connection: (connId: string) => CaptureConnection | undefined;
  onStored(stored: number): void;
  onFailed(err: unknown): void;
  /** Called when events had to be left out because the backlog outgrew `maxPending`. */
  onSkipped(total: number): void;
  maxPending?: number;
  /** The session index the next record gets, when known (a restore read it); else the writer's first reply says. */
  firstIndex?: number;
}

/** A batch goes to the writer once this many events wait, or FLUSH_MS after the first of them. */
const FLUSH_AT = 2000;
const FLUSH_MS = 250;
let generations = 0;

export class HistoryRecorder {
  private pending: StreamEvent[] = [];
  /** Events sent to the writer and not yet stored, in the order sent: the writer stores batches in order, so its
   * replies take them from the front. */
  private unacked: StreamEvent[][] = [];
  /** The session index of the first of them (undefined until known). */
  private storedNext: number | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private skipped = 0;
  private readonly gen = ++generations;
  /** Events up to this seq came from the stored history itself: never written again. */
  skipUpToSeq = 0;

  constructor(private readonly o: RecorderOptions) {
    this.storedNext = o.firstIndex;
    o.port.onMessage = (m) => this.receive(m);
    o.port.post({ type: 'open', session: o.session, gen: this.gen });
  }

  /** The event log's append listener. */
  readonly onAppend = (batch: StreamEvent[]): void => {
    if (this.stopped) return;
    for (const e of batch) if (e.seq > this.skipUpToSeq) this.pending.push(e);
    const max = this.o.maxPending ?? 200_000;
    const over = this.pending.length + this.inFlight - max;
    if (over > 0) {
      // The writer fell behind (storage slower than the stream): the oldest waiting events are left out, counted.
      const n = Math.min(over, this.pending.length);
      this.pending = this.pending.slice(n);
      this.skipped += n;
      this.o.onSkipped(this.skipped);
    }
    if (this.pending.length >= FLUSH_AT) this.schedule(0);
    else if (this.pending.length) this.schedule(FLUSH_MS);
  };

  private get inFlight(): number {
    let n = 0;
    for (const b of this.unacked) n += b.length;
    return n;
  }

  /** Events not yet known to be stored: waiting in the page, plus those sent to the writer. */
  get backlog(): number {
    return this.pending.length + this.inFlight;
  }

  /** Events that came back from an earlier page's unload tail: stored again, as new records. */
  resend(events: StreamEvent[]): void {
    if (this.stopped || !events.length) return;
    this.pending = [...events, ...this.pending];
    this.schedule(this.pending.length >= FLUSH_AT ? 0 : FLUSH_MS);
  }

  /** The stored history was cleared: its next record is the session's first. */
  restartIndex(): void {
    if (this.backlog === 0) this.storedNext = 0;
    else this.storedNext = undefined;
  }

  /**
   * What is not known to be stored, as records for the unload tail, with the session index of the first; undefined
   * when that index is not known yet (no reply from the writer since history was turned on).
   */
  unloadTail(): UnloadTail | undefined {
    if (this.stopped || this.storedNext === undefined) return undefined;
    const events = [...this.unacked.flat(), ...this.pending];
    if (!events.length) return undefined;
    const secrets = this.o.includeSecrets();
    return { session: this.o.session, first: this.storedNext, records: events.map((e) => storedRecord(recordSource(e), secrets)), connections: this.connectionsOf(events) };
  }

  stop(): void {
    this.stopped = true;
    this.pending = [];
    this.unacked = [];
    clearTimeout(this.timer);
    if (this.o.port.onMessage && this.gen === generations) this.o.port.onMessage = null;
  }

  private schedule(ms: number): void {
    if (this.timer !== undefined && ms > 0) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), ms);
  }

  /** Sends what waits now instead of at the next batch (the page is going away). */
  flushNow(): void {
    clearTimeout(this.timer);
    this.flush();
  }

  private flush(): void {
    this.timer = undefined;
    if (this.stopped || !this.pending.length) return;
    const batch = this.pending;
    this.pending = [];
    const base = { type: 'append' as const, connections: this.connectionsOf(batch), keep: this.o.keep(), includeSecrets: this.o.includeSecrets() };
    this.unacked.push(batch);
    try {
      const columns = packSources(batch);
      this.o.port.post({ ...base, columns }, transferablesOf(columns));
    } catch (err) {
      // A decoded value the structured clone refuses (a function…): the records are made here instead, as text.
      if ((err as { name?: string })?.name !== 'DataCloneError') return this.fail(err);
      try {
        this.o.port.post({ ...base, records: batch.map((e) => storedRecord(recordSource(e), base.includeSecrets)) });
      } catch (err2) {
        this.fail(err2);
      }
    }
  }

  private connectionsOf(events: StreamEvent[]): Record<string, CaptureConnection> {
    const connections: Record<string, CaptureConnection> = {};
    for (const e of events) {
      if (connections[e.connId]) continue;
      const c = this.o.connection(e.connId);
      if (c) connections[e.connId] = c;
    }
    return connections;
  }

  private receive(m: FromHistoryWriter): void {
    if (this.stopped || (m.gen !== this.gen && m.gen !== -1)) return;
    if (m.type === 'failed') return this.fail(Object.assign(new Error(m.message), { name: m.name }));
    for (let left = m.written; left > 0 && this.unacked.length; ) {
      const head = this.unacked[0];
      if (head.length <= left) {
        left -= head.length;
        this.unacked.shift();
      } else {
        this.unacked[0] = head.slice(left);
        left = 0;
      }
    }
    this.storedNext = m.next;
    this.o.onStored(m.stored);
  }

  private fail(err: unknown): void {
    this.stop();
    this.o.onFailed(err);
  }

  /** Resolves once everything queued so far is written (tests, and clearing the stored history). */
  async drain(): Promise<void> {
    if (this.pending.length) this.flush();
    while (!this.stopped && this.backlog > 0) await new Promise((r) => setTimeout(r, 20));
  }
}
