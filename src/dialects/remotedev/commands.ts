// Commands to the apps (app-core's `api` middleware and the monitor actions): time travel, Skip, Commit and the
// other instrument actions, dispatch and action creators, Export and Import. Every connected Redux app executes a
// command sent on `respond` (they ignore instanceId), so the monitor says so when several are connected.

import { encodeJsan, tryDecodeJsan } from './decode';
import type { Features, Instance } from './model';
import type { MonitorCore } from './monitorCore';
import type { InstanceRegistry } from './instances';
import { validateActionText, validateArgText, validateMethodCall } from './literal';
import { NOT_SENT_NOT_OPEN } from '../../core/errors';

export type Commands = ReturnType<typeof createCommands>;

/** A command in plain words: what was done, and what was asked (said when it could not be sent). */
type Said = string | { done: string; asked: string };

export function createCommands(core: MonitorCore, reg: InstanceRegistry) {
  const { state, patch, touch, now, send } = core;

  /** The route that reaches an app: `respond` always works, except for apps without instanceId on a protocol-1 server. */
  function route(i: Instance | undefined): { channel: string; broadcast: boolean } {
    if (i && i.legacy && state.get().protocol.active === 1 && i.socketId) return { channel: `sc-${i.socketId}`, broadcast: false };
    return { channel: 'respond', broadcast: true };
  }

  /** `what` says the command in plain words: what was done ("Jumped to action 311"), and what was asked ("Jump to action 311"). */
  function command(key: string, data: Record<string, unknown>, what: Said): boolean {
    const { done, asked } = typeof what === 'string' ? { done: what, asked: what } : what;
    const i = reg.get(key);
    if (!i) {
      patch({ lastCommand: { text: `${asked}: no such instance`, at: now() } });
      return false;
    }
    const r = route(i);
    const msg: Record<string, unknown> = { ...data };
    if (i.instanceId !== undefined) msg.instanceId = i.instanceId;
    else msg.instanceId = i.socketId;
    const others = r.broadcast ? reg.all().filter((x) => x !== i && x.connected && x.lib === 'redux').length : 0;
    const warning = others > 0 ? `${others + 1} apps are connected and Redux apps ignore instanceId: every one of them executes this ${data.type}.` : undefined;
    const ok = send(r.channel, msg, { instance: i });
    if (ok) {
      const inner = data.type === 'DISPATCH' && data.action && typeof data.action === 'object' ? (data.action as { type?: unknown; status?: unknown }) : undefined;
      i.lastSent = { type: String(inner ? inner.type : data.type), status: inner?.status, at: now() };
    }
    patch({ lastCommand: { text: ok ? done : `${asked}: not sent, the connection is not open`, at: now(), warning } });
    return ok;
  }

  const dispatch = (key: string, action: Record<string, unknown>, what: Said) => command(key, { type: 'DISPATCH', action }, what);
  const said = (done: string, asked: string): Said => ({ done, asked });

  /**
   * A jump shows at once: the app's STATE reply carries the whole lifted state (1 000 actions of 50 KB states are
   * 50 MB) and takes a second or more to arrive and decode, while the monitor already holds the state it jumps to.
   * The reply then replaces the history as usual (and corrects the position if the app disagrees).
   */
  function moveNow(i: Instance, index: number, sent: boolean) {
    if (!sent || index < 0 || index >= i.history.length) return;
    i.history.currentStateIndex = index;
    touch();
  }

  /** Why a control is unavailable for an instance, or undefined when it is allowed. */
  function disabledReason(key: string | null, feature: keyof Features | 'toggle0' | 'connected'): string | undefined {
    const i = reg.get(key);
    if (!i) return 'Select an instance first.';
    if (!state.get().connected) return 'The monitor is not connected to the server.';
    if (!i.connected) return `${i.name} is disconnected; its history is kept, but it cannot receive commands until it reconnects.`;
    if (feature === 'connected' || feature === 'toggle0') return undefined;
    if (!i.features[feature]) return `${i.name} does not allow ${feature === 'dispatch' ? 'dispatching' : feature === 'jump' ? 'time travel' : feature} (its features.${feature} is off).`;
    if (i.history.isLocked && (feature === 'dispatch' || feature === 'skip' || feature === 'reorder')) return `Changes are locked in ${i.name}: unlock them first.`;
    return undefined;
  }

  const commands = {
    disabledReason,
    /** UPDATE: ask one app (everyone, on respond) to resend its lifted state. */
    refresh: (key: string) => command(key, { type: 'UPDATE' }, said("Asked the app for its whole history again", 'Refresh')),

    jumpToAction(key: string, actionId: number) {
      const i = reg.get(key);
      if (!i) return false;
      if (i.lib === 'other') return commands.jumpToIndex(key, i.history.indexOf(actionId));
      // JUMP_TO_ACTION is answered with STATE, and actionIds stay right when the app filters actions (indexes do not).
      const ok = dispatch(key, { type: 'JUMP_TO_ACTION', actionId }, said(`Jumped to action ${actionId}`, `Jump to action ${actionId}`));
      moveNow(i, i.history.indexOf(actionId), ok);
      return ok;
    },
    jumpToIndex(key: string, index: number): boolean {
      const i = reg.get(key);
      if (!i || index < 0 || index >= i.history.length) return false;
      if (i.lib === 'redux') {
        const id = i.history.staged.at(index);
        if (id === undefined) return false;
        const ok = dispatch(key, { type: 'JUMP_TO_ACTION', actionId: id }, said(`Jumped to action ${id}`, `Jump to action ${id}`));
        moveNow(i, index, ok);
        return ok;
      }
      // Non-redux apps need the target state itself; no reply comes, so move our own index.
      const entry = i.history.states.at(index);
      if (entry && !entry.loaded) {
        void entry.load().then(() => commands.jumpToIndex(key, index));
        return true;
      }
      const ok = command(key, { type: 'DISPATCH', action: { type: 'JUMP_TO_STATE', index, actionId: i.history.staged.at(index) }, state: encodeJsan(i.history.stateAt(index)) }, said(`Jumped to state ${index + 1} of the history`, `Jump to state ${index + 1}`));
      if (ok) {
        i.history.currentStateIndex = index;
        touch();
      }
      return ok;
    },
    /** JUMP_TO_STATE by index: the app sends no reply, so the monitor moves its own position. */
    jumpToState(key: string, index: number) {
      const i = reg.get(key);
      if (!i || index < 0 || index >= i.history.length) return false;
      const ok = dispatch(key, { type: 'JUMP_TO_STATE', index }, said(`Jumped to state ${index + 1} of the history`, `Jump to state ${index + 1}`));
      if (ok) {
        i.history.currentStateIndex = index;
        touch();
      }
      return ok;
    },
    toggleAction(key: string, actionId: number) {
      // TOGGLE_ACTION on action 0 crashes the instrument: never send it.
      if (actionId === 0) return false;
      const skipped = reg.get(key)?.history.skipped.has(actionId);
      return dispatch(key, { type: 'TOGGLE_ACTION', id: actionId }, skipped ? said(`Replayed action ${actionId} again`, `Unskip action ${actionId}`) : said(`Skipped action ${actionId}`, `Skip action ${actionId}`));
    },
    reorder(key: string, actionId: number, beforeActionId: number) {
      if (actionId === 0 || beforeActionId === 0) return false;
      return dispatch(key, { type: 'REORDER_ACTION', actionId, beforeActionId }, said(`Moved action ${actionId} before action ${beforeActionId}`, `Move action ${actionId}`));
    },
    /** Why `actionId` cannot be moved in its app's history now, or undefined when it can. */
    reorderReason(key: string, actionId: number): string | undefined {
      const why = disabledReason(key, 'reorder');
      if (why) return why;
      const i = reg.get(key)!;
      if (i.lib === 'other') return `${i.name} is not a Redux store: it keeps no history of actions to reorder.`;
      if (actionId === 0) return 'Action 0 (@@INIT) always comes first.';
      if (i.history.indexOf(actionId) < 0) return `Action ${actionId} is no longer in ${i.name}'s history.`;
      if (i.history.length < 3) return `${i.name} has one action after @@INIT: there is nothing to reorder.`;
      return undefined;
    },
    /**
     * Moves `actionId` just before or after `targetId` in the app's history (REORDER_ACTION, which takes the id to
     * move before; an id past the last one moves it to the end). The app replays its actions in the new order and
     * answers with its new lifted state. False when nothing would move.
     */
    moveAction(key: string, actionId: number, targetId: number, place: 'before' | 'after'): boolean {
      const i = reg.get(key);
      if (!i || commands.reorderReason(key, actionId)) return false;
      const staged = i.history.staged.toArray();
      const from = staged.indexOf(actionId);
      // Nothing goes before @@INIT: "before action 0" is "before action 1".
      const to = Math.max(1, staged.indexOf(targetId) + (place === 'after' ? 1 : 0));
      if (staged.indexOf(targetId) < 0 || to === from || to === from + 1) return false;
      const beforeActionId = to < staged.length ? staged[to] : Math.max(...staged) + 1;
      return commands.reorder(key, actionId, beforeActionId);
    },
    /** Moves an action one place earlier (-1) or later (+1) in the app's history: the keyboard's way to reorder. */
    moveActionBy(key: string, actionId: number, delta: -1 | 1): boolean {
      const h = reg.get(key)?.history;
      const at = h ? h.indexOf(actionId) : -1;
      const target = at >= 0 ? h!.staged.at(at + delta) : undefined;
      if (target === undefined || at + delta < 1) return false;
      return commands.moveAction(key, actionId, target, delta < 0 ? 'before' : 'after');
    },
    reset: (key: string) => dispatch(key, { type: 'RESET' }, said('Reset the app to its initial state', 'Reset')),
    rollback: (key: string) => dispatch(key, { type: 'ROLLBACK' }, said('Reverted to the last committed state', 'Revert')),
    sweep: (key: string) => dispatch(key, { type: 'SWEEP' }, said('Swept the skipped actions out of the history', 'Sweep')),
    commit: (key: string) => dispatch(key, { type: 'COMMIT' }, said('Committed: the current state is the new starting point', 'Commit')),
    lockChanges: (key: string, status: boolean) => dispatch(key, { type: 'LOCK_CHANGES', status }, status ? said('Locked changes', 'Lock changes') : said('Unlocked changes', 'Unlock changes')),
    pauseRecording: (key: string, status: boolean) => dispatch(key, { type: 'PAUSE_RECORDING', status }, status ? said('Paused recording', 'Pause recording') : said('Resumed recording', 'Resume recording')),

    /** Sends the editor's text as an ACTION. The text is validated here as a data literal and run only by the app. */
    dispatchText(key: string, text: string): { ok: boolean; error?: string } {
      const i = reg.get(key);
      // A non-Redux store (MobX) runs `this.<text>` on itself: a call of one of its announced methods.
      if (i?.lib === 'other' && i.actionCreators?.length && !text.trim().startsWith('{')) {
        const call = validateMethodCall(text, i.actionCreators.map((a) => a.name));
        if (!call.ok) return call;
        const ok = command(key, { type: 'ACTION', action: call.call }, said(`Called ${call.name}`, `Call ${call.name}`));
        return ok ? { ok } : { ok, error: NOT_SENT_NOT_OPEN };
      }
      const v = validateActionText(text);
      if (!v.ok) return v;
      const ok = command(key, { type: 'ACTION', action: text.trim() }, said(`Dispatched ${String(v.value.type)}`, `Dispatch ${String(v.value.type)}`));
      return ok ? { ok } : { ok, error: NOT_SENT_NOT_OPEN };
    },
    /** Calls one of the app's action creators with literal arguments. */
    dispatchCreator(key: string, selected: number, args: string[], restArgs = ''): { ok: boolean; error?: string } {
      for (let k = 0; k < args.length; k++) {
        const v = validateArgText(args[k]);
        if (!v.ok) return { ok: false, error: `Argument ${k + 1}: ${v.error}` };
      }
      if (restArgs.trim()) {
        const v = validateArgText(restArgs);
        if (!v.ok) return { ok: false, error: `Rest: ${v.error}` };
      }
      const name = reg.get(key)?.actionCreators?.[selected]?.name;
      // As Redux DevTools does: trailing empty fields are left out (a default parameter then applies), empty fields
      // before a filled one are undefined. The name is what non-Redux apps (MobX) call; Redux apps use `selected`.
      const sent = args.map((a) => (a.trim() ? a : 'undefined'));
      while (sent.length && !args[sent.length - 1].trim()) sent.pop();
      const action: Record<string, unknown> = { selected, args: sent, rest: restArgs.trim() || '[]' };
      if (name !== undefined) action.name = name;
      const ok = command(key, { type: 'ACTION', action }, said(`Called ${name ?? `action creator ${selected + 1}`}`, `Call ${name ?? `action creator ${selected + 1}`}`));
      return ok ? { ok } : { ok, error: NOT_SENT_NOT_OPEN };
    },

    /** The instance's lifted state as jsan text, the format Redux DevTools' Export writes and Import reads. */
    async exportState(key: string): Promise<string | undefined> {
      const i = reg.get(key);
      if (!i) return undefined;
      await i.history.loadAll();
      return encodeJsan(i.history.toLiftedState());
    },
    /**
     * IMPORT: the app replays the imported actions and answers with STATE. Takes a lifted state, or Redux DevTools'
     * export file `{payload, preloadedState}` whose payload is a lifted state or an array of actions. The apps
     * ignore preloadedState on IMPORT, so it goes into the lifted state as its committedState (the state the
     * actions are replayed from), and an array of actions becomes a lifted state.
     */
    importState(key: string, text: string): { ok: boolean; error?: string } {
      const d = tryDecodeJsan(text.trim());
      if (d.error) return { ok: false, error: d.error };
      let v = d.value as Record<string, unknown> | unknown[] | undefined;
      let payload = text.trim();
      let rewrite = false;
      let preloaded: { value: unknown } | undefined;
      // Exports of reports wrap the lifted state: {payload: "<jsan>"} (cli reports, Redux DevTools' "Export").
      if (v && !Array.isArray(v) && typeof v.payload === 'string') {
        if (v.preloadedState !== undefined) preloaded = { value: typeof v.preloadedState === 'string' ? tryDecodeJsan(v.preloadedState).value : v.preloadedState };
        payload = v.payload;
        v = tryDecodeJsan(payload).value as Record<string, unknown> | unknown[] | undefined;
      }
      if (Array.isArray(v)) {
        v = liftedFromActions(v);
        rewrite = true;
      }
      if (!v || typeof v !== 'object' || !Array.isArray(v.stagedActionIds) || !v.actionsById) return { ok: false, error: 'Not a lifted state: expected actionsById, stagedActionIds and computedStates.' };
      if (preloaded && v.committedState === undefined) {
        v = { ...v, committedState: preloaded.value, computedStates: [] };
        rewrite = true;
      }
      const ok = command(key, { type: 'IMPORT', state: rewrite ? encodeJsan(v) : payload }, said('Sent the history to the app to replay (Import)', 'Import'));
      return ok ? { ok } : { ok, error: NOT_SENT_NOT_OPEN };
    },
  };
  return commands;
}

/** A lifted state for a list of actions, as the instrument builds one for IMPORT_STATE with an array. */
function liftedFromActions(actions: unknown[]): Record<string, unknown> {
  const now = Date.now();
  const actionsById: Record<number, unknown> = { 0: { type: 'PERFORM_ACTION', action: { type: '@@INIT' }, timestamp: now } };
  actions.forEach((a, k) => (actionsById[k + 1] = a && typeof a === 'object' && (a as { type?: unknown }).type === 'PERFORM_ACTION' ? a : { type: 'PERFORM_ACTION', action: a, timestamp: now }));
  const stagedActionIds = Object.keys(actionsById).map(Number);
  return { actionsById, stagedActionIds, skippedActionIds: [], computedStates: [], currentStateIndex: actions.length, nextActionId: actions.length + 1 };
}

