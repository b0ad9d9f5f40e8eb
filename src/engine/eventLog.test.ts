import { describe, expect, it } from 'vitest';
import { rawOf } from '../core/events';
import { decodeTextFrame } from '../core/frames';
import { compileQuery } from '../filter';
import { COMPACT_ABOVE_CAPACITY, EventLog } from './eventLog';
import type { Scheduler } from './frameBatcher';

const manual = (): Scheduler => ({ requestFrame: () => 0, setTimeout: () => 0, clearTimeout: () => {} });

describe('EventLog raw compaction', () => {
  it('holds a compact JSON frame once and gives back its exact text; anything else keeps its text', () => {
    const log = new EventLog(COMPACT_ABOVE_CAPACITY + 1, manual());
    const frames = ['{"type":"service","state":"Running","metric":0.25,"n":[1,2]}', '{ "type": "spaced" }', '{"a":1.0}', 'plain text', '{"big":"' + 'x'.repeat(5000) + '"}'];
    const events = frames.map((raw) => log.push('c1', 'json', decodeTextFrame(raw)));
    expect(events[0].raw).toBe(frames[0]); // still there until the batch is appended
    log.flushNow();
    expect(events[0].raw).toBeUndefined();
    expect(events[0].rawFromValue).toBe(true);
    expect(events.map(rawOf)).toEqual(frames);
    expect(events.slice(1).map((e) => e.rawFromValue)).toEqual([undefined, undefined, undefined, undefined]);
    expect(events[0].size).toBe(frames[0].length);
    // Free text and raw: queries read the derived text.
    const running = compileQuery('running');
    expect(running.ok && running.predicate(events[0])).toBe(true);
    const raw = compileQuery('raw:*metric*');
    expect(raw.ok && raw.predicate(events[0])).toBe(true);
  });

  it('keeps both at the default capacity, where the second copy is small', () => {
    const log = new EventLog(100_000, manual());
    const e = log.push('c1', 'json', decodeTextFrame('{"a":1}'));
    log.flushNow();
    expect(e.raw).toBe('{"a":1}');
    expect(e.rawFromValue).toBeUndefined();
  });
});
