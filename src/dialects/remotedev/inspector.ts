// The inspector's detail (app-core's inspector-monitor tabs): what one action did, read from the instance's lifted
// state. It decodes at most two states per call and fetches them from the socket worker when it still holds them.

import type { ActionDetail } from './model';
import type { MonitorCore } from './monitorCore';
import type { InstanceRegistry } from './instances';

/** A row's marker in the table. */
export type RowMark = 'current' | 'skipped' | 'committed' | '';

export function createInspector(core: MonitorCore, reg: InstanceRegistry) {
  const { touch } = core;
  return {
    /** Everything the inspector shows for one action. Decodes at most two states. */
    detail(key: string, actionId: number): ActionDetail | undefined {
      const i = reg.get(key);
      if (!i) return undefined;
      const h = i.history;
      const index = h.indexOf(actionId);
      const action = h.actionsById.get(actionId);
      if (index < 0) return { instance: key, actionId, index, action, skipped: h.skipped.has(actionId), current: false, committed: true };
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
    /** current / skipped / committed for a row, read live when the table renders. */
    rowState(key: string, actionId: number): RowMark {
      const i = reg.get(key);
      if (!i) return '';
      const h = i.history;
      const idx = h.indexOf(actionId);
      if (idx < 0) return 'committed';
      if (h.currentStateIndex === idx) return 'current';
      return h.skipped.has(actionId) ? 'skipped' : '';
    },
  };
}
