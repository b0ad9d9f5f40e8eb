import type { IncomingEvent, StreamEvent } from '../core/events';
import { RingBuffer } from './ringBuffer';
import { FrameBatcher, type Scheduler } from './frameBatcher';
import { utf8Length } from '../core/frames';
import { EventColumns, type SeqTest } from './eventColumns';

export const DEFAULT_CAP = 100_000;

/** Frames up to this long are checked for a raw text that the parsed value reproduces exactly. */
const COMPACT_MAX_CHARS = 4096;
/**
 * Compaction costs one JSON.stringify per frame at append, and a free-text query then re-derives each compacted text;
 * it pays only where memory is the problem. At the default 100 000 events the second copy is ~20 MB; at 1 000 000 it
 * was ~220 MB of a 515 MB heap.
 */
export const COMPACT_ABOVE_CAPACITY = 200_000;
/**
 * Per-key columns (eventColumns.ts) cost ~0.3 µs per event at append, and a new filter over 100 000 events takes a
 * few ms without them: they are kept, like compaction, only where the buffer is large.
 */
export const COLUMNS_ABOVE_CAPACITY = 200_000;

/**
 * Holds an incoming JSON frame once instead of twice: when its value serialises back to exactly the text received
 * (compact JSON, as most servers send), the text is dropped and rawOf() derives it again. Anything else (whitespace,
 * key order or number spelling that JSON.stringify would change, large frames) keeps its text. Runs at append, one
 * frame after the dialect emitted the event, so a dialect may still read `raw` right after emitting; and only while
 * the buffer's capacity is above COMPACT_ABOVE_CAPACITY.
 */
function compactRaw(e: StreamEvent): void {
  const raw = e.raw;
  if (e.kind !== 'message' || e.dir !== 'in' || raw === undefined || e.value === undefined || raw.length > COMPACT_MAX_CHARS) return;
  const c = raw.charCodeAt(0);
  if (c !== 123 /* { */ && c !== 91 /* [ */) return;
  try {
    if (JSON.stringify(e.value) !== raw) return;
  } catch {
    return; // a value with a cycle (never from JSON.parse, but a dialect may build one) keeps its text
  }
  e.raw = undefined;
  e.rawFromValue = true;
}

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
  /** Per-key codes of the held events for filters (derived at append, see eventColumns.ts); null for a small buffer. */
  columns: EventColumns | null = null;
  private readonly columnsAbove: number;

  constructor(cap = DEFAULT_CAP, scheduler?: Scheduler, options: { columnsAbove?: number } = {}) {
    this.ring = new RingBuffer(cap);
    this.columnsAbove = options.columnsAbove ?? COLUMNS_ABOVE_CAPACITY;
    this.resetColumns();
    this.batcher = new FrameBatcher((batch) => this.append(batch), { scheduler });
  }

  /** Accepts one event from a dialect. Cheap: the batch is appended on the next frame. */
  push(connId: string, dialect: string, e: IncomingEvent, now = Date.now()): StreamEvent {
    // One record of one shape for every event: the dialect's object grew property by property (its own fields, then
    // ours) and carried a property store on the side; a million of these held ~8 bytes each more, and a filter pass
    // over events of many shapes runs slower than over one. The rare fields are added only where present.
    const ev: StreamEvent = {
      seq: this.nextSeq++,
      receivedAt: now,
      connId,
      dialect,
      dir: e.dir,
      kind: e.kind,
      size: e.size ?? (e.raw !== undefined ? utf8Length(e.raw) : (e.bytes?.byteLength ?? 0)),
      raw: e.raw,
      value: e.value,
      type: e.type,
      action: e.action,
      key: e.key,
      fields: e.fields,
      rawFromValue: undefined,
    };
    // A summary is cached on the rows the table draws (describeEvent), a few thousand at most: no slot for the rest.
    if (e.summary !== undefined) ev.summary = e.summary;
    if (e.bytes !== undefined) ev.bytes = e.bytes;
    if (e.parseError !== undefined) ev.parseError = e.parseError;
    if (e.sourceTime !== undefined) ev.sourceTime = e.sourceTime;
    this.received++;
    this.batcher.push(ev);
    return ev;
  }

  flushNow(): void {
    this.batcher.flushNow();
  }

  private append(batch: StreamEvent[]): void {
    if (this.ring.capacity > COMPACT_ABOVE_CAPACITY) for (const e of batch) compactRaw(e);
    let evicted = 0;
    const columns = this.columns;
    if (columns) for (const e of batch) columns.add(e);
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

  /** Calls `hit(seq)` for each held event with a seq in [fromSeq, toSeq] that passes `test`, oldest first. */
  collect(fromSeq: number, toSeq: number, test: (e: StreamEvent) => boolean, hit: (seq: number) => void): void {
    const first = this.firstSeq;
    this.ring.collect(fromSeq - first, toSeq - first + 1, test, (i) => hit(first + i));
  }

  /** collect() with a test that is told each event's seq (see EventColumns.bind). */
  collectBySeq(fromSeq: number, toSeq: number, test: SeqTest, hit: (seq: number) => void): void {
    const first = this.firstSeq;
    this.ring.collectIndexed(fromSeq - first, toSeq - first + 1, first, test, (i) => hit(first + i));
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
    this.resetColumns();
    for (const l of this.clearListeners) l();
  }

  setCapacity(cap: number): void {
    this.batcher.flushNow();
    const evicted = this.ring.resize(cap);
    // Codes are placed by seq modulo the capacity: the held events are tested as they are until they leave.
    this.resetColumns();
    this.dropped += evicted;
    if (evicted) for (const l of this.listeners) l([], evicted);
  }

  private resetColumns(): void {
    this.columns?.reset();
    this.columns = this.ring.capacity > this.columnsAbove ? new EventColumns(this.ring.capacity) : null;
  }

  /** Every held event, oldest first. */
  *[Symbol.iterator](): Iterator<StreamEvent> {
    for (let i = 0; i < this.ring.length; i++) yield this.ring.at(i)!;
  }
}

