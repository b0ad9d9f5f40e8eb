import { describe, expect, it } from 'vitest';
import jsan from 'jsan';
import type { IncomingEvent } from '../types';
import { createController } from './controller';
import { deltaText } from './index';
import type { HeldText } from './transport';
import { compileQuery } from '../../filter';

function setup(protocol: 1 | 2 = 2) {
  const sent: { channel: string; data: Record<string, unknown> }[] = [];
  const rows: IncomingEvent[] = [];
  const timers: { at: number; fn: () => void; id: number }[] = [];
  let clock = 0;
  let nextId = 1;
  const c = createController(
    {
      sink: { emit: (e) => rows.push(e), status: () => undefined },
      transmit: (channel, data) => (sent.push({ channel, data: data as Record<string, unknown> }), true),
      schedule: (fn) => fn(),
      viewIntervalMs: 0,
      setTimer: (fn, ms) => {
        const t = { at: clock + ms, fn, id: nextId++ };
        timers.push(t);
        return t.id;
      },
      clearTimer: (id) => {
        const k = timers.findIndex((t) => t.id === id);
        if (k >= 0) timers.splice(k, 1);
      },
      now: () => clock,
    },
    { credential: 'monitor', advanced: false, protocol: 'auto', activeProtocol: protocol },
  );
  c.setConnection({ connected: true });
  const advance = (ms: number) => {
    const end = clock + ms;
    for (;;) {
      timers.sort((a, b) => a.at - b.at);
      const t = timers[0];
      if (!t || t.at > end) break;
      timers.shift();
      clock = t.at;
      t.fn();
    }
    clock = end;
  };
  return { c, sent, rows, advance };
}

const lifted = (n: number) => {
  const actionsById: Record<number, unknown> = { 0: { type: 'PERFORM_ACTION', action: { type: '@@INIT' }, timestamp: 1000 } };
  const computedStates = [{ state: { count: 0 } }];
  for (let k = 1; k <= n; k++) {
    actionsById[k] = { type: 'PERFORM_ACTION', action: { type: 'ADD', by: k }, timestamp: 1000 + k };
    computedStates.push({ state: { count: k } });
  }
  return jsan.stringify({ actionsById, computedStates, stagedActionIds: Object.keys(actionsById).map(Number), skippedActionIds: [], currentStateIndex: n, nextActionId: n + 1, isLocked: false, isPaused: false });
};
const action = (id: number, by: number, isExcess?: boolean) => ({
  type: 'ACTION',
  id: 'sock1',
  instanceId: 'inst1',
  name: 'App',
  // The same timestamp lifted() gives the action with this id: it is the same action.
  action: jsan.stringify({ type: 'PERFORM_ACTION', action: { type: 'ADD', by }, timestamp: 1000 + id }),
  payload: jsan.stringify({ count: by }),
  nextActionId: id + 1,
  isExcess,
});
const starts = (sent: { channel: string; data: Record<string, unknown> }[]) => sent.filter((s) => s.data.type === 'START');

describe('remotedev controller', () => {
  it('answers an app START after a delay and retries until STATE arrives', () => {
    const { c, sent, advance } = setup();
    c.handle({ type: 'START', id: 'sock1', instanceId: 'inst1', name: 'App' }, 'log');
    advance(299);
    expect(starts(sent)).toHaveLength(0);
    advance(1);
    expect(starts(sent)).toEqual([{ channel: 'respond', data: { type: 'START' } }]);
    advance(1500);
    expect(starts(sent)).toHaveLength(2);
    c.handle({ type: 'STATE', id: 'sock1', instanceId: 'inst1', name: 'App', payload: lifted(2) }, 'log');
    advance(20000);
    expect(starts(sent)).toHaveLength(2);
    expect(c.instance('inst1')!.history.length).toBe(3);
    expect(c.state.get().selected).toBe('inst1');
  });

  it('turns ACTIONs into rows the filter language can search, with delta and ids', () => {
    const { c, rows } = setup();
    c.handle({ type: 'STATE', id: 'sock1', instanceId: 'inst1', name: 'App', payload: lifted(0) }, 'log');
    c.handle(action(1, 5), 'log');
    c.handle(action(2, 7, false), 'log');
    const acts = rows.filter((r) => r.fields?.rowKind === 'action');
    expect(acts.map((r) => [r.type, r.key, (r.value as { action: { by: number } }).action.by, r.fields?.actionId, r.fields?.delta])).toEqual([
      ['@@INIT', 'App', undefined, 0, undefined], // from the STATE
      ['ADD', 'App', 5, 1, 1],
      ['ADD', 'App', 7, 2, 1],
    ]);
    expect(c.rowState('inst1', 2)).toBe('current');
    // The table's filter language reads these rows: the type column and the decoded action.
    const match = (q: string) => {
      const r = compileQuery(q);
      if (!r.ok) throw new Error(r.error.message);
      return acts.filter((e) => r.predicate(e as never)).map((e) => e.fields?.actionId);
    };
    expect(match('type:ADD')).toEqual([1, 2]);
    expect(match('type:@@INIT')).toEqual([0]);
    expect(match('action.by:>5')).toEqual([2]);
    expect(c.detail('inst1', 2)).toMatchObject({ state: { count: 7 }, prevState: { count: 5 }, index: 2, current: true });
  });

  it('keeps history when an app disconnects and continues it when the app comes back with a new socket id', () => {
    const { c, advance, sent } = setup();
    c.handle({ type: 'STATE', id: 'sock1', instanceId: 'inst1', name: 'App', payload: lifted(3) }, 'log');
    c.handle({ type: 'DISCONNECTED', id: 'sock1' }, 'log');
    expect(c.state.get().instances[0]).toMatchObject({ connected: false, staged: 4 });
    expect(c.disabledReason('inst1', 'jump')).toMatch(/disconnected/);
    c.handle({ type: 'START', id: 'sock2', instanceId: 'inst1', name: 'App' }, 'log');
    advance(300);
    expect(starts(sent)).toHaveLength(1);
    expect(c.state.get().instances).toHaveLength(1);
    expect(c.instance('inst1')).toMatchObject({ socketId: 'sock2', connected: true });
  });

  it('re-STARTs after another monitor leaves (apps answer STOP), but not after its own STOP', () => {
    const { c, sent, advance } = setup();
    c.handle({ type: 'STATE', id: 'sock1', instanceId: 'inst1', name: 'App', payload: lifted(1) }, 'log');
    c.handle({ type: 'STOP', id: 'sock1', instanceId: 'inst1', name: 'App' }, 'log');
    advance(300);
    expect(starts(sent)).toHaveLength(1);
    c.handle({ type: 'STATE', id: 'sock1', instanceId: 'inst1', name: 'App', payload: lifted(1) }, 'log');
    c.stop();
    c.handle({ type: 'STOP', id: 'sock1', instanceId: 'inst1', name: 'App' }, 'log');
    advance(5000);
    expect(starts(sent)).toHaveLength(1);
  });

  it('broadcasts commands on respond with instanceId, never toggles action 0, warns when several apps listen', () => {
    const { c, sent } = setup();
    c.handle({ type: 'STATE', id: 'sock1', instanceId: 'inst1', name: 'App', payload: lifted(3) }, 'log');
    expect(c.toggleAction('inst1', 0)).toBe(false);
    expect(c.toggleAction('inst1', 2)).toBe(true);
    expect(sent.at(-1)).toEqual({ channel: 'respond', data: { type: 'DISPATCH', action: { type: 'TOGGLE_ACTION', id: 2 }, instanceId: 'inst1' } });
    expect(c.state.get().lastCommand?.warning).toBeUndefined();
    c.handle({ type: 'STATE', id: 'sock2', instanceId: 'inst2', name: 'Other', payload: lifted(1) }, 'log');
    c.jumpToAction('inst1', 1);
    expect(sent.at(-1)!.data).toMatchObject({ type: 'DISPATCH', action: { type: 'JUMP_TO_ACTION', actionId: 1 } });
    expect(c.state.get().lastCommand?.warning).toMatch(/2 apps are connected and Redux apps ignore instanceId/);
  });

  it('moves its own index for JUMP_TO_STATE (no reply comes)', () => {
    const { c, sent } = setup();
    c.handle({ type: 'STATE', id: 'sock1', instanceId: 'inst1', name: 'App', payload: lifted(3) }, 'log');
    c.jumpToState('inst1', 1);
    expect(sent.at(-1)!.data).toMatchObject({ type: 'DISPATCH', action: { type: 'JUMP_TO_STATE', index: 1 } });
    expect(c.instance('inst1')!.history.currentStateIndex).toBe(1);
    expect(c.rowState('inst1', 1)).toBe('current');
  });

  it('targets sc-<id> only for legacy apps (no instanceId) on a protocol-1 server', () => {
    const p1 = setup(1);
    p1.c.handle({ type: 'STATE', id: 'old1', name: 'Legacy', payload: lifted(1) }, 'log');
    p1.c.reset('old1');
    expect(p1.sent.at(-1)).toEqual({ channel: 'sc-old1', data: { type: 'DISPATCH', action: { type: 'RESET' }, instanceId: 'old1' } });
    const p2 = setup(2);
    p2.c.handle({ type: 'STATE', id: 'old1', name: 'Legacy', payload: lifted(1) }, 'log');
    p2.c.reset('old1');
    expect(p2.sent.at(-1)!.channel).toBe('respond');
  });

  it('continues a legacy app (no instanceId) that reconnects with a new socket id, never a twin of another app', () => {
    const { c, sent, rows } = setup(1);
    c.handle({ type: 'STATE', id: 'old1', name: 'Legacy', payload: lifted(2) }, 'log');
    c.select('old1');
    c.setConnection({ connected: false });
    c.setConnection({ connected: true });
    c.handle({ type: 'START', id: 'new1', name: 'Legacy' }, 'log');
    // The app kept actions 0-2 (same ids and timestamps) and recorded one more while nobody watched.
    c.handle({ type: 'STATE', id: 'new1', name: 'Legacy', payload: lifted(3) }, 'log');
    expect(c.state.get().instances.map((i) => [i.key, i.connected, i.staged])).toEqual([['old1', true, 4]]);
    expect(c.state.get().selected).toBe('old1');
    expect(rows.filter((r) => r.fields?.rowKind === 'action').map((r) => [r.fields!.instance, r.fields!.actionId])).toEqual([['old1', 0], ['old1', 1], ['old1', 2], ['old1', 3]]);
    c.handle({ ...action(4, 4), id: 'new1', instanceId: undefined, name: 'Legacy' }, 'log');
    expect(c.instance('old1')!.history.staged.toArray()).toEqual([0, 1, 2, 3, 4]);
    c.reset('old1');
    expect(sent.at(-1)).toMatchObject({ channel: 'sc-new1', data: { instanceId: 'new1' } });

    // Same name, but no action in common (another app, or one restarted): a new instance.
    c.setConnection({ connected: false });
    c.setConnection({ connected: true });
    const other = jsan.stringify({ ...(jsan.parse(lifted(1)) as object), actionsById: { 0: { type: 'PERFORM_ACTION', action: { type: '@@INIT' }, timestamp: 5 }, 1: { type: 'PERFORM_ACTION', action: { type: 'ADD' }, timestamp: 6 } } });
    c.handle({ type: 'STATE', id: 'new2', name: 'Legacy', payload: other }, 'log');
    expect(c.state.get().instances.map((i) => [i.key, i.connected])).toEqual([['old1', false], ['new2', true]]);
  });

  it('validates dispatch text without running it and sends it verbatim', () => {
    const { c, sent } = setup();
    c.handle({ type: 'STATE', id: 'sock1', instanceId: 'inst1', name: 'App', payload: lifted(0), action: [{ name: 'add', args: ['by'] }] }, 'log');
    expect(c.dispatchText('inst1', 'alert(1)')).toMatchObject({ ok: false });
    expect(c.dispatchText('inst1', "{ type: 'ADD', by: 2 }")).toEqual({ ok: true });
    expect(sent.at(-1)!.data).toEqual({ type: 'ACTION', action: "{ type: 'ADD', by: 2 }", instanceId: 'inst1' });
    expect(c.instance('inst1')!.actionCreators).toEqual([{ name: 'add', args: ['by'] }]);
    expect(c.dispatchCreator('inst1', 0, ['3'])).toEqual({ ok: true });
    expect(sent.at(-1)!.data).toEqual({ type: 'ACTION', action: { selected: 0, name: 'add', args: ['3'], rest: '[]' }, instanceId: 'inst1' });
    // Trailing empty fields are left out (a default parameter applies); earlier empty ones are undefined.
    c.dispatchCreator('inst1', 0, ['', '2', '', ' '], '[4, 5]');
    expect(sent.at(-1)!.data.action).toEqual({ selected: 0, name: 'add', args: ['undefined', '2'], rest: '[4, 5]' });
    c.handle({ type: 'ERROR', id: 'sock1', instanceId: 'inst1', name: 'App', payload: 'boom' }, 'log');
    expect(c.state.get().replies.inst1.text).toBe('boom');
  });

  it('backfills rows for actions a STATE holds that never came as ACTION, once, and not again after a RESET', () => {
    const { c, rows } = setup();
    const ids = () => rows.filter((r) => r.fields?.rowKind === 'action').map((r) => [r.fields?.actionId, !!r.fields?.fromState]);
    c.handle({ type: 'STATE', id: 'sock1', instanceId: 'inst1', name: 'App', payload: lifted(2) }, 'log');
    expect(ids()).toEqual([[0, true], [1, true], [2, true]]);
    c.handle(action(3, 3), 'log');
    // Unmonitored for a while (another monitor left): actions 4 and 5 only show up in the next STATE.
    c.handle({ type: 'STATE', id: 'sock1', instanceId: 'inst1', name: 'App', payload: lifted(5) }, 'log');
    expect(ids()).toEqual([[0, true], [1, true], [2, true], [3, false], [4, true], [5, true]]);
    expect(rows.at(-1)?.summary).toBe('ADD {by: 5} (from STATE)');
    // RESET: ids restart at 1; the next STATE adds nothing, the next ACTION is a row as usual.
    c.handle({ type: 'STATE', id: 'sock1', instanceId: 'inst1', name: 'App', payload: lifted(0) }, 'log');
    c.handle(action(1, 9), 'log');
    expect(ids().slice(6)).toEqual([[1, false]]);
  });

  it('keeps ACTIONs that arrive before any STATE and asks for the state', () => {
    const { c, sent, advance } = setup();
    c.handle(action(5, 1), 'log');
    advance(0);
    expect(starts(sent)).toHaveLength(1);
    expect(c.instance('inst1')!.history.staged.toArray()).toEqual([5]);
  });

  it('keeps states the worker holds until the inspector opens one, and releases those that leave the history', async () => {
    const { c, rows } = setup();
    c.handle({ type: 'STATE', id: 'sock1', instanceId: 'inst1', name: 'App', payload: lifted(1) }, 'log');
    const taken: number[] = [];
    const released: number[] = [];
    const held = (by: number): HeldText => {
      const text = jsan.stringify({ count: by });
      return { length: text.length, take: async () => (taken.push(by), text), release: () => void released.push(by) };
    };
    for (let id = 2; id <= 5; id++) c.handle({ ...action(id, id * 10), payload: held(id * 10), maxAge: 3 }, 'log');
    // maxAge 3: actions 1 to 3 were committed away; the oldest kept state (20, then 30) is the committed state, so
    // only 20 has left the history.
    expect(c.instance('inst1')!.history.staged.toArray()).toEqual([0, 4, 5]);
    expect(released).toEqual([20]);
    expect(rows.filter((r) => r.fields?.rowKind === 'action').map((r) => r.fields?.actionId)).toEqual([0, 1, 2, 3, 4, 5]);

    const first = c.detail('inst1', 5)!;
    expect(first).toMatchObject({ loading: true, index: 2, current: true });
    expect(first.state).toBeUndefined();
    const version = c.state.get().version;
    await new Promise((r) => setTimeout(r, 0));
    expect(taken.sort()).toEqual([40, 50]);
    expect(c.state.get().version).toBeGreaterThan(version);
    const loaded = c.detail('inst1', 5)!;
    expect(loaded.loading).toBeUndefined();
    expect(loaded).toMatchObject({ state: { count: 50 }, prevState: { count: 40 } });

    // A new STATE replaces the history: what was still held is released, nothing is left to fetch.
    c.handle({ ...action(6, 60), payload: held(60) }, 'log');
    c.handle({ type: 'STATE', id: 'sock1', instanceId: 'inst1', name: 'App', payload: lifted(2) }, 'log');
    expect(released).toEqual([20, 30, 60]);
    expect(await c.exportState('inst1')).toContain('"stagedActionIds":[0,1,2]');
  });

  it('exports states still held by the worker after fetching them', async () => {
    const { c } = setup();
    c.handle({ type: 'STATE', id: 'sock1', instanceId: 'inst1', name: 'App', payload: lifted(0) }, 'log');
    const text = jsan.stringify({ count: 7 });
    c.handle({ ...action(1, 7), payload: { length: text.length, take: async () => text, release: () => undefined } satisfies HeldText }, 'log');
    const exported = jsan.parse((await c.exportState('inst1'))!) as { computedStates: { state: unknown }[] };
    expect(exported.computedStates.map((s) => s.state)).toEqual([{ count: 0 }, { count: 7 }]);
  });

  it('round-trips Export into an IMPORT message, and refuses text that is not a lifted state', async () => {
    const { c, sent } = setup();
    c.handle({ type: 'STATE', id: 'sock1', instanceId: 'inst1', name: 'App', payload: lifted(2) }, 'log');
    const text = (await c.exportState('inst1'))!;
    expect(c.importState('inst1', text)).toEqual({ ok: true });
    expect(jsan.parse(sent.at(-1)!.data.state as string)).toMatchObject({ stagedActionIds: [0, 1, 2] });
    expect(c.importState('inst1', '{"a":1}')).toMatchObject({ ok: false });
  });

  it('follows an app that restarted as a new instance when the user had picked it, and forgets disconnected ones', () => {
    const { c } = setup();
    c.handle({ type: 'STATE', id: 'sock1', instanceId: 'inst1', name: 'App', payload: lifted(2) }, 'log');
    c.handle({ type: 'STATE', id: 'sock9', instanceId: 'other', name: 'Other', payload: lifted(1) }, 'log');
    c.select('inst1');
    c.handle({ type: 'DISCONNECTED', id: 'sock1' }, 'log');
    // The restarted app: a new store, a new instanceId, the same name.
    c.handle({ type: 'START', id: 'sock2', instanceId: 'inst2', name: 'App' }, 'log');
    expect(c.state.get()).toMatchObject({ selected: 'inst2', explicit: true, followed: { from: 'inst1', to: 'inst2', name: 'App' } });
    expect(c.state.get().instances.find((i) => i.key === 'inst1')).toMatchObject({ connected: false, successor: 'inst2', id: 'inst1' });
    expect(c.disabledReason('inst2', 'jump')).toBeUndefined();
    // Another app's restart does not move a pick that is connected.
    c.handle({ type: 'DISCONNECTED', id: 'sock9' }, 'log');
    c.handle({ type: 'START', id: 'sock10', instanceId: 'other2', name: 'Other' }, 'log');
    expect(c.state.get().selected).toBe('inst2');
    expect(c.forgetDisconnected()).toBe(2);
    expect(c.state.get().instances.map((i) => i.key)).toEqual(['inst2', 'other2']);
    expect(c.state.get().selected).toBe('inst2');
  });

  it('never makes an id of NaN, writes negative deltas as such, and labels rows from INIT as INIT', () => {
    const { c, rows } = setup();
    c.handle({ type: 'STATE', id: 'sock1', instanceId: 'inst1', name: 'App', payload: lifted(1) }, 'log');
    c.handle({ ...action(2, 2), nextActionId: 'three' }, 'log');
    c.handle({ ...action(3, 3), nextActionId: -4 }, 'log');
    expect(c.instance('inst1')!.history.staged.toArray()).toEqual([0, 1, 2, 3]);
    expect(deltaText(-1651)).toBe('-1651');
    expect(deltaText(12)).toBe('+12');
    expect(deltaText(NaN)).toBeUndefined();
    c.handle({ type: 'INIT', id: 'sock2', instanceId: 'plain', name: 'Plain', payload: '{"n":1}', action: '{"timestamp":5}' }, 'log');
    expect(rows.filter((r) => r.key === 'Plain' && r.fields?.rowKind === 'action').map((r) => r.summary)).toEqual(['@@INIT (from INIT)']);
  });

  it('offers the methods a MobX store announces in its INIT, and calls them by name or by hand', () => {
    const { c, sent } = setup();
    const methods = [{ name: 'increment', args: ['by'] }, { name: 'addTodo', args: ['text'] }];
    c.handle({ type: 'INIT', id: 'sock1', instanceId: 'mobx1', name: 'Store', payload: '{"count":0}', action: methods }, 'log');
    expect(c.instance('mobx1')!.actionCreators).toEqual(methods);
    expect(c.dispatchCreator('mobx1', 0, ['2'])).toEqual({ ok: true });
    expect(sent.at(-1)!.data).toEqual({ type: 'ACTION', action: { selected: 0, name: 'increment', args: ['2'], rest: '[]' }, instanceId: 'mobx1' });
    expect(c.dispatchText('mobx1', "addTodo('milk')")).toEqual({ ok: true });
    expect(sent.at(-1)!.data).toEqual({ type: 'ACTION', action: "this.addTodo('milk')", instanceId: 'mobx1' });
    expect(c.dispatchText('mobx1', 'destroy()')).toMatchObject({ ok: false, error: expect.stringMatching(/not one of the methods/) });
    expect(c.dispatchText('mobx1', 'increment(alert(1))')).toMatchObject({ ok: false });
    // A later INIT without methods (the store's Reset or Commit) keeps them.
    c.handle({ type: 'INIT', id: 'sock1', instanceId: 'mobx1', name: 'Store', payload: '{"count":0}', action: {} }, 'log');
    expect(c.instance('mobx1')!.actionCreators).toEqual(methods);
  });

  it('keeps the STATE payload as the row’s raw text, and imports Redux DevTools’ {payload, preloadedState}', () => {
    const { c, rows, sent } = setup();
    const payload = lifted(1);
    c.handle({ type: 'STATE', id: 'sock1', instanceId: 'inst1', name: 'App', payload }, 'log');
    expect(rows.find((r) => r.type === 'STATE')?.raw).toBe(payload);
    const file = JSON.stringify({ payload: jsan.stringify([{ type: 'ADD', by: 2 }, { type: 'ADD', by: 3 }]), preloadedState: jsan.stringify({ count: 100 }) });
    expect(c.importState('inst1', file)).toEqual({ ok: true });
    const state = jsan.parse(sent.at(-1)!.data.state as string) as Record<string, unknown>;
    expect(state).toMatchObject({ committedState: { count: 100 }, stagedActionIds: [0, 1, 2], currentStateIndex: 2, nextActionId: 3 });
    expect((state.actionsById as Record<number, { action: unknown }>)[2].action).toEqual({ type: 'ADD', by: 3 });
  });

  it('shows a jump at once, before the app’s STATE reply, and lets that reply have the last word', () => {
    const { c } = setup();
    c.handle({ type: 'STATE', id: 'sock1', instanceId: 'inst1', name: 'App', payload: lifted(3) }, 'log');
    expect(c.jumpToAction('inst1', 1)).toBe(true);
    expect(c.rowState('inst1', 1)).toBe('current');
    expect(c.detail('inst1', 1)).toMatchObject({ current: true, state: { count: 1 } });
    // The app disagrees (it filtered or had moved on): its lifted state wins.
    const reply = jsan.parse(lifted(3)) as Record<string, unknown>;
    c.handle({ type: 'STATE', id: 'sock1', instanceId: 'inst1', name: 'App', payload: jsan.stringify({ ...reply, currentStateIndex: 2 }) }, 'log');
    expect(c.rowState('inst1', 2)).toBe('current');
  });
});

