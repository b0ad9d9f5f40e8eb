import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StreamEvent } from '../../core/events';
import type { FromHistoryWriter, ToHistoryWriter } from './historyWriter';
import { HistoryRecorder, type WriterPort } from './recorder';
import { unpackSources } from './sourceColumns';

let seq = 0;
const ev = (e: Partial<StreamEvent> = {}): StreamEvent =>
  ({ seq: ++seq, receivedAt: 1_790_000_000_000 + seq, connId: 'c1', dialect: 'json', size: 10, dir: 'in', kind: 'message', raw: `{"n":${seq}}`, ...e }) as StreamEvent;
const many = (n: number) => Array.from({ length: n }, () => ev());

function setup(o: { maxPending?: number; post?: (m: ToHistoryWriter) => void; firstIndex?: number } = {}) {
  const sent: ToHistoryWriter[] = [];
  const port: WriterPort = { post: o.post ?? ((m) => void sent.push(m)), onMessage: null };
  const stored: number[] = [];
  const failed: unknown[] = [];
  const skipped: number[] = [];
  const rec = new HistoryRecorder({
    port,
    session: 's1',
    keep: () => 1000,
    includeSecrets: () => false,
    connection: (id) => ({ name: `conn ${id}`, dialect: 'json', endpoint: 'ws://h/' }),
    onStored: (n) => stored.push(n),
    onFailed: (e) => failed.push(e),
    onSkipped: (n) => skipped.push(n),
    maxPending: o.maxPending,
    firstIndex: o.firstIndex,
  });
  const reply = (m: FromHistoryWriter) => port.onMessage?.(m);
  const appends = () => sent.filter((m): m is Extract<ToHistoryWriter, { type: 'append' }> => m.type === 'append').map((m) => ({ ...m, events: m.columns && unpackSources(m.columns) }));
  return { rec, port, sent, appends, stored, failed, skipped, reply };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('history recorder (page side)', () => {
  it('opens its session, then sends events in batches, never one message per event', () => {
    const { rec, sent, appends } = setup();
    expect(sent[0]).toMatchObject({ type: 'open', session: 's1' });
    for (let i = 0; i < 10; i++) rec.onAppend(many(100));
    expect(appends()).toHaveLength(0);
    vi.advanceTimersByTime(250);
    expect(appends()).toHaveLength(1);
    expect(appends()[0].events).toHaveLength(1000);
    rec.onAppend(many(2500));
    vi.advanceTimersByTime(0);
    expect(appends()).toHaveLength(2);
    expect(appends()[1].events).toHaveLength(2500);
    expect(appends()[1]).toMatchObject({ keep: 1000, includeSecrets: false, connections: { c1: { name: 'conn c1' } } });
  });

  it('sends what waits at once when the page goes away', () => {
    const { rec, appends } = setup();
    rec.onAppend(many(10));
    rec.flushNow();
    expect(appends()).toHaveLength(1);
    vi.advanceTimersByTime(300);
    expect(appends()).toHaveLength(1);
  });

  it('sends plain copies of the stored fields, the frame text but not its parsed value', () => {
    const { rec, appends } = setup();
    rec.onAppend([ev({ raw: '{"a":1}', value: { a: 1 }, type: 't', fields: { state: 'Running' } }), ev({ raw: undefined, value: { a: 2 }, rawFromValue: true })]);
    vi.advanceTimersByTime(250);
    const [a, b] = appends()[0].events!;
    expect(a).toMatchObject({ raw: '{"a":1}', type: 't', fields: { state: 'Running' }, connId: 'c1', dialect: 'json', size: 10 });
    expect(a).not.toHaveProperty('value');
    expect(a).not.toHaveProperty('seq');
    expect(b.raw).toBe('{"a":2}');
  });

  it('counts what is not yet stored until the writer says so, and leaves out what came from the history itself', () => {
    const { rec, appends, stored, reply, sent } = setup();
    rec.skipUpToSeq = seq + 3;
    rec.onAppend(many(10));
    expect(rec.backlog).toBe(7);
    vi.advanceTimersByTime(250);
    expect(appends()[0].events).toHaveLength(7);
    expect(rec.backlog).toBe(7);
    const gen = (sent[0] as { gen: number }).gen;
    reply({ type: 'stored', gen: gen + 1, written: 7, stored: 99, next: 99 }); // another recorder's reply
    expect(rec.backlog).toBe(7);
    reply({ type: 'stored', gen, written: 7, stored: 7, next: 7 });
    expect(rec.backlog).toBe(0);
    expect(stored).toEqual([7]);
  });

  it('when the writer falls behind, the oldest waiting events are left out and counted', () => {
    const { rec, skipped } = setup({ maxPending: 3000 });
    rec.onAppend(many(2500));
    vi.advanceTimersByTime(0); // 2 500 sent, none acknowledged
    rec.onAppend(many(1000));
    expect(skipped).toEqual([500]);
    expect(rec.backlog).toBe(3000);
  });

  it('stops on a failure the writer reports, keeping its name (quota…)', () => {
    const { rec, failed, reply, sent } = setup();
    reply({ type: 'failed', gen: (sent[0] as { gen: number }).gen, name: 'QuotaExceededError', message: 'full' });
    expect((failed[0] as Error).name).toBe('QuotaExceededError');
    rec.onAppend(many(3000));
    vi.advanceTimersByTime(300);
    expect(sent.filter((m) => m.type === 'append')).toHaveLength(0);
  });

  it('makes the records in the page when an event cannot be cloned to the worker', () => {
    const sent: ToHistoryWriter[] = [];
    const { rec } = setup({
      post: (m) => {
        if (m.type === 'append' && m.columns) throw Object.assign(new Error('could not be cloned'), { name: 'DataCloneError' });
        sent.push(m);
      },
    });
    rec.onAppend([ev({ raw: undefined, value: { f: () => 1, token: 'x' }, kind: 'message' })]);
    vi.advanceTimersByTime(250);
    const m = sent.find((x) => x.type === 'append') as Extract<ToHistoryWriter, { type: 'append' }>;
    expect(m.records).toHaveLength(1);
    expect(typeof m.records![0].extra).toBe('string');
  });

  it('leaves an unload tail of everything not yet acknowledged, from the index the writer reached', () => {
    const { rec, reply, sent } = setup({ firstIndex: 40 });
    const gen = (sent[0] as { gen: number }).gen;
    const first = many(5);
    rec.onAppend(first);
    vi.advanceTimersByTime(250); // sent, not stored
    rec.onAppend(many(3)); // waiting in the page
    let tail = rec.unloadTail()!;
    expect(tail.first).toBe(40);
    expect(tail.records.map((r) => r.raw)).toEqual([...first, ...[1, 2, 3].map((k) => ({ raw: `{"n":${first[4].seq + k}}` }))].map((e) => e.raw));
    reply({ type: 'stored', gen, written: 5, stored: 45, next: 45 });
    tail = rec.unloadTail()!;
    expect(tail.first).toBe(45);
    expect(tail.records).toHaveLength(3);
    expect(tail.connections).toMatchObject({ c1: { name: 'conn c1' } });
  });

  it('masks secrets in the unload tail as in the stored history', () => {
    const { rec } = setup({ firstIndex: 0 });
    rec.onAppend([ev({ raw: '{"token":"s3cret-value","n":1}' })]);
    const tail = rec.unloadTail()!;
    expect(tail.records[0].raw).not.toContain('s3cret-value');
  });

  it('leaves no tail while the session index is unknown, or when all is stored', () => {
    const { rec, reply, sent } = setup();
    rec.onAppend(many(2));
    expect(rec.unloadTail()).toBeUndefined();
    vi.advanceTimersByTime(250);
    reply({ type: 'stored', gen: (sent[0] as { gen: number }).gen, written: 2, stored: 2, next: 2 });
    expect(rec.unloadTail()).toBeUndefined();
    rec.onAppend(many(1));
    expect(rec.unloadTail()!.first).toBe(2);
  });

  it('sends events taken back from a tail again, ahead of newer ones', () => {
    const { rec, appends } = setup({ firstIndex: 0 });
    const back = many(2);
    rec.onAppend(many(1));
    rec.resend(back);
    vi.advanceTimersByTime(250);
    expect(appends()[0].events!.map((e) => e.raw)).toEqual([back[0].raw, back[1].raw, `{"n":${back[1].seq + 1}}`]);
  });
});
