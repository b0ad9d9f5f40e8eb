import type { VersionOp } from './mapping';

/**
 * The change log: one record per event that changed an entity, in seq order, in columns. A record is that entity's
 * version after the event: seq, time, op and state, its ordinal among the entity's versions, and the index of the
 * entity's version before it. So a version is a record index, not an object: a stream of unique keys makes no
 * version objects, and a cursor steps back by following `prev`.
 *
 * Indexes are absolute: `head` is the oldest record still held, `end` one past the newest; records before `head`
 * belong to events the buffer dropped. Each record's flags say whether its version is a delete (DELETED) and whether
 * the one before it was (PREV_DELETED), so a cursor knows what exists without reading any state.
 */
export const DELETED = 1;
export const PREV_DELETED = 2;
const OP_SHIFT = 2;
const OPS: readonly VersionOp[] = ['create', 'seen', 'update', 'delete', 'touch'];
const OP_CODE: Record<VersionOp, number> = { create: 0, seen: 1, update: 2, delete: 3, touch: 4 };

const INITIAL = 4096;
/** States are kept in chunks of this many records, by absolute index: dropping old ones never moves the rest. */
const STATE_CHUNK = 4096;

export class GrowableChangeLog {
  private seq = new Float64Array(INITIAL);
  private time = new Float64Array(INITIAL);
  private slot = new Int32Array(INITIAL);
  private ver = new Int32Array(INITIAL);
  /** Absolute index of the entity's version before this one (-1: none). */
  private prev = new Float64Array(INITIAL);
  private flags = new Uint8Array(INITIAL);
  /**
   * The versions' states, in chunks by absolute index. Not a column that compaction moves: moving a million object
   * references in a JS array took 130 ms of the main thread, where the typed columns' move is a memmove.
   */
  private states: unknown[][] = [];
  /** The absolute chunk number of `states[0]`. */
  private firstChunk = 0;
  /** Absolute index of physical position 0. */
  private base = 0;
  head = 0;
  end = 0;

  /** Appends a version; returns its absolute index. */
  push(seq: number, time: number, slot: number, ver: number, prev: number, op: VersionOp, prevDeleted: boolean, state: unknown): number {
    let i = this.end - this.base;
    if (i === this.seq.length) {
      this.compact(true);
      i = this.end - this.base;
    }
    this.seq[i] = seq;
    this.time[i] = time;
    this.slot[i] = slot;
    this.ver[i] = ver;
    this.prev[i] = prev;
    this.flags[i] = (OP_CODE[op] << OP_SHIFT) | (op === 'delete' ? DELETED : 0) | (prevDeleted ? PREV_DELETED : 0);
    const k = Math.floor(this.end / STATE_CHUNK) - this.firstChunk;
    if (k === this.states.length) this.states.push([]);
    this.states[k].push(state);
    return this.end++;
  }

  seqAt(c: number): number {
    return this.seq[c - this.base];
  }

  timeAt(c: number): number {
    return this.time[c - this.base];
  }

  slotAt(c: number): number {
    return this.slot[c - this.base];
  }

  /** The version's ordinal among its entity's versions (0: the first one ever seen). */
  verAt(c: number): number {
    return this.ver[c - this.base];
  }

  prevAt(c: number): number {
    return this.prev[c - this.base];
  }

  flagsAt(c: number): number {
    return this.flags[c - this.base];
  }

  opAt(c: number): VersionOp {
    return OPS[this.flags[c - this.base] >> OP_SHIFT];
  }

  stateAt(c: number): unknown {
    return this.states[Math.floor(c / STATE_CHUNK) - this.firstChunk][c % STATE_CHUNK];
  }

  /** Lets go of a dropped record's state at once (compaction moves the columns later). */
  forget(c: number): void {
    this.states[Math.floor(c / STATE_CHUNK) - this.firstChunk][c % STATE_CHUNK] = undefined;
  }

  /** Number of changes (absolute index) whose seq is <= `seq`: the first record after it. */
  indexAfter(seq: number): number {
    let lo = this.head;
    let hi = this.end;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.seq[mid - this.base] <= seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Moves held records to the front when the dropped ones take half the space; grows when full (`grow`). */
  compact(grow = false): void {
    const whole = Math.floor(this.head / STATE_CHUNK) - this.firstChunk;
    if (whole > 0) {
      this.states.splice(0, whole);
      this.firstChunk += whole;
    }
    const held = this.end - this.head;
    const cap = this.seq.length;
    const dropped = this.head - this.base;
    if (!grow && dropped * 2 < cap) return;
    const size = held * 2 > cap ? cap * 2 : cap;
    const from = dropped;
    const to = dropped + held;
    const move = <T extends Float64Array | Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      if (size === cap) return a.copyWithin(0, from, to) as T;
      const b = make(size);
      b.set(a.subarray(from, to));
      return b;
    };
    this.seq = move(this.seq, (n) => new Float64Array(n));
    this.time = move(this.time, (n) => new Float64Array(n));
    this.slot = move(this.slot, (n) => new Int32Array(n));
    this.ver = move(this.ver, (n) => new Int32Array(n));
    this.prev = move(this.prev, (n) => new Float64Array(n));
    this.flags = move(this.flags, (n) => new Uint8Array(n));
    this.base = this.head;
  }

  remapSlots(map: Int32Array): void {
    for (let c = this.head; c < this.end; c++) this.slot[c - this.base] = map[this.slot[c - this.base]];
  }

  clear(): void {
    this.seq = new Float64Array(INITIAL);
    this.time = new Float64Array(INITIAL);
    this.slot = new Int32Array(INITIAL);
    this.ver = new Int32Array(INITIAL);
    this.prev = new Float64Array(INITIAL);
    this.flags = new Uint8Array(INITIAL);
    this.states = [];
    this.firstChunk = 0;
    this.base = this.head = this.end = 0;
  }
}
