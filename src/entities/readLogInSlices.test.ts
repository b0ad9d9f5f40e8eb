import { describe, expect, it } from 'vitest';
import { followLog } from './readLogInSlices';
import type { StreamEvent } from '../core/events';

/** A log of seqs with the onAppend contract, and an idle runner the test drives. */
function fakeLog() {
  const held: StreamEvent[] = [];
  const listeners = new Set<(b: StreamEvent[], evicted: number) => void>();
  let seq = 0;
  const log = {
    get firstSeq() {
      return held[0]?.seq ?? seq + 1;
    },
    get lastSeq() {
      return seq;
    },
    get: (s: number) => held.find((e) => e.seq === s),
    onAppend(l: (b: StreamEvent[], evicted: number) => void) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    append(n: number, cap = Infinity) {
      const batch = Array.from({ length: n }, () => ({ seq: ++seq }) as StreamEvent);
      held.push(...batch);
      const evicted = Math.max(0, held.length - cap);
      held.splice(0, evicted);
      for (const l of listeners) l(batch, evicted);
    },
  };
  return log;
}

describe('followLog', () => {
  it('hands on the held events, then each batch, in order, only when idle; evictions in their place', () => {
    const log = fakeLog();
    log.append(5);
    const idle: ((budget: number) => void)[] = [];
    const seen: string[] = [];
    followLog(log, { chunk: (es) => seen.push(es.map((e) => e.seq).join(',')), evicted: (f) => seen.push(`evict<${f}`) }, (w) => idle.push(w));
    log.append(2);
    log.append(3, 8);
    expect(seen).toEqual([]); // nothing until the page is idle
    while (idle.length) idle.shift()!(50);
    // By then the cap had dropped 1 and 2: what is read is what the buffer still holds.
    expect(seen).toEqual(['3,4,5', '6,7', '8,9,10', 'evict<3']);
  });

  it('skips queued events the buffer dropped before it got to them', () => {
    const log = fakeLog();
    const idle: ((budget: number) => void)[] = [];
    const seen: number[] = [];
    followLog(log, { chunk: (es) => seen.push(...es.map((e) => e.seq)), evicted: () => {} }, (w) => idle.push(w));
    log.append(4, 4);
    log.append(4, 4);
    while (idle.length) idle.shift()!(50);
    expect(seen).toEqual([5, 6, 7, 8]);
  });
});
