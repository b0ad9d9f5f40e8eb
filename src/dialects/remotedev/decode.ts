// Payload decoding as Redux DevTools does it (app-core src/utils/parseJSON.ts): jsan restores circular and shared
// references (`{"$jsan":"$.a.b"}`) and jsan's own type tags (Date `d`, RegExp `r`, undefined `u`, NaN `n`, Infinity
// `i`/`y`, Map `m`, Set `l`, Symbol `s`/`g`, Error `e`, functions `f` as inert stubs); @redux-devtools/serialize's
// `{__serializedType__, data}` wrappers (Immutable.js and custom types) are unwrapped to their data, with the type
// name kept under a symbol so the inspector can label it. jsan never evaluates anything: it is JSON.parse plus a
// reference walk. JSON.parse alone would leave the `$jsan` markers in place.

import jsan from 'jsan';

/** The key under which an unwrapped value remembers its @redux-devtools/serialize type (e.g. "ImmutableMap"). */
export const SERIALIZED_TYPE = Symbol.for('streamscope.remotedev.serializedType');
export const SERIALIZED_REF = Symbol.for('streamscope.remotedev.serializedRef');

function reviver(_key: string, value: unknown): unknown {
  if (typeof value === 'object' && value !== null && '__serializedType__' in value) {
    const v = value as { __serializedType__: unknown; data?: unknown; __serializedRef__?: unknown };
    if (typeof v.data === 'object' && v.data !== null) {
      // Non-enumerable, so the type label never shows up as data in trees, diffs or exports.
      Object.defineProperty(v.data, SERIALIZED_TYPE, { value: v.__serializedType__ });
      if ('__serializedRef__' in v) Object.defineProperty(v.data, SERIALIZED_REF, { value: v.__serializedRef__ });
      return v.data;
    }
  }
  return value;
}

/** Decodes a jsan text. Throws on malformed input, like JSON.parse. Non-strings are returned as they are. */
export function decodeJsan(text: unknown): unknown {
  if (typeof text !== 'string') return text;
  // The reviver costs a call per value; only pay it when a serialize wrapper is present.
  return text.includes('"__serializedType__"') ? jsan.parse(text, reviver) : jsan.parse(text);
}

/** decodeJsan that reports failures instead of throwing. */
export function tryDecodeJsan(text: unknown): { value?: unknown; error?: string } {
  try {
    return { value: decodeJsan(text) };
  } catch (err) {
    return { error: `Could not decode jsan: ${(err as Error).message}` };
  }
}

/** The serialize type of a decoded value, if it came from a `__serializedType__` wrapper. */
export function serializedTypeOf(v: unknown): string | undefined {
  if (typeof v === 'object' && v !== null) {
    const t = (v as Record<symbol, unknown>)[SERIALIZED_TYPE];
    if (typeof t === 'string') return t;
  }
  return undefined;
}

/** Encodes for the wire (IMPORT, non-redux JUMP_TO_STATE): jsan keeps shared and circular references. */
export function encodeJsan(value: unknown): string {
  // Every tag jsan.parse understands is enabled, so whatever arrived tagged goes back tagged; untagged values (Dates the
  // app sent as ISO strings, say) were never turned into objects here and stay as they were.
  return jsan.stringify(value, undefined, undefined, { date: true, regex: true, undefined: true, nan: true, infinity: true, error: true, symbol: true, map: true, set: true, refs: true });
}

/** A preview-friendly copy: Maps, Sets, Dates, functions, symbols… become plain JSON-able values. Cycles become "[Circular]". */
export function toDisplayable(v: unknown, seen = new WeakSet<object>()): unknown {
  if (v === undefined) return '[undefined]';
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'symbol') return v.toString();
  if (typeof v === 'function') return `[function ${String(v)}]`;
  if (v === null || typeof v !== 'object') return v;
  if (v instanceof Date) return v.toISOString();
  if (v instanceof RegExp) return String(v);
  if (v instanceof Error) return `[Error: ${v.message}]`;
  if (seen.has(v)) return '[Circular]';
  seen.add(v);
  try {
    if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [typeof k === 'string' ? k : String(toDisplayable(k, seen)), toDisplayable(x, seen)]));
    if (v instanceof Set) return [...v].map((x) => toDisplayable(x, seen));
    if (Array.isArray(v)) return v.map((x) => toDisplayable(x, seen));
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) out[k] = toDisplayable((v as Record<string, unknown>)[k], seen);
    return out;
  } finally {
    seen.delete(v);
  }
}
