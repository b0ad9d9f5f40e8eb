import { describe, expect, it } from 'vitest';
import { decodeTextFrame } from '../core/frames';
import type { StreamEvent } from '../core/events';
import { compileQuery } from './compile';

describe('exact numbers in the filter', () => {
  const ev = (raw: string): StreamEvent => ({ ...decodeTextFrame(raw), seq: 1, receivedAt: 0, connId: 'c', dialect: 'json', size: raw.length }) as StreamEvent;
  const big = ev('{"id":18446744073709551617,"n":9007199254740993}');
  const neighbour = ev('{"id":18446744073709551616,"n":9007199254740992}');
  const match = (q: string, e: StreamEvent) => {
    const r = compileQuery(q);
    if (!r.ok) throw new Error(r.error.message);
    return r.predicate(e);
  };
  it('matches digit for digit, never through the rounded double', () => {
    expect(match('id:18446744073709551617', big)).toBe(true);
    expect(match('id:18446744073709551617', neighbour)).toBe(false);
    expect(match('id:18446744073709551616', big)).toBe(false);
    expect(match('n:9007199254740993', big)).toBe(true);
    expect(match('n:9007199254740993', neighbour)).toBe(false);
    expect(match('n:9007199254740992', neighbour)).toBe(true);
    expect(match('n:9007199254740992', big)).toBe(false);
  });
  it('compares exactly past 2^53', () => {
    expect(match('n:>9007199254740992', big)).toBe(true);
    expect(match('n:>9007199254740992', neighbour)).toBe(false);
    expect(match('n:>=9007199254740993', big)).toBe(true);
    expect(match('id:<18446744073709551617', neighbour)).toBe(true);
    expect(match('id:<18446744073709551617', big)).toBe(false);
    expect(match('id:>5', big)).toBe(true);
    expect(match('id:=18446744073709551617', big)).toBe(true);
  });
  it('wildcards and regexes read the digits as received', () => {
    expect(match('id:*551617', big)).toBe(true);
    expect(match('id:/^1844674407370955161[7]$/', big)).toBe(true);
    expect(match('18446744073709551617', big)).toBe(true);
  });
});
