import type { StreamEvent } from '../core/events';
import type { EventLog } from './eventLog';
import { SeqList } from './seqList';
import { hasKeyTerms, planOf } from '../core/predicatePlan';
import type { SeqTest } from './eventColumns';

export type EventPredicate = (e: StreamEvent) => boolean;

/**
 * Main-thread budget of one re-filter slice. Long enough that 1 000 000 events need few round trips through the
 * event loop (each one may wait for a frame to render), short enough to stay well under the 50 ms long-task line.
 */
const SLICE_MS = 24;
const FIRST_SLICE_MS = 4;

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

export interface RefilterOptions {
  sliceMs?: number;
  yielder?: Yielder;
  now?: () => number;
}

/** A predicate being applied to the whole buffer, a slice at a time; new batches go to `tail` meanwhile. */
interface Job {
  predicate: EventPredicate;
  /** The predicate answered from the log's columns where it can, or null to test each event. */
  bySeq: SeqTest | null;
  list: SeqList;
  tail: number[];
  nextSeq: number;
  startSeq: number;
  endSeq: number;
}

/** The seqs of the buffer that pass one predicate (null: every event, no list kept). */
export class Index {
  predicate: EventPredicate | null = null;
  list = new SeqList();
  job: Job | null = null;
}

/**
 * The view's two indexes, `rows` (what is shown) and `marks` (highlight mode's matches), kept up to date per appended
 * batch, and re-built in slices of at most ~24 ms of main-thread time when their predicate changes.
 */
export class FilterIndexes {
  readonly rows = new Index();
  readonly marks = new Index();
  private scheduled = false;
  private readonly yieldNow: Yielder;

  constructor(
    private readonly log: EventLog,
    private readonly options: RefilterOptions,
    /** applied: a predicate now covers the whole buffer; changed: rows changed; progress: a slice ran. */
    private readonly on: { applied(): void; changed(): void; progress(): void },
  ) {
    this.yieldNow = options.yielder ?? defaultYield();
  }

  onBatch(batch: StreamEvent[]): void {
    for (const ix of [this.rows, this.marks]) {
      const p = ix.predicate;
      if (p) for (const e of batch) if (p(e)) ix.list.push(e.seq);
      const job = ix.job;
      if (job) for (const e of batch) if (e.seq > job.endSeq && job.predicate(e)) job.tail.push(e.seq);
      ix.list.prune(this.log.firstSeq);
      job?.list.prune(this.log.firstSeq);
    }
  }

  onClear(): void {
    for (const ix of [this.rows, this.marks]) {
      ix.list = new SeqList();
      // A running re-filter has nothing left to scan; it completes (empty) on its next slice.
      if (ix.job) Object.assign(ix.job, { list: new SeqList(), tail: [], nextSeq: ix.job.endSeq + 1 });
    }
  }

  /** Points an index at a predicate, re-filtering only when it changed. */
  set(ix: Index, p: EventPredicate | null): void {
    if (ix.job?.predicate === p) return; // already on its way
    if (!ix.job && ix.predicate === p) return;
    ix.job = null;
    if (p === null) {
      ix.predicate = null;
      ix.list = new SeqList();
      this.on.applied();
      return;
    }
    // Switching hide ↔ highlight moves the same predicate between indexes: reuse its list instead of re-scanning.
    const other = ix === this.rows ? this.marks : this.rows;
    if (!other.job && other.predicate === p) {
      ix.predicate = p;
      ix.list = other.list.clone();
      this.on.applied();
      return;
    }
    const start = this.log.firstSeq;
    const end = this.log.lastSeq;
    const plan = planOf(p);
    const columns = this.log.columns;
    const bySeq = columns && hasKeyTerms(plan) ? columns.bind(plan) : null;
    ix.job = { predicate: p, bySeq, list: new SeqList(), tail: [], nextSeq: start, startSeq: start, endSeq: end };
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
      const bySeq = job.bySeq;
      const log = this.log;
      const list = job.list;
      const hit = (seq: number) => list.push(seq);
      let s = Math.max(job.nextSeq, log.firstSeq);
      // Column tests are cheap: fewer clock reads between them.
      const step = bySeq ? 16383 : 1023;
      while (s <= job.endSeq) {
        const lim = Math.min(job.endSeq, s + step);
        if (bySeq) log.collectBySeq(s, lim, bySeq, hit);
        else log.collect(s, lim, p, hit);
        s = lim + 1;
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
        this.on.applied();
        this.on.changed();
      }
      this.on.progress();
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
}
