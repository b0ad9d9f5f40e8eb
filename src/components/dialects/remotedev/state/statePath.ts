// Paths into a decoded state, as the State tab's tree, pin and search use them: one segment per level, a number for
// an array or Set position, otherwise the key as the tree shows it (a Map entry's key as its text, `"a"` or `1`).

import { typedShape } from '../typedValue';
import { joinPath } from '../stateDiff';

export type Seg = string | number;
export type StatePath = readonly Seg[];
export type KeyOrder = 'insertion' | 'az';

/** How keys sort A→Z: numbers within keys in number order (a9 before a10), case aside. */
export const keyCollator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
const collator = keyCollator;
type Entries = [Seg, unknown][];
const cache = { insertion: new WeakMap<object, Entries>(), az: new WeakMap<object, Entries>() };

/**
 * A value's children in the order the tree shows them, or undefined for a leaf. Positions (arrays, Sets) keep their
 * order; keys are sorted A→Z on request. Cached per object: a decoded state is never mutated.
 */
export function childrenOf(v: unknown, order: KeyOrder = 'insertion'): Entries | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const shape = typedShape(v);
  if (shape.kind === 'leaf') return undefined;
  const hit = cache[order].get(v);
  if (hit) return hit;
  let entries = shape.entries(shape.size) as Entries;
  if (order === 'az' && !Array.isArray(v) && !(v instanceof Set)) entries = [...entries].sort((a, b) => collator.compare(String(a[0]), String(b[0])));
  cache[order].set(v, entries);
  return entries;
}

/** The child of `v` at `seg`, without listing the children of an array or a plain object. */
export function childAt(v: unknown, seg: Seg): { found: boolean; value?: unknown } {
  if (typeof v !== 'object' || v === null) return { found: false };
  if (Array.isArray(v)) return typeof seg === 'number' && seg >= 0 && seg < v.length ? { found: true, value: v[seg] } : { found: false };
  const plain = Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null;
  if (plain && typeof seg === 'string') return Object.prototype.hasOwnProperty.call(v, seg) ? { found: true, value: (v as Record<string, unknown>)[seg] } : { found: false };
  const hit = childrenOf(v)?.find(([k]) => k === seg);
  return hit ? { found: true, value: hit[1] } : { found: false };
}

/** Follows `path` from `root` as far as it goes: the value there and how many segments were found. */
export function resolvePath(root: unknown, path: StatePath): { value: unknown; depth: number } {
  let value = root;
  for (let i = 0; i < path.length; i++) {
    const c = childAt(value, path[i]);
    if (!c.found) return { value, depth: i };
    value = c.value;
  }
  return { value, depth: path.length };
}

/** The path as one line of text, the way it is written in code: `todos[0].text` (the root alone is `state`). */
export function pathText(path: StatePath, root = 'state'): string {
  let out = '';
  for (const seg of path) out = joinPath(out, String(seg), typeof seg === 'number');
  return out === '' ? root : out.startsWith('[') ? root + out : out;
}

/** A stable identity for a path (numbers and strings stay apart: index 1 is not key "1"). */
export const pathId = (path: StatePath) => JSON.stringify(path);

export const isPath = (v: unknown): v is Seg[] => Array.isArray(v) && v.every((s) => typeof s === 'string' || typeof s === 'number');

export const startsWith = (path: StatePath, prefix: StatePath) => prefix.length <= path.length && prefix.every((s, i) => path[i] === s);
