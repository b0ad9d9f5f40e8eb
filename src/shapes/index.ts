import type { StreamEvent } from '../core/events';
import type { EventLog } from '../engine';
import { ShapeTracker, describeChanges } from './shapeTracker';

export { ShapeTracker, describeChanges, kindsOf, MAX_PATHS_PER_TYPE, MAX_TYPES, type ShapeChange, type ShapeSummary, type TypeSummary, type FieldRow } from './shapeTracker';

// The app's one shape tracker, fed by the event log. Appending only queues the batch; the walk runs a slice at a time
// after the frame (so a fast stream's append stays short), and whoever asks about an event first (the `shape:new`
// filter as a batch is tested, a row being drawn) has the queue read up to it at once, so an answer is never stale.

const SLICE_MS = 6;

export const shapeTracker = new ShapeTracker();

const listeners = new Set<() => void>();
let queue: StreamEvent[][] = [];
/** Position in queue[0]. */
let at = 0;
/** Every event up to this seq has been read. */
let readSeq = 0;
let scheduled = false;
let lastFirstSeq = 0;
let log: EventLog | null = null;

function readUpTo(seq: number, deadline = Infinity): void {
  while (queue.length) {
    const batch = queue[0];
    while (at < batch.length) {
      const e = batch[at];
      if (e.seq > seq) return;
      at++;
      if (e.seq <= readSeq) continue; // read ahead of its batch (catchUp)
      shapeTracker.observe(e);
      readSeq = e.seq;
      if ((at & 255) === 0 && performance.now() > deadline) return;
    }
    queue.shift();
    at = 0;
  }
}

const drain = (): void => {
  scheduled = false;
  readUpTo(Infinity, performance.now() + SLICE_MS);
  if (queue.length) schedule();
  else {
    // Drifts of events the ring has dropped are no one's to show.
    const first = log?.firstSeq ?? 0;
    if (first > lastFirstSeq + 1000) {
      shapeTracker.forgetBefore(first);
      lastFirstSeq = first;
    }
    for (const l of listeners) l();
  }
};

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  setTimeout(drain, 0);
}

/** Follows the log from now on; returns the stop function. */
export function startShapes(eventLog: EventLog): () => void {
  log = eventLog;
  const offAppend = eventLog.onAppend((batch) => {
    if (!batch.length) return;
    queue.push(batch);
    schedule();
  });
  const offClear = eventLog.onClear(() => {
    queue = [];
    at = 0;
    shapeTracker.clear();
    for (const l of listeners) l();
  });
  return () => {
    offAppend();
    offClear();
    if (log === eventLog) log = null;
  };
}

/**
 * Reads everything up to `seq`: the queue first, then the log itself for a batch its other listeners are handling
 * before this module has heard of it (the table's filter tests a batch as it is appended).
 */
function catchUp(seq: number): void {
  readUpTo(seq);
  if (readSeq >= seq || !log) return;
  for (let s = Math.max(readSeq + 1, log.firstSeq); s <= seq; s++) {
    const e = log.get(s);
    if (e) shapeTracker.observe(e);
  }
  readSeq = seq;
}

/** Whether event `e` brought a field or value type its type had not shown before. */
export function isShapeDrift(e: StreamEvent): boolean {
  if (e.seq > readSeq) catchUp(e.seq);
  return shapeTracker.isDrift(e.seq);
}

/** What event `e` changed in its type's shape, in words, or '' when nothing. */
export function shapeNoteOf(e: StreamEvent): string {
  if (e.seq > readSeq) catchUp(e.seq);
  const c = shapeTracker.changesAt(e.seq);
  return c ? describeChanges(c) : '';
}

/** Called when the shapes have read what was queued (at most once per slice of work). */
export function onShapesChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
