import { describe, expect, it } from 'vitest';
import { EventLog } from './eventLog';
import { EventView } from './eventView';
import type { Scheduler } from './frameBatcher';

const manual = (): Scheduler => ({ requestFrame: () => 0, setTimeout: () => 0, clearTimeout: () => {} });

/** A view whose re-filter slices run only when the test says so, on a clock that advances 1 ms per read. */
function setup(n: number, cap = 1000) {
  const log = new EventLog(cap, manual());
  let t = 0;
  const pending: (() => void)[] = [];
  const view = new EventView(log, { sliceMs: 5, now: () => t++, yielder: (cb) => pending.push(cb) });
  const push = (type: string) => log.push('c1', 'json', { dir: 'in', kind: 'message', raw: `{"type":"${type}"}`, type });
  for (let i = 0; i < n; i++) push(i % 3 === 0 ? 'x' : 'y');
  log.flushNow();
  const step = () => pending.shift()?.();
  const drain = () => {
    let k = 0;
    while (pending.length && k++ < 10_000) step();
  };
  return { log, view, push, step, drain, pending };
}

const isX = (e: { type?: string }) => e.type === 'x';

describe('EventView: re-filter in slices', () => {
  it('keeps the old rows until the whole buffer is re-filtered, reporting progress', () => {
    const { view, step, drain, pending } = setup(30_000, 50_000);
    const applied: number[] = [];
    view.onApplied(() => applied.push(view.count));
    view.setFilter(isX);
    expect(view.progress).not.toBeNull();
    expect(view.count).toBe(30_000); // still the previous (unfiltered) rows
    expect(pending.length).toBe(1);
    step();
    const p = view.progress!;
    expect(p.done).toBeGreaterThan(0);
    expect(p.done).toBeLessThan(p.total);
    drain();
    expect(view.progress).toBeNull();
    expect(view.count).toBe(10_000);
    expect(applied).toEqual([10_000]);
  });

  it('events arriving during a re-filter are tested by the new filter and end up in order', () => {
    const { log, view, push, step, drain } = setup(30_000, 50_000);
    view.setFilter(isX);
    step();
    push('x');
    push('y');
    log.flushNow();
    drain();
    expect(view.count).toBe(10_001);
    expect(view.seqAt(view.count - 1)).toBe(30_001);
    for (let i = 1; i < view.count; i++) expect(view.seqAt(i)).toBeGreaterThan(view.seqAt(i - 1));
  });

  it('a newer filter supersedes a running one', () => {
    const { view, step, drain } = setup(30_000, 50_000);
    view.setFilter(isX);
    step();
    view.setFilter((e) => e.type === 'y');
    drain();
    expect(view.count).toBe(20_000);
  });

  it('survives eviction while scanning', () => {
    const { log, view, push, step, drain } = setup(1000, 1000);
    const v2 = new EventView(log, { sliceMs: 0, now: () => 0, yielder: () => {} });
    expect(v2.count).toBe(1000);
    view.setFilter(isX);
    for (let i = 0; i < 500; i++) push('x');
    log.flushNow(); // evicts seqs 1..500 while the scan may still be before them
    step();
    drain();
    expect(view.count).toBe(667); // 167 x among the surviving seqs 501..1000, plus the 500 new ones
    expect(view.seqAt(0)).toBeGreaterThanOrEqual(log.firstSeq);
  });

  it('clear during a scan leaves an empty view', () => {
    const { log, view, drain } = setup(30_000, 50_000);
    view.setFilter(isX);
    log.clear();
    drain();
    expect(view.count).toBe(0);
    expect(view.progress).toBeNull();
  });
});

describe('EventView: highlight mode', () => {
  it('keeps every row and marks the matches; next/previous wrap around', () => {
    const { view } = setup(10);
    view.setMode('highlight');
    view.setFilter(isX); // seqs 1, 4, 7, 10
    expect(view.count).toBe(10);
    expect(view.matchCount).toBe(4);
    expect(view.highlighting).toBe(true);
    expect([1, 2, 4].map((s) => view.isMatch(s))).toEqual([true, false, true]);
    expect(view.nextMatch(null, 1)).toBe(1);
    expect(view.nextMatch(1, 1)).toBe(4);
    expect(view.nextMatch(5, 1)).toBe(7);
    expect(view.nextMatch(10, 1)).toBe(1);
    expect(view.nextMatch(4, -1)).toBe(1);
    expect(view.nextMatch(1, -1)).toBe(10);
    expect(view.nextMatch(null, -1)).toBe(10);
  });

  it('switching modes reuses the matches instead of re-scanning', () => {
    const { view, pending } = setup(30_000, 50_000);
    view.setFilter(isX);
    while (pending.length) pending.shift()!();
    expect(view.count).toBe(10_000);
    view.setMode('highlight');
    expect(pending.length).toBe(0);
    expect(view.count).toBe(30_000);
    expect(view.matchCount).toBe(10_000);
    view.setMode('hide');
    expect(pending.length).toBe(0);
    expect(view.count).toBe(10_000);
  });

  it('new events are marked as they arrive; pause limits matches too', () => {
    const { log, view, push } = setup(3);
    view.setMode('highlight');
    view.setFilter(isX);
    view.pause();
    push('x');
    log.flushNow();
    expect(view.count).toBe(3);
    expect(view.matchCount).toBe(1);
    view.resume();
    expect(view.matchCount).toBe(2);
    expect(view.isMatch(4)).toBe(true);
  });

  it('without a filter every row matches and next walks the rows', () => {
    const { view } = setup(3);
    expect(view.isMatch(2)).toBe(true);
    expect(view.matchCount).toBe(3);
    expect(view.nextMatch(1, 1)).toBe(2);
  });
});

describe('EventView: sorting a paused or filtered view', () => {
  it('is refused on a live unfiltered view, and sorts a paused one with later rows after it', () => {
    const { log, view, push } = setup(0);
    ['b', 'a', 'c'].forEach(push);
    log.flushNow();
    const byType = { id: 'type', desc: false, key: (e: { type?: string }) => e.type ?? '' };
    expect(view.setSort(byType)).toBe(false);
    view.pause();
    expect(view.setSort(byType)).toBe(true);
    expect([0, 1, 2].map((i) => view.at(i)?.type)).toEqual(['a', 'b', 'c']);
    expect(view.indexOf(1)).toBe(1);
    expect(view.setSort({ ...byType, desc: true })).toBe(true);
    expect([0, 1, 2].map((i) => view.at(i)?.type)).toEqual(['c', 'b', 'a']);
    view.resume(); // live again: arrival order
    expect(view.sortedBy).toBeNull();
    expect([0, 1, 2].map((i) => view.at(i)?.type)).toEqual(['b', 'a', 'c']);
  });

  it('on a filtered live view, new matches follow the sorted block; a new filter drops the sort', () => {
    const { log, view, push } = setup(0);
    ['x', 'y', 'x', 'x'].forEach(push); // seqs 1..4
    log.flushNow();
    view.setFilter((e) => e.type === 'x');
    expect(view.setSort({ id: 'seq', desc: true, key: (e) => e.seq })).toBe(true);
    expect([0, 1, 2].map((i) => view.seqAt(i))).toEqual([4, 3, 1]);
    push('x');
    push('y');
    log.flushNow();
    expect(view.count).toBe(4);
    expect(view.seqAt(3)).toBe(5);
    expect(view.indexOf(5)).toBe(3);
    expect(view.indexOf(1)).toBe(2);
    view.setFilter((e) => e.type === 'y');
    expect(view.sortedBy).toBeNull();
    expect([0, 1].map((i) => view.seqAt(i))).toEqual([2, 6]);
  });
});
