// Validates the dispatch editor's text without running it. The app evaluates what we send (@redux-devtools/utils
// `evalAction`: `new Function('return ' + text)`), so the monitor only needs to know the text is a plain data literal:
// JSON, or a JS object literal with unquoted keys, single quotes, trailing commas, comments, undefined, NaN,
// Infinity and hex numbers. Anything else (calls, identifiers, operators, template substitutions) is refused with a
// position. A hand-written parser rather than json5: it also accepts `undefined` and backtick strings that real
// Redux DevTools users paste, and it gives column-accurate messages; it is ~150 lines with no dependency.

export class LiteralError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${message} (line ${line}, column ${column})`);
  }
}

const ID_START = /[A-Za-z_$]/;
const ID_PART = /[A-Za-z0-9_$]/;

export function parseLiteral(text: string): unknown {
  let i = 0;
  const fail = (msg: string, at = i): never => {
    const before = text.slice(0, at).split('\n');
    throw new LiteralError(msg, at, before.length, before[before.length - 1].length + 1);
  };
  const skip = () => {
    for (;;) {
      const c = text[i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\u00a0' || c === '\ufeff') i++;
      else if (c === '/' && text[i + 1] === '/') {
        while (i < text.length && text[i] !== '\n') i++;
      } else if (c === '/' && text[i + 1] === '*') {
        const end = text.indexOf('*/', i + 2);
        if (end < 0) fail('Unterminated comment');
        i = end + 2;
      } else return;
    }
  };
  const ident = (): string => {
    const start = i;
    while (i < text.length && ID_PART.test(text[i])) i++;
    return text.slice(start, i);
  };
  const str = (): string => {
    const q = text[i++];
    let out = '';
    for (;;) {
      if (i >= text.length) fail('Unterminated string');
      const c = text[i++];
      if (c === q) return out;
      if (q === '`' && c === '$' && text[i] === '{') fail('Template substitutions are code, not data', i - 1);
      if ((c === '\n' || c === '\r') && q !== '`') fail('Line break inside a string', i - 1);
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = text[i++];
      const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' };
      if (e in simple) out += simple[e];
      else if (e === 'u') {
        const m = /^(?:\{([0-9a-fA-F]{1,6})\}|([0-9a-fA-F]{4}))/.exec(text.slice(i));
        if (!m) fail('Bad \\u escape', i - 2);
        out += String.fromCodePoint(parseInt(m![1] ?? m![2], 16));
        i += m![0].length;
      } else if (e === 'x') {
        const h = text.slice(i, i + 2);
        if (!/^[0-9a-fA-F]{2}$/.test(h)) fail('Bad \\x escape', i - 2);
        out += String.fromCharCode(parseInt(h, 16));
        i += 2;
      } else if (e === '\r' || e === '\n') {
        if (e === '\r' && text[i] === '\n') i++; // line continuation
      } else out += e;
    }
  };
  const num = (): number => {
    const m = /^[+-]?(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|Infinity|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d+)?)/.exec(text.slice(i));
    if (!m) return fail('Expected a value');
    i += m[0].length;
    const s = m[0].replace(/_/g, '');
    const sign = s[0] === '-' ? -1 : 1;
    const body = s[0] === '-' || s[0] === '+' ? s.slice(1) : s;
    if (body === 'Infinity') return sign * Infinity;
    if (/^0[xXoObB]/.test(body)) return sign * Number(body);
    return sign * Number(body);
  };
  const value = (depth: number): unknown => {
    if (depth > 200) fail('Nested too deeply');
    skip();
    const c = text[i];
    if (c === '{') {
      i++;
      const o: Record<string, unknown> = {};
      skip();
      while (text[i] !== '}') {
        skip();
        let key: string;
        const k = text[i];
        if (k === '"' || k === "'") key = str();
        else if (k !== undefined && ID_START.test(k)) key = ident();
        else if (k !== undefined && /[0-9]/.test(k)) key = String(num());
        else if (k === '[') return fail('Computed keys are code, not data');
        else return fail(k === undefined ? 'Unterminated object: expected }' : `Unexpected "${k}" where a key was expected`);
        skip();
        if (text[i] !== ':') fail(`Expected ":" after key "${key}"`);
        i++;
        Object.defineProperty(o, key, { value: value(depth + 1), enumerable: true, writable: true, configurable: true });
        skip();
        if (text[i] === ',') {
          i++;
          skip();
        } else if (text[i] !== '}') fail(text[i] === undefined ? 'Unterminated object: expected }' : 'Expected "," or "}"');
      }
      i++;
      return o;
    }
    if (c === '[') {
      i++;
      const a: unknown[] = [];
      skip();
      while (text[i] !== ']') {
        a.push(value(depth + 1));
        skip();
        if (text[i] === ',') {
          i++;
          skip();
        } else if (text[i] !== ']') fail(text[i] === undefined ? 'Unterminated array: expected ]' : 'Expected "," or "]"');
      }
      i++;
      return a;
    }
    if (c === '"' || c === "'" || c === '`') return str();
    if (c !== undefined && ID_START.test(c)) {
      const start = i;
      const w = ident();
      if (w === 'true') return true;
      if (w === 'false') return false;
      if (w === 'null') return null;
      if (w === 'undefined') return undefined;
      if (w === 'NaN') return NaN;
      if (w === 'Infinity') return Infinity;
      return fail(`"${w}" is code, not data: use a literal value`, start);
    }
    if (c === undefined) return fail('Expected a value');
    return num();
  };
  const v = value(0);
  skip();
  if (i < text.length) fail(`Unexpected "${text[i]}" after the value`);
  return v;
}

/** Validates an action for dispatch: a literal object with a `type`. Returns the parsed value or a message. */
export function validateActionText(text: string): { ok: true; value: Record<string, unknown> } | { ok: false; error: string } {
  if (!text.trim()) return { ok: false, error: 'Write an action, e.g. { type: "INCREMENT" }' };
  let v: unknown;
  try {
    v = parseLiteral(text);
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) return { ok: false, error: 'An action must be an object, e.g. { type: "INCREMENT" }' };
  if (!('type' in v) || (v as { type: unknown }).type === undefined) return { ok: false, error: 'The action needs a "type" (Redux rejects actions without one)' };
  return { ok: true, value: v as Record<string, unknown> };
}

/** Validates one action-creator argument (any literal, or empty for undefined). */
export function validateArgText(text: string): { ok: true } | { ok: false; error: string } {
  if (!text.trim()) return { ok: true };
  try {
    parseLiteral(text);
    return { ok: true };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

/**
 * A call of one of the methods an app announced (a MobX store's actions), written by hand: `increment(2)` or
 * `this.addTodo('milk')`. The arguments are checked as literals like any action; the app runs the call on its store.
 */
export function validateMethodCall(text: string, methods: readonly string[]): { ok: true; name: string; call: string } | { ok: false; error: string } {
  const m = /^\s*(?:this\.)?([A-Za-z_$][\w$]*)\s*\(([^]*)\)\s*;?\s*$/.exec(text);
  if (!m) return { ok: false, error: `Call one of the app's methods, e.g. ${methods[0] ?? 'increment'}(1)` };
  const [, name, args] = m;
  if (!methods.includes(name)) return { ok: false, error: `"${name}" is not one of the methods the app announced (${methods.join(', ') || 'none'})` };
  if (args.trim()) {
    try {
      parseLiteral(`[${args}]`);
    } catch (err) {
      return { ok: false, error: `Arguments: ${(err as Error).message}` };
    }
  }
  return { ok: true, name, call: `this.${name}(${args.trim()})` };
}

