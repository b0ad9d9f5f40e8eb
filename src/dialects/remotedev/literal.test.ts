import { describe, expect, it } from 'vitest';
import { parseLiteral, validateActionText, validateArgText } from './literal';

describe('parseLiteral', () => {
  it('reads JSON and JS object literals', () => {
    expect(parseLiteral('{"type":"ADD","by":2}')).toEqual({ type: 'ADD', by: 2 });
    expect(parseLiteral("{ type: 'ADD', by: -2.5e1, list: [1, 2,], nested: { ok: true, no: null }, }")).toEqual({ type: 'ADD', by: -25, list: [1, 2], nested: { ok: true, no: null } });
    expect(parseLiteral('/* c */ { type: `T`, // line\n n: 0x1f, u: undefined, i: -Infinity }')).toEqual({ type: 'T', n: 31, u: undefined, i: -Infinity });
    expect(parseLiteral("'a\\n\\u0041\\x42'")).toBe('a\nAB');
    expect(parseLiteral('{ 1: "one", $x_: 2 }')).toEqual({ 1: 'one', $x_: 2 });
  });

  it('refuses code with a position', () => {
    expect(() => parseLiteral('{ type: foo() }')).toThrow(/"foo" is code, not data.*line 1, column 9/);
    expect(() => parseLiteral('{ type: `${x}` }')).toThrow(/Template substitutions/);
    expect(() => parseLiteral('{ [k]: 1 }')).toThrow(/Computed keys/);
    expect(() => parseLiteral('{ a: 1 + 2 }')).toThrow(/Expected "," or "}"/);
    expect(() => parseLiteral('{ a: 1 }; alert(1)')).toThrow(/after the value/);
    expect(() => parseLiteral('{ a: 1')).toThrow(/Unterminated object/);
    expect(() => parseLiteral('{\n  a: "x\n"}')).toThrow(/line 2/);
  });

  it('does not let __proto__ keys reach the prototype', () => {
    const v = parseLiteral('{ "__proto__": { "polluted": true } }') as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(v)).toEqual(['__proto__']);
  });
});

describe('validateActionText', () => {
  it('needs an object with a type', () => {
    expect(validateActionText("{ type: 'INCREMENT' }")).toEqual({ ok: true, value: { type: 'INCREMENT' } });
    expect(validateActionText('')).toMatchObject({ ok: false });
    expect(validateActionText('[1]')).toMatchObject({ ok: false, error: expect.stringMatching(/must be an object/) });
    expect(validateActionText('{ by: 1 }')).toMatchObject({ ok: false, error: expect.stringMatching(/needs a "type"/) });
  });
  it('validates action-creator arguments', () => {
    expect(validateArgText('')).toEqual({ ok: true });
    expect(validateArgText('"text"')).toEqual({ ok: true });
    expect(validateArgText('window.x')).toMatchObject({ ok: false });
  });
});
