// Payload decoding as Redux DevTools does it (app-core src/utils/parseJSON.ts): jsan restores circular and shared
// references (`{"$jsan":"$.a.b"}`) and jsan's own type tags (Date `d`, RegExp `r`, undefined `u`, NaN `n`, Infinity
// `i`/`y`, Map `m`, Set `l`, Symbol `s`/`g`, Error `e`, functions `f` as inert stubs); @redux-devtools/serialize's
// `{__serializedType__, data}` wrappers (Immutable.js and custom types) are unwrapped to their data, with the type
// name kept under a symbol so the inspector can label it (and Export wraps them again). jsan never evaluates anything: it is JSON.parse plus a
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
  // app sent as ISO strings, say) were never turned into objects here and stay as they were. Values that came in a
  // @redux-devtools/serialize wrapper go back in one, with their type name.
  return jsan.stringify(value, rewrap, undefined, { date: true, regex: true, undefined: true, nan: true, infinity: true, error: true, symbol: true, map: true, set: true, refs: true });
}

function rewrap(_key: string, v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v;
  const type = (v as Record<symbol, unknown>)[SERIALIZED_TYPE];
  if (typeof type !== 'string') return v;
  // The copy has no symbol keys, so it is not wrapped again.
  const data = Array.isArray(v) ? [...v] : { ...v };
  const ref = (v as Record<symbol, unknown>)[SERIALIZED_REF];
  return ref === undefined ? { data, __serializedType__: type } : { data, __serializedType__: type, __serializedRef__: ref };
}
