import { describe, expect, it } from 'vitest';
import jsan from 'jsan';
import { createController } from './controller';

// The inspector's range detail and the reorder commands, on a monitor fed the lifted state a Redux app sends.

function monitor() {
  const sent: Record<string, unknown>[] = [];
  const c = createController(
    { sink: { emit: () => undefined, status: () => undefined }, transmit: (_ch, data) => (sent.push(data as Record<string, unknown>), true), schedule: (fn) => fn(), viewIntervalMs: 0, setTimer: () => 0, clearTimer: () => undefined, now: () => 0 },
    { credential: 'monitor', advanced: false, protocol: 'auto', activeProtocol: 2 },
  );
  c.setConnection({ connected: true });
  return { c, sent };
}

/** An app's lifted state after ADD 1…n (state `count` = running total), staged in `order` when given. */
function state(n: number, o: { order?: number[]; skipped?: number[] } = {}) {
  const actionsById: Record<number, unknown> = { 0: { type: 'PERFORM_ACTION', action: { type: '@@INIT' }, timestamp: 1000 } };
  for (let k = 1; k <= n; k++) actionsById[k] = { type: 'PERFORM_ACTION', action: { type: 'ADD', by: k }, timestamp: 1000 + k };
  const staged = o.order ?? Object.keys(actionsById).map(Number);
  let total = 0;
  const computedStates = staged.map((id) => ({ state: { count: (total += o.skipped?.includes(id) ? 0 : id) } }));
  return { type: 'STATE', id: 'sock1', instanceId: 'inst1', name: 'App', payload: jsan.stringify({ actionsById, computedStates, stagedActionIds: staged, skippedActionIds: o.skipped ?? [], currentStateIndex: staged.length - 1, nextActionId: n + 1, isLocked: false, isPaused: false }) };
}

describe('remotedev inspector: a range of actions', () => {
  it('compares the state before the earlier end with the state after the later one, whichever was picked first', () => {
    const { c } = monitor();
    c.handle(state(4, { skipped: [3] }), 'log');
    const r = c.rangeDetail('inst1', { id: 4 }, { id: 2 });
    expect(r).toMatchObject({ firstId: 2, lastId: 4, count: 3, skipped: 1, before: { count: 1 }, after: { count: 7 } });
    // From @@INIT: the state before it is the committed state (none here).
    expect(c.rangeDetail('inst1', { id: 0 }, { id: 1 })).toMatchObject({ firstId: 0, lastId: 1, count: 2, after: { count: 1 } });
  });

  it('follows the app history order after a reorder, and says when an end is gone', () => {
    const { c } = monitor();
    c.handle(state(3, { order: [0, 1, 3, 2] }), 'log');
    expect(c.rangeDetail('inst1', { id: 3 }, { id: 1 })).toMatchObject({ firstId: 1, lastId: 3, count: 2, before: { count: 0 }, after: { count: 4 } });
    expect(c.rangeDetail('inst1', { id: 1 }, { id: 9 })?.error).toMatch(/no longer in the app's history/);
  });
});

describe('remotedev commands: reorder', () => {
  const moves = (sent: Record<string, unknown>[]) => sent.filter((s) => (s.action as { type?: string } | undefined)?.type === 'REORDER_ACTION').map((s) => s.action);

  it('sends REORDER_ACTION with the id to move before; past the last one for the end', () => {
    const { c, sent } = monitor();
    c.handle(state(3), 'log');
    expect(c.moveAction('inst1', 3, 2, 'before')).toBe(true);
    expect(c.moveAction('inst1', 1, 3, 'after')).toBe(true);
    expect(c.moveActionBy('inst1', 2, 1)).toBe(true);
    expect(moves(sent)).toEqual([
      { type: 'REORDER_ACTION', actionId: 3, beforeActionId: 2 },
      { type: 'REORDER_ACTION', actionId: 1, beforeActionId: 4 },
      { type: 'REORDER_ACTION', actionId: 2, beforeActionId: 4 },
    ]);
  });

  it('moves by one place in the current order, never before @@INIT, and sends nothing that would not move', () => {
    const { c, sent } = monitor();
    c.handle(state(3, { order: [0, 3, 1, 2] }), 'log');
    expect(c.moveActionBy('inst1', 1, -1)).toBe(true); // 1 before 3
    expect(c.moveActionBy('inst1', 3, -1)).toBe(false); // already first after @@INIT
    expect(c.moveActionBy('inst1', 2, 1)).toBe(false); // already last
    expect(c.moveAction('inst1', 1, 2, 'before')).toBe(false); // already there
    expect(c.moveAction('inst1', 2, 0, 'before')).toBe(true); // before @@INIT means first after it
    expect(moves(sent)).toEqual([
      { type: 'REORDER_ACTION', actionId: 1, beforeActionId: 3 },
      { type: 'REORDER_ACTION', actionId: 2, beforeActionId: 3 },
    ]);
  });

  it('says why an action cannot move', () => {
    const { c } = monitor();
    c.handle(state(1), 'log');
    expect(c.reorderReason('inst1', 0)).toMatch(/@@INIT/);
    expect(c.reorderReason('inst1', 1)).toMatch(/nothing to reorder/);
    c.handle(state(2), 'log');
    expect(c.reorderReason('inst1', 1)).toBeUndefined();
    c.instance('inst1')!.features.reorder = false;
    expect(c.reorderReason('inst1', 1)).toMatch(/features\.reorder is off/);
  });
});

describe('remotedev inspector: future actions', () => {
  it('are the ones after the current position, by the app order, not by id', () => {
    const { c } = monitor();
    c.handle(state(3, { order: [0, 1, 3, 2] }), 'log');
    expect([0, 1, 2, 3].map((id) => c.isFuture('inst1', id))).toEqual([false, false, false, false]);
    c.instance('inst1')!.history.currentStateIndex = 1;
    expect([0, 1, 2, 3].map((id) => c.isFuture('inst1', id))).toEqual([false, false, true, true]);
  });
});
