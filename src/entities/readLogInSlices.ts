import type { StreamEvent } from '../core/events';

/** What re-reading needs of the event log. */
export interface ReadableLog {
  readonly firstSeq: number;
  readonly lastSeq: number;
  get(seq: number): StreamEvent | undefined;
  onAppend(listener: (batch: StreamEvent[], evicted: number) => void): () => void;
}

/** How long one slice of reading may hold the main thread. */
const SLICE_MS = 24;
/** Events handed on at once: small enough that a slice ends near its deadline (an entity costs ~10 µs). */
const CHUNK = 256;

/** Runs `work` when the page is idle (a timer where there is no requestIdleCallback), with the time it may take. */
type IdleRunner = (work: (budgetMs: number) => void) => void;

const whenIdle: IdleRunner =
  typeof requestIdleCallback === 'function'
    ? (work) => requestIdleCallback((d) => work(Math.max(4, d.timeRemaining())), { timeout: 1000 })
    : (work) => setTimeout(() => work(SLICE_MS), 16);

/**
 * Reads every held event once, oldest first, then goes on with each appended batch, in order, all in idle time: at
 * most SLICE_MS at once, and only when the page has nothing more urgent (the table drawing a burst comes first, so
 * following the log never slows ingest; a reader may lag a busy stream and catches up when it calms down). `evicted`
 * hears the oldest held seq, in order with the events, whenever the ring drops some. Returns the stop function.
 */
export function followLog(log: ReadableLog, on: { chunk(events: StreamEvent[]): void; evicted(firstSeq: number): void }, idle: IdleRunner = whenIdle): () => void {
  let next = log.firstSeq;
  const until = log.lastSeq;
  let stopped = false;
  let scheduled = false;
  /** Appended batches and evictions not yet handed on, in the order they happened. */
  const queue: (StreamEvent[] | number)[] = [];
  const off = log.onAppend((batch, evicted) => {
    if (batch.length) queue.push(batch);
    if (evicted) queue.push(log.firstSeq);
    schedule();
  });
  const schedule = () => {
    if (scheduled || stopped) return;
    scheduled = true;
    idle(run);
  };
  const run = (budgetMs: number) => {
    scheduled = false;
    if (stopped) return;
    const deadline = performance.now() + Math.min(budgetMs, SLICE_MS);
    // First what the buffer held when reading started…
    while (next <= until && performance.now() < deadline) {
      const end = Math.min(until, next + CHUNK - 1);
      const chunk: StreamEvent[] = [];
      for (let s = Math.max(next, log.firstSeq); s <= end; s++) {
        const e = log.get(s);
        if (e) chunk.push(e);
      }
      if (chunk.length) on.chunk(chunk);
      next = end + 1;
    }
    // …then the batches and evictions since, in order (events already read above are skipped).
    while (next > until && queue.length && performance.now() < deadline) {
      const item = queue[0];
      if (typeof item === 'number') {
        queue.shift();
        on.evicted(item);
        continue;
      }
      // A burst's batch can hold thousands of events: hand it on CHUNK at a time, so the slice can stop in between.
      const first = item.findIndex((e) => e.seq > until && e.seq >= log.firstSeq);
      if (first < 0) {
        queue.shift();
        continue;
      }
      const end = Math.min(item.length, first + CHUNK);
      on.chunk(first === 0 && end === item.length ? item : item.slice(first, end));
      if (end === item.length) queue.shift();
      else queue[0] = item.slice(end);
    }
    if (next <= until || queue.length) schedule();
  };
  if (log.firstSeq > 1) queue.push(log.firstSeq);
  schedule();
  return () => {
    stopped = true;
    off();
  };
}
