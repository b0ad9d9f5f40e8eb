// The lifted history's lists (staged ids, computed states): appends and maxAge commits in O(1).

/** An array with O(1) shift, push and "remove the element at index 1". Compacts itself when half is dead space. */
export class Deque<T> {
  private items: T[] = [];
  private head = 0;
  static from<T>(values: readonly T[]): Deque<T> {
    const d = new Deque<T>();
    d.items = values.slice();
    return d;
  }
  get length(): number {
    return this.items.length - this.head;
  }
  at(i: number): T | undefined {
    if (i < 0) i += this.length;
    return i >= 0 && i < this.length ? this.items[this.head + i] : undefined;
  }
  set(i: number, v: T): void {
    this.items[this.head + i] = v;
  }
  push(v: T): void {
    this.items.push(v);
  }
  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const v = this.items[this.head];
    (this.items as (T | undefined)[])[this.head] = undefined; // let the GC have it
    this.head++;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return v;
  }
  /** Removes the element at index 1, keeping index 0: what committing one excess action does to staged ids. */
  removeSecond(): T | undefined {
    if (this.length < 2) return undefined;
    const first = this.shift() as T;
    const second = this.at(0);
    this.set(0, first);
    return second;
  }
  toArray(): T[] {
    return this.items.slice(this.head);
  }
  /** Index of `v`, by binary search when the values are known to be ascending numbers, else by scan. */
  indexOf(v: T, ascending = false): number {
    if (ascending) {
      let lo = this.head;
      let hi = this.items.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const m = this.items[mid];
        if (m === v) return mid - this.head;
        if ((m as number) < (v as unknown as number)) lo = mid + 1;
        else hi = mid - 1;
      }
      return -1;
    }
    for (let i = this.head; i < this.items.length; i++) if (this.items[i] === v) return i - this.head;
    return -1;
  }
}
