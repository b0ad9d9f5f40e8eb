import { describe, expect, it } from 'vitest';
import { memoTest } from './memoTest';

describe('memoTest', () => {
  it('answers as the test does, asking it once per distinct short string and every time for long ones', () => {
    const asked: string[] = [];
    const t = memoTest((s) => {
      asked.push(s);
      return /run/i.test(s);
    });
    const long = '/api/v1/service/0123456789abcdef/';
    for (let i = 0; i < 3; i++) expect([t('Running'), t('Stopped'), t(long)]).toEqual([true, false, false]);
    expect(asked.filter((s) => s === 'Running')).toHaveLength(1);
    expect(asked.filter((s) => s === 'Stopped')).toHaveLength(1);
    expect(asked.filter((s) => s === long)).toHaveLength(3);
  });
});
