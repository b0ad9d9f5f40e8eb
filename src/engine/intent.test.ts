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
});
