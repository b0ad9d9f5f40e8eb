import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Publisher, type EngineStats } from './publisher';
import type { EventLog } from './eventLog';
import type { EventView } from './eventView';

/** A stream at `perSecond` events, in batches each animation frame, for `seconds`: the publishes made, and stop. */
function stream(perSecond: number, seconds: number): { published: EngineStats[]; received: number; stop(): void } {
  let received = 0;
  const listeners = new Set<() => void>();
  const log = { counters: () => ({ received, dropped: 0, queued: 0, buffered: received }) } as unknown as EventLog;
  const view = { count: 0, subscribe: (l: () => void) => (listeners.add(l), () => listeners.delete(l)) } as unknown as EventView;
  const publisher = new Publisher(log, view, () => Date.now());
  const published: EngineStats[] = [];
  const stop = publisher.start({ publish: (s) => published.push(s), rate: () => {} });
  const frameMs = 1000 / 60;
  for (let t = 0; t < seconds * 1000; t += frameMs) {
    received += Math.round(perSecond / 60);
    for (const l of listeners) l();
    vi.advanceTimersByTime(frameMs);
  }
  return { published, received, stop };
}

function run(perSecond: number, seconds: number): EngineStats[] {
  const s = stream(perSecond, seconds);
  s.stop();
  return s.published;
}

describe('Publisher', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('updates the table up to 20 times a second at a rate a person can follow', () => {
    const n = run(3000, 3).length;
    expect(n).toBeGreaterThanOrEqual(50);
    expect(n).toBeLessThanOrEqual(62);
  });

  it('updates it about 4 times a second once the stream passes 10 000 events/s, and keeps counting the rate', () => {
    const published = run(24_000, 6);
    // The first fifth of a second publishes at the slow-stream pace, until the rate is known. Five a second made 34.
    expect(published.length).toBeGreaterThanOrEqual(24);
    expect(published.length).toBeLessThanOrEqual(31);
    expect(published.at(-1)!.rate).toBeGreaterThan(20_000);
  });

  it('still shows the last batch once the stream stops (trailing publish)', () => {
    const s = stream(24_000, 1);
    vi.advanceTimersByTime(300);
    expect(s.published.at(-1)!.received).toBe(s.received);
    s.stop();
  });
});
