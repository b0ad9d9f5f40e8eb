import { describe, expect, it } from 'vitest';
import { matchSpans, searchState } from './stateSearch';

describe('state search', () => {
  const state = { todos: [{ text: 'Buy milk', done: false }, { text: 'oat MILK' }], milkman: { when: new Date(0) }, count: 3 };

  it('finds keys and values, case-insensitively, in the order the tree draws them', () => {
    expect(searchState(state, 'milk').hits).toEqual([['todos', 0, 'text'], ['todos', 1, 'text'], ['milkman']]);
    expect(searchState(state, 'milk', { order: 'az' }).hits).toEqual([['milkman'], ['todos', 0, 'text'], ['todos', 1, 'text']]);
    // Typed values by their text, numbers and booleans too.
    expect(searchState(state, '1970').hits).toEqual([['milkman', 'when']]);
    expect(searchState(state, 'false').hits).toEqual([['todos', 0, 'done']]);
    expect(searchState(state, '  ').hits).toEqual([]);
  });

  it('visits a shared or circular node once and stops at its budget', () => {
    const loop: Record<string, unknown> = { name: 'loop' };
    loop.self = loop;
    expect(searchState(loop, 'loop').hits).toEqual([['name']]);
    const wide = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, 'x']));
    expect(searchState(wide, 'x', { budget: 100 })).toMatchObject({ truncated: true });
    expect(searchState(wide, 'x', { limit: 10 }).hits).toHaveLength(10);
  });

  it('searches a state 20 000 levels deep without exhausting the stack', () => {
    const root: Record<string, unknown> = {};
    let at = root;
    for (let k = 0; k < 20_000; k++) at = (at.next = {}) as Record<string, unknown>;
    at.needle = 1;
    const r = searchState(root, 'needle');
    expect(r.hits).toHaveLength(1);
    expect(r.hits[0]).toHaveLength(20_001);
  });

  it('marks every occurrence for the highlight', () => {
    expect(matchSpans('"milk and Milk"', 'milk')).toEqual([[1, 5], [10, 14]]);
    expect(matchSpans('abc', '')).toEqual([]);
  });
});
