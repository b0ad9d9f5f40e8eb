import type { StreamEvent } from '../core/events';
import type { Entity, EntityIndex } from './entityIndex';
import type { Version, VersionInfo } from './mapping';
import type { WorldCursor } from './world';
import { entityAsEvent } from './entityEvent';

export interface WorldRow {
  ent: Entity;
  /** Its version as of the cursor (or live). */
  v: Version;
  /** Status, label and parents, read from the version's state. */
  info: VersionInfo;
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
 * The entities as of a cursor: their slots in first-seen order (a row does not move when its entity changes), and
 * each row made only when drawn, so a list of a million entities costs one pass over typed arrays, not a million
 * objects.
 */
export class WorldList {
  constructor(
    private readonly index: EntityIndex,
    private readonly at: (slot: number) => number,
    private readonly slots: Int32Array,
    readonly length: number,
  ) {}

  row(i: number): WorldRow {
    const slot = this.slots[i];
    const ent = this.index.entities[slot];
    const ix = this.at(slot);
    const v = this.index.versionOf(slot, ix)!;
    return { ent, v, info: ent.info(v), events: ix - ent.first + 1 };
  }

  rows(): WorldRow[] {
    return Array.from({ length: this.length }, (_, i) => this.row(i));
  }
}

/** The filter's verdict per slot, for the version it was computed on; dropped when the filter or the slots change. */
interface Verdicts {
  predicate: object;
  epoch: number;
  ver: Int32Array;
  ok: Uint8Array;
}
const verdictsOf = new WeakMap<EntityIndex, Verdicts>();

function verdicts(index: EntityIndex, predicate: object): Verdicts {
  let v = verdictsOf.get(index);
  const n = index.slots;
  if (!v || v.predicate !== predicate || v.epoch !== index.epoch || v.ver.length < n) {
    const size = Math.max(1024, n * 2);
    const ver = new Int32Array(size).fill(-1);
    const ok = new Uint8Array(size);
    if (v && v.predicate === predicate && v.epoch === index.epoch) {
      ver.set(v.ver);
      ok.set(v.ok);
    }
    v = { predicate, epoch: index.epoch, ver, ok };
    verdictsOf.set(index, v);
  }
  return v;
}

/** The entities as of the cursor (null: live), through the query. One pass over typed arrays; verdicts are cached. */
export function listWorld(index: EntityIndex, cursor: WorldCursor | null, q: WorldQuery = {}): WorldList {
  const n = index.slots;
  const { at, dead } = cursor ? cursor.arrays() : { at: index.live, dead: index.liveDead };
  const out = new Int32Array(n);
  let count = 0;
  const p = q.predicate ?? null;
  const cache = p ? verdicts(index, p) : null;
  const first = index.firstVer;
  const showDeleted = !!q.showDeleted;
  for (let slot = 0; slot < n; slot++) {
    const ix = at[slot];
    // Not yet seen, or known only from dropped events.
    if (ix < first[slot] || (dead[slot] && !showDeleted)) continue;
    if (cache) {
      if (cache.ver[slot] !== ix) {
        const ent = index.entities[slot];
        cache.ver[slot] = ix;
        cache.ok[slot] = p!(entityAsEvent(ent, ent.versions[ix]!)) ? 1 : 0;
      }
      if (!cache.ok[slot]) continue;
    }
    out[count++] = slot;
  }
  return new WorldList(index, (slot) => at[slot], out, count);
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
