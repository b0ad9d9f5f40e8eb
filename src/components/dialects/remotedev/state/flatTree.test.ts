import { describe, expect, it } from 'vitest';
import { flattenTree, PAGE, revealPath, type TreeOpenState } from './flatTree';
import { pathId } from './statePath';

const fresh = (): TreeOpenState => ({ toggled: new Map(), limits: new Map(), defaultDepth: 2 });
const labels = (rows: ReturnType<typeof flattenTree>) => rows.map((r) => (r.kind === 'more' ? `more ${r.left}` : r.path.join('.')));

describe('the state tree as rows', () => {
  const state = { a: { b: { c: 1 } }, list: [1, 2] };

  it('lists open nodes only, open down to the default depth, and keeps toggles by path', () => {
    expect(labels(flattenTree(state, [], fresh(), 'insertion'))).toEqual(['', 'a', 'a.b', 'list', 'list.0', 'list.1']);
    const s = fresh();
    s.toggled.set(pathId(['a', 'b']), true).set(pathId(['list']), false);
    expect(labels(flattenTree(state, [], s, 'insertion'))).toEqual(['', 'a', 'a.b', 'a.b.c', 'list']);
    // Pinned at a: paths stay whole, depth counts from the pin.
    const rows = flattenTree(state.a, ['a'], fresh(), 'insertion');
    expect(labels(rows)).toEqual(['a', 'a.b', 'a.b.c']);
    expect(rows.map((r) => r.depth)).toEqual([0, 1, 2]);
  });

  it('lists a wide node a page at a time, and a cycle closed', () => {
    const wide = { items: Array.from({ length: PAGE + 20 }, (_, i) => i) };
    const rows = flattenTree(wide, [], fresh(), 'insertion');
    expect(rows).toHaveLength(2 + PAGE + 1);
    expect(labels(rows).at(-1)).toBe('more 20');
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    const s = fresh();
    s.defaultDepth = 50;
    expect(labels(flattenTree(loop, [], s, 'insertion'))).toEqual(['', 'self']);
  });

  it('opens and pages what is above a path so a search hit gets a row', () => {
    const deep = { x: { y: Array.from({ length: PAGE * 2 }, (_, i) => ({ i })) } };
    const s = revealPath(fresh(), deep, [], ['x', 'y', PAGE + 5, 'i'], 'insertion');
    const rows = labels(flattenTree(deep, [], s, 'insertion'));
    expect(rows).toContain(`x.y.${PAGE + 5}.i`);
  });
});
