import type { EventLog } from '../engine';
import { dialects } from '../dialects/registry';
import { EntityIndex } from './entityIndex';
import type { MappingOptions } from './mapping';
import { followLog } from './readLogInSlices';

// The app's one entity index, fed by the event log: each appended batch once, evictions as the ring reports them.
// The index is pure (it is handed batches); this module wires it to the log and to the dialects' mappings.

export { EntityIndex, type Entity, CHECKPOINT_MIN } from './entityIndex';
export { WorldCursor } from './world';
export { listWorld, type WorldRow, type WorldQuery } from './worldList';
export { entityAsEvent } from './entityEvent';
export { compileMapping, type Version, type MappingOptions } from './mapping';
export { buildTree, flattenTree, type TreeNode } from './tree';
export { seqAtTime } from './timeIndex';
export { followLog, type ReadableLog } from './readLogInSlices';

export const entityIndex = new EntityIndex((id) => dialects.find((d) => d.id === id)?.entities);

interface Follow {
  log: EventLog;
  index: EntityIndex;
  stop: (() => void) | null;
}

let follows: Follow | null = null;

/**
 * Hands the index the log to follow. Nothing is read until the Entities view first opens (activateEntities): a
 * stream of unique keys makes one entity per event, which nobody should pay for without looking. Returns the stop
 * function.
 */
export function startEntities(log: EventLog, index: EntityIndex = entityIndex): () => void {
  const f: Follow = { log, index, stop: null };
  follows = f;
  const offClear = log.onClear(() => index.clear());
  restart = (options) => {
    index.setOptions(options);
    if (!f.stop) return;
    f.stop();
    index.clear();
    f.stop = follow(log, index);
  };
  return () => {
    f.stop?.();
    offClear();
    if (follows === f) follows = null;
  };
}

/** Starts reading the buffer (in slices) and then every batch; from then on the index keeps following. */
export function activateEntities(): void {
  if (follows && !follows.stop) follows.stop = follow(follows.log, follows.index);
}

/** Reads what the buffer holds now (in slices), then every appended batch. */
function follow(log: EventLog, index: EntityIndex): () => void {
  return followLog(log, { chunk: (events) => index.ingest(events), evicted: (firstSeq) => index.evictBefore(firstSeq) });
}

let restart: ((options: MappingOptions) => void) | null = null;

/** New mapping options: the index is rebuilt from the buffer, a slice at a time, while batches keep their order. */
export function setMappingOptions(options: MappingOptions): void {
  restart?.(options);
}
