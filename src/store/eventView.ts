import type { StreamEvent } from '../dialects/types';
import { eventLog as defaultLog, type EventLog } from './eventLog';

export type EventPredicate = (e: StreamEvent) => boolean;

/**
 * Main-thread budget of one re-filter slice. Long enough that 1 000 000 events need few round trips through the
 * event loop (each one may wait for a frame to render), short enough to stay well under the 50 ms long-task line.
 */
const SLICE_MS = 24;
const FIRST_SLICE_MS = 4;
export type FilterMode = 'hide' | 'highlight';

export interface RefilterProgress {
  /** Events tested so far by the running re-filter(s). */
  done: number;
  total: number;
}

/** Yields to the event loop between re-filter slices. MessageChannel avoids the 4 ms clamp of nested timers. */
export type Yielder = (cb: () => void) => void;

const defaultYield = (): Yielder => {
  if (typeof MessageChannel !== 'undefined') {
    const ch = new MessageChannel();
    const queue: (() => void)[] = [];
    ch.port1.onmessage = () => queue.shift()?.();
    return (cb) => {
      queue.push(cb);
      ch.port2.postMessage(0);
    };
  }
  return (cb) => setTimeout(cb, 0);
};

/** Sorted sequence numbers with a moving head: evicted seqs are skipped, then compacted now and then. */
class SeqList {
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

/** A predicate being applied to the whole buffer, a slice at a time; new batches go to `tail` meanwhile. */
interface Job {
  predicate: EventPredicate;
  list: SeqList;
  tail: number[];
  nextSeq: number;
  startSeq: number;
  endSeq: number;
}

/** The seqs of the buffer that pass one predicate (null: every event, no list kept). */
class Index {
  predicate: EventPredicate | null = null;
  list = new SeqList();
  job: Job | null = null;
}

/**
 * What the table shows: the log's events that pass every scope (e.g. one connection, one remotedev instance) and
 * the user's filter, up to the pause point. Unfiltered, the view is the log itself at no cost; filtered, it is a list
 * of matching sequence numbers maintained per appended batch (cost per batch, never per buffer).
 *
 * A changed filter re-filters the whole buffer in slices of at most ~24 ms of main-thread time; until it is done
 * the previous rows stay on screen and `progress` says how far it got. In highlight mode every row (within scopes)
 * stays and the filter's matches are marked instead (`isMatch`, `nextMatch`).
 */
export class EventView {
  private scopes = new Map<string, EventPredicate>();
  private filter: EventPredicate | null = null;
  private filterMode: FilterMode = 'hide';
  /** scopes ∧ filter, rebuilt only when one of them changes, so indexes can recognise the same predicate. */
  private scopePredicate: EventPredicate | null = null;
  private fullPredicate: EventPredicate | null = null;
  private readonly rows = new Index();
  private readonly marks = new Index();
  /** While paused, only events up to this seq are shown. */
  private limitSeq = Infinity;
  private readonly listeners = new Set<() => void>();
  private readonly progressListeners = new Set<() => void>();
  private readonly appliedListeners = new Set<() => void>();
  private scheduled = false;
  private readonly yieldNow: Yielder;
  /** A sorted snapshot of the rows (seqs), or null for arrival order. */
  private sorted: number[] | null = null;
  private sortedMaxSeq = 0;
  private sortSpec: { id: string; desc: boolean } | null = null;

  constructor(
    private readonly log: EventLog = defaultLog,
    private readonly options: { sliceMs?: number; yielder?: Yielder; now?: () => number } = {},
  ) {
    this.yieldNow = options.yielder ?? defaultYield();
    log.onAppend((batch) => this.onBatch(batch));
    log.onClear(() => {
      for (const ix of [this.rows, this.marks]) {
        ix.list = new SeqList();
        // A running re-filter has nothing left to scan; it completes (empty) on its next slice.
        if (ix.job) Object.assign(ix.job, { list: new SeqList(), tail: [], nextSeq: ix.job.endSeq + 1 });
      }
      this.notify();
    });
  }

  private onBatch(batch: StreamEvent[]): void {
    for (const ix of [this.rows, this.marks]) {
      const p = ix.predicate;
      if (p) for (const e of batch) if (p(e)) ix.list.push(e.seq);
      const job = ix.job;
      if (job) for (const e of batch) if (e.seq > job.endSeq && job.predicate(e)) job.tail.push(e.seq);
      ix.list.prune(this.log.firstSeq);
      job?.list.prune(this.log.firstSeq);
    }
    if (this.sorted?.length && this.sorted.some((seq) => seq < this.log.firstSeq)) {
      const first = this.log.firstSeq;
      this.sorted = this.sorted.filter((seq) => seq >= first);
    }
    this.notify();
  }

  // ---- predicates ----

  private compose(): void {
    const scopes = [...this.scopes.values()];
    this.scopePredicate = scopes.length === 0 ? null : scopes.length === 1 ? scopes[0] : (e) => scopes.every((p) => p(e));
    const all = this.filter ? [...scopes, this.filter] : scopes;
    this.fullPredicate = all.length === 0 ? null : all.length === 1 ? all[0] : all.length === 2 ? ((a, b) => (e: StreamEvent) => a(e) && b(e))(all[0], all[1]) : (e) => all.every((p) => p(e));
    this.assign();
  }

  /** Points each index at the predicate the mode asks for, re-filtering only what changed. */
  private assign(): void {
    const highlight = this.filterMode === 'highlight' && this.filter !== null;
    // The index that takes over the other's predicate goes first, while that list still exists.
    if (highlight) {
      this.setIndex(this.marks, this.fullPredicate);
      this.setIndex(this.rows, this.scopePredicate);
    } else {
      this.setIndex(this.rows, this.fullPredicate);
      this.setIndex(this.marks, null);
    }
    this.notify();
  }

  private setIndex(ix: Index, p: EventPredicate | null): void {
    if (ix.job?.predicate === p) return; // already on its way
    if (!ix.job && ix.predicate === p) return;
    ix.job = null;
    if (p === null) {
      ix.predicate = null;
      ix.list = new SeqList();
      this.fireApplied();
      return;
    }
    // Switching hide ↔ highlight moves the same predicate between indexes: reuse its list instead of re-scanning.
    const other = ix === this.rows ? this.marks : this.rows;
    if (!other.job && other.predicate === p) {
      ix.predicate = p;
      ix.list = other.list.clone();
      this.fireApplied();
      return;
    }
    const start = this.log.firstSeq;
    const end = this.log.lastSeq;
    ix.job = { predicate: p, list: new SeqList(), tail: [], nextSeq: start, startSeq: start, endSeq: end };
    // A short first slice runs now, so a small buffer is re-filtered before this call returns; a large one continues
    // in full slices after the caller's own work (a keystroke's render) is done.
    this.runSlice(FIRST_SLICE_MS);
  }

  private runSlice = (budgetMs?: number): void => {
    this.scheduled = false;
    const now = this.options.now ?? (() => performance.now());
    const deadline = now() + Math.min(budgetMs ?? Infinity, this.options.sliceMs ?? SLICE_MS);
    let completed = false;
    for (const ix of [this.rows, this.marks]) {
      const job = ix.job;
      if (!job) continue;
      const p = job.predicate;
      const log = this.log;
      let s = Math.max(job.nextSeq, log.firstSeq);
      while (s <= job.endSeq) {
        const base = log.firstSeq;
        const lim = Math.min(job.endSeq, s + 1023);
        for (; s <= lim; s++) {
          const e = log.at(s - base);
          if (e !== undefined && p(e)) job.list.push(s);
        }
        if (now() >= deadline) break;
      }
      job.nextSeq = s;
      if (s > job.endSeq) {
        for (const seq of job.tail) job.list.push(seq);
        job.list.prune(log.firstSeq);
        ix.predicate = p;
        ix.list = job.list;
        ix.job = null;
        completed = true;
      }
      if (now() >= deadline) break;
    }
    const announce = () => {
      if (completed) {
        this.fireApplied();
        this.notify();
      }
      for (const l of this.progressListeners) l();
    };
    // The synchronous first slice announces at once (a small buffer is done before setFilter returns). Later slices
    // announce in a task of their own, so the renders they cause never add to a slice's main-thread time.
    if (budgetMs !== undefined) announce();
    else this.yieldNow(announce);
    if ((this.rows.job || this.marks.job) && !this.scheduled) {
      this.scheduled = true;
      this.yieldNow(() => this.runSlice());
    }
  };

  private fireApplied(): void {
    // A sorted snapshot belongs to the rows it was taken from.
    this.sorted = null;
    this.sortSpec = null;
    for (const l of this.appliedListeners) l();
  }

  setScope(id: string, predicate: EventPredicate | null): void {
    if (predicate) this.scopes.set(id, predicate);
    else if (!this.scopes.delete(id)) return;
    this.compose();
  }

  setFilter(predicate: EventPredicate | null): void {
    if (predicate === this.filter) return;
    this.filter = predicate;
    this.compose();
  }

  setMode(mode: FilterMode): void {
    if (mode === this.filterMode) return;
    this.filterMode = mode;
    this.assign();
  }

  get mode(): FilterMode {
    return this.filterMode;
  }

  /** Rows are a subset of the buffer (a filter in hide mode, or a scope). */
  get filtered(): boolean {
    return this.rows.predicate !== null;
  }

  /** A user filter is set (in either mode). */
  get hasFilter(): boolean {
    return this.filter !== null;
  }

  /** Highlight mode with a filter: rows are marked, not hidden. */
  get highlighting(): boolean {
    return this.filterMode === 'highlight' && this.filter !== null;
  }

  /** Non-null while a re-filter runs. */
  get progress(): RefilterProgress | null {
    let done = 0;
    let total = 0;
    for (const ix of [this.rows, this.marks]) {
      const j = ix.job;
      if (!j) continue;
      total += Math.max(0, j.endSeq - j.startSeq + 1);
      done += Math.max(0, Math.min(j.nextSeq, j.endSeq + 1) - j.startSeq);
    }
    return total > 0 || this.rows.job || this.marks.job ? { done, total } : null;
  }

  // ---- pause ----

  pause(): void {
    this.log.flushNow();
    this.limitSeq = this.log.lastSeq;
    this.notify();
  }

  resume(): void {
    this.limitSeq = Infinity;
    this.dropSortIfStale();
    this.notify();
  }

  get paused(): boolean {
    return this.limitSeq !== Infinity;
  }

  // ---- rows ----

  /** Rows shown. */
  get count(): number {
    if (!this.sorted) return this.baseCount;
    return this.sorted.length + (this.baseCount - this.baseIndexAfter(this.sortedMaxSeq));
  }

  /** Rows in arrival order (before any sort). */
  private get baseCount(): number {
    const list = this.rows.predicate ? this.rows.list : null;
    if (!list) {
      if (this.limitSeq === Infinity) return this.log.length;
      return Math.max(0, Math.min(this.log.length, this.limitSeq - this.log.firstSeq + 1));
    }
    if (this.limitSeq === Infinity) return list.length;
    return list.lowerBound(this.limitSeq + 1);
  }

  /** Rows that would be shown without the pause limit (to say how many arrived while paused). */
  get liveCount(): number {
    return this.rows.predicate ? this.rows.list.length : this.log.length;
  }

  seqAt(i: number): number {
    if (this.sorted) {
      if (i < this.sorted.length) return this.sorted[i];
      return this.baseSeqAt(this.baseIndexAfter(this.sortedMaxSeq) + i - this.sorted.length);
    }
    return this.baseSeqAt(i);
  }

  private baseSeqAt(i: number): number {
    return this.rows.predicate ? this.rows.list.at(i) : this.log.firstSeq + i;
  }

  /** Index (in arrival order) of the first row with a seq above `seq`. */
  private baseIndexAfter(seq: number): number {
    if (!this.rows.predicate) return Math.max(0, Math.min(this.baseCount, seq + 1 - this.log.firstSeq));
    return Math.min(this.baseCount, this.rows.list.lowerBound(seq + 1));
  }

  at(i: number): StreamEvent | undefined {
    return this.log.get(this.seqAt(i));
  }

  /** Row index of a seq, or -1 when it is not shown. */
  indexOf(seq: number): number {
    if (this.sorted) {
      if (seq <= this.sortedMaxSeq) return this.sorted.indexOf(seq);
      const i = this.baseIndexOf(seq);
      return i < 0 ? -1 : this.sorted.length + i - this.baseIndexAfter(this.sortedMaxSeq);
    }
    return this.baseIndexOf(seq);
  }

  private baseIndexOf(seq: number): number {
    if (!this.rows.predicate) {
      const i = seq - this.log.firstSeq;
      return i >= 0 && i < this.baseCount ? i : -1;
    }
    const i = this.rows.list.lowerBound(seq);
    return i < this.rows.list.length && this.rows.list.at(i) === seq && i < this.baseCount ? i : -1;
  }

  // ---- matches ----

  /** Events that match the filter among the rows (all rows when there is no filter or in hide mode). */
  get matchCount(): number {
    if (!this.marks.predicate) return this.count;
    const n = this.limitSeq === Infinity ? this.marks.list.length : this.marks.list.lowerBound(this.limitSeq + 1);
    return n;
  }

  /** Whether a row matches the filter; every row does outside highlight mode. */
  isMatch(seq: number): boolean {
    return this.marks.predicate ? this.marks.list.has(seq) : true;
  }

  /**
   * The next (dir 1) or previous (dir -1) matching row after `fromSeq` (null: from the start or end), wrapping
   * around; null when nothing matches.
   */
  nextMatch(fromSeq: number | null, dir: 1 | -1): number | null {
    const list = this.marks.predicate ? this.marks.list : this.rows.predicate ? this.rows.list : null;
    const n = this.count && (list ? (this.limitSeq === Infinity ? list.length : list.lowerBound(this.limitSeq + 1)) : this.count);
    if (!n) return null;
    const seqOf = (i: number) => (list ? list.at(i) : this.log.firstSeq + i);
    let i: number;
    if (fromSeq === null) i = dir > 0 ? 0 : n - 1;
    else if (list) i = dir > 0 ? list.lowerBound(fromSeq + 1) : list.lowerBound(fromSeq) - 1;
    else i = fromSeq - this.log.firstSeq + dir;
    if (i >= n || i < 0) i = dir > 0 ? 0 : n - 1; // wrap around
    return seqOf(Math.max(0, Math.min(n - 1, i)));
  }

  // ---- sorting (paused or filtered view only; a live stream stays in arrival order) ----

  /** Sorting is offered on a paused or filtered view. */
  get sortable(): boolean {
    return this.paused || this.rows.predicate !== null;
  }

  get sortedBy(): { id: string; desc: boolean } | null {
    return this.sortSpec;
  }

  /**
   * Sorts the rows shown now by `key` (numbers before strings; ties in arrival order). Rows that arrive later are
   * listed after the sorted ones, in arrival order. Returns false when the view is live and unfiltered.
   */
  setSort(sort: { id: string; desc: boolean; key: (e: StreamEvent) => number | string } | null): boolean {
    if (!sort) {
      if (!this.sorted) return true;
      this.sorted = null;
      this.sortSpec = null;
      this.notify();
      return true;
    }
    if (!this.sortable) return false;
    this.sorted = null;
    const n = this.baseCount;
    const seqs = new Array<number>(n);
    const keys = new Array<number | string>(n);
    for (let i = 0; i < n; i++) {
      const seq = this.baseSeqAt(i);
      seqs[i] = seq;
      const e = this.log.get(seq);
      keys[i] = e ? sort.key(e) : '';
    }
    const dir = sort.desc ? -1 : 1;
    const order = Array.from({ length: n }, (_, i) => i);
    order.sort((a, b) => {
      const x = keys[a];
      const y = keys[b];
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : typeof x === 'number' ? -1 : typeof y === 'number' ? 1 : x < y ? -1 : x > y ? 1 : 0;
      return c * dir || seqs[a] - seqs[b];
    });
    this.sorted = order.map((i) => seqs[i]);
    this.sortedMaxSeq = n ? seqs[n - 1] : 0;
    this.sortSpec = { id: sort.id, desc: sort.desc };
    this.notify();
    return true;
  }

  private dropSortIfStale(): void {
    if (this.sorted && !this.sortable) {
      this.sorted = null;
      this.sortSpec = null;
    }
  }

  // ---- listeners ----

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called after every re-filter slice (for a progress bar); cheap to subscribe to, unlike `subscribe`. */
  subscribeProgress(listener: () => void): () => void {
    this.progressListeners.add(listener);
    return () => this.progressListeners.delete(listener);
  }

  /** Called when a new filter, scope or mode has been applied to the whole buffer (e.g. to scroll to the selection). */
  onApplied(listener: () => void): () => void {
    this.appliedListeners.add(listener);
    return () => this.appliedListeners.delete(listener);
  }

  private notify(): void {
    for (const l of this.listeners) l();
  }
}

export const eventView = new EventView();
