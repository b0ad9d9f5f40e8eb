// Decoded remotedev values keep their JavaScript types: jsan restores Map, Set, Date, RegExp, Symbol, Error, NaN,
// ±Infinity, undefined and functions, and @redux-devtools/serialize wrappers keep their type name. This writes any
// of them as one line of text, each by its type (`Map(2) {"a" => 1}`, `Date 1970-…`, `NaN`, `"NaN"`), for row
// summaries and the inspector's Diff table.

import { serializedTypeOf } from './decode';

const quotedText = (s: string) => JSON.stringify(s);

function dateText(d: Date): string {
  return Number.isNaN(d.getTime()) ? 'Invalid Date' : d.toISOString();
}

/** The text of a value that has no children: undefined for one that has (objects, arrays, Maps, Sets). */
export function leafText(v: unknown): { text: string; className: string } | undefined {
  switch (typeof v) {
    case 'symbol':
      return { text: v.toString(), className: 'j-type' };
    case 'function':
      return { text: `ƒ ${v.name || 'anonymous'}()`, className: 'j-type' };
    case 'bigint':
      return { text: `${v}n`, className: 'j-num' };
    case 'object':
      if (v instanceof Date) return { text: `Date ${dateText(v)}`, className: 'j-type' };
      if (v instanceof RegExp) return { text: String(v), className: 'j-type' };
      if (v instanceof TypedLeaf) return { text: v.text, className: 'j-type' };
      return undefined;
    default:
      return undefined;
  }
}

/** The key a Map entry is shown under: strings quoted (so "1" and 1 differ), anything else as one line of text. */
export const mapKeyText = (k: unknown) => (typeof k === 'string' ? JSON.stringify(k) : typedText(k, 80));

/** One line of text for any decoded value, each by its type, at most `max` characters. Cycles show as [Circular]. */
export function typedText(v: unknown, max = 300): string {
  let out = '';
  const seen = new Set<object>();
  const write = (s: string) => {
    out += s;
    return out.length < max;
  };
  const walk = (x: unknown, depth: number): boolean => {
    const leaf = leafText(x);
    if (leaf) return write(leaf.text);
    if (x === undefined) return write('undefined');
    if (typeof x === 'string') return write(quotedText(x.length > 200 ? x.slice(0, 200) + '…' : x));
    if (x === null || typeof x !== 'object') return write(String(x));
    if (seen.has(x)) return write('[Circular]');
    if (x instanceof Error) return write(`${x.name}: ${x.message}`);
    const type = x instanceof Map ? `Map(${x.size})` : x instanceof Set ? `Set(${x.size})` : (serializedTypeOf(x) ?? diffLabelOf(x));
    const label = type ? `${type} ` : '';
    if (depth > 3) return write(`${label}${Array.isArray(x) || x instanceof Set ? '[…]' : '{…}'}`);
    seen.add(x);
    try {
      const items: [string | undefined, unknown][] = x instanceof Map ? [...x].map(([k, y]) => [mapKeyText(k), y]) : x instanceof Set || Array.isArray(x) ? [...(x as Iterable<unknown>)].map((y) => [undefined, y]) : Object.keys(x).map((k) => [k, (x as Record<string, unknown>)[k]]);
      const array = Array.isArray(x) || x instanceof Set;
      // A Map, or its diffable copy (keyed by the keys' text, labelled Map(n)).
      const mapLike = x instanceof Map || !!diffLabelOf(x)?.startsWith('Map(');
      if (!write(`${label}${array ? '[' : '{'}`)) return false;
      for (let i = 0; i < items.length; i++) {
        const [k, y] = items[i];
        if (i && !write(', ')) return false;
        if (k !== undefined && !write(mapLike ? `${k} => ` : `${k}: `)) return false;
        if (!walk(y, depth + 1)) return false;
      }
      return write(array ? ']' : '}');
    } finally {
      seen.delete(x);
    }
  };
  walk(v, 0);
  return out.length > max ? out.slice(0, max - 1) + '…' : out;
}

/** A value jsondiffpatch compares as a whole, by its text: Date, RegExp, Symbol, NaN, undefined, cycles… */
export class TypedLeaf {
  constructor(readonly text: string) {}
}

const DIFF_LABEL = Symbol('streamscope.remotedev.diffLabel');
export function diffLabelOf(v: object): string | undefined {
  const t = (v as Record<symbol, unknown>)[DIFF_LABEL];
  return typeof t === 'string' ? t : undefined;
}
export function labelled<T extends object>(o: T, label: string | undefined): T {
  if (label) Object.defineProperty(o, DIFF_LABEL, { value: label });
  return o;
}

