import { describe, expect, it } from 'vitest';
import { DELETED, GrowableChangeLog, PREV_DELETED } from './changeLog';

// The change log keeps each version as a record; compaction moves records (and their states) without changing what
// any held absolute index reads.

function fill(log: GrowableChangeLog, from: number, to: number): void {
  for (let i = from; i < to; i++) log.push(i + 1, 1000 + i, i % 7, i >> 3, i - 1, i % 5 === 0 ? 'delete' : 'update', i % 5 === 1, { n: i });
}

function expectRecord(log: GrowableChangeLog, c: number): void {
  expect([log.seqAt(c), log.timeAt(c), log.slotAt(c), log.verAt(c), log.prevAt(c), log.opAt(c), (log.stateAt(c) as { n: number }).n]).toEqual([
    c + 1,
    1000 + c,
    c % 7,
    c >> 3,
    c - 1,
    c % 5 === 0 ? 'delete' : 'update',
    c,
  ]);
  expect(log.flagsAt(c) & DELETED ? 1 : 0).toBe(c % 5 === 0 ? 1 : 0);
  expect(log.flagsAt(c) & PREV_DELETED ? 1 : 0).toBe(c % 5 === 1 ? 1 : 0);
}

describe('GrowableChangeLog', () => {
  it('reads every record back by its absolute index after it grows', () => {
    const log = new GrowableChangeLog();
    fill(log, 0, 10_000);
    for (const c of [0, 1, 4095, 4096, 9999]) expectRecord(log, c);
    expect(log.indexAfter(4096)).toBe(4096);
  });

  it('moves held records and their states to the front when the dropped ones take half the space', () => {
    const log = new GrowableChangeLog();
    fill(log, 0, 4096);
    for (; log.head < 3000; log.head++) log.forget(log.head);
    log.compact();
    fill(log, 4096, 12_000);
    for (const c of [3000, 3001, 4095, 4096, 11_999]) expectRecord(log, c);
    expect(log.indexAfter(0)).toBe(3000);
    expect(log.indexAfter(12_000)).toBe(12_000);
    // Far past the first chunks of states: those are let go of whole, and every held record still reads back.
    for (; log.head < 11_000; log.head++) log.forget(log.head);
    log.compact();
    fill(log, 12_000, 30_000);
    for (const c of [11_000, 12_287, 12_288, 29_999]) expectRecord(log, c);
  });
});
