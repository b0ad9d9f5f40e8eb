import { describe, expect, it } from 'vitest';
import type { IncomingEvent } from '../core/events';
import { compileQuery } from '../filter';
import { EventLog } from './eventLog';
import { EventView } from './eventView';
import { MAX_VALUES } from './eventColumns';
import type { Scheduler } from './frameBatcher';

const manual = (): Scheduler => ({ requestFrame: () => 0, setTimeout: () => 0, clearTimeout: () => {} });

/** A small random generator, so a failure can be replayed from its seed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 2 ** 32;
  };
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

const SCALARS = ['Running', 'running', 'RUNNING', 'Stopped', 'service', 'Service', 'x', '', 0, 1, 2.5, -0, true, false, null, 'x'.repeat(80)];
const KEYS = ['type', 'Type', 'state', 'State', 'STATE', 'action', 'key', 'node', 'id', 'constructor', '0'];

function randomValue(r: () => number, depth = 0): unknown {
  const x = r();
  if (x < 0.55 || depth > 1) return pick(r, SCALARS);
  if (x < 0.7) return [pick(r, SCALARS), pick(r, SCALARS)];
  if (x < 0.8) return undefined;
  const o: Record<string, unknown> = {};
  for (let i = 0, n = Math.floor(r() * 3); i < n; i++) o[pick(r, KEYS)] = randomValue(r, depth + 1);
  return o;
}

function randomEvent(r: () => number): IncomingEvent {
  const x = r();
  let value: unknown;
  if (x < 0.75) {
    const o: Record<string, unknown> = {};
    for (let i = 0, n = Math.floor(r() * 5); i < n; i++) o[pick(r, KEYS)] = randomValue(r);
    value = o;
  } else if (x < 0.85) value = [{ state: pick(r, SCALARS) }, pick(r, SCALARS)];
  else if (x < 0.9) value = pick(r, SCALARS);
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const o = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const e: IncomingEvent = { dir: r() < 0.8 ? 'in' : 'out', kind: 'message', value };
  // Like the dialects: normalised columns usually copied from the value, sometimes their own.
  if (r() < 0.7) e.type = r() < 0.8 ? str(o.type) : String(pick(r, SCALARS));
  if (r() < 0.3) e.action = str(o.action) ?? 'update';
  if (r() < 0.2) e.key = String(pick(r, SCALARS));
  if (r() < 0.5) e.fields = r() < 0.7 ? { state: o.state, parents: o.parents } : { State: pick(r, SCALARS), node: randomValue(r) };
  return e;
}

const QUERIES = [
  'type:service',
  'TYPE:Service',
  'state:running',
  'State:running',
  'state:run*',
  'state:*',
  '-state:*',
  'state:/^r/i',
  'state:>1',
  'state:0',
  'state:true',
  'state:null',
  'node:x',
  'key:x',
  'action:update',
  'id:*',
  'constructor:*',
  '0:x',
  'type:service state:running',
  'type:service OR -state:stopped',
  '-(state:running node:x)',
  'state:running dir:in',
  'running',
];

/** The view's rows for `query` once the whole buffer is re-filtered (slices run at once). */
function rows(log: EventLog, query: string): number[] {
  const view = new EventView(log, { yielder: (cb) => cb() });
  const r = compileQuery(query);
  if (!r.ok) throw new Error(query);
  view.setFilter(r.predicate);
  expect(view.progress).toBeNull();
  return Array.from({ length: view.count }, (_, i) => view.seqAt(i));
}

/** What the predicate says event by event, without any column. */
function plain(log: EventLog, query: string): number[] {
  const r = compileQuery(query);
  if (!r.ok) throw new Error(query);
  return [...log].filter(r.predicate).map((e) => e.seq);
}

describe('EventColumns: filters answered from per-key columns', () => {
  it('match the plain predicate on random events, across the ring wrapping', () => {
    for (const seed of [1, 2, 3]) {
      const r = rng(seed);
      const log = new EventLog(500, manual(), { columnsAbove: 0 });
      for (let i = 0; i < 1300; i++) {
        log.push('c1', 'json', randomEvent(r));
        if (i % 97 === 0) log.flushNow();
      }
      log.flushNow();
      expect(log.columns?.keys).toEqual(expect.arrayContaining(['type', 'state']));
      for (const q of QUERIES) expect(rows(log, q), `${q} (seed ${seed})`).toEqual(plain(log, q));
    }
  }, 30_000); // a few seconds on a busy machine

  it('answer a term without reading the event where the column knows', () => {
    const log = new EventLog(1000, manual(), { columnsAbove: 0 });
    for (let i = 0; i < 100; i++) log.push('c1', 'json', { dir: 'in', kind: 'message', value: { type: i % 2 ? 'a' : 'b', state: 'Running' }, type: i % 2 ? 'a' : 'b' });
    log.flushNow();
    let reads = 0;
    const r = compileQuery('type:a state:running');
    if (!r.ok) throw new Error();
    const view = new EventView(log, { yielder: (cb) => cb() });
    // Every event's value is a plain object with scalars: no predicate runs on an event.
    for (const e of log) Object.defineProperty(e, 'value', { get: () => (reads++, { type: 'never' }) });
    view.setFilter(r.predicate);
    expect(view.count).toBe(50);
    expect(reads).toBe(0);
  });

  it('drop a key with too many values, and a key first seen after an array value, without wrong answers', () => {
    const log = new EventLog(20_000, manual(), { columnsAbove: 0 });
    for (let i = 0; i < MAX_VALUES + 500; i++) log.push('c1', 'json', { dir: 'in', kind: 'message', value: { id: `id-${i}`, state: i % 3 ? 'a' : 'b' } });
    log.push('c1', 'json', { dir: 'in', kind: 'message', value: [{ late: 'x' }] });
    log.push('c1', 'json', { dir: 'in', kind: 'message', value: { late: 'x' } });
    log.flushNow();
    expect(log.columns?.keys).not.toContain('id');
    expect(log.columns?.keys).toContain('late');
    for (const q of ['id:id-7', 'id:*', 'state:b', 'late:x', '-late:*']) expect(rows(log, q), q).toEqual(plain(log, q));
  });

  it('start again after Clear and a new capacity; a small buffer keeps none', () => {
    const log = new EventLog(300, manual(), { columnsAbove: 0 });
    const push = (state: string) => log.push('c1', 'json', { dir: 'in', kind: 'message', value: { state } });
    for (let i = 0; i < 400; i++) push(i % 2 ? 'a' : 'b');
    log.flushNow();
    log.setCapacity(250);
    expect(rows(log, 'state:a')).toEqual(plain(log, 'state:a'));
    for (let i = 0; i < 100; i++) push('a');
    log.flushNow();
    expect(rows(log, 'state:a')).toEqual(plain(log, 'state:a'));
    log.clear();
    push('a');
    log.flushNow();
    expect(rows(log, 'state:a')).toEqual(plain(log, 'state:a'));
    expect(new EventLog(1000, manual()).columns).toBeNull();
  });
});
