// The inspector's detail (app-core's inspector-monitor tabs): what one action did, read from the instance's lifted
// state. It decodes at most two states per call and fetches them from the socket worker when it still holds them.

import type { ActionDetail } from './model';
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
    /** A row's marker, read live when the table renders; `token` and `epoch` are the row's own (its fields). */
    rowState(key: string, actionId: number, token?: number, epoch?: number): RowMark {
      const i = reg.get(key);
      return i ? rowMark(i, actionId, token, epoch) : '';
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
