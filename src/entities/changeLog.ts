/**
 * The change log: one record (seq, slot, version index) per event that changed an entity, in seq order, in typed
 * arrays. Indexes are absolute: `head` is the oldest record still held, `end` one past the newest; records before
 * `head` belong to events the buffer dropped. Each record's flags say whether its version is a delete (DELETED) and
 * whether the one before it was (PREV_DELETED), so a cursor knows what exists without reading any version.
 */
export const DELETED = 1;
export const PREV_DELETED = 2;

export class GrowableChangeLog {
  private seq = new Float64Array(4096);
  private slot = new Int32Array(4096);
  private ver = new Int32Array(4096);
  private flags = new Uint8Array(4096);
  /** Absolute index of physical position 0. */
  private base = 0;
  head = 0;
  end = 0;

  push(seq: number, slot: number, ver: number, flags: number): void {
    let i = this.end - this.base;
    if (i === this.seq.length) {
      this.compact(true);
      i = this.end - this.base;
    }
    this.seq[i] = seq;
    this.slot[i] = slot;
    this.ver[i] = ver;
    this.flags[i] = flags;
    this.end++;
  }

  seqAt(c: number): number {
    return this.seq[c - this.base];
  }

  slotAt(c: number): number {
    return this.slot[c - this.base];
  }

  verAt(c: number): number {
    return this.ver[c - this.base];
  }

  flagsAt(c: number): number {
    return this.flags[c - this.base];
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
    const held = this.end - this.head;
    const cap = this.seq.length;
    const dropped = this.head - this.base;
    if (!grow && dropped * 2 < cap) return;
    const size = held * 2 > cap ? cap * 2 : cap;
    const from = dropped;
    const to = dropped + held;
    if (size !== cap) {
      const seq = new Float64Array(size);
      const slot = new Int32Array(size);
      const ver = new Int32Array(size);
      const flags = new Uint8Array(size);
      seq.set(this.seq.subarray(from, to));
      slot.set(this.slot.subarray(from, to));
      ver.set(this.ver.subarray(from, to));
      flags.set(this.flags.subarray(from, to));
      this.seq = seq;
      this.slot = slot;
      this.ver = ver;
      this.flags = flags;
    } else {
      this.seq.copyWithin(0, from, to);
      this.slot.copyWithin(0, from, to);
      this.ver.copyWithin(0, from, to);
      this.flags.copyWithin(0, from, to);
    }
    this.base = this.head;
  }

  remapSlots(map: Int32Array): void {
    for (let c = this.head; c < this.end; c++) this.slot[c - this.base] = map[this.slot[c - this.base]];
  }

  clear(): void {
    this.seq = new Float64Array(4096);
    this.slot = new Int32Array(4096);
    this.ver = new Int32Array(4096);
    this.flags = new Uint8Array(4096);
    this.base = this.head = this.end = 0;
  }
}
