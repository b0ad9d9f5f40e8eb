// The message router (app-core's `socket` middleware and `instances` reducer): every message relayed on the monitor's
// channel becomes rows and changes to an instance's lifted state. It also owns the START handshake: an app's START is
// answered after a delay and retried until a STATE comes, since an app sends START before it subscribes to `respond`
// and an immediate reply is lost about one run in three.

import { summarizeValue } from '../../lib/format';
import { tryDecodeJsan } from './decode';
import type { LiftedAction, LiftedState } from './liftedState';
import type { Instance, RowKind } from './model';
import type { MonitorCore } from './monitorCore';
import type { InstanceRegistry } from './instances';
import { FRAME_SIZE, isHeldText } from './transport';

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

/** Longer action texts are not kept beside the decoded action (Raw and Copy then write the decoded one). */
const RAW_ACTION_LIMIT = 256 * 1024;

export type MessageRouter = ReturnType<typeof createMessageRouter>;

export function createMessageRouter(core: MonitorCore, reg: InstanceRegistry) {
  const { deps, setTimer, clearTimer, state, touch, patch, now, emit, protocolRow, send } = core;
  const startDelay = deps.startDelayMs ?? 300;
  const startRetry = deps.startRetryMs ?? 1500;

  // ---- START ----
  let startTimer: unknown;
  let startAttempts = 0;
  let waitingForState = false;
  /** Our own STOP is answered with STOP by every app: do not re-START on those. */
  let stoppedByUs = false;
  const sendStart = () => {
    startTimer = undefined;
    if (stoppedByUs) return;
    startAttempts++;
    send('respond', { type: 'START' }, { quiet: startAttempts > 1 });
    waitingForState = true;
    if (startAttempts < 6) startTimer = setTimer(() => waitingForState && sendStart(), startRetry * Math.min(4, startAttempts));
  };
  const cancelStart = () => {
    if (startTimer !== undefined) clearTimer(startTimer);
    startTimer = undefined;
  };
  /** Asks every app for its lifted state after `delay` ms, then again until a STATE arrives. */
  const requestStart = (delay = startDelay) => {
    if (startTimer !== undefined) clearTimer(startTimer);
    startAttempts = 0;
    startTimer = setTimer(sendStart, delay);
  };
  const stateArrived = () => {
    waitingForState = false;
    if (startTimer !== undefined && startAttempts > 0) cancelStart();
  };

  // ---- actions ----
  function onAction(i: Instance, m: Record<string, unknown>) {
    const decoded = tryDecodeJsan(m.action);
    if (decoded.error) {
      protocolRow(m, i, { kind: 'message', parseError: decoded.error, value: { type: 'ACTION', action: m.action } });
      return;
    }
    const payload = m.payload;
    const actions = Array.isArray(decoded.value) ? decoded.value : [decoded.value];
    // The worker never holds the states of a batch (an array of actions): they are split here.
    const payloads = Array.isArray(decoded.value) && !m.batched ? (tryDecodeJsan(payload).value as unknown[]) : undefined;
    const size = (m as Record<symbol, unknown>)[FRAME_SIZE];
    for (let k = 0; k < actions.length; k++) {
      const stateArg = payloads ? { value: payloads[k] } : typeof payload === 'string' ? { raw: payload } : isHeldText(payload) ? { held: payload } : { value: payload };
      const applied = i.history.append({
        action: actions[k],
        state: stateArg,
        nextActionId: actions.length === 1 ? (m.nextActionId as number | undefined) : undefined,
        isExcess: m.isExcess as boolean | undefined,
        maxAge: m.maxAge as number | undefined,
      });
      const one = actions.length === 1;
      actionRow(i, applied.actionId, applied.action, { size: typeof size === 'number' && one ? size : undefined, raw: one && typeof m.action === 'string' ? m.action : undefined });
    }
    touch();
  }

  /**
   * One table row per action. Its value is what the filter language searches (`type:ADD`, `action.by:>5`); its raw
   * text is the action as it arrived (jsan: circular and shared references stay `{"$jsan":"$.path"}`, types stay
   * tagged), which Raw, Copy and Export show.
   */
  function actionRow(i: Instance, actionId: number, lifted: LiftedAction, o: { size?: number; raw?: string; fromState?: boolean } = {}) {
    const fromState = !!o.fromState;
    i.received++;
    if (actionId > i.maxSeenId) i.maxSeenId = actionId;
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
      summary: (r ? `${type} ${summarizeValue(r, 120)}` : type) + (fromState ? ' (from STATE)' : ''),
      sourceTime: typeof ts === 'number' ? ts : undefined,
      size: o.size,
      raw: o.raw !== undefined && o.raw.length <= RAW_ACTION_LIMIT ? o.raw : undefined,
      fields: { rowKind: 'action' satisfies RowKind, instance: i.key, uid: i.uid, actionId, delta, ...(fromState ? { fromState: true } : {}) },
    });
  }

  /**
   * Rows for actions a STATE holds that never arrived as ACTION: the app's history before the monitor came, and
   * what the app recorded while nobody was monitoring it (a reconnect, another monitor leaving). Ids restart after
   * RESET, COMMIT and ROLLBACK; those are not backfilled again.
   */
  function backfill(i: Instance) {
    const h = i.history;
    if (h.nextActionId - 1 < i.maxSeenId) i.maxSeenId = 0;
    const from = i.maxSeenId;
    for (let k = 0; k < h.staged.length; k++) {
      const id = h.staged.at(k)!;
      const a = h.actionsById.get(id);
      if (id > from && a) actionRow(i, id, a, { fromState: true });
    }
  }

  /** Handles one message relayed by the server on the monitor's channel. */
  function handle(raw: unknown, channel: string) {
    if (!raw || typeof raw !== 'object') {
      protocolRow({ type: typeof raw === 'string' ? raw : '(value)', value: raw }, undefined, { value: raw });
      return;
    }
    let m = raw as Record<string, unknown>;
    // log-noid arrives as {id, data}: the server added the sender's socket id.
    if (m.type === undefined && m.data && typeof m.data === 'object' && m.id !== undefined) m = { ...(m.data as Record<string, unknown>), id: m.id, [FRAME_SIZE]: (raw as Record<symbol, unknown>)[FRAME_SIZE] };
    switch (m.type) {
      case 'ACTION': {
        const i = reg.getOrCreate(m);
        if (!i) return protocolRow(m, undefined);
        i.stopped = false;
        if (!i.hasState) {
          // No STATE yet (the app was streaming before we arrived, or our START was lost): keep the action, as
          // app-core does, and ask for the whole history.
          if (i.lib === 'unknown') i.lib = 'redux';
          if (!waitingForState) requestStart(0);
        }
        onAction(i, m);
        return;
      }
      case 'STATE': {
        const fresh = reg.getOrCreate(m);
        if (!fresh) return protocolRow(m, undefined);
        const d = tryDecodeJsan(m.payload);
        const size = (m as Record<symbol, unknown>)[FRAME_SIZE];
        if (d.error || !d.value || typeof d.value !== 'object') {
          protocolRow(m, fresh, { parseError: d.error ?? 'STATE without a lifted state', value: { type: 'STATE', name: m.name } });
          return;
        }
        const i = reg.adoptReconnected(fresh, d.value as LiftedState);
        if (i.lib !== 'other') i.lib = 'redux';
        i.history.replace(d.value as LiftedState);
        i.hasState = true;
        i.stopped = false;
        reg.applyLibConfig(i, m);
        stateArrived();
        const h = i.history;
        protocolRow(m, i, {
          value: { type: 'STATE', name: i.name, id: m.id, instanceId: m.instanceId, actions: h.length, currentStateIndex: h.currentStateIndex, nextActionId: h.nextActionId, skipped: [...h.skipped], isLocked: h.isLocked, isPaused: h.isPaused, actionCreators: i.actionCreators?.map((c) => c.name) },
          summary: `STATE: ${h.length} staged action${h.length === 1 ? '' : 's'}, at #${h.currentActionId() ?? '-'}${h.isLocked ? ', locked' : ''}${h.isPaused ? ', paused' : ''}`,
          size: typeof size === 'number' ? size : undefined,
        });
        backfill(i);
        touch();
        return;
      }
      case 'INIT': {
        const i = reg.getOrCreate(m);
        if (!i) return protocolRow(m, undefined);
        i.lib = 'other';
        const a = tryDecodeJsan(m.action).value as { timestamp?: number } | undefined;
        i.history.init(typeof m.payload === 'string' ? { raw: m.payload } : { value: m.payload }, a?.timestamp);
        backfill(i);
        i.hasState = true;
        reg.applyLibConfig(i, m);
        i.features = { ...i.features, lock: false, skip: false, reorder: false };
        stateArrived();
        protocolRow({ type: 'INIT', name: m.name, id: m.id, instanceId: m.instanceId }, i);
        touch();
        return;
      }
      case 'START': {
        const i = reg.getOrCreate(m);
        protocolRow({ type: 'START', name: m.name, id: m.id, instanceId: m.instanceId }, i, { summary: `START: ${i?.name ?? 'an app'} connected; asking for its state` });
        stoppedByUs = false;
        requestStart();
        return;
      }
      case 'STOP': {
        const i = reg.get(reg.keyOf(m));
        if (i) {
          i.stopped = true;
          touch();
        }
        protocolRow({ type: 'STOP', name: m.name, id: m.id, instanceId: m.instanceId }, i, {
          summary: stoppedByUs ? `STOP: ${i?.name ?? 'app'} stopped streaming, as asked` : `STOP: ${i?.name ?? 'app'} stopped streaming (another monitor left); sending START again`,
        });
        // Any monitor disconnecting makes every app stop: ask again, unless we asked for the stop.
        if (!stoppedByUs) requestStart();
        return;
      }
      case 'DISCONNECTED': {
        const id = String(m.id);
        let hit: Instance | undefined;
        for (const i of reg.all()) {
          if (i.socketId === id && i.connected) {
            i.connected = false;
            hit = i;
          }
        }
        if (hit) touch();
        protocolRow(m, hit, { summary: hit ? `DISCONNECTED: ${hit.name} left; its history is kept` : `DISCONNECTED: socket ${id}` });
        return;
      }
      case 'ERROR': {
        const i = reg.getOrCreate(m);
        const text = typeof m.payload === 'string' ? m.payload : summarizeValue(m.payload);
        if (i) {
          i.lastError = text;
          patch({ replies: { ...state.get().replies, [i.key]: { text, at: now() } } });
        }
        protocolRow({ type: 'ERROR', name: m.name, id: m.id, instanceId: m.instanceId, payload: m.payload }, i, { summary: `ERROR from ${i?.name ?? 'app'}: ${text}` });
        return;
      }
      default:
        protocolRow(m, reg.get(reg.keyOf(m)), channel !== 'log' ? { fields: { rowKind: 'channel' satisfies RowKind, channel } } : {});
    }
  }

  return {
    handle,
    /** The channel subscription is confirmed (first connect, every reconnect), or the user asked: START again. */
    start(delay?: number) {
      stoppedByUs = false;
      requestStart(delay);
    },
    /** Our own STOP: the STOP replies it causes must not trigger a new START. */
    stop() {
      stoppedByUs = true;
      cancelStart();
      send('respond', { type: 'STOP' });
    },
    /** The server is gone: nothing can answer a START until the monitor is back. */
    connectionLost() {
      waitingForState = false;
      cancelStart();
    },
    dispose: cancelStart,
  };
}
