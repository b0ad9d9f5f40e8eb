import { describe, expect, it } from 'vitest';
import { RingBuffer } from './ringBuffer';

describe('RingBuffer', () => {
  it('keeps insertion order and evicts the oldest beyond the cap', () => {
    const r = new RingBuffer<number>(3);
    expect([1, 2, 3].map((n) => r.push(n))).toEqual([undefined, undefined, undefined]);
    expect(r.push(4)).toBe(1);
    expect(r.push(5)).toBe(2);
    expect([r.at(0), r.at(1), r.at(2)]).toEqual([3, 4, 5]);
    expect(r.length).toBe(3);
    expect(r.at(3)).toBeUndefined();
    expect(r.at(-1)).toBeUndefined();
  });

  it('grows its storage lazily up to a large cap', () => {
    const r = new RingBuffer<number>(100_000);
    for (let i = 0; i < 5000; i++) r.push(i);
    expect(r.length).toBe(5000);
    expect(r.first()).toBe(0);
    expect(r.last()).toBe(4999);
  });

  it('wraps many times and stays consistent', () => {
    const r = new RingBuffer<number>(7);
    const evicted: number[] = [];
    for (let i = 0; i < 100; i++) {
      const e = r.push(i);
      if (e !== undefined) evicted.push(e);
    }
    expect(evicted).toEqual(Array.from({ length: 93 }, (_, i) => i));
    expect(Array.from({ length: 7 }, (_, i) => r.at(i))).toEqual([93, 94, 95, 96, 97, 98, 99]);
  });

  it('resizes: shrinking evicts and reports the oldest, growing keeps everything', () => {
    const r = new RingBuffer<number>(5);
    for (let i = 0; i < 8; i++) r.push(i); // holds 3..7
    expect(r.resize(2)).toBe(3);
    expect([r.at(0), r.at(1)]).toEqual([6, 7]);
    expect(r.resize(10)).toBe(0);
    for (let i = 8; i < 14; i++) r.push(i);
    expect(r.length).toBe(8);
    expect(r.first()).toBe(6);
    expect(r.push(14)).toBeUndefined();
    expect(r.push(15)).toBeUndefined();
    expect(r.push(16)).toBe(6);
  });

  it('clears', () => {
    const r = new RingBuffer<string>(2);
    r.push('a');
    r.clear();
    expect(r.length).toBe(0);
    expect(r.first()).toBeUndefined();
  });

  it('rejects a capacity below 1', () => {
    expect(() => new RingBuffer(0)).toThrow(RangeError);
  });
});

describe('RingBuffer.collect', () => {
  it('visits the indexes in [from, to) whose items pass, across the wrap of the backing array', () => {
    const r = new RingBuffer<number>(5);
    for (let i = 1; i <= 8; i++) r.push(i); // holds 4..8, wrapped
    const hits: number[] = [];
    r.collect(0, 5, (x) => x % 2 === 0, (i) => hits.push(i));
    expect(hits).toEqual([0, 2, 4]); // 4, 6, 8
    const all: number[] = [];
    r.collect(-3, 99, () => true, (i) => all.push(r.at(i)!));
    expect(all).toEqual([4, 5, 6, 7, 8]);
    const none: number[] = [];
    r.collect(3, 3, () => true, (i) => none.push(i));
    expect(none).toEqual([]);
  });
});
