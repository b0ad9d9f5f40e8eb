import type { StreamEvent } from '../core/events';

/** What re-reading needs of the event log. */
export interface ReadableLog {
  readonly firstSeq: number;
  readonly lastSeq: number;
  get(seq: number): StreamEvent | undefined;
  onAppend(listener: (batch: StreamEvent[], evicted: number) => void): () => void;
}

/** How long one slice of re-reading the buffer may hold the main thread. */
const SLICE_MS = 24;
const CHUNK = 2048;

/**
 * Reads every held event once, oldest first, in slices of at most SLICE_MS (a full buffer never blocks the page), then
 * goes on with each appended batch, in order: batches that arrive while it reads wait their turn. `evicted` hears
 * the oldest held seq whenever the ring drops events. Returns the stop function.
 */
export function followLog(log: ReadableLog, on: { chunk(events: StreamEvent[]): void; evicted(firstSeq: number): void }): () => void {
  let next = log.firstSeq;
  const until = log.lastSeq;
  let reading = true;
  let stopped = false;
  const pending: StreamEvent[][] = [];
  const off = log.onAppend((batch, evicted) => {
    if (reading) pending.push(batch);
    else on.chunk(batch);
    if (evicted) on.evicted(log.firstSeq);
  });
  const run = () => {
    if (stopped) return;
    const deadline = performance.now() + SLICE_MS;
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
    if (next <= until) {
      setTimeout(run, 0);
      return;
    }
    reading = false;
    for (const b of pending) {
      const held = b.filter((e) => e.seq > until && e.seq >= log.firstSeq);
      if (held.length) on.chunk(held);
    }
    pending.length = 0;
    on.evicted(log.firstSeq);
  };
  run();
  return () => {
    stopped = true;
    off();
  };
}
