import { describe, expect, it } from 'vitest';
import { ExactNumber, hasLongDigitRun, parseJson } from './exactJson';

const FRAME = '{"type":"big","id":18446744073709551617,"n":9007199254740993,"safe":9007199254740991,"small":42,"f":0.5,"pi":3.14159265358979323846,"list":[12345678901234567890],"s":"12345678901234567890"}';

describe('hasLongDigitRun', () => {
  it('finds 16 digits in a row wherever they are, as /\\d{16}/ would', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    for (let n = 0; n < 20_000; n++) {
      let s = '';
      const len = Math.floor(rnd() * 70);
      for (let i = 0; i < len; i++) s += rnd() < 0.85 ? String(Math.floor(rnd() * 10)) : 'x';
      expect(hasLongDigitRun(s), s).toBe(/\d{16}/.test(s));
    }
  });
});

describe('parseJson', () => {
  it('keeps numbers a double would round as their digits, and leaves the rest as JSON.parse gives them', () => {
    const v = parseJson(FRAME) as Record<string, unknown>;
    expect(v.id).toBeInstanceOf(ExactNumber);
    expect(String(v.id)).toBe('18446744073709551617');
    expect((v.n as ExactNumber).bigint).toBe(BigInt('9007199254740993'));
    expect(v.safe).toBe(9007199254740991);
    expect(v.small).toBe(42);
    expect(v.f).toBe(0.5);
    expect((v.pi as ExactNumber).source).toBe('3.14159265358979323846');
    expect((v.pi as ExactNumber).bigint).toBeUndefined();
    expect(String((v.list as unknown[])[0])).toBe('12345678901234567890');
    expect(v.s).toBe('12345678901234567890');
  });

  it('takes the fast path without a long digit run, and throws what JSON.parse throws', () => {
    expect(parseJson('{"a":[1,2,3]}')).toEqual({ a: [1, 2, 3] });
    let native = '';
    try {
      JSON.parse('{"id":12345678901234567890, nope}');
    } catch (err) {
      native = (err as Error).message;
    }
    expect(() => parseJson('{"id":12345678901234567890, nope}')).toThrow(native);
  });

  it('parses what JSON.parse parses even where the exact parser refuses (a repeated key)', () => {
    expect(parseJson('{"a":12345678901234567890,"a":1}')).toEqual({ a: 1 });
  });

  it('keeps a "__proto__" key a key', () => {
    const v = parseJson('{"__proto__":{"polluted":12345678901234567890}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
