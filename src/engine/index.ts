// The engine: how a frame becomes a row. It knows nothing of React, the store or any dialect; the store holds what
// the user asked for (pause, capacity, "only this connection") and the engine follows it (startEngine).
//
// The path of one incoming frame, and the clocks on it:
//
//   1. socket.worker.ts (src/transport) owns the WebSocket off the main thread and forwards frames to the page in
//      batches: at most every 4 ms, or at once when 2000 frames wait. [clock 1: worker batch, 4 ms]
//      (remotedev runs its own worker, src/dialects/remotedev/workerHost.ts, with its own batch clock.)
//   2. workerWebSocket.ts replays each batch as WebSocket `message` events to reconnectingSocket.ts, which adds the
//      connection's own rows (connect, close, gap) and its status.
//   3. The dialect decodes the frame (src/core/frames.ts keeps the exact text) and emits an IncomingEvent to the
//      session's EventSink (src/store/sessions.ts, which also notices a connection that stays silent).
//   4. EventLog.push numbers it (seq, receivedAt) and queues it; FrameBatcher appends the queue to the RingBuffer
//      once per animation frame, or after 250 ms in a hidden tab. [clock 2: animation frame]
//      The ring evicts oldest first and counts every eviction as dropped. Each event is one record of one shape; above
//      200 000 events of capacity a compact JSON frame is held once, as its value, and rawOf() derives the exact text
//      again (eventLog.ts, compactRaw).
//   5. EventView hears one call per batch: its FilterIndexes test only the new events against the scopes and the
//      filter (a changed filter re-scans the buffer in ~24 ms slices instead).
//   6. Publisher turns view changes into store updates (viewVersion, counters) at most every 50–250 ms, trailing;
//      the interval stretches when the table reports that its renders cost more than a quarter of the main thread.
//      [clock 3: publish throttle] (remotedev's panel republishes its own instance list every 150 ms.)
//   7. EventTable renders the rows the view lists (virtualised) and reports what it drew (Publisher.tableRendered).
import type { Observable } from '../core/events';
import { EventLog } from './eventLog';
import { EventView } from './eventView';
import { Publisher, type PublishSink } from './publisher';
import { followIntent, type EngineIntent } from './intent';

export { DEFAULT_CAP, EventLog, type LogCounters } from './eventLog';
export { EventView, type EventPredicate, type FilterMode, type RefilterProgress, type RowArranger } from './eventView';
export type { EngineStats, PublishSink } from './publisher';
export type { EngineIntent, RowOrderIntent, RowScopeIntent } from './intent';

/** Every event, in order, with counters of what was received and dropped. */
export const eventLog = new EventLog();
/** What the table shows: the log through the scopes, the filter and the pause point. */
export const eventView = new EventView(eventLog);
const publisher = new Publisher(eventLog, eventView);

/** What the table last drew (read by the benchmarks and tests). */
export const tableStats = publisher.tableStats;

/** Called by the event table once the rows of a render are committed and laid out. */
export function reportTableRendered(rows: number, lastSeq: number, newestSeq?: number): void {
  publisher.tableRendered(rows, lastSeq, newestSeq);
}

/** Called when the event table goes away: a Pause meanwhile freezes at the newest event received. */
export function reportTableGone(): void {
  publisher.tableStats.newestSeq = null;
}

/**
 * Starts the engine: it follows `intent` and publishes to `sink`. Called once, from the entry point; nothing in the
 * engine runs before it.
 */
export function startEngine(options: { intent: Observable<EngineIntent>; sink: PublishSink }): () => void {
  const unfollow = followIntent(options.intent, eventLog, eventView, () => publisher.tableStats.newestSeq);
  const stopPublishing = publisher.start(options.sink);
  return () => {
    unfollow();
    stopPublishing();
  };
}
