import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '../core/events';
import { compileQuery, parseQuery, replaceFieldTerm, timeRangeTerm } from './index';

// The `time:` term reads the receive time in local time; these tests build times in local time too, so they hold in
// any time zone.
const at = (h: number, m: number, s = 0, ms = 0, day = 1) => new Date(2026, 11, day, h, m, s, ms).getTime();
let seq = 0;
const ev = (t: number, value?: unknown): StreamEvent => ({ seq: ++seq, receivedAt: t, connId: 'c', dialect: 'json', dir: 'in', kind: 'message', value, size: 0 });

const events = [ev(at(12, 0, 59, 999)), ev(at(12, 1, 0)), ev(at(12, 1, 3, 250)), ev(at(12, 1, 3, 999)), ev(at(12, 1, 4)), ev(at(12, 5, 59, 999)), ev(at(12, 6)), ev(at(12, 1, 3, 500, 2))];
const times = (q: string) => {
  const r = compileQuery(q);
  if (!r.ok) throw new Error(`${q}: ${r.error.message}`);
  return events.filter(r.predicate).map((e) => e.seq - events[0].seq);
};

describe('filter language: time', () => {
  it('compares at the precision written: >12:01:03 starts after that second, <=12:01:03 ends with it', () => {
    expect(times('time:>12:01:03')).toEqual([4, 5, 6]);
    expect(times('time:>=12:01:03')).toEqual([2, 3, 4, 5, 6, 7]);
    expect(times('time:<12:01:03')).toEqual([0, 1]);
    expect(times('time:<=12:01:03')).toEqual([0, 1, 2, 3, 7]);
    expect(times('time:>=12:01:03.5')).toEqual([3, 4, 5, 6, 7]);
  });

  it('a range includes both ends at their precision; a lone time is its whole minute or second', () => {
    expect(times('time:12:01..12:05')).toEqual([1, 2, 3, 4, 5, 7]);
    expect(times('time:12:01:03.250..12:01:03.250')).toEqual([2]);
    expect(times('time:12:01:03')).toEqual([2, 3, 7]);
    expect(times('time:12:01..')).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(times('time:..12:00')).toEqual([0]);
  });

  it('a date pins the day; a time of day matches on any day', () => {
    expect(times('time:2026-12-02')).toEqual([7]);
    expect(times('time:2026-12-01T12:01..2026-12-01T12:01:03')).toEqual([1, 2, 3]);
    expect(times('time:12:01:03 -time:2026-12-02')).toEqual([2, 3]);
  });

  it('combines with the rest of the language; $.time and time:* still read a JSON field called time', () => {
    const json = [ev(at(12, 1, 3), { time: 5 }), ev(at(12, 1, 3))];
    const r = compileQuery('$.time:>4');
    expect(r.ok && json.filter(r.predicate).length).toBe(1);
    const exists = compileQuery('time:*');
    expect(exists.ok && json.filter(exists.predicate).length).toBe(1);
    expect(parseQuery('time:12:01..12:05 OR type:x').ok).toBe(true);
  });

  it('says what is wrong with a bad time', () => {
    for (const [q, msg] of [
      ['time:noon', '"noon" is not a time'],
      ['time:25:00', '"25:00" is not a time'],
      ['time:>12:01..12:02', 'A range (a..b) takes no ">"'],
      ['time:..', 'A range needs a start or an end'],
    ]) {
      const r = parseQuery(q);
      expect(r.ok, q).toBe(false);
      if (!r.ok) {
        expect(r.error.message).toContain(msg);
        expect(r.error.pos).toBe(5);
      }
    }
  });

  it('a brushed range reads back as the same range, and replaces the previous one in the query', () => {
    const term = timeRangeTerm(at(12, 1, 3, 250), at(12, 1, 3, 999));
    expect(term).toBe('time:12:01:03.250..12:01:03.999');
    expect(times(term)).toEqual([2, 3, 7]); // a time of day: the next day's 12:01:03.500 too
    const dated = timeRangeTerm(at(12, 1, 3, 999), at(12, 1, 3, 250), true);
    expect(dated).toBe('time:2026-12-01T12:01:03.250..2026-12-01T12:01:03.999');
    expect(times(dated)).toEqual([2, 3]);
    expect(replaceFieldTerm('type:container time:12:00..12:01 error', 'time', term)).toBe(`type:container error ${term}`);
    expect(replaceFieldTerm(`type:x ${term}`, 'time', null)).toBe('type:x');
    expect(replaceFieldTerm('a OR b', 'time', term)).toBe(`(a OR b) ${term}`);
  });
});
