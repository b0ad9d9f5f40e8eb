// The inspector's detail (app-core's inspector-monitor tabs): what one action did, read from the instance's lifted
// state. It decodes at most two states per call and fetches them from the socket worker when it still holds them.

import type { ActionDetail, ActionRef, RangeDetail } from './model';
import type { MonitorCore } from './monitorCore';
import type { InstanceRegistry } from './instances';
import { rowMark, type RowMark } from './actionRows';


export function createInspector(core: MonitorCore, reg: InstanceRegistry) {
  const { touch } = core;
  return {
    /** Everything the inspector shows for one action. Decodes at most two states. */
    detail(key: string, actionId: number, token?: number, epoch?: number): ActionDetail | undefined {
      const i = reg.get(key);
      if (!i) return undefined;
      const h = i.history;
      const mark = rowMark(i, actionId, token, epoch);
      const gone = mark === 'committed' || mark === 'swept' || mark === 'replaced' ? mark : undefined;
      const index = gone ? -1 : h.indexOf(actionId);
      const action = gone ? undefined : h.actionsById.get(actionId);
      if (gone) return { instance: key, actionId, index, action, skipped: false, current: false, committed: true, gone };
      const entry = h.states.at(index);
      const before = index > 0 ? h.states.at(index - 1) : h.committedState;
      if ((entry && !entry.loaded) || (before && !before.loaded)) {
        void Promise.all([entry?.load(), before?.load()]).then(touch);
        return { instance: key, actionId, index, action, loading: true, skipped: h.skipped.has(actionId), current: h.currentStateIndex === index, committed: false };
      }
      const st = entry?.read();
      const prev = before?.read();
      let error = st && !st.ok ? st.error : prev && !prev.ok ? prev.error : undefined;
      if (entry?.dropped) error = `This state was not kept: undecoded states are capped at ${Math.round(h.stateBudget / 1048576)} MB per instance and the oldest go first (Jump still works: the app has it).`;
      return { instance: key, actionId, index, action, state: st?.ok ? st.value : undefined, prevState: prev?.ok ? prev.value : undefined, error: error ?? entry?.error, skipped: h.skipped.has(actionId), current: h.currentStateIndex === index, committed: false };
    },
    /**
     * The range from `a` to `b` (either order): the state before the earlier one and after the later one, fetched
     * from the socket worker when it still holds them. Decodes at most two states.
     */
    rangeDetail(key: string, a: ActionRef, b: ActionRef): RangeDetail | undefined {
      const i = reg.get(key);
      if (!i) return undefined;
      const h = i.history;
      const ends = [a, b].map((r) => ({ r, mark: rowMark(i, r.id, r.token, r.epoch), index: h.indexOf(r.id) }));
      const gone = ends.find((e) => e.mark === 'committed' || e.mark === 'swept' || e.mark === 'replaced' || e.index < 0);
      const [lo, hi] = ends[0].index <= ends[1].index ? [ends[0], ends[1]] : [ends[1], ends[0]];
      const base = { instance: key, firstId: lo.r.id, lastId: hi.r.id, count: hi.index - lo.index + 1, skipped: 0 };
      if (gone) return { ...base, count: 0, error: `Action ${gone.r.id} is no longer in the app's history (${gone.mark || 'committed'}): pick a range of actions the app still has.` };
      for (let k = lo.index; k <= hi.index; k++) if (h.skipped.has(h.staged.at(k) as number)) base.skipped++;
      const before = lo.index > 0 ? h.states.at(lo.index - 1) : h.committedState;
      const after = h.states.at(hi.index);
      if ((after && !after.loaded) || (before && !before.loaded)) {
        void Promise.all([after?.load(), before?.load()]).then(touch);
        return { ...base, loading: true };
      }
      const st = after?.read();
      const prev = before?.read();
      const error = after?.dropped || before?.dropped ? 'A state at an end of this range was not kept (undecoded states are capped per instance and the oldest go first).' : st && !st.ok ? st.error : prev && !prev.ok ? prev.error : undefined;
      return { ...base, before: prev?.ok ? prev.value : undefined, after: st?.ok ? st.value : undefined, error };
    },
    /** A row's marker, read live when the table renders; `token` and `epoch` are the row's own (its fields). */
    rowState(key: string, actionId: number, token?: number, epoch?: number): RowMark {
      const i = reg.get(key);
      return i ? rowMark(i, actionId, token, epoch) : '';
    },
    /** Whether the action comes after the app's current one in its history (a reorder makes that differ from a larger id). */
    isFuture(key: string, actionId: number): boolean {
      const h = reg.get(key)?.history;
      return !!h && h.currentStateIndex >= 0 && h.indexOf(actionId) > h.currentStateIndex;
    },
    /** The app's current action, read live (the table's row marks; the view's copy is republished at most every 150 ms). */
    currentActionId(key: string): number | undefined {
      return reg.get(key)?.history.currentActionId();
    },
    /** The actions a reducer test can replay up to `actionId` (the Test tab's range), oldest first. */
    actionsUpTo(key: string, actionId: number, count: number): { id: number; type: string }[] {
      return reg.get(key)?.history.actionsUpTo(actionId, count) ?? [];
    },
  };
}
