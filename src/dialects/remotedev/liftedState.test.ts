import { describe, expect, it } from 'vitest';
import { createStore, type Action } from 'redux';
import { instrument, ActionCreators } from '@redux-devtools/instrument';
import jsan from 'jsan';
import { Deque, LiftedHistory, type LiftedState } from './liftedState';

// Ground truth: the real instrument (what @redux-devtools/remote wraps the store with), relayed the way remote's
// devTools.ts `handleChange` does it: ACTION with nextActionId, and isExcess computed from the previous lifted state.
function instrumentedApp(maxAge: number) {
  const reducer = (s = { count: 0 }, a: Action & { by?: number }) => (a.type === 'ADD' ? { count: s.count + (a.by ?? 1) } : s);
  const store = createStore(reducer, instrument(undefined, { maxAge }) as never) as unknown as { dispatch(a: unknown): void; liftedStore: { getState(): LiftedState; dispatch(a: unknown): void } };
  let isExcess: boolean | undefined;
  const relay: { action: string; payload: string; isExcess?: boolean; nextActionId: number }[] = [];
  return {
    store,
    relay,
    dispatch(a: Action & { by?: number }) {
      store.dispatch(a);
      const l = store.liftedStore.getState();
      relay.push({ action: jsan.stringify(l.actionsById[l.nextActionId - 1]), payload: jsan.stringify(l.computedStates[l.currentStateIndex].state), isExcess, nextActionId: l.nextActionId });
      if (!isExcess && maxAge) isExcess = l.stagedActionIds.length >= maxAge;
    },
    lifted: () => JSON.parse(JSON.stringify(store.liftedStore.getState())) as LiftedState,
  };
}

function feed(h: LiftedHistory, m: { action: string; payload: string; isExcess?: boolean; nextActionId: number }) {
  return h.append({ action: jsan.parse(m.action), state: { raw: m.payload }, isExcess: m.isExcess, nextActionId: m.nextActionId });
}

const comparable = (l: LiftedState) => ({
  staged: l.stagedActionIds,
  ids: Object.keys(l.actionsById).map(Number),
  states: l.computedStates.map((c) => c.state),
  index: l.currentStateIndex,
  next: l.nextActionId,
  committed: l.committedState,
  skipped: l.skippedActionIds,
});

describe('LiftedHistory', () => {
  it('STATE replaces and ACTION appends, matching the app', () => {
    const app = instrumentedApp(50);
    const h = new LiftedHistory();
    h.replace(app.lifted());
    for (let k = 1; k <= 5; k++) {
      app.dispatch({ type: 'ADD', by: k });
      feed(h, app.relay.at(-1)!);
    }
    expect(comparable(h.toLiftedState())).toEqual(comparable(app.lifted()));
    expect(h.stateAt(5)).toEqual({ count: 15 });
    expect(h.actionsById.get(3)?.action).toEqual({ type: 'ADD', by: 3 });
  });

  it('isExcess with a small maxAge commits exactly as the instrument does (notes: maxAge 4, 5 actions -> [0,3,4,5])', () => {
    const app = instrumentedApp(4);
    const h = new LiftedHistory();
    h.replace(app.lifted());
    for (let k = 1; k <= 5; k++) {
      app.dispatch({ type: 'ADD', by: k });
      feed(h, app.relay.at(-1)!);
    }
    expect(app.relay[0].isExcess).toBeUndefined(); // missing on the first ACTION
    expect(h.staged.toArray()).toEqual([0, 3, 4, 5]);
    expect(comparable(h.toLiftedState())).toEqual(comparable(app.lifted()));
    expect(h.toLiftedState().committedState).toEqual({ count: 3 });
  });

  it('stays in step over many commits (deque compaction) and keeps a jumped position', () => {
    const app = instrumentedApp(30);
    const h = new LiftedHistory();
    h.replace(app.lifted());
    for (let k = 1; k <= 2000; k++) {
      app.dispatch({ type: 'ADD', by: 1 });
      feed(h, app.relay.at(-1)!);
    }
    expect(comparable(h.toLiftedState())).toEqual(comparable(app.lifted()));
    // Jump back: new actions must not move the index (app-core: only a "last" index follows).
    app.store.liftedStore.dispatch(ActionCreators.jumpToState(10));
    h.replace(app.lifted());
    app.dispatch({ type: 'ADD', by: 1 });
    feed(h, app.relay.at(-1)!);
    expect(h.currentStateIndex).toBe(app.lifted().currentStateIndex);
    // remote relays store.getState(), the *jumped-to* state, as the new action's payload; app-core stores that as the
    // last computed state, and so do we. Everything else matches the instrument.
    const { states: ours, ...a } = comparable(h.toLiftedState());
    const { states: theirs, ...b } = comparable(app.lifted());
    expect(a).toEqual(b);
    expect(ours.slice(0, -1)).toEqual(theirs.slice(0, -1));
    expect(ours.at(-1)).toEqual(theirs[b.index]);
  });

  it('replaces from a STATE with skipped actions and finds actions by id', () => {
    const app = instrumentedApp(50);
    for (let k = 1; k <= 4; k++) app.dispatch({ type: 'ADD', by: k });
    app.store.liftedStore.dispatch(ActionCreators.toggleAction(2));
    const h = new LiftedHistory();
    h.replace(jsan.parse(jsan.stringify(app.store.liftedStore.getState())) as LiftedState);
    expect([...h.skipped]).toEqual([2]);
    expect(h.indexOf(3)).toBe(3);
    expect(h.indexOf(99)).toBe(-1);
    expect(h.stateAt(4)).toEqual({ count: 8 });
    // A reducer test's range: the staged actions up to one, oldest first.
    expect(h.actionsUpTo(3, 2)).toEqual([
      { id: 2, type: 'ADD' },
      { id: 3, type: 'ADD' },
    ]);
    expect(h.actionsUpTo(1, 10).map((a) => a.type)).toEqual(['@@INIT', 'ADD']);
    expect(h.actionsUpTo(99, 10)).toEqual([]);
  });

  it('INIT starts a history at @@INIT; ACTIONs without nextActionId count on', () => {
    const h = new LiftedHistory();
    h.init({ value: { a: 1 } }, 5);
    h.append({ action: { timestamp: 6, action: { type: 'X' } }, state: { value: { a: 2 } } });
    expect(h.staged.toArray()).toEqual([0, 1]);
    expect(h.actionsById.get(0)?.action.type).toBe('@@INIT');
    expect(h.currentStateIndex).toBe(1);
    expect(h.actionsById.get(1)).toMatchObject({ type: 'PERFORM_ACTION', action: { type: 'X' }, timestamp: 6 });
  });

  it('maxAge in the message commits several at once and stops at an error', () => {
    const h = new LiftedHistory();
    h.replace({ actionsById: { 0: { type: 'PERFORM_ACTION', action: { type: '@@INIT' }, timestamp: 0 } }, computedStates: [{ state: 0 }], stagedActionIds: [0], skippedActionIds: [], currentStateIndex: 0, nextActionId: 1 });
    for (let k = 1; k <= 4; k++) h.append({ action: { type: 'PERFORM_ACTION', action: { type: 'A' }, timestamp: k }, state: { value: k }, nextActionId: k + 1 });
    h.append({ action: { type: 'PERFORM_ACTION', action: { type: 'A' }, timestamp: 5 }, state: { value: 5 }, nextActionId: 6, maxAge: 3 });
    expect(h.staged.toArray()).toEqual([0, 4, 5]);
    expect(h.committedState?.state).toBe(3);
    expect(h.currentStateIndex).toBe(2);
  });

  // Speed is measured by the benchmark, not timed here (a loaded CI machine would make a time limit flaky); this
  // checks that a long run of appends and commits keeps the window and the order exact.
  it('keeps a sliding window of maxAge over 100 000 appends with commits', () => {
    const h = new LiftedHistory();
    h.init({ value: 0 });
    for (let k = 1; k <= 100_000; k++) h.append({ action: { type: 'PERFORM_ACTION', action: { type: 'A' }, timestamp: k }, state: { raw: '{"n":1}' }, nextActionId: k + 1, isExcess: k >= 10_000 });
    expect(h.length).toBe(10_000);
    const staged = h.staged.toArray();
    expect(staged[0]).toBe(0);
    expect(staged[1]).toBe(100_000 - 10_000 + 2);
    expect(staged[staged.length - 1]).toBe(100_000);
  });

  it('keeps undecoded states within a byte budget, dropping the oldest first', () => {
    const h = new LiftedHistory(100);
    h.init({ value: 0 });
    for (let k = 1; k <= 10; k++) h.append({ action: { type: 'PERFORM_ACTION', action: { type: 'A' }, timestamp: k }, state: { raw: `{"n":${k},"pad":"${'x'.repeat(20)}"}` }, nextActionId: k + 1 });
    expect(h.rawBytes).toBeLessThanOrEqual(100);
    expect(h.droppedStates).toBe(8); // 36-37 bytes each: two fit in 100
    expect(h.states.at(1)!.dropped).toBe(true);
    expect(h.stateAt(1)).toBeUndefined();
    expect(h.stateAt(10)).toMatchObject({ n: 10 });
    expect(h.rawBytes).toBeLessThanOrEqual(100 - 36); // decoding releases the text
    // Committing releases text too, and the bookkeeping stays bounded.
    for (let k = 11; k <= 2000; k++) h.append({ action: { type: 'PERFORM_ACTION', action: { type: 'A' }, timestamp: k }, state: { raw: `{"n":${k}}` }, nextActionId: k + 1, isExcess: true });
    expect(h.rawBytes).toBeLessThanOrEqual(100);
    expect(h.length).toBe(11);
  });
});

describe('Deque', () => {
  it('shifts, removes the second element and compacts', () => {
    const d = Deque.from([1, 2, 3]);
    expect(d.removeSecond()).toBe(2);
    expect(d.toArray()).toEqual([1, 3]);
    for (let k = 0; k < 3000; k++) d.push(k + 10);
    for (let k = 0; k < 2000; k++) d.shift();
    expect(d.length).toBe(1002);
    expect(d.at(0)).toBe(2008);
    expect(d.at(-1)).toBe(3009);
    expect(d.indexOf(2500, true)).toBe(492);
    expect(d.indexOf(1500, true)).toBe(-1);
  });
});
