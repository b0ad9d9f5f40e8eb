// The table's action rows and which of them stand for the app's history now. The instrument restarts or reuses
// action ids (Reset, Commit, Revert and Resume restart at 1; Import brings its own), so an id alone cannot say which
// row it means: every row carries a token, and each instance maps its staged ids to the tokens of the rows that show
// them. A row whose token is no longer mapped is history: committed or swept within the same run of ids, "replaced"
// once the app reassigned ids. Only mapped rows get the current marker, the inspector's states and commands.
// Why rows became history is said once, by a marker row where it happened (historyNotes.ts), not on every row.
// A row's number is its place in the app's run (see Instance.folded), so neither trimming nor a reorder renumbers
// the rows around it.

import { summarizeValue } from '../../lib/format';
import { hasArrivalTime, type LiftedAction } from './liftedState';
import { typedText } from './typedText';
import type { Instance, RowKind } from './model';
import type { MonitorCore } from './monitorCore';
import { createHistoryNotes } from './historyNotes';

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

/** A row's number: its place in the app's run (live rows), or the place it had when it left the history. */
export function rowNumber(i: Instance, actionId: number, token: number | undefined, arrivedAs: number | undefined): number | undefined {
  if (token === undefined || i.rowTokens.get(actionId) === token) {
    const idx = i.history.indexOf(actionId);
    // @@INIT (index 0) stands for the base state through every trim: it keeps the number it came with.
    if (idx > 0) return i.folded + idx;
    if (idx === 0) return arrivedAs ?? i.folded;
  }
  return (token !== undefined ? i.leftNumbers.get(token) : undefined) ?? arrivedAs;
}

/** Numbers kept for rows that left after a reorder: the oldest go first beyond this (they then show the one they came with). */
const LEFT_NUMBERS_CAP = 50_000;

/** Whether the rows of the app's history arrived in its order (their tokens rise along it). */
function inArrivalOrder(i: Instance): boolean {
  let last = 0;
  for (let k = 0; k < i.history.staged.length; k++) {
    const t = i.rowTokens.get(i.history.staged.at(k)!);
    if (t === undefined) continue;
    if (t < last) return false;
    last = t;
  }
  return true;
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
  const notes = createHistoryNotes(core);

  /** A row leaves the history: after a reorder its number is kept, since the one it came with may be stale. */
  function leave(i: Instance, token: number, index: number) {
    if (!i.reordered) return;
    i.leftNumbers.set(token, i.folded + index);
    if (i.leftNumbers.size > LEFT_NUMBERS_CAP) i.leftNumbers.delete(i.leftNumbers.keys().next().value!);
  }

  /**
   * One table row per action. Its value is what the filter language searches (`type:ADD`, `action.by:>5`); its raw
   * text is the action as it arrived (jsan: circular and shared references stay `{"$jsan":"$.path"}`, types stay
   * tagged), which Raw, Copy and Export show.
   */
  function actionRow(i: Instance, actionId: number, index: number, lifted: LiftedAction, o: { size?: number; raw?: string; from?: 'STATE' | 'INIT' } = {}) {
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
      fields: { rowKind: 'action' satisfies RowKind, instance: i.key, uid: i.uid, actionId, token, epoch: i.epoch, number: i.folded + index, delta, ...(o.from ? { fromState: true } : {}) },
    });
  }

  /** The app reassigned action ids: every row from here on belongs to a new run of ids, numbered after the last. */
  function newEpoch(i: Instance, stagedBefore: number) {
    i.epoch++;
    i.folded += stagedBefore;
    i.reordered = false;
  }

  return {
    actionRow,
    /** An ACTION was appended: a new row, unless the id was already staged (then the app restarted ids unseen). */
    appended(i: Instance, actionId: number, lifted: LiftedAction, committed: number[], o: { size?: number; raw?: string }): { reused: boolean } {
      // The oldest actions after @@INIT were folded into the base state (maxAge): the rest keep their numbers.
      committed.forEach((id, k) => {
        const token = i.rowTokens.get(id);
        if (token !== undefined) leave(i, token, 1 + k);
        i.rowTokens.delete(id);
      });
      if (committed.length) {
        i.folded += committed.length;
        notes.trimmed(i);
      }
      const reused = i.rowTokens.has(actionId);
      if (reused) {
        const n = i.rowTokens.size;
        newEpoch(i, n + 1);
        i.rowTokens.clear();
        notes.startedOver(i, n);
      }
      actionRow(i, actionId, i.history.length - 1, lifted, o);
      return { reused };
    },
    /**
     * After a STATE replaced the history: rows whose action is still staged under the same id (same timestamp and
     * type) keep standing for it; the rest become history, and staged actions without a row get one, marked "from
     * STATE" (the app's history from before the monitor came, or recorded while nobody listened). Returns whether
     * the table's order of the instance's rows may have changed (they are not, or no longer, in arrival order).
     */
    replaced(i: Instance, before: { actionsById: Map<number, LiftedAction>; nextActionId: number; skipped: Set<number>; staged: number[]; isPaused: boolean }, from: 'STATE' | 'INIT' = 'STATE'): { reordered: boolean } {
      const h = i.history;
      const staged = new Set(h.staged.toArray());
      const indexBefore = new Map(before.staged.map((id, k) => [id, k]));
      const wasReordered = i.reordered;
      let reassigned = h.nextActionId < before.nextActionId;
      for (const [id] of i.rowTokens) {
        if (staged.has(id) && !sameAction(before.actionsById.get(id), h.actionsById.get(id))) reassigned = true;
      }
      let trimmed = 0;
      let swept = 0;
      for (const [id, token] of [...i.rowTokens]) {
        if (staged.has(id) && sameAction(before.actionsById.get(id), h.actionsById.get(id))) continue;
        leave(i, token, indexBefore.get(id) ?? 0);
        i.rowTokens.delete(id);
        if (reassigned || staged.has(id)) continue;
        if (before.skipped.has(id)) {
          i.swept.add(token);
          swept++;
        } else trimmed++;
      }
      if (reassigned) {
        newEpoch(i, before.staged.length);
        // Actions of the old history: neither @@INIT nor the entry that stood in for actions while paused.
        notes.startedOver(i, before.staged.filter((id) => id !== 0 && before.actionsById.get(id)?.action?.type !== '@@PAUSED').length);
      } else {
        i.folded += trimmed;
        if (swept) notes.swept(i, swept);
      }
      for (let k = 0; k < h.staged.length; k++) {
        const id = h.staged.at(k)!;
        const a = h.actionsById.get(id);
        if (a && !i.rowTokens.has(id)) actionRow(i, id, k, a, { from });
      }
      if (h.isPaused !== before.isPaused) notes.paused(i, h.isPaused);
      i.reordered = !inArrivalOrder(i);
      return { reordered: i.reordered || wasReordered };
    },
  };
}
