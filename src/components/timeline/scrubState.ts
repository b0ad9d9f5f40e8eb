import { create } from 'zustand';
import { eventLog, eventView } from '../../engine';
import { useStore } from '../../store';
import { reveal } from '../filters/filterState';
import { seqAtTime } from '../../entities';

// The time scrubber's position, outside React so keys, the slider and the rate chart drive one value. null means
// live: the Entities view follows the stream. A position is an event (its seq): the world as of that event.

interface ScrubState {
  seq: number | null;
}

export const useScrub = create<ScrubState>()(() => ({ seq: null }));

/** Moves the scrubber to the event `seq` (clamped to the buffer) and marks that event in the table. */
export function scrubTo(seq: number | null): void {
  if (seq === null) {
    useScrub.setState({ seq: null });
    return;
  }
  eventLog.flushNow();
  if (!eventLog.length) return;
  const s = Math.max(eventLog.firstSeq, Math.min(eventLog.lastSeq, Math.round(seq)));
  useScrub.setState({ seq: s });
  const st = useStore.getState();
  st.setSelected(s);
  st.setFollowing(false);
  reveal(s);
}

/** To the last event received at or before `t` (ms since epoch); before the first, to the first. */
export function scrubToTime(t: number): void {
  scrubTo(seqAtTime(eventLog, t) ?? eventLog.firstSeq);
}

/**
 * One step to the previous (-1) or next (1) row of the table, `n` times: the rows the filter shows, so the event at
 * the cursor is always one the table can mark. From live, a step back starts at the newest row.
 */
export function scrubStep(dir: 1 | -1, n = 1): void {
  eventLog.flushNow();
  const count = eventView.count;
  if (!count) return;
  const cur = useScrub.getState().seq;
  if (eventView.sortedBy) {
    // A sorted table has no time order to step through: step through the buffer instead.
    scrubTo((cur ?? eventLog.lastSeq + 1) + dir * n);
    return;
  }
  // The row index of the first row after `cur` (arrival order, so seqs rise with the index).
  let lo = 0;
  let hi = count;
  const target = cur ?? Infinity;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (eventView.seqAt(mid) <= target) lo = mid + 1;
    else hi = mid;
  }
  const onRow = cur !== null && lo > 0 && eventView.seqAt(lo - 1) === cur;
  const i = dir > 0 ? lo + n - 1 : (onRow ? lo - 1 : lo) - n;
  scrubTo(eventView.seqAt(Math.max(0, Math.min(count - 1, i))));
}
