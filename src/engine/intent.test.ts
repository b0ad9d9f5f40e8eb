import { describe, expect, it } from 'vitest';
import { createObservable } from '../core/observable';
import { EventLog } from './eventLog';
import { EventView } from './eventView';
import type { Scheduler } from './frameBatcher';
import { followIntent, type EngineIntent } from './intent';

const manual = (): Scheduler => ({ requestFrame: () => 0, setTimeout: () => 0, clearTimeout: () => {} });

describe('followIntent', () => {
  it('applies pause, capacity and connection scope from the intent, and only when they change', () => {
    const log = new EventLog(10, manual());
    const view = new EventView(log);
    const intent = createObservable<EngineIntent>({ paused: false, capacity: 5, connectionScope: null });
    const stop = followIntent(intent, log, view);
    expect(log.capacity).toBe(5);
    for (let i = 0; i < 3; i++) log.push(i % 2 ? 'b' : 'a', 'json', { dir: 'in', kind: 'text', raw: 'x' });
    log.flushNow();
    expect(view.count).toBe(3);

    intent.set((s) => ({ ...s, connectionScope: 'a' }));
    expect(view.count).toBe(2);
    intent.set((s) => ({ ...s, paused: true }));
    expect(view.paused).toBe(true);
    log.push('a', 'json', { dir: 'in', kind: 'text', raw: 'y' });
    log.flushNow();
    expect(view.count).toBe(2);
    expect(view.liveCount).toBe(3);

    stop();
    intent.set({ paused: false, capacity: 2, connectionScope: null });
    expect(view.paused).toBe(true);
    expect(log.capacity).toBe(5);
  });

  it('pauses at the newest row the table drew, not at events still on their way to it', () => {
    const log = new EventLog(10, manual());
    const view = new EventView(log);
    let drawn: number | null = null;
    const intent = createObservable<EngineIntent>({ paused: false, capacity: 10, connectionScope: null });
    followIntent(intent, log, view, () => drawn);
    for (let i = 0; i < 4; i++) log.push('a', 'json', { dir: 'in', kind: 'text', raw: 'x' });
    log.flushNow();
    drawn = view.seqAt(2); // the table has drawn three rows; the fourth arrived after that render
    intent.set((s) => ({ ...s, paused: true }));
    expect(view.count).toBe(3);
    expect(view.liveCount).toBe(4);
    intent.set((s) => ({ ...s, paused: false }));
    drawn = null; // no table: the newest event received
    intent.set((s) => ({ ...s, paused: true }));
    expect(view.count).toBe(4);
  });

  it('sets a row scope once per key, and drops it when the intent has none', () => {
    const log = new EventLog(10, manual());
    const view = new EventView(log);
    let built = 0;
    const odd = (key: string) => ({ key, predicate: () => (built++, (e: { seq: number }) => e.seq % 2 === 1) });
    const intent = createObservable<EngineIntent>({ paused: false, capacity: 10, connectionScope: null, rowScope: odd('odd') });
    const stop = followIntent(intent, log, view);
    for (let i = 0; i < 4; i++) log.push('a', 'json', { dir: 'in', kind: 'text', raw: 'x' });
    log.flushNow();
    expect(view.count).toBe(2);
    intent.set((s) => ({ ...s, paused: true, rowScope: odd('odd') }));
    expect(built).toBe(1);
    intent.set((s) => ({ ...s, rowScope: null }));
    expect(view.count).toBe(4);
    stop();
  });
});

describe("followIntent: the stream's own order", () => {
  it('lists the rows as the arranger orders them, again when told the order changed, and in arrival order without it', async () => {
    const log = new EventLog(10, manual());
    const view = new EventView(log);
    let swap = true;
    const listeners = new Set<() => void>();
    // Swaps the first two rows while `swap` holds: a history reordered by the user.
    const order = { arrange: (seqs: number[]) => (swap && seqs.length > 1 ? [seqs[1], seqs[0], ...seqs.slice(2)] : null), subscribe: (l: () => void) => (listeners.add(l), () => listeners.delete(l)) };
    const intent = createObservable<EngineIntent>({ paused: false, capacity: 10, connectionScope: 'a', rowOrder: { key: 'k', order: () => order } });
    const stop = followIntent(intent, log, view);
    for (let i = 0; i < 3; i++) log.push('a', 'json', { dir: 'in', kind: 'text', raw: `r${i}` });
    log.flushNow();
    const rows = () => Array.from({ length: view.count }, (_, i) => view.at(i)!.raw);
    expect(rows()).toEqual(['r0', 'r1', 'r2']);
    for (const l of listeners) l();
    await Promise.resolve();
    expect(rows()).toEqual(['r1', 'r0', 'r2']);
    // Rows that come later follow; a user's sort wins, and the order comes back when it is cleared.
    log.push('a', 'json', { dir: 'in', kind: 'text', raw: 'r3' });
    log.flushNow();
    expect(rows()).toEqual(['r1', 'r0', 'r2', 'r3']);
    view.setSort({ id: 'raw', desc: true, key: (e) => String(e.raw) });
    expect(rows()).toEqual(['r3', 'r2', 'r1', 'r0']);
    view.setSort(null);
    expect(rows()).toEqual(['r1', 'r0', 'r2', 'r3']);
    swap = false;
    for (const l of listeners) l();
    await Promise.resolve();
    expect(rows()).toEqual(['r0', 'r1', 'r2', 'r3']);
    intent.set((s) => ({ ...s, rowOrder: null }));
    expect(listeners.size).toBe(0);
    stop();
  });
});

describe('followIntent after stop', () => {
  it('follows nothing', () => {
    const log = new EventLog(10, manual());
    const view = new EventView(log);
    const intent = createObservable<EngineIntent>({ paused: true, capacity: 5, connectionScope: null });
    followIntent(intent, log, view)();
    intent.set({ paused: false, capacity: 2, connectionScope: null });
    expect(view.paused).toBe(true);
    expect(log.capacity).toBe(5);
  });
});
