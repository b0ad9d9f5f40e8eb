import type { StreamEvent } from '../core/events';
import { memoTest } from './memoTest';

// Free text over an event whose raw text the log derives from its value (StreamEvent.rawFromValue): that text is
// exactly JSON.stringify(value), and re-serialising a million values per query would allocate ~200 MB and stall the
// page on garbage collection. When the query text holds no JSON punctuation, a match in the compact JSON text can only
// lie inside one token (a key, a string, a number, true/false/null), so the tokens are tested one by one instead.

/** Characters that end a token in compact JSON, or that JSON.stringify would escape. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what JSON escapes
const UNSAFE_QUERY = /["\\{}[\],:\u0000-\u001f\ud800-\udfff]/;
/** A string whose JSON form differs from itself. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what JSON escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** What a finite number's JSON text can hold: a query with any other character never matches inside one. */
const NUMBER_TEXT = /^[\d+\-.e]+$/i;

/**
 * A test equivalent to `re.test(JSON.stringify(value))` for plain query text `text` (no wildcard) compiled to `re`, or
 * null when the text could match across tokens (then the caller serialises).
 *
 * A pass over a million events tests some twenty tokens each, so the test does as little per token as it can: the
 * tokens whose text is fixed (true, false, null) are tested once per query, numbers only when the query could be
 * part of one, and short strings (every key, and values such as a type or a state) once per distinct string.
 */
export function tokenTextTest(text: string, re: RegExp): ((e: StreamEvent) => boolean) | null {
  if (UNSAFE_QUERY.test(text)) return null;
  // A string's JSON form is itself unless it needs escaping; a match inside the plain string is kept by escaping
  // (the text holds none of the escaped characters), but one through an escape sequence's letters needs the JSON form.
  const str = memoTest((s) => re.test(s) || (NEEDS_ESCAPE.test(s) && re.test(JSON.stringify(s))));
  const inTrue = re.test('true');
  const inFalse = re.test('false');
  const inNull = re.test('null');
  const inNumbers = NUMBER_TEXT.test(text);
  const walk = (v: unknown): boolean => {
    if (typeof v === 'string') return str(v);
    if (typeof v === 'number') return Number.isFinite(v) ? inNumbers && re.test(String(v)) : re.test(String(v));
    if (typeof v === 'boolean') return v ? inTrue : inFalse;
    if (v === null) return inNull;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) if (walk(v[i])) return true;
      return false;
    }
    if (typeof v === 'object') {
      const o = v as Record<string, unknown>;
      // A value that writes itself (ExactNumber's digits) is one token: test what JSON.stringify writes for it.
      if (typeof o.toJSON === 'function') return re.test(JSON.stringify(o));
      for (const k in o) {
        if (!Object.prototype.hasOwnProperty.call(o, k)) continue;
        const x = o[k];
        // JSON.stringify leaves out undefined, functions and symbols, keys included.
        if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
        if (str(k) || walk(x)) return true;
      }
    }
    return false;
  };
  return (e) => walk(e.value);
}
