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
    const c = this.at(slot);
    const v = this.index.versionAt(c)!;
    return { ent, v, info: ent.info(v), events: this.index.eventsUpTo(slot, c) };
  }

  rows(): WorldRow[] {
    return Array.from({ length: this.length }, (_, i) => this.row(i));
  }
}

/** The filter's verdict per slot, for the version it was computed on; dropped when the filter or the slots change. */
interface Verdicts {
  predicate: object;
  epoch: number;
  /** The change index each verdict is for. */
  ver: Float64Array;
  ok: Uint8Array;
}
const verdictsOf = new WeakMap<EntityIndex, Verdicts>();

function verdicts(index: EntityIndex, predicate: object): Verdicts {
  let v = verdictsOf.get(index);
  const n = index.slots;
  if (!v || v.predicate !== predicate || v.epoch !== index.epoch || v.ver.length < n) {
    const size = Math.max(1024, n * 2);
    const ver = new Float64Array(size).fill(-1);
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

/** The last list built per index, and what it was built from: the next scrub step patches it. */
interface BuiltList {
  cursor: WorldCursor;
  moves: number;
  forgets: number;
  epoch: number;
  slots: number;
  predicate: object | null;
  showDeleted: boolean;
  out: Int32Array;
  count: number;
}
const builtOf = new WeakMap<EntityIndex, BuiltList>();
/** Lists made by a full pass and by patching the last one (for tests). */
export const listStats = { full: 0, patched: 0 };

/**
 * The entities as of the cursor (null: live), through the query. One pass over typed arrays, verdicts cached; and
 * when the cursor has moved one step since the last list (a scrub step: a few changes), the last list is patched
 * instead, at the slots that step changed: a step costs a binary search and a move of the array per change, not a
 * pass over every entity. The stream going on meanwhile does not spoil the last list (a full pass per step of a
 * million entities, while the index is still reading or the stream is live, was the step's largest cost): events
 * after the cursor change nothing as of it, entities they add are unseen there, and those the index reads late
 * that lie before it are changes the step applies and records. Only forgotten versions (and a new epoch) do.
 */
export function listWorld(index: EntityIndex, cursor: WorldCursor | null, q: WorldQuery = {}): WorldList {
  const n = index.slots;
  const { at, dead } = cursor ? cursor.arrays() : { at: index.live, dead: index.liveDead };
  const p = q.predicate ?? null;
  const cache = p ? verdicts(index, p) : null;
  const head = index.changes.head;
  const showDeleted = !!q.showDeleted;
  const shows = (slot: number): boolean => {
    const c = at[slot];
    // Not yet seen, or known only from dropped events.
    if (c < head || (dead[slot] && !showDeleted)) return false;
    if (cache) {
      if (cache.ver[slot] !== c) {
        cache.ver[slot] = c;
        cache.ok[slot] = p!(entityAsEvent(index.entities[slot], index.versionAt(c)!)) ? 1 : 0;
      }
      if (!cache.ok[slot]) return false;
    }
    return true;
  };
  const prev = builtOf.get(index);
  const same = (b: BuiltList) =>
    cursor !== null && b.cursor === cursor && b.moves === cursor.moves - 1 && cursor.touched !== null && b.forgets === index.forgets && b.epoch === index.epoch && b.slots <= n && b.predicate === p && b.showDeleted === showDeleted;
  let out: Int32Array;
  let count = 0;
  if (prev && same(prev)) {
    listStats.patched++;
    count = prev.count;
    const touched = cursor!.touched!;
    out = prev.out;
    if (count + cursor!.touchedCount > out.length) {
      out = new Int32Array(Math.max(n, count + cursor!.touchedCount));
      out.set(prev.out.subarray(0, count));
    }
    for (let k = 0; k < cursor!.touchedCount; k++) {
      const slot = touched[k];
      let lo = 0;
      let hi = count;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (out[mid] < slot) lo = mid + 1;
        else hi = mid;
      }
      const present = lo < count && out[lo] === slot;
      const show = shows(slot);
      if (show && !present) {
        out.copyWithin(lo + 1, lo, count);
        out[lo] = slot;
        count++;
      } else if (!show && present) {
        out.copyWithin(lo, lo + 1, count);
        count--;
      }
    }
  } else {
    listStats.full++;
    out = new Int32Array(n);
    if (cache) {
      for (let slot = 0; slot < n; slot++) if (shows(slot)) out[count++] = slot;
    } else {
      // No filter: the same test as shows(), inlined, so a jump over a million entities is one tight loop.
      for (let slot = 0; slot < n; slot++) {
        if (at[slot] >= head && (showDeleted || !dead[slot])) out[count++] = slot;
      }
    }
  }
  if (cursor) builtOf.set(index, { cursor, moves: cursor.moves, forgets: index.forgets, epoch: index.epoch, slots: n, predicate: p, showDeleted, out, count });
  else builtOf.delete(index);
  return new WorldList(index, (slot) => at[slot], out, count);
}
