import { describe, expect, it } from 'vitest';
import jsan from 'jsan';
import type { IncomingEvent, StreamEvent } from '../types';
import { createController } from './controller';
import { remotedevDialect } from './index';

// The table's order and numbers of an instance's rows, and the marker rows that say why rows left its history, as
// the controller gives them for the lifted states the instrument sends (a reorder, Commit, Pause recording).

const app = { id: 'sock1', instanceId: 'inst1', name: 'App' };
const lifted = (o: { ids: number[]; staged?: number[]; nextActionId?: number; isPaused?: boolean; pausedId?: number }) => {
  const actionsById: Record<number, unknown> = { 0: { type: 'PERFORM_ACTION', action: { type: '@@INIT' }, timestamp: 1000 } };
  for (const k of o.ids) actionsById[k] = { type: 'PERFORM_ACTION', action: { type: 'ADD', by: k }, timestamp: 1000 + k };
  if (o.pausedId !== undefined) actionsById[o.pausedId] = { type: 'PERFORM_ACTION', action: { type: '@@PAUSED' }, timestamp: 2000 };
  const staged = o.staged ?? [0, ...o.ids, ...(o.pausedId !== undefined ? [o.pausedId] : [])];
  return { type: 'STATE', ...app, payload: jsan.stringify({ actionsById, computedStates: staged.map((id) => ({ state: { at: id } })), stagedActionIds: staged, skippedActionIds: [], currentStateIndex: staged.length - 1, nextActionId: o.nextActionId ?? Math.max(...staged) + 1, isLocked: false, isPaused: !!o.isPaused }) };
};
const actionMsg = (id: number) => ({ type: 'ACTION', ...app, action: jsan.stringify({ type: 'PERFORM_ACTION', action: { type: 'ADD', by: id }, timestamp: 1000 + id }), payload: jsan.stringify({ at: id }), nextActionId: id + 1 });

function setup() {
  const rows: StreamEvent[] = [];
  const c = createController(
    { sink: { emit: (e: IncomingEvent) => rows.push({ ...e, seq: rows.length, connId: 'c', dialect: 'remotedev', receivedAt: 0 } as StreamEvent), status: () => undefined }, transmit: () => true, schedule: (fn) => fn(), viewIntervalMs: 0, now: () => 0 },
    { credential: 'monitor', advanced: false, protocol: 'auto', activeProtocol: 2 },
  );
  c.setConnection({ connected: true });
  const ctx = { session: () => ({ controller: c, capabilities: {}, send() {}, close() {} }) };
  const actions = () => rows.filter((r) => r.fields?.rowKind === 'action');
  const byAction = (by: number, nth = 0) => actions().filter((r) => r.summary?.startsWith(`ADD {by: ${by}}`))[nth];
  const number = (e: StreamEvent) => remotedevDialect.rowNumber!(e, ctx);
  const state = (e: StreamEvent) => remotedevDialect.columns!.find((col) => col.id === 'rdState')!.get(e, ctx);
  /** The action rows' `by` in the table's order for the instance. */
  const listed = () => {
    const seqs = rows.map((r) => r.seq);
    const order = c.rowOrder.arrange(c.instances()[0].key, seqs, (s) => rows[s]) ?? seqs;
    return order.map((s) => rows[s]).filter((r) => r.fields?.rowKind === 'action').map((r) => (r.value as { action: { by?: number } }).action.by ?? 0);
  };
  const markers = () => rows.filter((r) => r.fields?.rowKind === 'marker').map((r) => r.summary);
  return { c, rows, byAction, number, state, listed, markers };
}

describe("remotedev rows in the app's order", () => {
  it("lists the rows in the app's history order after a reorder, numbered by their place in it; new rows follow", () => {
    const { c, byAction, number, listed } = setup();
    let told = 0;
    c.rowOrder.subscribe(() => told++);
    c.handle(lifted({ ids: [1, 2, 3] }), 'log');
    expect(listed()).toEqual([0, 1, 2, 3]);
    expect([1, 2, 3].map((by) => number(byAction(by)))).toEqual([1, 2, 3]);
    expect(told).toBe(0);

    // REORDER_ACTION 3 before 2: the app's STATE lists [0, 1, 3, 2].
    c.handle(lifted({ ids: [1, 2, 3], staged: [0, 1, 3, 2] }), 'log');
    expect(told).toBe(1);
    expect(listed()).toEqual([0, 1, 3, 2]);
    expect([1, 3, 2].map((by) => number(byAction(by)))).toEqual([1, 2, 3]);
    c.handle(actionMsg(4), 'log');
    expect(listed()).toEqual([0, 1, 3, 2, 4]);
    expect(number(byAction(4))).toBe(4);

    // Moved back: arrival order again, and the table is told so.
    c.handle(lifted({ ids: [1, 2, 3, 4] }), 'log');
    expect(told).toBe(2);
    expect(c.rowOrder.arrange(c.instances()[0].key, [0, 1], () => undefined)).toBeNull();
    expect([1, 2, 3, 4].map((by) => number(byAction(by)))).toEqual([1, 2, 3, 4]);
  });

  it('says once why rows left after Commit; they keep their numbers, and the next run is numbered after them', () => {
    const { c, byAction, number, state, markers } = setup();
    c.handle(lifted({ ids: [1, 2, 3], staged: [0, 2, 1, 3] }), 'log');
    const key = c.instances()[0].key;
    expect(state(byAction(3))).toBe('current');
    c.commit(key);
    // COMMIT: the instrument restarts at @@INIT with ids from 1.
    c.handle(lifted({ ids: [], nextActionId: 1 }), 'log');
    expect(markers()).toEqual(['Committed: App folded its 3 actions into its base state, which is where its history now starts; the rows above are kept, dimmed, as history.']);
    // Older rows say nothing each (the marker did), and keep the number they last had.
    expect([1, 2, 3].map((by) => state(byAction(by)))).toEqual([undefined, undefined, undefined]);
    expect([2, 1, 3].map((by) => number(byAction(by)))).toEqual([1, 2, 3]);
    // The new run's actions are numbered after the old ones (its @@INIT, the base state, took 4).
    c.handle(actionMsg(1), 'log');
    expect(number(byAction(1, 1))).toBe(5);
    expect(state(byAction(1, 1))).toBe('current');
  });

  it('Pause recording keeps the history (the app appends @@PAUSED); Resume folds it, as Commit does', () => {
    const { c, rows, byAction, state, markers } = setup();
    c.handle(lifted({ ids: [1, 2] }), 'log');
    const key = c.instances()[0].key;
    c.pauseRecording(key, true);
    c.handle(lifted({ ids: [1, 2], pausedId: 3, isPaused: true }), 'log');
    expect(markers()).toEqual([expect.stringMatching(/^Recording paused: App keeps running but records and sends no actions until recording resumes; the actions above stay in its history/)]);
    // Still the app's history: neither current nor gone.
    const mark = (e: StreamEvent) => c.rowState(key, e.fields!.actionId as number, e.fields!.token as number, e.fields!.epoch as number);
    expect([1, 2].map((by) => mark(byAction(by)))).toEqual(['', '']);
    expect(state(byAction(2))).toBeUndefined();
    // @redux-devtools/remote sends nothing while paused; an app that relays its @@PAUSED entry again (same id, the
    // instrument updates it in place) changes that entry's state, and no action is recorded.
    const count = rows.length;
    c.handle({ type: 'ACTION', ...app, action: jsan.stringify({ type: 'PERFORM_ACTION', action: { type: '@@PAUSED' }, timestamp: 2001 }), payload: jsan.stringify({ at: 99 }), nextActionId: 4 }, 'log');
    expect(rows.length).toBe(count);
    expect([1, 2].map((by) => mark(byAction(by)))).toEqual(['', '']);
    expect(c.instance(key)!.history.stateAt(3)).toEqual({ at: 99 });
    c.pauseRecording(key, false);
    c.handle(lifted({ ids: [], nextActionId: 1 }), 'log');
    expect(markers()[1]).toBe('Recording resumed: as on Commit, App folded its 2 actions into its base state; the rows above are kept, dimmed, as history.');
  });
});
