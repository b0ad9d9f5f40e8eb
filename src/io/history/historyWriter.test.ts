import { describe, expect, it } from 'vitest';
import type { HistoryDb } from './historyDb';
import { createHistoryWriter, type FromHistoryWriter } from './historyWriter';

const tick = () => new Promise((r) => setTimeout(r, 0));
const append = { type: 'append' as const, events: [{ receivedAt: 1, dir: 'in', kind: 'message', connId: 'c', dialect: 'json', size: 2, raw: '{}' }], connections: {}, keep: 10, includeSecrets: false };

describe('history writer (worker side)', () => {
  it('reports a storage failure once, with the browser error name, and ignores appends until opened again', async () => {
    const out: FromHistoryWriter[] = [];
    let calls = 0;
    const db = {
      transaction: () => {
        calls++;
        throw Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
      },
    } as unknown as HistoryDb;
    const w = createHistoryWriter({ openDb: async () => db, post: (m) => out.push(m) });
    w.receive({ type: 'open', session: 's', gen: 1 });
    w.receive(append);
    await tick();
    await tick();
    expect(out).toEqual([{ type: 'failed', gen: 1, name: 'QuotaExceededError', message: 'quota' }]);
    w.receive(append);
    await tick();
    expect(calls).toBe(1);
    w.receive({ type: 'open', session: 's', gen: 2 });
    w.receive(append);
    await tick();
    await tick();
    expect(calls).toBe(2);
    expect(out[1]).toMatchObject({ type: 'failed', gen: 2 });
  });

  it('reports a database that cannot be opened', async () => {
    const out: FromHistoryWriter[] = [];
    const w = createHistoryWriter({ openDb: () => Promise.reject(Object.assign(new Error('no storage'), { name: 'SecurityError' })), post: (m) => out.push(m) });
    w.receive({ type: 'open', session: 's', gen: 1 });
    await tick();
    expect(out[0]).toMatchObject({ type: 'failed', name: 'SecurityError' });
  });
});
