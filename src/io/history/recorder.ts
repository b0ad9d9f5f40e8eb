import type { StreamEvent } from '../../core/events';
import type { CaptureConnection } from '../capture';
import { openHistoryDb } from './historyDb';
import { createHistoryWriter, type FromHistoryWriter, type ToHistoryWriter } from './historyWriter';
import { recordSource, storedRecord } from './storedRecord';
import { packSources, transferablesOf } from './sourceColumns';

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
}

/** A batch goes to the writer once this many events wait, or FLUSH_MS after the first of them. */
const FLUSH_AT = 2000;
const FLUSH_MS = 250;
let generations = 0;

export class HistoryRecorder {
  private pending: StreamEvent[] = [];
  /** Events sent to the writer and not yet stored. */
  private inFlight = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private skipped = 0;
  private readonly gen = ++generations;
  /** Events up to this seq came from the stored history itself: never written again. */
  skipUpToSeq = 0;

  constructor(private readonly o: RecorderOptions) {
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

  /** Events not yet known to be stored: waiting in the page, plus those sent to the writer. */
  get backlog(): number {
    return this.pending.length + this.inFlight;
  }

  stop(): void {
    this.stopped = true;
    this.pending = [];
    this.inFlight = 0;
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
    const connections: Record<string, CaptureConnection> = {};
    for (const e of batch) {
      if (connections[e.connId]) continue;
      const c = this.o.connection(e.connId);
      if (c) connections[e.connId] = c;
    }
    const base = { type: 'append' as const, connections, keep: this.o.keep(), includeSecrets: this.o.includeSecrets() };
    this.inFlight += batch.length;
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

  private receive(m: FromHistoryWriter): void {
    if (this.stopped || (m.gen !== this.gen && m.gen !== -1)) return;
    if (m.type === 'failed') return this.fail(Object.assign(new Error(m.message), { name: m.name }));
    this.inFlight = Math.max(0, this.inFlight - m.written);
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
