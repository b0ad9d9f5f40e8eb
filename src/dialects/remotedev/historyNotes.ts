// Why an instance's rows stopped standing for its history, said once, by a marker row where it happened, instead of
// a word on every older row. What each command does to the history is the instrument's (@redux-devtools/instrument
// `liftReducerWith`): COMMIT, RESET and ROLLBACK restart it at @@INIT with ids from 1 (COMMIT keeps the current
// state as the new base state, RESET goes back to the initial one, ROLLBACK to the last committed one); so does
// PAUSE_RECORDING false ("commit when unpausing"); PAUSE_RECORDING true keeps the history and appends one
// pauseActionType entry (@redux-devtools/remote: "@@PAUSED") whose state follows the app while nothing is recorded,
// and @redux-devtools/remote (`handleChange`) relays nothing more until recording resumes; maxAge folds the oldest
// action into the base state as each new one comes.

import type { Instance, RowKind } from './model';
import type { MonitorCore } from './monitorCore';

/** A command sent this recently is taken to be why the app started its history over. */
const CAUSE_WINDOW_MS = 10_000;

const actions = (n: number) => `${n} action${n === 1 ? '' : 's'}`;

export function createHistoryNotes(core: MonitorCore) {
  const { emit, now } = core;

  function note(i: Instance, summary: string) {
    emit({ dir: 'system', kind: 'notice', key: i.name, summary, fields: { rowKind: 'marker' satisfies RowKind, instance: i.key, uid: i.uid } });
  }

  /** What the last command to the app was, if it was sent lately. */
  function cause(i: Instance): { type: string; status?: unknown } | undefined {
    const s = i.lastSent;
    return s && now() - s.at <= CAUSE_WINDOW_MS ? s : undefined;
  }

  return {
    /** The app folded its oldest actions into its base state to keep maxAge: said the first time only. */
    trimmed(i: Instance) {
      if (i.toldTrim) return;
      i.toldTrim = true;
      note(i, `${i.name} keeps only its latest actions (maxAge): from here on its oldest actions are folded into its base state as new ones come. Their rows stay, dimmed, as history.`);
    },
    /** The app restarted its history (ids from 1, or an id reused): `n` actions of the old one are no longer in it. */
    startedOver(i: Instance, n: number) {
      const c = cause(i);
      i.lastSent = undefined;
      const kept = 'the rows above are kept, dimmed, as history';
      const text =
        c?.type === 'COMMIT'
          ? `Committed: ${i.name} folded its ${actions(n)} into its base state, which is where its history now starts; ${kept}.`
          : c?.type === 'PAUSE_RECORDING' && c.status === false
            ? `Recording resumed: as on Commit, ${i.name} folded its ${actions(n)} into its base state; ${kept}.`
            : c?.type === 'RESET'
              ? `Reset: ${i.name} discarded its ${actions(n)} and is back at its initial state; ${kept}.`
              : c?.type === 'ROLLBACK'
                ? `Reverted: ${i.name} dropped its ${actions(n)} since the last commit; ${kept}.`
                : c?.type === 'IMPORT'
                  ? `Imported: ${i.name} replaced its history with the imported one; ${kept}.`
                  : `${i.name} started its history over (its action ids restart, as after Commit, Reset, Revert or Import, perhaps from another monitor); ${kept}.`;
      note(i, text);
    },
    /** Recording paused (true) in the app: its history stays; resuming folds it into the base state. */
    paused(i: Instance, on: boolean) {
      if (!on) return;
      note(i, `Recording paused: ${i.name} keeps running but records and sends no actions until recording resumes; the actions above stay in its history until then, and Resume recording folds them into its base state, as Commit does.`);
    },
    /** Sweep removed skipped actions from the history. */
    swept(i: Instance, n: number) {
      note(i, `Swept: ${i.name} removed its ${actions(n)} that were skipped; their rows stay, dimmed, as history.`);
    },
  };
}
