import type { IncomingEvent, StreamEvent } from '../core/events';
import { RingBuffer } from './ringBuffer';
import { FrameBatcher, type Scheduler } from './frameBatcher';
import { utf8Length } from '../core/frames';

export const DEFAULT_CAP = 100_000;

export interface LogCounters {
  /** Every event that reached the log, including system rows and those still queued. */
  received: number;
  /** Evicted by the cap. */
  dropped: number;
  /** Received but not yet appended (waiting for the next frame). */
  queued: number;
  /** Held in the buffer now. */
  buffered: number;
}

/**
 * The hot data: every event, in a ring buffer outside React state. Events get their sequence number on arrival and
 * are appended once per animation frame; listeners (the view, the store's version counter) hear one call per batch.
 */
export class EventLog {
  private ring: RingBuffer<StreamEvent>;
  private nextSeq = 1;
  private received = 0;
  private dropped = 0;
  private readonly batcher: FrameBatcher<StreamEvent>;
  private readonly listeners = new Set<(batch: StreamEvent[], evicted: number) => void>();
  private readonly clearListeners = new Set<() => void>();

  constructor(cap = DEFAULT_CAP, scheduler?: Scheduler) {
    this.ring = new RingBuffer(cap);
    this.batcher = new FrameBatcher((batch) => this.append(batch), { scheduler });
  }

  /** Accepts one event from a dialect. Cheap: the batch is appended on the next frame. */
  push(connId: string, dialect: string, e: IncomingEvent, now = Date.now()): StreamEvent {
    const ev = e as StreamEvent;
    ev.seq = this.nextSeq++;
    ev.receivedAt = now;
    ev.connId = connId;
    ev.dialect = dialect;
    if (ev.size === undefined) ev.size = e.raw !== undefined ? utf8Length(e.raw) : (e.bytes?.byteLength ?? 0);
    this.received++;
    this.batcher.push(ev);
    return ev;
  }

  flushNow(): void {
    this.batcher.flushNow();
  }

  private append(batch: StreamEvent[]): void {
    let evicted = 0;
    for (const e of batch) if (this.ring.push(e) !== undefined) evicted++;
    this.dropped += evicted;
    for (const l of this.listeners) l(batch, evicted);
  }

  onAppend(listener: (batch: StreamEvent[], evicted: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onClear(listener: () => void): () => void {
    this.clearListeners.add(listener);
    return () => this.clearListeners.delete(listener);
  }

  get length(): number {
    return this.ring.length;
  }

  get capacity(): number {
    return this.ring.capacity;
  }

  /** Sequence number of the oldest event still held (nextSeq when empty). */
  get firstSeq(): number {
    return this.ring.first()?.seq ?? this.nextSeq;
  }

  get lastSeq(): number {
    return this.ring.last()?.seq ?? this.nextSeq - 1;
  }

  at(i: number): StreamEvent | undefined {
    return this.ring.at(i);
  }

  /** O(1): sequence numbers in the ring are contiguous. */
  get(seq: number): StreamEvent | undefined {
    const first = this.ring.first();
    if (!first) return undefined;
    return this.ring.at(seq - first.seq);
  }

  counters(): LogCounters {
    return { received: this.received, dropped: this.dropped, queued: this.batcher.pending, buffered: this.ring.length };
  }

  /** Empties the buffer (the user's Clear). Counters of what was received keep counting. */
  clear(): void {
    this.batcher.flushNow();
    this.ring.clear();
    for (const l of this.clearListeners) l();
  }

  setCapacity(cap: number): void {
    this.batcher.flushNow();
    const evicted = this.ring.resize(cap);
    this.dropped += evicted;
    if (evicted) for (const l of this.listeners) l([], evicted);
  }

  /** Every held event, oldest first. */
  *[Symbol.iterator](): Iterator<StreamEvent> {
    for (let i = 0; i < this.ring.length; i++) yield this.ring.at(i)!;
  }
}

