import type { StreamEvent } from '../core/events';

/** What the search needs of the event log: its held events by position, oldest first. */
export interface HeldEvents {
  readonly length: number;
  at(i: number): StreamEvent | undefined;
}

/**
 * The last held event received at or before `t` (its seq), or undefined when every held event is later. Receive
 * times only go forward in practice; a clock step back makes this land near, not exactly on, the right event.
 */
export function seqAtTime(log: HeldEvents, t: number): number | undefined {
  let lo = 0;
  let hi = log.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (log.at(mid)!.receivedAt <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? undefined : log.at(lo - 1)!.seq;
}
