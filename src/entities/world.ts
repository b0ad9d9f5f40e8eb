import type { Checkpoint, EntityIndex } from './entityIndex';
import { DELETED, PREV_DELETED } from './changeLog';

/**
 * The world as of one event: every entity's version after the events up to `seq`. Moving the cursor costs the
 * cheapest of: stepping from where it is (one write per change in between), or starting from the nearest checkpoint
 * before it, or from the live end (one copy of an int per entity, plus the changes from there). So a scrub step over
 * a 1 000 000-event buffer touches at most max(entities, 8192) + entities records, all in typed arrays.
 */
/** Beyond this many changes in one move, a list is rebuilt instead of patched. */
export const TOUCHED_MAX = 4096;

export class WorldCursor {
  /** Version per slot as of the cursor: its change index (-1: none). */
  private at = new Float64Array(0);
  /** 1 where that version is a delete. */
  private dead = new Uint8Array(0);
  /** Absolute change index: changes before it are applied. */
  private pos = -1;
  private epoch = -1;
  /** The seq the cursor was last moved to. */
  seq = 0;
  /** Counts moves, so a list built after one move knows it is the next one's predecessor. */
  moves = 0;
  /** The slots the last move changed (with repeats), or null when it started again from a copy or changed many. */
  touched: Int32Array | null = null;
  touchedCount = 0;
  private touchedBuf = new Int32Array(TOUCHED_MAX);

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
      const size = Math.max(n, this.at.length * 2);
      const at = new Float64Array(size).fill(-1);
      at.set(this.at);
      const dead = new Uint8Array(size);
      dead.set(this.dead);
      this.at = at;
      this.dead = dead;
    }
    const stepCost = valid ? Math.abs(target - this.pos) : Infinity;
    let cp: Checkpoint | undefined;
    for (let i = ix.checkpoints.length - 1; i >= 0; i--) {
      if (ix.checkpoints[i].at <= target) {
        cp = ix.checkpoints[i];
        break;
      }
    }
    const fromCheckpoint = cp ? n + (target - cp.at) : Infinity;
    const fromLive = n + (ch.end - target);
    const fromStart = n + (target - ch.head);
    const best = Math.min(stepCost, fromCheckpoint, fromLive, fromStart);
    if (best !== stepCost) {
      this.at.fill(-1);
      this.dead.fill(0);
      if (best === fromLive) {
        this.at.set(ix.live.subarray(0, n));
        this.dead.set(ix.liveDead.subarray(0, n));
        this.pos = ch.end;
      } else if (best === fromCheckpoint && cp) {
        const { at, back } = cp;
        const to = this.at;
        for (let s = 0; s < back.length; s++) to[s] = back[s] ? at - back[s] : -1;
        this.dead.set(cp.dead);
        this.pos = cp.at;
      } else this.pos = ch.head;
    }
    this.epoch = ix.epoch;
    this.moves++;
    const touched = Math.abs(target - this.pos);
    const record = best === stepCost && touched <= TOUCHED_MAX;
    const buf = this.touchedBuf;
    let k = 0;
    const { at, dead } = this;
    for (let c = this.pos; c < target; c++) {
      const slot = ch.slotAt(c);
      at[slot] = c;
      dead[slot] = ch.flagsAt(c) & DELETED ? 1 : 0;
      if (record) buf[k++] = slot;
    }
    for (let c = this.pos - 1; c >= target; c--) {
      const slot = ch.slotAt(c);
      at[slot] = ch.prevAt(c);
      dead[slot] = ch.flagsAt(c) & PREV_DELETED ? 1 : 0;
      if (record) buf[k++] = slot;
    }
    this.touched = record ? buf : null;
    this.touchedCount = k;
    this.pos = target;
    return touched;
  }

  /** Versions (change indexes) and delete flags per slot, as of the cursor (read-only views for one pass). */
  arrays(): { at: Float64Array; dead: Uint8Array } {
    return { at: this.at, dead: this.dead };
  }
}
