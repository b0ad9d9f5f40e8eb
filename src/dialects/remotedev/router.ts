// The message router (app-core's `socket` middleware and `instances` reducer): every message relayed on the monitor's
// channel becomes rows and changes to an instance's lifted state. It also owns the START handshake: an app's START is
// answered after a delay and retried until a STATE comes, since an app sends START before it subscribes to `respond`
// and an immediate reply is lost about one run in three.

import { summarizeValue } from '../../lib/format';
import { tryDecodeJsan } from './decode';
import type { LiftedState } from './liftedState';
import { createActionRows } from './actionRows';
import type { Instance, RowKind } from './model';
import type { MonitorCore } from './monitorCore';
import type { InstanceRegistry } from './instances';
import { FRAME_SIZE, isHeldText } from './transport';

/** STATE payloads up to this size are kept as the row's raw text (a STATE follows every jump; states can be MBs). */
const RAW_STATE_LIMIT = 512 * 1024;

export type MessageRouter = ReturnType<typeof createMessageRouter>;

export function createMessageRouter(core: MonitorCore, reg: InstanceRegistry) {
  const { deps, setTimer, clearTimer, state, touch, patch, now, protocolRow, send } = core;
  const startDelay = deps.startDelayMs ?? 300;
  const startRetry = deps.startRetryMs ?? 1500;
  const rows = createActionRows(core);

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
      // Paused: the app relayed its @@PAUSED entry again with a new state; no action was recorded, so no row.
      if (applied.followed) continue;
      const one = actions.length === 1;
      const r = rows.appended(i, applied.actionId, applied.action, applied.committed, { size: typeof size === 'number' && one ? size : undefined, raw: one && typeof m.action === 'string' ? m.action : undefined });
      // An id the history already had, with no STATE saying the app started over: ask for the whole history.
      if (r.reused && !waitingForState) requestStart(0);
    }
    touch();
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
        const before = { actionsById: i.history.actionsById, nextActionId: i.history.nextActionId, skipped: i.history.skipped, staged: i.history.staged.toArray(), isPaused: i.history.isPaused };
        i.history.replace(d.value as LiftedState);
        i.hasState = true;
        i.stopped = false;
        reg.applyLibConfig(i, m);
        stateArrived();
        const h = i.history;
        protocolRow(m, i, {
          value: { type: 'STATE', name: i.name, id: m.id, instanceId: m.instanceId, ...(typeof m.payload === 'string' && m.payload.length > RAW_STATE_LIMIT ? { payload: `(${Math.round(m.payload.length / 1024)} KB of lifted state, not kept as text: Export writes it)` } : {}), actions: h.length, currentStateIndex: h.currentStateIndex, nextActionId: h.nextActionId, skipped: [...h.skipped], isLocked: h.isLocked, isPaused: h.isPaused, actionCreators: i.actionCreators?.map((c) => c.name) },
          summary: `STATE: ${h.length} staged action${h.length === 1 ? '' : 's'}, at #${h.currentActionId() ?? '-'}${h.isLocked ? ', locked' : ''}${h.isPaused ? ', paused' : ''}`,
          size: typeof size === 'number' ? size : undefined,
          // Raw shows the lifted state as it arrived; one too large to keep twice says so (Export writes it).
          ...(typeof m.payload === 'string' && m.payload.length <= RAW_STATE_LIMIT ? { raw: m.payload } : {}),
        });
        if (rows.replaced(i, before).reordered) core.orderChanged();
        touch();
        return;
      }
      case 'INIT': {
        const i = reg.getOrCreate(m);
        if (!i) return protocolRow(m, undefined);
        i.lib = 'other';
        const a = (Array.isArray(m.action) ? undefined : tryDecodeJsan(m.action).value) as { timestamp?: number } | undefined;
        const before = { actionsById: i.history.actionsById, nextActionId: i.history.nextActionId, skipped: i.history.skipped, staged: i.history.staged.toArray(), isPaused: i.history.isPaused };
        i.history.init(typeof m.payload === 'string' ? { raw: m.payload } : { value: m.payload }, a?.timestamp);
        if (rows.replaced(i, before, 'INIT').reordered) core.orderChanged();
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
