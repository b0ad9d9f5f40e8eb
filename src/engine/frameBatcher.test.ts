import { describe, expect, it } from 'vitest';
import { FrameBatcher, type Scheduler } from './frameBatcher';

function fakeScheduler() {
  const frames: (() => void)[] = [];
  const timers = new Map<number, () => void>();
  let nextId = 1;
  const s: Scheduler = {
    requestFrame: (cb) => frames.push(cb),
    setTimeout: (cb) => {
      const id = nextId++;
      timers.set(id, cb);
      return id;
    },
    clearTimeout: (h) => timers.delete(h as number),
  };
  return {
    s,
    frame: () => frames.splice(0).forEach((f) => f()),
    fireTimers: () => [...timers.values()].forEach((t) => t()),
    pendingFrames: () => frames.length,
    pendingTimers: () => timers.size,
  };
}

describe('FrameBatcher', () => {
  it('delivers everything pushed within a frame as one batch, in order', () => {
    const f = fakeScheduler();
    const batches: number[][] = [];
    const b = new FrameBatcher<number>((x) => batches.push(x), { scheduler: f.s });
    for (let i = 0; i < 1000; i++) b.push(i);
    expect(f.pendingFrames()).toBe(1); // one frame requested, not one per item
    expect(b.pending).toBe(1000);
    f.frame();
    expect(batches).toHaveLength(1);
    expect(batches[0]).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(b.pending).toBe(0);
    expect(f.pendingTimers()).toBe(0); // the fallback timer was cancelled
  });

  it('starts a new batch after a flush', () => {
    const f = fakeScheduler();
    const batches: string[][] = [];
    const b = new FrameBatcher<string>((x) => batches.push(x), { scheduler: f.s });
    b.push('a');
    f.frame();
    b.push('b');
    b.push('c');
    f.frame();
    expect(batches).toEqual([['a'], ['b', 'c']]);
  });

  it('flushes by timer when no animation frame comes (background tab)', () => {
    const f = fakeScheduler();
    const batches: number[][] = [];
    const b = new FrameBatcher<number>((x) => batches.push(x), { scheduler: f.s });
    b.push(1);
    b.push(2);
    f.fireTimers();
    expect(batches).toEqual([[1, 2]]);
    f.frame(); // the late frame finds nothing to do
    expect(batches).toHaveLength(1);
  });

  it('flushNow delivers synchronously', () => {
    const f = fakeScheduler();
    const batches: number[][] = [];
    const b = new FrameBatcher<number>((x) => batches.push(x), { scheduler: f.s });
    b.push(7);
    b.flushNow();
    expect(batches).toEqual([[7]]);
  });
});
