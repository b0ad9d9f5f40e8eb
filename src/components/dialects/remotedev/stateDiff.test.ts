import { describe, expect, it } from 'vitest';
import { stateDiff } from './stateDiff';

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
    expect(stateDiff(undefined, { x: 1 })).toEqual([{ path: '', kind: 'changed', before: '[undefined]', after: { x: 1 } }]);
  });
});
