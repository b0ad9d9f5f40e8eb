/**
 * A fixed-capacity FIFO. push() returns the evicted item (or undefined) so the caller can count drops: the cap is
 * never silent. Capacity can change at run time; shrinking evicts the oldest items.
 */
export class RingBuffer<T> {
  private items: (T | undefined)[];
  private head = 0; // index of the oldest item
  private len = 0;

  constructor(private cap: number) {
    if (!(cap >= 1)) throw new RangeError('capacity must be >= 1');
    this.items = new Array(Math.min(cap, 1024));
  }

  get capacity(): number {
    return this.cap;
  }

  get length(): number {
    return this.len;
  }

  /** Appends; returns the item evicted to make room, if any. */
  push(item: T): T | undefined {
    if (this.len < this.cap) {
      if (this.len === this.items.length) this.grow();
      this.items[(this.head + this.len) % this.items.length] = item;
      this.len++;
      return undefined;
    }
    const evicted = this.items[this.head];
    this.items[this.head] = item;
    this.head = (this.head + 1) % this.items.length;
    return evicted;
  }

  /** The i-th oldest item (0 = oldest). */
  at(i: number): T | undefined {
    if (i < 0 || i >= this.len) return undefined;
    return this.items[(this.head + i) % this.items.length];
  }

  /**
   * Calls `hit(i)` for each index i in [from, to) whose item passes `test`, reading the backing array directly: a
   * filter pass over a million items spends no call and no modulo per item on at().
   */
  collect(from: number, to: number, test: (item: T) => boolean, hit: (i: number) => void): void {
    const lo = Math.max(0, from);
    const hi = Math.min(this.len, to);
    if (lo >= hi) return;
    const items = this.items;
    const size = items.length;
    // The range is at most two runs of the backing array: up to its end, then from its start.
    let j = (this.head + lo) % size;
    let i = lo;
    while (i < hi) {
      const run = Math.min(hi - i, size - j);
      for (const end = j + run; j < end; j++, i++) if (test(items[j] as T)) hit(i);
      j = 0;
    }
  }

  /** collect() for a test that is also told the item's index plus `offset` (the log's columns go by seq). */
  collectIndexed(from: number, to: number, offset: number, test: (n: number, item: T) => boolean, hit: (i: number) => void): void {
    const lo = Math.max(0, from);
    const hi = Math.min(this.len, to);
    const items = this.items;
    const size = items.length;
    let j = (this.head + lo) % size;
    for (let i = lo; i < hi; i++) {
      if (test(i + offset, items[j] as T)) hit(i);
      if (++j === size) j = 0;
    }
  }

  first(): T | undefined {
    return this.at(0);
  }

  last(): T | undefined {
    return this.at(this.len - 1);
  }

  clear(): void {
    this.items = new Array(Math.min(this.cap, 1024));
    this.head = 0;
    this.len = 0;
  }

  /** Changes the capacity; returns how many of the oldest items were evicted. */
  resize(cap: number): number {
    if (!(cap >= 1)) throw new RangeError('capacity must be >= 1');
    const keep = Math.min(this.len, cap);
    const evicted = this.len - keep;
    const next: (T | undefined)[] = new Array(Math.max(keep, Math.min(cap, 1024)));
    for (let i = 0; i < keep; i++) next[i] = this.at(evicted + i);
    this.items = next;
    this.head = 0;
    this.len = keep;
    this.cap = cap;
    return evicted;
  }

  private grow(): void {
    const size = Math.min(this.cap, this.items.length * 2);
    const next: (T | undefined)[] = new Array(size);
    for (let i = 0; i < this.len; i++) next[i] = this.at(i);
    this.items = next;
    this.head = 0;
  }
}
