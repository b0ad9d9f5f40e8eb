import type { StreamEvent } from '../core/events';
import type { Entity, EntityIndex } from './entityIndex';
import type { Version } from './mapping';
import type { WorldCursor } from './world';
import { entityAsEvent } from './entityEvent';

export interface WorldRow {
  ent: Entity;
  /** Its version as of the cursor (or live). */
  v: Version;
  /** Events about it that the buffer holds, up to the cursor. */
  events: number;
}

export interface WorldQuery {
  /** The filter language's predicate (src/filter), tested on entityAsEvent. */
  predicate?: ((e: StreamEvent) => boolean) | null;
  /** Deleted entities are listed too (marked), not only those that exist. */
  showDeleted?: boolean;
}

/**
 * The entities as of the cursor (null: live), in the order they were first seen, so a row does not move when its
 * entity changes. One pass over the entities; the filter's verdict is cached per version.
 */
export function listWorld(index: EntityIndex, cursor: WorldCursor | null, q: WorldQuery = {}): WorldRow[] {
  const rows: WorldRow[] = [];
  const p = q.predicate ?? null;
  const verdicts = p ? verdictCache(p) : null;
  for (const ent of index.entities) {
    const ix = cursor ? cursor.indexAt(ent.slot) : index.live[ent.slot];
    const v = ix >= 0 ? index.versionOf(ent.slot, ix) : undefined;
    if (!v) continue;
    if (v.op === 'delete' && !q.showDeleted) continue;
    if (verdicts) {
      let ok = verdicts.get(v);
      if (ok === undefined) verdicts.set(v, (ok = p!(entityAsEvent(ent, v))));
      if (!ok) continue;
    }
    rows.push({ ent, v, events: ix - ent.first + 1 });
  }
  return rows;
}

const verdictCaches = new WeakMap<object, WeakMap<Version, boolean>>();
function verdictCache(p: object): WeakMap<Version, boolean> {
  let c = verdictCaches.get(p);
  if (!c) verdictCaches.set(p, (c = new WeakMap()));
  return c;
}

/** One entity's held versions, oldest first, with the one before each (for diffs). */
export function historyOf(ent: Entity): { v: Version; prev: Version | undefined }[] {
  const out: { v: Version; prev: Version | undefined }[] = [];
  let prev: Version | undefined;
  for (let i = ent.first; i < ent.versions.length; i++) {
    const v = ent.versions[i];
    if (!v) continue;
    out.push({ v, prev });
    prev = v;
  }
  return out;
}
