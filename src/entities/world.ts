import type { EntityIndex } from './entityIndex';
import type { Version } from './mapping';

/**
 * The world as of one event: every entity's version after the events up to `seq`. Moving the cursor costs the
 * cheapest of: stepping from where it is (one write per change in between), or starting from the nearest checkpoint
 * before it, or from the live end (one copy of an int per entity, plus the changes from there). So a scrub step over
 * a 1 000 000-event buffer touches at most max(entities, 8192) + entities records.
 */
export class WorldCursor {
  /** Version index per slot as of the cursor (-1: none). Read it through `versionAt`. */
  private at = new Int32Array(0);
  /** Absolute change index: changes before it are applied. -1: not positioned. */
  private pos = -1;
  private epoch = -1;
  /** The seq the cursor was last moved to. */
  seq = 0;

  constructor(private readonly index: EntityIndex) {}

  /** Positions the cursor after every event up to `seq`; returns how many change records it touched. */
  moveTo(seq: number): number {
    const ix = this.index;
    const ch = ix.changes;
    const target = ch.indexAfter(seq);
    const n = ix.slots;
    this.seq = seq;
    const valid = this.epoch === ix.epoch && this.pos >= ch.head && this.pos <= ch.end;
    if (this.at.length < n) {
      const grown = new Int32Array(Math.max(n, this.at.length * 2)).fill(-1);
      grown.set(this.at);
      this.at = grown;
    }
    const stepCost = valid ? Math.abs(target - this.pos) : Infinity;
    let cp: { at: number; ver: Int32Array } | undefined;
    for (let i = ix.checkpoints.length - 1; i >= 0; i--) {
      if (ix.checkpoints[i].at <= target) {
        cp = ix.checkpoints[i];
        break;
      }
    }
    const fromStart = target - ch.head;
    const fromCheckpoint = cp ? n + (target - cp.at) : Infinity;
    const fromLive = n + (ch.end - target);
    const best = Math.min(stepCost, fromCheckpoint, fromLive, n + fromStart);
    if (best === stepCost) {
      // stay
    } else if (best === fromLive) {
      this.at.fill(-1);
      this.at.set(ix.live.subarray(0, n));
      this.pos = ch.end;
    } else if (best === fromCheckpoint && cp) {
      this.at.fill(-1);
      this.at.set(cp.ver);
      this.pos = cp.at;
    } else {
      this.at.fill(-1);
      this.pos = ch.head;
    }
    this.epoch = ix.epoch;
    const touched = Math.abs(target - this.pos);
    const at = this.at;
    for (let c = this.pos; c < target; c++) at[ch.slotAt(c)] = ch.verAt(c);
    for (let c = this.pos - 1; c >= target; c--) at[ch.slotAt(c)] = ch.verAt(c) - 1;
    this.pos = target;
    return touched;
  }

  /** The version index of the entity in `slot` as of the cursor (-1: not yet seen). */
  indexAt(slot: number): number {
    return slot < this.at.length ? this.at[slot] : -1;
  }

  /** The version of the entity in `slot` as of the cursor (undefined: not known then, or not yet seen). */
  versionAt(slot: number): Version | undefined {
    const v = this.indexAt(slot);
    return v < 0 ? undefined : this.index.versionOf(slot, v);
  }
}
