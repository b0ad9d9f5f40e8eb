/**
 * Events per second, per type, over the events a counter was given (the buffer's, through the active filter): one
 * bin per second of receive time. It follows the buffer: evicting the oldest events takes them out of their bins
 * again (each counted event's type is kept per seq in a ring the size of the buffer), so the chart never shows
 * events the buffer no longer holds.
 */
export interface RateSeries {
  /** Bin start times, seconds since the epoch (uPlot's time axis). */
  times: number[];
  /** The busiest types first, then "other"; counts per bin. */
  series: { name: string; counts: number[] }[];
  total: number;
}

interface Bin {
  second: number;
  total: number;
  byType: Map<number, number>;
}

const NONE = 0xffff;
const MAX_TYPES = NONE - 1;

export class RateBins {
  private bins: Bin[] = [];
  private head = 0;
  private typeIds = new Map<string, number>();
  private typeNames: string[] = [];
  private typeTotals: number[] = [];
  /** Per seq (mod the ring's size): the type id it was counted under, or NONE. */
  private ring: Uint16Array;
  private seconds: Float64Array;
  private firstSeq = 1;
  private lastSeq = 0;
  total = 0;

  constructor(private readonly capacity: number) {
    this.ring = new Uint16Array(capacity).fill(NONE);
    this.seconds = new Float64Array(capacity);
  }

  /** The most events it can hold (the buffer's cap when it was made). */
  get capacityHeld(): number {
    return this.capacity;
  }

  private typeId(name: string): number {
    let id = this.typeIds.get(name);
    if (id === undefined) {
      id = this.typeNames.length < MAX_TYPES ? this.typeNames.length : this.typeId('(other types)');
      if (id === this.typeNames.length) {
        this.typeIds.set(name, id);
        this.typeNames.push(name);
        this.typeTotals.push(0);
      }
    }
    return id;
  }

  /** Counts event `seq` (seqs rise; skipped seqs are events the filter left out). */
  add(seq: number, time: number, type: string): void {
    for (let s = Math.max(this.lastSeq + 1, seq - this.capacity); s < seq; s++) this.ring[s % this.capacity] = NONE;
    this.lastSeq = seq;
    const id = this.typeId(type);
    const second = Math.floor(time / 1000);
    this.ring[seq % this.capacity] = id;
    this.seconds[seq % this.capacity] = second;
    let bin = this.bins[this.bins.length - 1];
    if (!bin || this.bins.length === this.head || bin.second < second) {
      bin = { second, total: 0, byType: new Map() };
      this.bins.push(bin);
    } else if (bin.second > second) {
      // A receive time that went back (a clock step): count it in the newest bin rather than reorder the bins.
      this.seconds[seq % this.capacity] = bin.second;
    }
    bin.total++;
    bin.byType.set(id, (bin.byType.get(id) ?? 0) + 1);
    this.typeTotals[id]++;
    this.total++;
  }

  /** The buffer now starts at `firstSeq`: the older events leave their bins. */
  evictBefore(firstSeq: number): void {
    const end = Math.min(firstSeq, this.lastSeq + 1);
    for (let s = Math.max(this.firstSeq, end - this.capacity); s < end; s++) {
      const id = this.ring[s % this.capacity];
      if (id === NONE) continue;
      this.ring[s % this.capacity] = NONE;
      const second = this.seconds[s % this.capacity];
      while (this.head < this.bins.length && this.bins[this.head].second < second) this.head++;
      const bin = this.bins[this.head];
      if (!bin || bin.second !== second) continue;
      bin.total--;
      const n = (bin.byType.get(id) ?? 1) - 1;
      if (n) bin.byType.set(id, n);
      else bin.byType.delete(id);
      this.typeTotals[id]--;
      this.total--;
      if (bin.total === 0) this.head++;
    }
    this.firstSeq = Math.max(this.firstSeq, firstSeq);
    if (this.head > 1024 && this.head * 2 > this.bins.length) {
      this.bins = this.bins.slice(this.head);
      this.head = 0;
    }
  }

  /**
   * The series to draw: one point per second from the oldest held bin to `until` (seconds; empty seconds are 0), the
   * `top` busiest types by name and the rest summed as "other".
   */
  series(top = 5, until?: number): RateSeries {
    const held = this.bins.slice(this.head).filter((b) => b.total > 0);
    if (!held.length) return { times: [], series: [], total: 0 };
    const start = held[0].second;
    const last = Math.max(held[held.length - 1].second, Math.floor(until ?? 0));
    const n = last - start + 1;
    const ranked = this.typeTotals.map((t, id) => [id, t] as const).filter(([, t]) => t > 0).sort((a, b) => b[1] - a[1]);
    const shown = ranked.slice(0, top).map(([id]) => id);
    const slot = new Map(shown.map((id, i) => [id, i]));
    const hasOther = ranked.length > top;
    const counts = [...shown, ...(hasOther ? [-1] : [])].map(() => new Array<number>(n).fill(0));
    for (const b of held) {
      const x = b.second - start;
      for (const [id, c] of b.byType) counts[slot.get(id) ?? shown.length][x] += c;
    }
    const times = Array.from({ length: n }, (_, i) => start + i);
    const series = shown.map((id, i) => ({ name: this.typeNames[id], counts: counts[i] }));
    if (hasOther) series.push({ name: 'other', counts: counts[shown.length] });
    return { times, series, total: this.total };
  }
}
