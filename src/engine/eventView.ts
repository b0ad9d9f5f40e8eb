import type { StreamEvent } from '../core/events';
import type { EventLog } from './eventLog';
import { FilterIndexes, type EventPredicate, type RefilterOptions, type RefilterProgress } from './filterIndexes';
import { sortSeqs } from './sortRows';
import { planOf, withPlan } from '../core/predicatePlan';

export type { EventPredicate, RefilterProgress, Yielder } from './filterIndexes';
export type FilterMode = 'hide' | 'highlight';

/**
 * Puts the rows shown (their seqs, in arrival order) in the order their stream holds them now, e.g. a Redux app's
 * history after a reorder; null when arrival order is that order. Rows that arrive later follow in arrival order.
 */
export type RowArranger = (seqs: number[], eventAt: (seq: number) => StreamEvent | undefined) => number[] | null;

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
  private readonly indexes: FilterIndexes;
  /** While paused, only events up to this seq are shown. */
  private limitSeq = Infinity;
  private readonly listeners = new Set<() => void>();
  private readonly progressListeners = new Set<() => void>();
  private readonly appliedListeners = new Set<() => void>();
  /** A sorted snapshot of the rows (seqs), or null for arrival order. */
  private sorted: number[] | null = null;
  private sortedMaxSeq = 0;
  private sortSpec: { id: string; desc: boolean } | null = null;
  /** The stream's own order of its rows (see RowArranger): held in `sorted` while no sort of the user's is. */
  private arranger: RowArranger | null = null;
  private arrangeQueued = false;

  constructor(
    private readonly log: EventLog,
    options: RefilterOptions = {},
  ) {
    this.indexes = new FilterIndexes(log, options, {
      applied: () => this.fireApplied(),
      changed: () => this.notify(),
      progress: () => {
        for (const l of this.progressListeners) l();
      },
    });
    log.onAppend((batch) => this.onBatch(batch));
    log.onClear(() => {
      this.indexes.onClear();
      this.notify();
    });
  }

  private get rows() {
    return this.indexes.rows;
  }

  private get marks() {
    return this.indexes.marks;
  }

  private onBatch(batch: StreamEvent[]): void {
    this.indexes.onBatch(batch);
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
    // The conjunction keeps its parts' plans, so the filter's terms are still answered from the log's columns.
    const plan = { op: 'and', items: all.map(planOf) } as const;
    this.fullPredicate =
      all.length === 0
        ? null
        : all.length === 1
          ? all[0]
          : withPlan(all.length === 2 ? ((a, b) => (e: StreamEvent) => a(e) && b(e))(all[0], all[1]) : (e: StreamEvent) => all.every((p) => p(e)), plan);
    this.assign();
  }

  /** Points each index at the predicate the mode asks for, re-filtering only what changed. */
  private assign(): void {
    const highlight = this.filterMode === 'highlight' && this.filter !== null;
    // The index that takes over the other's predicate goes first, while that list still exists.
    if (highlight) {
      this.indexes.set(this.marks, this.fullPredicate);
      this.indexes.set(this.rows, this.scopePredicate);
    } else {
      this.indexes.set(this.rows, this.fullPredicate);
      this.indexes.set(this.marks, null);
    }
    this.notify();
  }

  private fireApplied(): void {
    // A sorted snapshot belongs to the rows it was taken from.
    this.sorted = null;
    this.sortSpec = null;
    if (this.arranger) this.arrange();
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
    return this.indexes.progress;
  }

  // ---- pause ----

  /** Freezes the rows at `upTo` (what the table drew), else at the newest event received. */
  pause(upTo: number | null = null): void {
    this.log.flushNow();
    this.limitSeq = upTo === null ? this.log.lastSeq : Math.min(upTo, this.log.lastSeq);
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
      if (!this.sortSpec) return true;
      this.sorted = null;
      this.sortSpec = null;
      this.arrange();
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
    this.sorted = sortSeqs(seqs, keys, sort.desc);
    this.sortedMaxSeq = n ? seqs[n - 1] : 0;
    this.sortSpec = { id: sort.id, desc: sort.desc };
    this.notify();
    return true;
  }

  private dropSortIfStale(): void {
    if (this.sortSpec && !this.sortable) {
      this.sorted = null;
      this.sortSpec = null;
      this.arrange();
    }
  }

  // ---- the stream's own order ----

  /** Lists the rows in the order `arranger` gives (null: arrival order), unless the user sorted them. */
  setArranger(arranger: RowArranger | null): void {
    if (arranger === this.arranger) return;
    this.arranger = arranger;
    this.rearrange();
  }

  /**
   * The stream's order changed: arrange the rows again, once the events emitted so far are in the log (a history
   * that comes back reordered can bring rows of its own).
   */
  rearrange(): void {
    if (this.arrangeQueued) return;
    this.arrangeQueued = true;
    queueMicrotask(() => {
      this.arrangeQueued = false;
      this.log.flushNow();
      if (this.arrange()) this.notify();
    });
  }

  /** Applies the arranger to the rows shown now; returns whether the order changed. A sort of the user's wins. */
  private arrange(): boolean {
    if (this.sortSpec) return false;
    const was = this.sorted;
    this.sorted = null;
    if (this.arranger) {
      const n = this.baseCount;
      const seqs = new Array<number>(n);
      for (let i = 0; i < n; i++) seqs[i] = this.baseSeqAt(i);
      const order = this.arranger(seqs, (seq) => this.log.get(seq));
      if (order) {
        this.sorted = order;
        this.sortedMaxSeq = n ? seqs[n - 1] : 0;
      }
    }
    return was !== null || this.sorted !== null;
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

