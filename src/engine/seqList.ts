/**
 * Sorted sequence numbers with a moving head: seqs the ring has evicted are skipped, then compacted now and then.
 * Used by the filtered view for the rows that pass a predicate.
 */
export class SeqList {
  a: number[] = [];
  head = 0;

  get length(): number {
    return this.a.length - this.head;
  }

  at(i: number): number {
    return this.a[this.head + i];
  }

  push(seq: number): void {
    this.a.push(seq);
  }

  /** First index (relative to head) whose seq is >= `seq`. */
  lowerBound(seq: number): number {
    let lo = this.head;
    let hi = this.a.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.a[mid] < seq) lo = mid + 1;
      else hi = mid;
    }
    return lo - this.head;
  }

  has(seq: number): boolean {
    const i = this.lowerBound(seq);
    return i < this.length && this.at(i) === seq;
  }

  prune(firstSeq: number): void {
    while (this.head < this.a.length && this.a[this.head] < firstSeq) this.head++;
    // Compact now and then so the array does not grow without bound under a ring that keeps evicting.
    if (this.head > 4096 && this.head * 2 > this.a.length) {
      this.a = this.a.slice(this.head);
      this.head = 0;
    }
  }

  clone(): SeqList {
    const c = new SeqList();
    c.a = this.a.slice(this.head);
    return c;
  }
}
