import type { CompareOp, FilterError, FilterNode, ValueTest } from './ast';
import { errorMessage } from '../core/errors';
import { parseTimeRange } from './time';

/**
 * The filter language, by example:
 *   error                    free text, case-insensitive, anywhere in the frame, summary, type, action or key
 *   "two words"              quoted text (also `field:"a b"`); quotes make `*` literal
 *   type:container           field equality on a dot path into the event's JSON (`Object.Name:global`)
 *   type:contai*             `*` wildcard; `field:*` means the field exists
 *   metric:>0.5  size:>=1kb  numeric comparison (>, >=, <, <=, =); sizes take b, kb, mb, gb
 *   /^machines\./  key:/x$/i regular expression, alone or as a field value
 *   dir:in  dialect:drp      event direction (in, out, system) and dialect
 *   time:>12:01:03           receive time: time:12:01..12:05, time:<=12:01:03.250, time:2026-12-01T12:01..
 *   shape:new                events that brought a field or value type their type had not shown before
 *   -term  NOT term          negation
 *   a b   a AND b            both (space means AND)
 *   a OR b                   either; AND binds tighter than OR, so `a b OR c` is `(a b) OR c`
 *   ( … )                    grouping
 * parseQuery never throws: a malformed query returns an error with the character span to point at.
 */
export type ParseResult = { ok: true; ast: FilterNode | null } | { ok: false; error: FilterError };

const MAX_DEPTH = 64;
const FIELD_NAME = /^[A-Za-z_$@][\w$@.-]*$/;
const NUMBER = /^([-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)\s*(b|kb|k|mb|m|gb|g|kib|mib|gib)?$/i;
const UNITS: Record<string, number> = { b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3 };
export const DIRECTIONS: Record<string, 'in' | 'out' | 'system'> = { in: 'in', out: 'out', system: 'system', sys: 'system' };

class ParseError extends Error {
  constructor(
    message: string,
    readonly pos: number,
    readonly end: number,
  ) {
    super(message);
  }
}

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';
/** Where a bare word stops. */
const isDelimiter = (c: string | undefined) => c === undefined || isSpace(c) || c === '(' || c === ')';

/** Parses a number with an optional size unit ("1.5kb" → 1536). Returns undefined when it is not one. */
export function parseNumber(text: string): number | undefined {
  const m = NUMBER.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]) * (m[2] ? UNITS[m[2].toLowerCase()] : 1);
  return Number.isFinite(n) ? n : undefined;
}

export function parseQuery(query: string): ParseResult {
  try {
    const p = new Parser(query);
    return { ok: true, ast: p.parseAll() };
  } catch (err) {
    if (err instanceof ParseError) return { ok: false, error: { message: err.message, pos: err.pos, end: err.end } };
    // Defensive: the parser should only throw ParseError, but a filter box must never take the page down.
    return { ok: false, error: { message: `Could not read the filter: ${errorMessage(err)}`, pos: 0, end: query.length } };
  }
}

class Parser {
  private i = 0;
  private depth = 0;
  constructor(private readonly s: string) {}

  parseAll(): FilterNode | null {
    this.skipSpace();
    if (this.i >= this.s.length) return null;
    const node = this.parseOr();
    this.skipSpace();
    if (this.i < this.s.length) {
      // parseOr stops only at ')' or the end.
      throw new ParseError('Unmatched ")": there is no "(" to close', this.i, this.i + 1);
    }
    return node;
  }

  private skipSpace() {
    while (this.i < this.s.length && isSpace(this.s[this.i])) this.i++;
  }

  /** The keyword at the cursor (AND, OR, NOT) when it stands alone as a word. */
  private keyword(): 'AND' | 'OR' | 'NOT' | undefined {
    for (const k of ['AND', 'OR', 'NOT'] as const) {
      if (this.s.startsWith(k, this.i) && isDelimiter(this.s[this.i + k.length])) return k;
    }
    return undefined;
  }

  private atEndOfGroup() {
    return this.i >= this.s.length || this.s[this.i] === ')';
  }

  /** Steps over a connective keyword (AND, OR, NOT) and checks that a term follows it. */
  private consumeKeyword(k: 'AND' | 'OR' | 'NOT', what: string) {
    const at = this.i;
    this.i += k.length;
    this.skipSpace();
    if (this.atEndOfGroup() || this.keyword() === 'OR' || this.keyword() === 'AND') {
      throw new ParseError(`${k} needs ${what}`, at, at + k.length);
    }
  }

  private parseOr(): FilterNode {
    const start = this.i;
    const items = [this.parseAnd()];
    for (;;) {
      this.skipSpace();
      if (this.keyword() !== 'OR') break;
      this.consumeKeyword('OR', 'a term on both sides');
      items.push(this.parseAnd());
    }
    return items.length === 1 ? items[0] : { type: 'or', items, pos: start, end: this.i };
  }

  private parseAnd(): FilterNode {
    this.skipSpace();
    const start = this.i;
    const k = this.keyword();
    if (k === 'OR' || k === 'AND') throw new ParseError(`${k} needs a term on both sides`, this.i, this.i + k.length);
    const items = [this.parseUnary()];
    for (;;) {
      this.skipSpace();
      if (this.atEndOfGroup() || this.keyword() === 'OR') break;
      if (this.keyword() === 'AND') this.consumeKeyword('AND', 'a term on both sides');
      items.push(this.parseUnary());
    }
    return items.length === 1 ? items[0] : { type: 'and', items, pos: start, end: this.i };
  }

  private parseUnary(): FilterNode {
    this.skipSpace();
    const start = this.i;
    const c = this.s[this.i];
    let negated = false;
    const after = this.s[this.i + 1];
    if (c === '-' && after !== undefined && !isSpace(after) && after !== ')') {
      this.i++;
      negated = true;
    } else if (c === '-') {
      throw new ParseError('Nothing to exclude after "-": write it directly before a term, e.g. -type:ping', this.i, this.i + 1);
    } else if (this.keyword() === 'NOT') {
      this.consumeKeyword('NOT', 'a term after it');
      negated = true;
    }
    if (negated) {
      this.enter(start);
      const item = this.parseUnary();
      this.depth--;
      return { type: 'not', item, pos: start, end: this.i };
    }
    return this.parsePrimary();
  }

  private enter(at: number) {
    if (++this.depth > MAX_DEPTH) throw new ParseError('The filter is nested too deeply', at, at + 1);
  }

  private parsePrimary(): FilterNode {
    const start = this.i;
    const c = this.s[this.i];
    if (c === '(') {
      this.enter(start);
      this.i++;
      this.skipSpace();
      if (this.s[this.i] === ')') throw new ParseError('Empty parentheses', start, this.i + 1);
      if (this.i >= this.s.length) throw new ParseError('Unclosed "(": add a ")"', start, start + 1);
      const inner = this.parseOr();
      this.skipSpace();
      if (this.s[this.i] !== ')') throw new ParseError('Unclosed "(": add a ")"', start, start + 1);
      this.i++;
      this.depth--;
      // The span includes the parentheses, so slicing the query by span keeps the grouping.
      return { ...inner, pos: start, end: this.i };
    }
    if (c === ')') throw new ParseError('Unmatched ")": there is no "(" to close', start, start + 1);
    if (c === '"' || c === "'") {
      const text = this.readQuoted();
      return { type: 'text', text, pos: start, end: this.i };
    }
    if (c === '/') {
      const re = this.readRegex();
      if (re) return { type: 'regex', ...re, pos: start, end: this.i };
    }
    // A bare word, or field:value when the part before the first ':' is a field name.
    let j = this.i;
    while (j < this.s.length && !isDelimiter(this.s[j]) && this.s[j] !== ':' && this.s[j] !== '"') j++;
    const name = this.s.slice(this.i, j);
    // "http://…" and "12:30" are text, not fields.
    if (this.s[j] === ':' && FIELD_NAME.test(name) && this.s.slice(j + 1, j + 3) !== '//') {
      this.i = j + 1;
      return this.parseFieldValue(name, start);
    }
    return { type: 'text', text: this.readWord(), pos: start, end: this.i };
  }

  private readWord(): string {
    const start = this.i;
    while (this.i < this.s.length && !isDelimiter(this.s[this.i])) this.i++;
    return this.s.slice(start, this.i);
  }

  private readQuoted(): string {
    const q = this.s[this.i];
    const start = this.i;
    this.i++;
    let out = '';
    while (this.i < this.s.length) {
      const ch = this.s[this.i];
      if (ch === '\\' && this.i + 1 < this.s.length) {
        out += this.s[this.i + 1];
        this.i += 2;
        continue;
      }
      if (ch === q) {
        this.i++;
        if (!isDelimiter(this.s[this.i])) {
          throw new ParseError('Put a space after the closing quote', this.i, this.i + 1);
        }
        return out;
      }
      out += ch;
      this.i++;
    }
    throw new ParseError(`Unclosed quote: add a closing ${q}`, start, start + 1);
  }

  /**
   * /source/flags; a closing '/' inside [...] or after a backslash does not end it. Returns undefined (cursor
   * unmoved) when the closing '/' is followed by more text, as in /api/v1/users: that is a path, read as a word.
   */
  private readRegex(): { source: string; flags: string } | undefined {
    const start = this.i;
    let j = this.i + 1;
    let inClass = false;
    for (; j < this.s.length; j++) {
      const ch = this.s[j];
      if (ch === '\\') j++;
      else if (ch === '[') inClass = true;
      else if (ch === ']') inClass = false;
      else if (ch === '/' && !inClass) break;
    }
    if (j >= this.s.length) {
      throw new ParseError('Unclosed regular expression: add a closing / (or quote the text to search for a slash)', start, this.s.length);
    }
    const source = this.s.slice(start + 1, j);
    let k = j + 1;
    while (k < this.s.length && /[a-z]/i.test(this.s[k])) k++;
    const flags = this.s.slice(j + 1, k);
    if (!isDelimiter(this.s[k])) return undefined;
    if (!source) throw new ParseError('Empty regular expression', start, k);
    if (/[^dimsuv]/.test(flags) || new Set(flags).size !== flags.length) {
      throw new ParseError(`Unknown regular expression flags "${flags}" (use i, m, s, u)`, j + 1, k);
    }
    try {
      new RegExp(source, flags);
    } catch (err) {
      throw new ParseError(`Invalid regular expression: ${errorMessage(err).replace(/^Invalid regular expression: /, '')}`, start, k);
    }
    this.i = k;
    // 'g' and 'y' would make test() stateful; they were rejected above.
    return { source, flags };
  }

  private parseFieldValue(field: string, start: number): FilterNode {
    const path = field.split('.');
    if (path.some((p) => p === '')) throw new ParseError(`"${field}" is not a field path: empty part between dots`, start, this.i - 1);
    const vstart = this.i;
    const c = this.s[this.i];
    const node = (test: ValueTest): FilterNode => ({ type: 'field', field, path, test, pos: start, end: this.i });
    if (isDelimiter(c)) {
      throw new ParseError(`Missing value after "${field}:" (use ${field}:* to ask for the field to exist)`, start, this.i);
    }
    if (path.length === 1 && field.toLowerCase() === 'time' && !(c === '*' && isDelimiter(this.s[this.i + 1]))) return this.parseTime(field, path, start);
    if (path.length === 1 && field.toLowerCase() === 'shape' && !(c === '*' && isDelimiter(this.s[this.i + 1]))) {
      const value = c === '"' || c === "'" ? this.readQuoted() : this.readWord();
      if (value.toLowerCase() !== 'new') throw new ParseError(`shape takes new: shape:new finds events that changed their type's shape (not "${value}"; $.shape reads a JSON field)`, vstart, this.i);
      return node({ op: 'shape' });
    }
    if (c === '"' || c === "'") return this.checkSpecial(node({ op: 'eq', value: this.readQuoted(), wildcard: false }), vstart);
    if (c === '/') {
      const re = this.readRegex();
      if (re) return node({ op: 'regex', ...re });
    }
    if (c === '>' || c === '<' || (c === '=' && !isDelimiter(this.s[this.i + 1]))) {
      let op: CompareOp = c;
      this.i++;
      if (this.s[this.i] === '=' && c !== '=') {
        op = (c + '=') as CompareOp;
        this.i++;
      }
      const numStart = this.i;
      const text = this.readWord();
      if (!text) throw new ParseError(`Missing number after "${field}:${op}"`, vstart, this.i);
      const n = parseNumber(text);
      if (n === undefined) {
        throw new ParseError(`"${text}" is not a number (sizes may use b, kb, mb, gb)`, numStart, this.i);
      }
      return node({ op: 'cmp', cmp: op, number: n, ...(/^-?\d+$/.test(text) && !Number.isSafeInteger(n) ? { integer: text } : {}) });
    }
    const value = this.readWord();
    if (value === '*') return node({ op: 'exists' });
    return this.checkSpecial(node({ op: 'eq', value, wildcard: value.includes('*') }), vstart);
  }

  /** `time:` takes a time, a comparison with one, or a range (`$.time:` reads a JSON field named time instead). */
  private parseTime(field: string, path: string[], start: number): FilterNode {
    const vstart = this.i;
    let op: '' | '>' | '>=' | '<' | '<=' = '';
    const c = this.s[this.i];
    if (c === '>' || c === '<') {
      op = c;
      this.i++;
      if (this.s[this.i] === '=') {
        op = `${c}=`;
        this.i++;
      }
    }
    const text = this.s[this.i] === '"' || this.s[this.i] === "'" ? this.readQuoted() : this.readWord();
    const range = parseTimeRange(op, text.trim());
    if (typeof range === 'string') throw new ParseError(range, vstart, this.i);
    return { type: 'field', field, path, test: { op: 'time', range }, pos: start, end: this.i };
  }

  /** Fields with a closed set of values say so at parse time instead of silently matching nothing. */
  private checkSpecial(n: FilterNode, vstart: number): FilterNode {
    if (n.type === 'field' && n.test.op === 'eq' && n.path.length === 1 && n.field.toLowerCase() === 'dir') {
      if (!n.test.wildcard && !DIRECTIONS[n.test.value.toLowerCase()]) {
        throw new ParseError(`dir is one of in, out, system (not "${n.test.value}")`, vstart, this.i);
      }
    }
    return n;
  }
}
