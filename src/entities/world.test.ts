import { beforeEach, describe, expect, it } from 'vitest';
import { EntityIndex } from './entityIndex';
import { WorldCursor } from './world';
import { listWorld, listStats } from './worldList';
import { asStream, resetTestEvents } from './testEvents';
import { drpEntities } from '../dialects/drp/entityRules';
import type { StreamEvent } from '../core/events';

// Reconstruction at t: the cursor's world must equal a replay of the held events up to t, after any sequence of
// moves, deletes, evictions and compactions.

type Op = { Type: string; Action: string; Key: string; Object: unknown };

function drpEvent(o: Op): StreamEvent {
  return asStream('drp', { dir: 'in', kind: 'message', value: o, type: o.Type, action: o.Action, key: o.Key });
}

/** A deterministic stream over `keys` machines: creates, updates with a counter, deletes and re-creates. */
function makeStream(n: number, keys: number, seed = 7): StreamEvent[] {
  let x = seed;
  const rnd = () => ((x = (x * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const alive = new Set<number>();
  const out: StreamEvent[] = [];
  for (let i = 0; i < n; i++) {
    const k = Math.floor(rnd() * keys);
    const Key = `m${k}`;
    if (!alive.has(k)) {
      alive.add(k);
      out.push(drpEvent({ Type: 'machines', Action: 'create', Key, Object: { Name: Key, n: i } }));
    } else if (rnd() < 0.1) {
      alive.delete(k);
      out.push(drpEvent({ Type: 'machines', Action: 'delete', Key, Object: { Name: Key, n: i } }));
    } else out.push(drpEvent({ Type: 'machines', Action: 'update', Key, Object: { Name: Key, n: i } }));
  }
  return out;
}

/** What the world is after the held events (seq >= firstSeq) up to `seq`, replayed from nothing. */
function replay(events: StreamEvent[], firstSeq: number, seq: number): Record<string, number> {
  const world: Record<string, number> = {};
  for (const e of events) {
    if (e.seq < firstSeq || e.seq > seq) continue;
    const v = e.value as Op;
    if (v.Action === 'delete') delete world[v.Key];
    else world[v.Key] = (v.Object as { n: number }).n;
  }
  return world;
}

function seen(index: EntityIndex, cursor: WorldCursor | null): Record<string, number> {
  const world: Record<string, number> = {};
  for (const r of listWorld(index, cursor).rows()) world[r.ent.key] = (r.v.state as { n: number }).n;
  return world;
}

const CHECKPOINT_MIN = 512;
const newIndex = () => new EntityIndex((d) => (d === 'drp' ? drpEntities : undefined), {}, CHECKPOINT_MIN);

beforeEach(() => resetTestEvents());

describe('WorldCursor', () => {
  it('shows the world as of any event, including a deleted machine before its delete', () => {
    const index = newIndex();
    const events = [
      drpEvent({ Type: 'machines', Action: 'create', Key: 'a', Object: { n: 1 } }),
      drpEvent({ Type: 'machines', Action: 'create', Key: 'b', Object: { n: 2 } }),
      drpEvent({ Type: 'machines', Action: 'update', Key: 'a', Object: { n: 3 } }),
      drpEvent({ Type: 'machines', Action: 'delete', Key: 'b', Object: { n: 2 } }),
    ];
    index.ingest(events);
    const cursor = new WorldCursor(index);
    cursor.moveTo(0);
    expect(seen(index, cursor)).toEqual({});
    cursor.moveTo(2);
    expect(seen(index, cursor)).toEqual({ a: 1, b: 2 });
    cursor.moveTo(4);
    expect(seen(index, cursor)).toEqual({ a: 3 });
    cursor.moveTo(3);
    expect(seen(index, cursor)).toEqual({ a: 3, b: 2 });
    // Deleted entities can be listed as such, with what they were.
    cursor.moveTo(4);
    expect(listWorld(index, cursor, { showDeleted: true }).rows().map((r) => [r.ent.key, r.v.op])).toEqual([
      ['a', 'update'],
      ['b', 'delete'],
    ]);
  });

  it('matches a replay after random moves over a stream with checkpoints', () => {
    const index = newIndex();
    const events = makeStream(CHECKPOINT_MIN * 8 + 123, 300);
    for (let i = 0; i < events.length; i += 500) index.ingest(events.slice(i, i + 500));
    expect(index.checkpoints.length).toBeGreaterThanOrEqual(4);
    const cursor = new WorldCursor(index);
    let x = 3;
    const last = events.at(-1)!.seq;
    const targets = [last, 1, last - 1, Math.floor(last / 2), Math.floor(last / 2) + 1, Math.floor(last / 2) - 40, 0];
    for (let i = 0; i < 25; i++) targets.push((x = (x * 7919 + 13) % (last + 1)));
    for (const t of targets) {
      cursor.moveTo(t);
      expect(seen(index, cursor), `at #${t}`).toEqual(replay(events, 1, t));
    }
  });

  it('scrub steps patch the last list at the slots they changed, and it equals a fresh pass (with a filter and deletes)', { timeout: 30_000 }, async () => {
    const { compileQuery } = await import('../filter');
    const index = newIndex();
    const events = makeStream(4000, 200);
    index.ingest(events);
    const cursor = new WorldCursor(index);
    // A second index of the same events, listed by full passes only (each move there starts from a copy).
    const other = newIndex();
    other.ingest(events);
    const predicate = compileQuery('Name:m1*').ok ? (compileQuery('Name:m1*') as { predicate: (e: StreamEvent) => boolean }).predicate : null;
    const keys = (l: ReturnType<typeof listWorld>) => l.rows().map((r) => `${r.ent.key}@${r.v.seq}`);
    const patched0 = listStats.patched;
    for (const q of [{}, { showDeleted: true }, { predicate }]) {
      let seq = events.at(-1)!.seq - 5;
      cursor.moveTo(seq);
      listWorld(index, cursor, q);
      for (let i = 0; i < 300; i++) {
        seq += i % 7 === 6 ? 40 : i % 3 === 0 ? 1 : -1 - (i % 5);
        cursor.moveTo(seq);
        expect(cursor.touched, 'a step records what it changed').not.toBeNull();
        const patched = keys(listWorld(index, cursor, q));
        const fresh = new WorldCursor(other);
        fresh.moveTo(seq);
        expect(fresh.touched).toBeNull();
        expect(patched, `at #${seq}`).toEqual(keys(listWorld(other, fresh, q)));
      }
    }
    expect(listStats.patched - patched0).toBe(900);
  });

  it('scrub steps go on patching while the index reads more (after the cursor, and late, before it)', { timeout: 30_000 }, () => {
    const events = makeStream(6000, 300, 11).concat(Array.from({ length: 500 }, (_, i) => drpEvent({ Type: 'machines', Action: 'create', Key: `new${i}`, Object: { Name: `new${i}` } })));
    const index = newIndex();
    // The index has read only the first part: the cursor sits partly beyond what it knows, as while it catches up.
    let read = 3000;
    index.ingest(events.slice(0, read));
    const cursor = new WorldCursor(index);
    const keys = (l: ReturnType<typeof listWorld>) => l.rows().map((r) => `${r.ent.key}@${r.v.seq}`);
    let seq = 3500;
    cursor.moveTo(seq);
    listWorld(index, cursor);
    const patched0 = listStats.patched;
    for (let i = 0; i < 100; i++) {
      const more = events.slice(read, read + 35);
      index.ingest(more);
      read += more.length;
      seq += i % 4 === 0 ? 3 : -1;
      cursor.moveTo(seq);
      const patched = keys(listWorld(index, cursor));
      const fresh = newIndex();
      fresh.ingest(events.slice(0, read));
      const c = new WorldCursor(fresh);
      c.moveTo(seq);
      expect(patched, `at #${seq} with ${read} read`).toEqual(keys(listWorld(fresh, c)));
    }
    expect(listStats.patched - patched0).toBe(100);
  });

  it('after the buffer drops old events, knows nothing before the oldest held one ("state before #N unknown")', () => {
    const index = newIndex();
    const events = makeStream(CHECKPOINT_MIN * 3, 50);
    index.ingest(events);
    const firstSeq = CHECKPOINT_MIN + 77;
    index.evictBefore(firstSeq);
    expect(index.checkpoints.every((c) => c.at >= index.changes.head)).toBe(true);
    const cursor = new WorldCursor(index);
    for (const t of [firstSeq, firstSeq + 5, firstSeq + 4000, events.length, firstSeq + 10]) {
      cursor.moveTo(t);
      expect(seen(index, cursor), `at #${t}`).toEqual(replay(events, firstSeq, t));
    }
    // The live world is the same: machines whose every event was dropped are gone, the rest start at a held event.
    expect(seen(index, null)).toEqual(replay(events, firstSeq, Infinity));
    for (const ent of index.entities) {
      const h = index.history(ent);
      if (h.length) expect(h[0].v.seq).toBeGreaterThanOrEqual(firstSeq);
    }
  });

  it('compacts entities whose every event was dropped, and cursors start again', { timeout: 30_000 }, () => {
    const index = newIndex();
    // 12 000 machines seen once each, then 100 busy ones: dropping the first part leaves mostly dead slots.
    const once = Array.from({ length: 12_000 }, (_, i) => drpEvent({ Type: 'machines', Action: 'create', Key: `once${i}`, Object: { n: i } }));
    index.ingest(once);
    const busy = makeStream(5_000, 100);
    index.ingest(busy);
    const cursor = new WorldCursor(index);
    cursor.moveTo(5000);
    const epoch = index.epoch;
    index.evictBefore(12_001);
    expect(index.epoch).toBe(epoch + 1);
    expect(index.slots).toBe(100);
    const all = [...once, ...busy];
    for (const t of [12_001, 14_000, 17_000, 12_500]) {
      cursor.moveTo(t);
      expect(seen(index, cursor), `at #${t}`).toEqual(replay(all, 12_001, t));
    }
  });

  it('clear forgets everything', () => {
    const index = newIndex();
    index.ingest(makeStream(100, 10));
    index.clear();
    expect(index.size).toBe(0);
    expect(listWorld(index, null).length).toBe(0);
  });
});
