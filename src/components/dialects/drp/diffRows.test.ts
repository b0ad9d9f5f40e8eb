import { describe, expect, it } from 'vitest';
import { diffRows } from './diffRows';

describe('diffRows', () => {
  it('lists added, removed and changed paths with exact values', () => {
    const before = { Name: 'global', Params: { a: 1, gone: true, list: ['x'] }, Profiles: ['p1', 'p2'] };
    const after = { Name: 'global', Params: { a: 2, list: ['x', 'y'], fresh: { k: 1 } }, Profiles: ['p2'] };
    expect(diffRows(before, after)).toEqual([
      { path: 'Params.a', kind: 'changed', before: 1, after: 2 },
      { path: 'Params.gone', kind: 'removed', before: true },
      { path: 'Params.list[1]', kind: 'added', after: 'y' },
      { path: 'Params.fresh', kind: 'added', after: { k: 1 } },
      { path: 'Profiles[0]', kind: 'removed', before: 'p1' },
    ]);
  });
  it('is empty for equal objects and bounded for huge ones', () => {
    expect(diffRows({ a: 1 }, { a: 1 })).toEqual([]);
    const big = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, i]));
    expect(diffRows({}, big, 50)).toHaveLength(50);
  });
});
