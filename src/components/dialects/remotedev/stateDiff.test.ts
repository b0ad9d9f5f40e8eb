import { describe, expect, it } from 'vitest';
import { stateDiff } from './stateDiff';
import { typedText, TypedLeaf } from './typedValue';

describe('stateDiff', () => {
  it('lists changed, added and removed paths', () => {
    expect(stateDiff({ counter: { count: 1 }, a: 1 }, { counter: { count: 3 }, b: 2 })).toEqual([
      { path: 'counter.count', kind: 'changed', before: 1, after: 3 },
      { path: 'a', kind: 'removed', before: 1 },
      { path: 'b', kind: 'added', after: 2 },
    ]);
  });
  it('matches array items by id', () => {
    const rows = stateDiff({ todos: [{ id: 1, done: false }] }, { todos: [{ id: 1, done: true }, { id: 2, done: false }] });
    expect(rows).toEqual([
      { path: 'todos[0].done', kind: 'changed', before: false, after: true },
      { path: 'todos[1]', kind: 'added', after: { id: 2, done: false } },
    ]);
  });
  it('copes with cycles and special values, and returns nothing for equal states', () => {
    const a: Record<string, unknown> = { m: new Map([['k', 1]]) };
    a.self = a;
    expect(stateDiff(a, a)).toEqual([]);
    expect(stateDiff(undefined, { x: 1 })).toEqual([{ path: '', kind: 'changed', before: new TypedLeaf('undefined'), after: { x: 1 } }]);
  });
  it('compares each value by its type: Map entries, Set items, Dates, NaN, undefined', () => {
    const before = { m: new Map<unknown, unknown>([['a', 1], [{ id: 1 }, 'x']]), s: new Set([1]), d: new Date(0), n: NaN, u: undefined, str: 'NaN' };
    const after = { m: new Map<unknown, unknown>([['a', 2], [{ id: 1 }, 'x']]), s: new Set([1, 2]), d: new Date(1000), n: NaN, u: undefined, str: 'NaN' };
    const rows = stateDiff(before, after).map((r) => ({ ...r, before: r.before === undefined ? undefined : typedText(r.before), after: r.after === undefined ? undefined : typedText(r.after) }));
    expect(rows).toEqual([
      { path: 'm["a"]', kind: 'changed', before: '1', after: '2' },
      { path: 's[1]', kind: 'added', before: undefined, after: '2' },
      { path: 'd', kind: 'changed', before: 'Date 1970-01-01T00:00:00.000Z', after: 'Date 1970-01-01T00:00:01.000Z' },
    ]);
    expect(typedText(before)).toBe('{m: Map(2) {"a" => 1, {id: 1} => "x"}, s: Set(1) [1], d: Date 1970-01-01T00:00:00.000Z, n: NaN, u: undefined, str: "NaN"}');
  });
});
