// The table's action rows and which of them stand for the app's history now. The instrument restarts or reuses
// action ids (Reset, Commit, Revert and Resume restart at 1; Import brings its own), so an id alone cannot say which
// row it means: every row carries a token, and each instance maps its staged ids to the tokens of the rows that show
// them. A row whose token is no longer mapped is history: committed or swept within the same run of ids, "replaced"
// once the app reassigned ids. Only mapped rows get the current marker, the inspector's states and commands.

import { summarizeValue } from '../../lib/format';
import { hasArrivalTime, type LiftedAction } from './liftedState';
import { typedText } from './typedText';
import type { Instance, RowKind } from './model';
import type { MonitorCore } from './monitorCore';

/** A row's marker in the table. */
export type RowMark = 'current' | 'skipped' | 'committed' | 'swept' | 'replaced' | '';

/** Longer action texts are not kept beside the decoded action (Raw and Copy then write the decoded one). */
const RAW_ACTION_LIMIT = 256 * 1024;

function actionType(a: LiftedAction | undefined): string {
  const t = a?.action?.type;
  return typeof t === 'string' ? t : t === undefined ? '(no type)' : String(t);
}

function rest(a: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!a) return undefined;
  let out: Record<string, unknown> | undefined;
  for (const k of Object.keys(a)) {
    if (k === 'type') continue;
    (out ??= {})[k] = a[k];
  }
  return out;
}

/**
 * Whether two lifted actions are the same action: same type and timestamp. When the monitor stamped one itself (the
 * app sent a bare action: @redux-devtools/remote does with an actionSanitizer), their content decides instead.
 */
function sameAction(a: LiftedAction | undefined, b: LiftedAction | undefined): boolean {
  if (!a || !b || actionType(a) !== actionType(b)) return false;
  if (!hasArrivalTime(a) && !hasArrivalTime(b)) return a.timestamp === b.timestamp;
  return summarizeValue(a.action, 400) === summarizeValue(b.action, 400);
}

/** The marker of the row (`token`, logged in `epoch`) that showed `actionId`; without a token, of whatever row shows it now. */
export function rowMark(i: Instance, actionId: number, token?: number, epoch?: number): RowMark {
  const h = i.history;
  if (token !== undefined && i.rowTokens.get(actionId) !== token) return i.swept.has(token) ? 'swept' : (epoch ?? 0) === i.epoch ? 'committed' : 'replaced';
  const idx = h.indexOf(actionId);
  if (idx < 0) return 'committed';
  if (h.currentStateIndex === idx) return 'current';
  return h.skipped.has(actionId) ? 'skipped' : '';
}

export function createActionRows(core: MonitorCore) {
  const { emit } = core;

  /**
   * One table row per action. Its value is what the filter language searches (`type:ADD`, `action.by:>5`); its raw
   * text is the action as it arrived (jsan: circular and shared references stay `{"$jsan":"$.path"}`, types stay
   * tagged), which Raw, Copy and Export show.
   */
  function actionRow(i: Instance, actionId: number, lifted: LiftedAction, o: { size?: number; raw?: string; from?: 'STATE' | 'INIT' } = {}) {
    const token = i.nextToken++;
    i.rowTokens.set(actionId, token);
    i.received++;
    const inner = lifted.action;
    const ts = lifted.timestamp;
    const delta = i.lastTimestamp !== undefined && typeof ts === 'number' ? ts - i.lastTimestamp : undefined;
    if (typeof ts === 'number') i.lastTimestamp = ts;
    const type = actionType(lifted);
    const r = rest(inner as Record<string, unknown>);
    emit({
      dir: 'in',
      kind: 'message',
      type,
      key: i.name,
      value: { type, action: inner, timestamp: ts, actionId, instance: i.name },
      summary: (r ? `${type} ${typedText(r, 120)}` : type) + (o.from ? ` (from ${o.from})` : ''),
      sourceTime: typeof ts === 'number' ? ts : undefined,
      size: o.size,
      raw: o.raw !== undefined && o.raw.length <= RAW_ACTION_LIMIT ? o.raw : undefined,
      fields: { rowKind: 'action' satisfies RowKind, instance: i.key, uid: i.uid, actionId, token, epoch: i.epoch, delta, ...(o.from ? { fromState: true } : {}) },
    });
  }

  /** The app reassigned action ids: every row from here on belongs to a new run of ids. */
  function newEpoch(i: Instance) {
    i.epoch++;
  }

  return {
    actionRow,
    /** An ACTION was appended: a new row, unless the id was already staged (then the app restarted ids unseen). */
    appended(i: Instance, actionId: number, lifted: LiftedAction, committed: number[], o: { size?: number; raw?: string }): { reused: boolean } {
      for (const id of committed) i.rowTokens.delete(id);
      const reused = i.rowTokens.has(actionId);
      if (reused) {
        newEpoch(i);
        i.rowTokens.clear();
      }
      actionRow(i, actionId, lifted, o);
      return { reused };
    },
    /**
     * After a STATE replaced the history: rows whose action is still staged under the same id (same timestamp and
     * type) keep standing for it; the rest become history, and staged actions without a row get one, marked "from
     * STATE" (the app's history from before the monitor came, or recorded while nobody listened).
     */
    replaced(i: Instance, before: { actionsById: Map<number, LiftedAction>; nextActionId: number; skipped: Set<number> }, from: 'STATE' | 'INIT' = 'STATE') {
      const h = i.history;
      const staged = new Set(h.staged.toArray());
      let reassigned = h.nextActionId < before.nextActionId;
      for (const [id] of i.rowTokens) {
        if (staged.has(id) && !sameAction(before.actionsById.get(id), h.actionsById.get(id))) reassigned = true;
      }
      if (reassigned) newEpoch(i);
      for (const [id, token] of [...i.rowTokens]) {
        if (staged.has(id) && sameAction(before.actionsById.get(id), h.actionsById.get(id))) continue;
        i.rowTokens.delete(id);
        if (!reassigned && !staged.has(id) && before.skipped.has(id)) i.swept.add(token);
      }
      for (let k = 0; k < h.staged.length; k++) {
        const id = h.staged.at(k)!;
        const a = h.actionsById.get(id);
        if (a && !i.rowTokens.has(id)) actionRow(i, id, a, { from });
      }
    },
  };
}
