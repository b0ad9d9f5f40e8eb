import { describe, expect, it } from 'vitest';
import { describeChanges, MAX_ITEMS, ShapeTracker } from './shapeTracker';
import type { StreamEvent } from '../core/events';
import { ExactNumber } from '../core/exactJson';

let seq = 0;
const ev = (value: unknown, type = 'machines', e: Partial<StreamEvent> = {}): StreamEvent => ({ seq: ++seq, receivedAt: 0, connId: 'c', dialect: 'drp', dir: 'in', kind: 'message', size: 0, type, value, ...e });

describe('ShapeTracker', () => {
  it('the first event of a type is its baseline; a new path later is a drift, once', () => {
    const t = new ShapeTracker();
    expect(t.observe(ev({ Name: 'a', Stage: 'x' }))).toBeUndefined();
    expect(t.observe(ev({ Name: 'b' }))).toBeUndefined();
    const drift = ev({ Name: 'c', Extra: { Owner: 'me' } });
    expect(t.observe(drift)).toEqual([
      { path: 'Extra', what: 'field', kind: 'object' },
      { path: 'Extra.Owner', what: 'field', kind: 'string' },
    ]);
    expect(t.isDrift(drift.seq)).toBe(true);
    expect(t.observe(ev({ Name: 'd', Extra: { Owner: 'you' } }))).toBeUndefined();
    expect(describeChanges(t.changesAt(drift.seq)!)).toBe('new field Extra (object); new field Extra.Owner (string)');
  });

  it('a value type a path never had is a drift, saying what it was', () => {
    const t = new ShapeTracker();
    t.observe(ev({ n: 1 }));
    t.observe(ev({ n: new ExactNumber('9007199254740993') }));
    const changed = ev({ n: '2' });
    expect(t.observe(changed)).toEqual([{ path: 'n', what: 'type', kind: 'string', was: ['number'] }]);
    expect(t.observe(ev({ n: null }))![0]).toMatchObject({ kind: 'null', was: ['string', 'number'] });
  });

  it('keeps a shape per dialect and type; system rows and undecoded frames have none', () => {
    const t = new ShapeTracker();
    t.observe(ev({ a: 1 }, 'machines'));
    expect(t.observe(ev({ b: 1 }, 'profiles'))).toBeUndefined(); // another type's baseline
    expect(t.observe(ev({ b: 1 }, 'machines', { dialect: 'json' }))).toBeUndefined();
    expect(t.observe(ev(undefined, 'x', { dir: 'system', kind: 'notice' }))).toBeUndefined();
    expect(t.summary().types.map((s) => `${s.dialect}/${s.type}`).sort()).toEqual(['drp/machines', 'drp/profiles', 'json/machines']);
  });

  it('counts how often each field appears and with which types, once per event however many array items', () => {
    const t = new ShapeTracker();
    t.observe(ev({ tags: ['a', 'b', 1], id: 1 }));
    t.observe(ev({ tags: [], id: '2' }));
    t.observe(ev({ id: 3 }));
    const s = t.summary().types[0];
    expect(s.events).toBe(3);
    expect(s.fields).toEqual([
      { path: 'tags', count: 2, firstSeq: expect.any(Number), kinds: [{ kind: 'array', count: 2 }] },
      { path: 'tags[]', count: 1, firstSeq: expect.any(Number), kinds: [{ kind: 'string', count: 1 }, { kind: 'number', count: 1 }] },
      { path: 'id', count: 3, firstSeq: expect.any(Number), kinds: [{ kind: 'string', count: 1 }, { kind: 'number', count: 2 }] },
    ]);
  });

  it('is bounded: paths per type and types are capped, and the summary says so; long arrays are sampled', () => {
    const t = new ShapeTracker({ paths: 3, types: 1, marks: 2 });
    t.observe(ev({ a: 1, b: 1 }));
    expect(t.observe(ev({ a: 1, b: 1, c: 1, d: 1, e: 1 }))).toEqual([{ path: 'c', what: 'field', kind: 'number' }]);
    t.observe(ev({ x: 1 }, 'other'));
    const sum = t.summary();
    expect(sum.types[0].fields.map((f) => f.path)).toEqual(['a', 'b', 'c']);
    expect(sum.types[0].cappedEvents).toBe(1);
    expect(sum).toMatchObject({ untrackedEvents: 1, untrackedTypes: true });

    const long = new ShapeTracker();
    const items = Array.from({ length: 1000 }, (_, i) => (i < MAX_ITEMS ? { a: 1 } : { [`k${i}`]: 1 }));
    long.observe(ev({ items }));
    expect(long.summary().types[0].fields.map((f) => f.path)).toEqual(['items', 'items[]', 'items[].a']);
  });

  it('forgets the drifts of evicted events (oldest first, and past its cap) but not what they taught', () => {
    const t = new ShapeTracker({ paths: 100, types: 10, marks: 2 });
    t.observe(ev({}));
    const d1 = ev({ a: 1 });
    const d2 = ev({ b: 1 });
    const d3 = ev({ c: 1 });
    for (const d of [d1, d2, d3]) t.observe(d);
    expect([d1, d2, d3].map((d) => t.isDrift(d.seq))).toEqual([false, true, true]);
    t.forgetBefore(d3.seq);
    expect(t.isDrift(d2.seq)).toBe(false);
    expect(t.observe(ev({ a: 2, b: 2 }))).toBeUndefined();
  });

  it('stops at depth (a cyclic value cannot loop) and ignores non-JSON values', () => {
    const t = new ShapeTracker();
    const cyclic: Record<string, unknown> = { name: 'x' };
    cyclic.self = cyclic;
    t.observe(ev(cyclic));
    expect(t.summary().types[0].fields.length).toBeLessThan(20);
    t.observe(ev({ f: () => 1 }));
  });
});
