import { describe, expect, it } from 'vitest';
import { RateBins } from './rateBins';

const T0 = 1_780_000_000_000;

describe('RateBins', () => {
  it('counts per second and type, with the busiest types first and the rest as other', () => {
    const r = new RateBins(100);
    const types = ['a', 'a', 'b', 'a', 'c', 'd', 'b', 'a'];
    types.forEach((t, i) => r.add(i + 1, T0 + i * 400, t));
    const s = r.series(2);
    // Receive times 0, 0.4, 0.8 | 1.2, 1.6 | 2.0, 2.4, 2.8 s.
    expect(s.times).toEqual([T0 / 1000, T0 / 1000 + 1, T0 / 1000 + 2]);
    expect(s.series).toEqual([
      { name: 'a', counts: [2, 1, 1] },
      { name: 'b', counts: [1, 0, 1] },
      { name: 'other', counts: [0, 1, 1] },
    ]);
    expect(s.total).toBe(8);
  });

  it('fills quiet seconds with zeros up to now', () => {
    const r = new RateBins(10);
    r.add(1, T0, 'x');
    expect(r.series(5, T0 / 1000 + 3.7).series[0].counts).toEqual([1, 0, 0, 0]);
  });

  it('evicted events leave their bins, including part of a second', () => {
    const r = new RateBins(10);
    for (let i = 1; i <= 10; i++) r.add(i, T0 + i * 300, i % 2 ? 'odd' : 'even');
    r.evictBefore(5);
    const s = r.series(5);
    expect(s.total).toBe(6);
    expect(s.times[0]).toBe(Math.floor((T0 + 5 * 300) / 1000));
    expect(s.series.reduce((n, x) => n + x.counts.reduce((a, b) => a + b, 0), 0)).toBe(6);
    // The ring wraps: later events reuse the evicted slots.
    for (let i = 11; i <= 14; i++) r.add(i, T0 + i * 300, 'late');
    r.evictBefore(9);
    expect(r.series(5).total).toBe(6);
    expect(r.series(1).series[0]).toMatchObject({ name: 'late' });
  });

  it('only counts what it was given: seqs the filter skipped are not evicted twice', () => {
    const r = new RateBins(10);
    r.add(2, T0, 'x');
    r.add(5, T0 + 10, 'x');
    r.evictBefore(4);
    expect(r.series().total).toBe(1);
    r.evictBefore(6);
    expect(r.series()).toEqual({ times: [], series: [], total: 0 });
  });
});
