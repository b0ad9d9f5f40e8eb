import type { EventLog } from '../engine';
import { dialects } from '../dialects/registry';
import { EntityIndex } from './entityIndex';
import type { MappingOptions } from './mapping';

// The app's one entity index, fed by the event log: each appended batch once, evictions as the ring reports them.
// The index is pure (it is handed batches); this module wires it to the log and to the dialects' mappings.

export { EntityIndex, type Entity, CHECKPOINT_MIN } from './entityIndex';
export { WorldCursor } from './world';
export { listWorld, historyOf, type WorldRow, type WorldQuery } from './worldList';
export { entityAsEvent } from './entityEvent';
export { compileMapping, type Version, type MappingOptions } from './mapping';
export { buildTree, flattenTree, type TreeNode } from './tree';
export { seqAtTime } from './timeIndex';

export const entityIndex = new EntityIndex((id) => dialects.find((d) => d.id === id)?.entities);

/** How long one slice of re-reading the buffer may hold the main thread. */
const SLICE_MS = 24;

let replay: { next: number; until: number; pending: Parameters<EntityIndex['ingest']>[0][] } | null = null;

/** Feeds `index` from `log` from now on; returns the stop function. */
export function startEntities(log: EventLog, index: EntityIndex = entityIndex): () => void {
  const offAppend = log.onAppend((batch, evicted) => {
    if (replay) replay.pending.push(batch);
    else index.ingest(batch);
    if (evicted) index.evictBefore(log.firstSeq);
  });
  const offClear = log.onClear(() => {
    replay = null;
    index.clear();
  });
  return () => {
    offAppend();
    offClear();
  };
}

/**
 * New mapping options (the key path of a generic stream): the index starts again and re-reads the buffer in slices of
 * at most SLICE_MS, so a full buffer never blocks the page; batches that arrive meanwhile follow in order.
 */
export function setMappingOptions(log: EventLog, options: MappingOptions, index: EntityIndex = entityIndex): void {
  index.setOptions(options);
  index.clear();
  index.evictBefore(log.firstSeq);
  replay = { next: log.firstSeq, until: log.lastSeq, pending: [] };
  const run = () => {
    const r = replay;
    if (!r) return;
    const deadline = performance.now() + SLICE_MS;
    while (r.next <= r.until && performance.now() < deadline) {
      const chunk = [];
      const end = Math.min(r.until, r.next + 2047);
      for (let s = Math.max(r.next, log.firstSeq); s <= end; s++) {
        const e = log.get(s);
        if (e) chunk.push(e);
      }
      index.ingest(chunk);
      r.next = end + 1;
    }
    if (r.next <= r.until) {
      setTimeout(run, 0);
      return;
    }
    replay = null;
    for (const b of r.pending) index.ingest(b.filter((e) => e.seq > r.until && e.seq >= log.firstSeq));
    index.evictBefore(log.firstSeq);
  };
  run();
}
