// How the inspector shows decoded remotedev values by type: tree nodes for the Action and State tabs, and a diffable
// copy for jsondiffpatch (see typedText.ts for the types and their one-line text).

import type { TreeShape } from '../../events/JsonTree';
import { jsonShape } from '../../events/JsonTree';
import { diffLabelOf, labelled, leafText, mapKeyText, serializedTypeOf, TypedLeaf, typedText } from '../../../dialects/remotedev';

export { TypedLeaf, typedText };

const protoName = (v: object) => Object.prototype.toString.call(v).slice(8, -1);

/** Tree nodes by type: `Map(2)`, `Set(3)`, `Date 1970-…`, `/ab+c/gi`, `Symbol(tag)`, `Error: boom`, `ImmutableMap {…}`. */
export function typedShape(v: unknown): TreeShape {
  const leaf = leafText(v);
  if (leaf) return { kind: 'leaf', ...leaf };
  if (typeof v !== 'object' || v === null) return jsonShape(v);
  if (v instanceof Map) return { kind: 'branch', label: `Map(${v.size})`, size: v.size, entries: (n) => [...v].slice(0, n).map(([k, x]) => [mapKeyText(k), x]) };
  if (v instanceof Set) return { kind: 'branch', label: `Set(${v.size})`, size: v.size, entries: (n) => [...v].slice(0, n).map((x, i) => [i, x]) };
  if (v instanceof Error) {
    const o: Record<string, unknown> = { name: v.name, message: v.message };
    if (v.stack) o.stack = v.stack;
    for (const k of Object.keys(v)) o[k] = (v as unknown as Record<string, unknown>)[k];
    return { kind: 'branch', label: `${v.name}: ${v.message}`, size: Object.keys(o).length, entries: (n) => Object.entries(o).slice(0, n) };
  }
  const base = jsonShape(v);
  const type = serializedTypeOf(v) ?? diffLabelOf(v);
  return type && base.kind === 'branch' ? { ...base, label: `${type} ${base.label}` } : base;
}

/** Deeper than this, states are compared as a whole: a 20 000-level state must not exhaust the stack. */
const MAX_DIFF_DEPTH = 200;

/**
 * A copy jsondiffpatch can compare: Maps become objects keyed by their keys' text (strings quoted) and Sets arrays (both still labelled
 * with their type), values without children become TypedLeafs. Cycles and levels past MAX_DIFF_DEPTH become leaves.
 */
export function toDiffable(v: unknown, depth = 0, ancestors = new Set<object>()): unknown {
  if (typeof v === 'number' && !Number.isFinite(v)) return new TypedLeaf(String(v));
  if (v === undefined) return new TypedLeaf('undefined');
  const leaf = leafText(v);
  if (leaf) return new TypedLeaf(leaf.text);
  if (v === null || typeof v !== 'object') return v;
  if (ancestors.has(v)) return new TypedLeaf('[Circular]');
  if (depth >= MAX_DIFF_DEPTH) return new TypedLeaf(typedText(v, 120));
  if (v instanceof Error) return new TypedLeaf(`${v.name}: ${v.message}`);
  ancestors.add(v);
  try {
    const next = (x: unknown) => toDiffable(x, depth + 1, ancestors);
    if (v instanceof Map) {
      const o: Record<string, unknown> = {};
      for (const [k, x] of v) o[mapKeyText(k)] = next(x);
      return labelled(o, `Map(${v.size})`);
    }
    if (v instanceof Set) return labelled([...v].map(next), `Set(${v.size})`);
    if (Array.isArray(v)) return labelled(v.map(next), serializedTypeOf(v));
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(v)) o[k] = next((v as Record<string, unknown>)[k]);
    return labelled(o, serializedTypeOf(v) ?? (protoName(v) === 'Object' ? undefined : protoName(v)));
  } finally {
    ancestors.delete(v);
  }
}

/**
 * Indented JSON text of a decoded value for Copy and the JSON view: a Map as an object keyed by its keys' text, a Set
 * as an array, a Date, NaN, undefined, Symbol… as its text (`"Date 1970-…"`), a cycle as `"[Circular]"`.
 */
export function typedJson(v: unknown, indent = 2): string {
  return JSON.stringify(toDiffable(v), (_k, x: unknown) => (x instanceof TypedLeaf ? x.text : x), indent) ?? 'undefined';
}
