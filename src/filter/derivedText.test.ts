import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '../core/events';
import { tokenTextTest } from './derivedText';
import { ExactNumber } from '../core/exactJson';

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('tokenTextTest', () => {
  it('agrees with a regex over JSON.stringify(value) for plain text, escapes included', () => {
    const values: unknown[] = [
      { type: 'service', state: 'Running', metric: 0.25, n: -0, big: 1e21, ok: true, none: null, parents: ['/api/v1/stack/ab/'] },
      { text: 'line one\nline two', quote: 'say "hi"', tab: 'a\tb', back: 'c:\\dir', uni: 'caf\u00e9 \u2603' },
      [1, 'two', { three: [false] }],
      { 'Key With Space': 'v', nested: { deeper: { deepest: 'Found' } } },
      { id: new ExactNumber('18446744073709551617') },
    ];
    const queries = ['running', 'service', '0.25', '1e+21', 'true', 'null', 'nline', 'ntwo', 'line two', 'hi', 'tb', 'u00e9', 'café', 'with space', 'found', 'stack/ab', 'three', 'absent', '0', 'e+2', 'source', '551617'];
    for (const value of values) {
      const e = { value, rawFromValue: true } as StreamEvent;
      const text = JSON.stringify(value);
      for (const q of queries) {
        const re = new RegExp(escapeRegex(q), 'i');
        const t = tokenTextTest(q, re);
        expect(t, q).not.toBeNull();
        expect(t!(e), `${q} in ${text}`).toBe(re.test(text));
      }
    }
  });

  it('declines text that could match across tokens', () => {
    for (const q of ['"state"', 'a:b', 'x,y', '{', ']', 'back\\slash']) expect(tokenTextTest(q, /x/i)).toBeNull();
  });
});
