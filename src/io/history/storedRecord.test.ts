import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '../../core/events';
import { decodeTextFrame, decodeBinaryFrame } from '../../core/frames';
import { ExactNumber } from '../../core/exactJson';
import { recordToEvent } from '../capture';
import { chunkRecords, type StoredChunk } from './historyDb';
import { recordSource, storedRecord } from './storedRecord';

let seq = 0;
const ev = (e: Partial<StreamEvent>): StreamEvent => ({ seq: ++seq, receivedAt: 1_790_000_000_000 + seq, connId: 'c1', dialect: 'json', size: 0, dir: 'in', kind: 'message', ...e }) as StreamEvent;

/** Writes events as the recorder does and reads them back as a restore does. */
const roundTrip = (events: StreamEvent[], keepSecrets = false) => {
  const recs = events.map((e) => storedRecord(recordSource(e), keepSecrets));
  const c: Record<string, unknown> = { session: 's', first: 0, count: recs.length };
  for (const k of Object.keys(recs[0]) as (keyof (typeof recs)[0])[]) c[k] = recs.map((r) => r[k]);
  return chunkRecords(c as unknown as StoredChunk);
};

describe('stored records', () => {
  it('read back into the same rows: raw exact, value parsed again (exact numbers too), binary, system rows, fields', () => {
    const raw = '{"type":"big","id":18446744073709551617,"n":1}';
    const events = [
      ev({ ...decodeTextFrame(raw), type: 'big', fields: { state: 'Running' } }),
      ev({ ...decodeBinaryFrame(new Uint8Array([0, 1, 255])) }),
      ev({ dir: 'system', kind: 'gap', summary: 'Disconnected from 10:00:00 to 10:00:05, 2 attempts', fields: { from: 1, to: 2, attempts: 2 } }),
      ev({ dir: 'in', kind: 'text', raw: 'not json {', parseError: 'Malformed JSON: x' }),
    ];
    const back = roundTrip(events);
    expect(back.map((r) => [r.ts, r.connId, r.dialect])).toEqual(events.map((e) => [e.receivedAt, 'c1', 'json']));
    const rows = back.map((r) => recordToEvent(r));
    expect(rows[0].raw).toBe(raw);
    expect(String((rows[0].value as { id: ExactNumber }).id)).toBe('18446744073709551617');
    expect(rows[0]).toMatchObject({ type: 'big', fields: { state: 'Running' } });
    expect([...rows[1].bytes!]).toEqual([0, 1, 255]);
    expect(rows[2]).toMatchObject({ dir: 'system', kind: 'gap', summary: events[2].summary, fields: { attempts: 2 } });
    expect(rows[3]).toMatchObject({ kind: 'text', raw: 'not json {', parseError: 'Malformed JSON: x' });
  });

  it('keep the text of a frame the log holds only as its value (rawFromValue)', () => {
    const raw = '{"type":"compact","n":1}';
    const e = ev({ dir: 'in', kind: 'message', value: JSON.parse(raw), type: 'compact', rawFromValue: true });
    expect(roundTrip([e])[0].raw).toBe(raw);
  });

  it('mask secrets unless the user chose to remember them, and never store the parsed copy of a raw frame', () => {
    const raw = '{"op":"login","token":"s3cret"}';
    const e = ev({ ...decodeTextFrame(raw), summary: 'login token: "s3cret"' });
    const masked = storedRecord(recordSource(e), false);
    expect(masked.raw).not.toContain('s3cret');
    expect(JSON.stringify(masked)).not.toContain('s3cret');
    expect(masked.extra).not.toContain('value');
    const kept = storedRecord(recordSource(e), true);
    expect(kept.raw).toBe(raw);
    expect(roundTrip([e], true)[0].raw).toBe(raw);
  });
});
