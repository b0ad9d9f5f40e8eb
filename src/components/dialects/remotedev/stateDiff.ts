import { create } from 'jsondiffpatch';
import { toDiffable, TypedLeaf } from './typedValue';

export interface DiffRow {
  path: string;
  kind: 'added' | 'removed' | 'changed' | 'moved';
  before?: unknown;
  after?: unknown;
}

// Array items are matched by id-like keys when they have one, so inserting a todo shows one addition, not a cascade
// of changes down the list.
const differ = create({
  objectHash: (o: object, i?: number) => {
    const r = o as Record<string, unknown>;
    const id = r.id ?? r._id ?? r.key ?? r.uuid;
    return id === undefined || id === null ? `$$index:${i}` : String(id);
  },
  arrays: { detectMove: true, includeValueOnMove: false },
});
// Typed leaves (Date, NaN, Symbol, undefined…) are equal when their text is: jsondiffpatch would see no keys in them.
const typedLeaves = Object.assign(
  (context: { left: unknown; right: unknown; setResult(r: unknown): { exit(): void } }) => {
    const l = context.left instanceof TypedLeaf;
    const r = context.right instanceof TypedLeaf;
    if (!l && !r) return;
    if (l && r && (context.left as TypedLeaf).text === (context.right as TypedLeaf).text) context.setResult(undefined).exit();
    else context.setResult([context.left, context.right]).exit();
  },
  { filterName: 'typedLeaves' },
);
differ.processor.pipes.diff.before('trivial', typedLeaves as never);

const IDENT = /^[A-Za-z_$][\w$]*$/;
// A Map entry's key is already written as text ("a", 1, {id: 1}): it goes in brackets as it is.
const isMapKey = (key: string) => /^".*"$/.test(key) || /^[[{]/.test(key);
/** `path` and one more key in the notation the inspector writes paths in: `todos[0].text`, `byId["a-b"]`, `m["k"]`. */
export const joinPath = (path: string, key: string, index: boolean) => (index || isMapKey(key) ? `${path}[${key}]` : IDENT.test(key) ? (path ? `${path}.${key}` : key) : `${path}[${JSON.stringify(key)}]`);

/**
 * The changes from `before` to `after`, one row per path, computed with jsondiffpatch. Values are first made
 * diffable (Maps keyed by their keys, Sets as arrays, Dates, NaN, undefined… as typed leaves, cycles cut), so any
 * decoded state can be compared and each value keeps its type. At most `limit` rows.
 */
export function stateDiff(before: unknown, after: unknown, limit = 500): DiffRow[] {
  const delta = differ.diff(toDiffable(before), toDiffable(after));
  const rows: DiffRow[] = [];
  const walk = (d: unknown, path: string): void => {
    if (rows.length >= limit || d === undefined) return;
    if (Array.isArray(d)) {
      if (d.length === 1) rows.push({ path, kind: 'added', after: d[0] });
      else if (d.length === 2) rows.push({ path, kind: 'changed', before: d[0], after: d[1] });
      else if (d[2] === 0) rows.push({ path, kind: 'removed', before: d[0] });
      else if (d[2] === 3) rows.push({ path, kind: 'moved', after: `to index ${d[1]}` });
      else rows.push({ path, kind: 'changed', after: d[0] });
      return;
    }
    if (d && typeof d === 'object') {
      const o = d as Record<string, unknown>;
      const isArray = o._t === 'a';
      for (const k of Object.keys(o)) {
        if (k === '_t') continue;
        // In array deltas "_3" is old index 3 (removed or moved), "3" is new index 3.
        walk(o[k], joinPath(path, isArray && k.startsWith('_') ? k.slice(1) : k, isArray));
      }
    }
  };
  walk(delta, '');
  return rows;
}
