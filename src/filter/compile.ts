import { rawOf, type StreamEvent } from '../core/events';
import type { FilterError, FilterNode, ValueTest } from './ast';
import { DIRECTIONS, parseNumber, parseQuery } from './parse';
import { ExactNumber } from '../core/exactJson';
import { timeTester } from './time';
import { tokenTextTest } from './derivedText';
import { memoTest } from './memoTest';
import { shapeDriftTest } from './shapeTerm';
import { planOf, withPlan } from '../core/predicatePlan';

export type Predicate = (e: StreamEvent) => boolean;

export type CompileResult = { ok: true; ast: FilterNode | null; predicate: Predicate; query: string } | { ok: false; error: FilterError; query: string };

const matchAll: Predicate = () => true;

/** Parses and compiles in one step. Never throws; an empty query matches everything. */
export function compileQuery(query: string): CompileResult {
  const parsed = parseQuery(query);
  if (!parsed.ok) return { ok: false, error: parsed.error, query };
  return { ok: true, ast: parsed.ast, predicate: parsed.ast ? compileNode(parsed.ast) : matchAll, query };
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A case-insensitive regex for free text; `*` inside it is a wildcard. */
function textRegex(text: string, wildcard: boolean): RegExp {
  const src = wildcard ? text.split('*').map(escapeRegex).join('[^]*?') : escapeRegex(text);
  return new RegExp(src, 'i');
}

/**
 * Free text and bare regexes look at the frame as received plus the columns a user reads. The raw frame is tested
 * with one case-insensitive regex, so a query costs no lower-cased copy of a (possibly 10 MB) buffer per event.
 */
function testText(re: RegExp, derived: ((e: StreamEvent) => boolean) | null = null): Predicate {
  const inDerived = derived ?? ((e: StreamEvent) => re.test(rawOf(e)!));
  // Type, action and key repeat across events: each distinct short one is tested once per query.
  const column = memoTest((s) => re.test(s));
  return (e) =>
    (e.raw !== undefined ? re.test(e.raw) : e.rawFromValue === true && inDerived(e)) ||
    (e.summary !== undefined && re.test(e.summary)) ||
    (e.type !== undefined && column(e.type)) ||
    (e.action !== undefined && column(e.action)) ||
    (e.key !== undefined && column(e.key)) ||
    (e.parseError !== undefined && re.test(e.parseError));
}

export function compileNode(n: FilterNode): Predicate {
  switch (n.type) {
    case 'and': {
      const ps = n.items.map(compileNode);
      const plan = { op: 'and', items: ps.map(planOf) } as const;
      if (ps.length === 2) {
        const [a, b] = ps;
        return withPlan((e) => a(e) && b(e), plan);
      }
      return withPlan((e) => {
        for (const p of ps) if (!p(e)) return false;
        return true;
      }, plan);
    }
    case 'or': {
      const ps = n.items.map(compileNode);
      return withPlan(
        (e) => {
          for (const p of ps) if (p(e)) return true;
          return false;
        },
        { op: 'or', items: ps.map(planOf) },
      );
    }
    case 'not': {
      const p = compileNode(n.item);
      return withPlan((e) => !p(e), { op: 'not', item: planOf(p) });
    }
    case 'text': {
      if (n.text === '*') return matchAll;
      const wildcard = n.text.includes('*');
      const re = textRegex(n.text, wildcard);
      return testText(re, wildcard ? null : tokenTextTest(n.text, re));
    }
    case 'regex':
      return testText(new RegExp(n.source, n.flags));
    case 'field':
      return compileField(n.field, n.path, n.test);
  }
}

type LeafTest = (v: unknown) => boolean;

function compileLeafTest(t: ValueTest): LeafTest {
  switch (t.op) {
    case 'exists':
      return (v) => v !== undefined;
    case 'regex': {
      const re = new RegExp(t.source, t.flags);
      return (v) => (typeof v === 'string' ? re.test(v) : typeof v === 'number' || typeof v === 'boolean' || v instanceof ExactNumber ? re.test(String(v)) : false);
    }
    case 'cmp': {
      const x = t.number;
      const cmp: (a: number) => boolean =
        t.cmp === '>' ? (a) => a > x : t.cmp === '>=' ? (a) => a >= x : t.cmp === '<' ? (a) => a < x : t.cmp === '<=' ? (a) => a <= x : (a) => a === x;
      // Integers past 2^53 (in the query or the event) compare as bigints, so 9007199254740993 is not ...992.
      const xi = t.integer !== undefined ? BigInt(t.integer) : Number.isInteger(x) ? BigInt(x) : undefined;
      const cmpBig = (a: bigint): boolean => {
        const y = xi!;
        return t.cmp === '>' ? a > y : t.cmp === '>=' ? a >= y : t.cmp === '<' ? a < y : t.cmp === '<=' ? a <= y : a === y;
      };
      return (v) => {
        if (typeof v === 'number') return t.integer !== undefined && Number.isInteger(v) ? cmpBig(BigInt(v)) : cmp(v);
        if (v instanceof ExactNumber) {
          const b = v.bigint;
          return b !== undefined && xi !== undefined ? cmpBig(b) : cmp(Number(v.source));
        }
        if (typeof v === 'string' && v !== '') {
          const n = parseNumber(v);
          return n !== undefined && cmp(n);
        }
        return false;
      };
    }
    case 'shape':
      return () => false; // only as the event's own term (compileField)
    case 'time': {
      const inRange = timeTester(t.range);
      return (v) => typeof v === 'number' && inRange(v);
    }
    case 'eq': {
      if (t.wildcard) {
        const re = new RegExp(`^${t.value.split('*').map(escapeRegex).join('[^]*')}$`, 'i');
        return (v) => (typeof v === 'string' ? re.test(v) : typeof v === 'number' || typeof v === 'boolean' || v instanceof ExactNumber ? re.test(String(v)) : false);
      }
      const want = t.value;
      const lower = want.toLowerCase();
      const asNumber = want.trim() === '' ? NaN : Number(want);
      // An integer a double cannot hold is matched digit for digit, never through its rounded double.
      const wantBig = /^-?\d+$/.test(want) ? BigInt(want) : undefined;
      const exactWant = wantBig !== undefined && !Number.isSafeInteger(asNumber);
      return (v) => {
        if (typeof v === 'string') return v === want || (v.length === want.length && equalsIgnoringCase(v, lower));
        if (typeof v === 'number') return exactWant ? Number.isInteger(v) && BigInt(v) === wantBig : v === asNumber;
        if (v instanceof ExactNumber) {
          const b = v.bigint;
          // A fraction no double holds equals only the same digits.
          return b !== undefined ? b === wantBig : v.source.toLowerCase() === lower;
        }
        if (typeof v === 'boolean' || v === null) return String(v) === lower;
        return false;
      };
    }
  }
}

/**
 * `v` equals `lower` (already lower-cased) ignoring case. ASCII is folded in place, so a filter pass over a million
 * values allocates no lower-cased copies; anything else falls back to toLowerCase.
 */
function equalsIgnoringCase(v: string, lower: string): boolean {
  for (let i = 0; i < v.length; i++) {
    let c = v.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    else if (c > 127) return v.toLowerCase() === lower;
    if (c !== lower.charCodeAt(i)) return false;
  }
  return true;
}

/** Own property `seg` of `o`, or the first key equal to it ignoring case (users type `object.name` for `Object.Name`). */
function getKey(o: Record<string, unknown>, seg: string, segLower: string): unknown {
  const v = o[seg];
  if (v !== undefined || Object.prototype.hasOwnProperty.call(o, seg)) return v;
  for (const k in o) {
    if (k.length === seg.length && k.toLowerCase() === segLower && Object.prototype.hasOwnProperty.call(o, k)) return o[k];
  }
  return undefined;
}

/**
 * Tests the values at `path` under `root`. Arrays on the way fan out (`items.name:x` matches any item); an array at
 * the end matches when any element does. Walks the already-parsed value: no JSON is re-read per query.
 */
function makePathTester(path: string[], test: LeafTest): (root: unknown) => boolean {
  if (path.length === 1 && !/^\d+$/.test(path[0])) return makeKeyTester(path[0], test);
  const lower = path.map((p) => p.toLowerCase());
  const isIndex = path.map((p) => /^\d+$/.test(p));
  const walk = (v: unknown, i: number): boolean => {
    if (i === path.length) {
      if (Array.isArray(v)) {
        if (test(v)) return true; // `items:*` on an empty array still exists
        for (const x of v) if (test(x)) return true;
        return false;
      }
      return test(v);
    }
    if (v === null || typeof v !== 'object') return false;
    if (Array.isArray(v)) {
      if (isIndex[i]) return walk(v[Number(path[i])], i + 1);
      for (const x of v) if (walk(x, i)) return true;
      return false;
    }
    const next = getKey(v as Record<string, unknown>, path[i], lower[i]);
    return next !== undefined && walk(next, i + 1);
  };
  return (root) => walk(root, 0);
}

/** makePathTester for the common one-key path (`state:running`): the same rules, without the recursive walk. */
function makeKeyTester(key: string, test: LeafTest): (root: unknown) => boolean {
  const lower = key.toLowerCase();
  const atEnd = (v: unknown): boolean => {
    if (!Array.isArray(v)) return test(v);
    if (test(v)) return true; // `items:*` on an empty array still exists
    for (const x of v) if (test(x)) return true;
    return false;
  };
  const tester = (root: unknown): boolean => {
    if (root === null || typeof root !== 'object') return false;
    if (Array.isArray(root)) {
      for (const x of root) if (tester(x)) return true;
      return false;
    }
    const next = getKey(root as Record<string, unknown>, key, lower);
    return next !== undefined && atEnd(next);
  };
  return tester;
}

function compileField(field: string, path: string[], t: ValueTest): Predicate {
  const test = compileLeafTest(t);
  const name = field.toLowerCase();
  if (path.length === 1) {
    switch (name) {
      case 'dir':
      case 'direction':
        if (t.op === 'eq' && !t.wildcard) {
          const d = DIRECTIONS[t.value.toLowerCase()];
          return (e) => e.dir === d;
        }
        return (e) => test(e.dir);
      case 'dialect':
        return (e) => test(e.dialect);
      case 'kind':
        return (e) => test(e.kind);
      case 'conn':
      case 'connection':
        return (e) => test(e.connId);
      case 'seq':
        return (e) => test(e.seq);
      case 'time':
        // The receive time: what the client saw, the scrubber's and the rate chart's axis. `$.time` reads the JSON.
        if (t.op === 'time') return (e) => test(e.receivedAt);
        break;
      case 'shape':
        if (t.op === 'shape') return shapeDriftTest();
        break;
      case 'size':
        return (e) => test(e.size);
      case 'summary':
        return (e) => test(e.summary);
      case 'raw':
      case 'text':
        return (e) => test(rawOf(e));
    }
  }
  // `$.size` forces a JSON path when a name collides with one of the event's own columns above.
  if (path[0] === '$' && path.length > 1) {
    const inValue = makePathTester(path.slice(1), test);
    return (e) => inValue(e.value);
  }
  const inValue = makePathTester(path, test);
  const inFields = makePathTester(path, test);
  const whole = oneKeyField(path, name, test, inValue, inFields);
  if (whole) return whole;
  return (e) => inValue(e.value) || (e.fields !== undefined && inFields(e.fields));
}

/**
 * A term on one top-level key (`state:running`), with the plan that lets the log answer it from a column. Null for
 * any other path, and for keys a column cannot stand for: an index, a key every object inherits (`constructor`), or
 * one whose lower case is longer or shorter than itself (the key lookup then never matches by case).
 */
function oneKeyField(path: string[], name: string, test: LeafTest, inValue: (v: unknown) => boolean, inFields: (v: unknown) => boolean): Predicate | null {
  if (path.length !== 1) return null;
  const key = path[0];
  const lower = key.toLowerCase();
  const plan = (whole: Predicate): Predicate =>
    lower !== name || /^\d+$/.test(key) || lower.length !== key.length || key in Object.prototype || lower in Object.prototype
      ? whole
      : withPlan(whole, { op: 'key', key: lower, test, whole });
  const rest = (e: StreamEvent) => inValue(e.value) || (e.fields !== undefined && inFields(e.fields));
  // The normalised columns: a dialect maps its own names (DRP's Type, …) onto type/action/key.
  // One closure per column, so each reads its property by name (a keyed read by a variable name is slower).
  if (name === 'type') return plan((e) => (e.type !== undefined && test(e.type)) || rest(e));
  if (name === 'action') return plan((e) => (e.action !== undefined && test(e.action)) || rest(e));
  if (name === 'key') return plan((e) => (e.key !== undefined && test(e.key)) || rest(e));
  return plan(rest);
}
