import { compileQuery, type Predicate } from '../../filter';
import { eventLog } from '../../engine';
import { followLog } from '../../entities';
import { RateBins } from '../../rates/rateBins';
import type { StreamEvent } from '../../core/events';
import { useFilter } from '../filters/filterState';

// Feeds the rate chart while it is open: the buffer's events through the active filter (the same query the table
// applies, in either mode), counted per second and type. A new filter, Clear or a new cap start it again from the
// buffer, read in slices.

/** What a row counts as in the chart: its type column, else its kind (connect, close, text…). */
export function rateType(e: StreamEvent): string {
  return e.type ?? (e.kind === 'message' ? '(no type)' : e.kind);
}

export interface RateFeed {
  bins(): RateBins;
  stop(): void;
}

export function startRateFeed(): RateFeed {
  let bins = new RateBins(eventLog.capacity);
  let predicate: Predicate | null = null;
  let applied: string | null = null;
  let stopReading = () => {};
  let restartQueued = false;
  const restart = () => {
    restartQueued = false;
    stopReading();
    bins = new RateBins(eventLog.capacity);
    const counting = bins;
    stopReading = followLog(eventLog, {
      chunk: (events) => {
        // The cap changed: the ring of types must hold the whole buffer.
        if (eventLog.capacity !== counting.capacityHeld) {
          if (!restartQueued) queueMicrotask(restart);
          restartQueued = true;
          return;
        }
        for (const e of events) if (!predicate || predicate(e)) counting.add(e.seq, e.receivedAt, rateType(e));
      },
      evicted: (firstSeq) => counting.evictBefore(firstSeq),
    });
  };
  const readFilter = (): boolean => {
    const text = useFilter.getState().applied;
    if (text === applied) return false;
    applied = text;
    const r = compileQuery(text);
    predicate = r.ok && r.ast ? r.predicate : null;
    return true;
  };
  readFilter();
  restart();
  const offFilter = useFilter.subscribe(() => {
    if (readFilter()) restart();
  });
  const offClear = eventLog.onClear(restart);
  return {
    bins: () => bins,
    stop() {
      stopReading();
      offFilter();
      offClear();
    },
  };
}
