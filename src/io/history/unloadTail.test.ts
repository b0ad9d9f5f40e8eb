import { beforeEach, describe, expect, it } from 'vitest';
import type { StoredRecord } from './historyDb';
import { dropUnloadTails, saveUnloadTail, takeUnloadTail } from './unloadTail';

const store = new Map<string, string>();
const fakeStorage = {
  getItem: (k: string) => store.get(k) ?? null,
  setItem: (k: string, v: string) => void store.set(k, v),
  removeItem: (k: string) => void store.delete(k),
};
Object.defineProperty(globalThis, 'localStorage', { value: fakeStorage, configurable: true });

const rec = (n: number): StoredRecord => ({ ts: n, dir: 'in', kind: 'message', conn: 'c1', dialect: 'json', size: 8, raw: `{"n":${n}}`, type: null, action: null, key: null, extra: null });
const conns = { c1: { name: 'lab', dialect: 'json', endpoint: 'ws://h/' } };

beforeEach(() => store.clear());

describe('unload tail', () => {
  it('gives back only what the stored history does not hold, once', () => {
    saveUnloadTail({ session: 's1', first: 10, records: [10, 11, 12, 13].map(rec), connections: conns });
    // The writer finished the batch holding 10 and 11 before the page went away.
    const left = takeUnloadTail('s1', 12);
    expect(left.records.map((r) => r.ts)).toEqual([12, 13]);
    expect(left.connections).toEqual(conns);
    expect(takeUnloadTail('s1', 12).records).toEqual([]);
  });

  it('gives back everything when the writer stored none of it', () => {
    saveUnloadTail({ session: 's1', first: 10, records: [10, 11].map(rec), connections: conns });
    expect(takeUnloadTail('s1', 10).records).toHaveLength(2);
  });

  it("keeps the newest records when the tail is too large, and never another session's", () => {
    const records = Array.from({ length: 100 }, (_, i) => rec(i));
    const kept = saveUnloadTail({ session: 's1', first: 0, records, connections: conns }, 3000);
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(100);
    expect(takeUnloadTail('s2', 0).records).toEqual([]);
    const left = takeUnloadTail('s1', 0);
    expect(left.records).toHaveLength(kept);
    expect(left.records[kept - 1].ts).toBe(99);
  });

  it('is forgotten with its session', () => {
    saveUnloadTail({ session: 's1', first: 0, records: [rec(1)], connections: conns });
    dropUnloadTails(['s1']);
    expect(takeUnloadTail('s1', 0).records).toEqual([]);
  });
});
