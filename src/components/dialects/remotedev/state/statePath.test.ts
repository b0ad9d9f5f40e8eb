import { describe, expect, it } from 'vitest';
import { childAt, childrenOf, pathText, resolvePath } from './statePath';

const state = { todos: [{ id: 1, text: 'a' }], byKey: new Map<unknown, unknown>([['a', 1], [2, 'two']]), tags: new Set(['x', 'y']), 'odd-key': { z: 1, b: 2, a10: 3, a9: 4 } };

describe('state paths', () => {
  it('follows a path through objects, arrays, Maps (by key text) and Sets (by position)', () => {
    expect(resolvePath(state, ['todos', 0, 'text'])).toEqual({ value: 'a', depth: 3 });
    expect(resolvePath(state, ['byKey', '"a"'])).toEqual({ value: 1, depth: 2 });
    expect(resolvePath(state, ['byKey', '2'])).toEqual({ value: 'two', depth: 2 });
    expect(resolvePath(state, ['tags', 1])).toEqual({ value: 'y', depth: 2 });
    // As far as it goes: todos[3] is not there, so the value is todos and one segment was found.
    expect(resolvePath(state, ['todos', 3, 'text'])).toEqual({ value: state.todos, depth: 1 });
    expect(childAt(state.todos, '0').found).toBe(false); // index 0, not key "0"
  });

  it('writes a path as code writes it', () => {
    expect(pathText([])).toBe('state');
    expect(pathText(['todos', 0, 'text'])).toBe('todos[0].text');
    expect(pathText(['odd-key', 'z'])).toBe('state["odd-key"].z');
    expect(pathText(['byKey', '"a"'])).toBe('byKey["a"]');
    expect(pathText([2])).toBe('state[2]');
  });

  it('lists keys in the app order or A→Z (numbers in number order), positions always in order', () => {
    expect(childrenOf(state['odd-key'])!.map(([k]) => k)).toEqual(['z', 'b', 'a10', 'a9']);
    expect(childrenOf(state['odd-key'], 'az')!.map(([k]) => k)).toEqual(['a9', 'a10', 'b', 'z']);
    expect(childrenOf(['b', 'a'], 'az')!.map(([, v]) => v)).toEqual(['b', 'a']);
    expect(childrenOf(new Set(['b', 'a']), 'az')!.map(([, v]) => v)).toEqual(['b', 'a']);
    expect(childrenOf('leaf')).toBeUndefined();
    expect(childrenOf(new Date(0))).toBeUndefined();
  });
});
