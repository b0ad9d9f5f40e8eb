import type { StreamEvent } from '../dialects/types';
import { eventLog as defaultLog, type EventLog } from './eventLog';

export type EventPredicate = (e: StreamEvent) => boolean;

/**
 * What the table shows: the log's events that pass every scope (e.g. one connection, one remotedev instance) and
 * the user's filter, up to the pause point. Unfiltered, the view is the log itself at no cost; filtered, it is a list
 * of matching sequence numbers maintained per appended batch, never by re-scanning the buffer on each event.
 */
export class EventView {
  private scopes = new Map<string, EventPredicate>();
  private filter: EventPredicate | null = null;
  private predicate: EventPredicate | null = null;
  private matches: number[] = [];
  private head = 0; // matches[head..] are live; the rest were evicted from the log
  /** While paused, only events up to this seq are shown. */
  private limitSeq = Infinity;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly log: EventLog = defaultLog) {
    log.onAppend((batch) => this.onBatch(batch));
    log.onClear(() => {
      this.matches = [];
      this.head = 0;
      this.notify();
    });
  }

  private onBatch(batch: StreamEvent[]): void {
    const p = this.predicate;
    if (p) for (const e of batch) if (p(e)) this.matches.push(e.seq);
    this.prune();
    this.notify();
  }

  private prune(): void {
    const first = this.log.firstSeq;
    while (this.head < this.matches.length && this.matches[this.head] < first) this.head++;
    // Compact now and then so the array does not grow without bound under a ring that keeps evicting.
    if (this.head > 4096 && this.head * 2 > this.matches.length) {
      this.matches = this.matches.slice(this.head);
      this.head = 0;
    }
  }

  private rebuild(): void {
    const p = this.predicate;
    this.matches = [];
    this.head = 0;
    if (p) for (const e of this.log) if (p(e)) this.matches.push(e.seq);
    this.notify();
  }

  private compose(): void {
    const preds = [...this.scopes.values()];
    if (this.filter) preds.push(this.filter);
    this.predicate = preds.length === 0 ? null : preds.length === 1 ? preds[0] : (e) => preds.every((p) => p(e));
    this.rebuild();
  }

  setScope(id: string, predicate: EventPredicate | null): void {
    if (predicate) this.scopes.set(id, predicate);
    else if (!this.scopes.delete(id)) return;
    this.compose();
  }

  setFilter(predicate: EventPredicate | null): void {
    this.filter = predicate;
    this.compose();
  }

  get filtered(): boolean {
    return this.predicate !== null;
  }

  pause(): void {
    this.log.flushNow();
    this.limitSeq = this.log.lastSeq;
    this.notify();
  }

  resume(): void {
    this.limitSeq = Infinity;
    this.notify();
  }

  get paused(): boolean {
    return this.limitSeq !== Infinity;
  }

  /** Rows shown. */
  get count(): number {
    if (!this.predicate) {
      if (this.limitSeq === Infinity) return this.log.length;
      return Math.max(0, Math.min(this.log.length, this.limitSeq - this.log.firstSeq + 1));
    }
    if (this.limitSeq === Infinity) return this.matches.length - this.head;
    return this.upperBound(this.limitSeq) - this.head;
  }

  /** Rows that would be shown without the pause limit (to say how many arrived while paused). */
  get liveCount(): number {
    return this.predicate ? this.matches.length - this.head : this.log.length;
  }

  seqAt(i: number): number {
    return this.predicate ? this.matches[this.head + i] : this.log.firstSeq + i;
  }

  at(i: number): StreamEvent | undefined {
    return this.log.get(this.seqAt(i));
  }

  /** Row index of a seq, or -1 when it is not shown. */
  indexOf(seq: number): number {
    if (!this.predicate) {
      const i = seq - this.log.firstSeq;
      return i >= 0 && i < this.count ? i : -1;
    }
    const i = this.lowerBound(seq);
    return i < this.matches.length && this.matches[i] === seq && i - this.head < this.count ? i - this.head : -1;
  }

  private lowerBound(seq: number): number {
    let lo = this.head;
    let hi = this.matches.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.matches[mid] < seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private upperBound(seq: number): number {
    return this.lowerBound(seq + 1);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    for (const l of this.listeners) l();
  }
}

export const eventView = new EventView();
