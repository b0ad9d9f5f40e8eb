// The remotedev monitor's brain: instances and their lifted states, selection, time travel and dispatch. It knows
// nothing about sockets (index.ts passes `transmit`) and nothing about React (panels read `state` with
// useSyncExternalStore and call the methods). Rows go to the event log through the sink; the lifted states stay
// here, and rows only reference (instance, actionId).

import type { EventSink, IncomingEvent, Observable } from '../types';
import { createObservable } from '../../lib/observable';
import { summarizeValue } from '../../lib/format';
import { decodeJsan, encodeJsan, tryDecodeJsan } from './decode';
import { LiftedHistory, type LiftedAction, type LiftedState } from './liftedState';
import { validateActionText, validateArgText } from './literal';
import { FRAME_SIZE, isHeldText } from './transport';

export type ProtocolVersion = 1 | 2;

/** Per-instance features, as app-core `reducers/instances.ts` `init()` defaults them when the app sends none. */
export interface Features {
  lock?: boolean;
  export?: boolean | string;
  import?: boolean | string;
  persist?: boolean;
  pause?: boolean;
  reorder?: boolean;
  jump?: boolean;
  skip?: boolean;
  dispatch?: boolean;
  sync?: boolean;
  test?: boolean;
}

export interface ActionCreator {
  name: string;
  args: string[];
}

/** One app store being monitored. Live and mutable: read it through the controller, never keep copies in React state. */
export interface Instance {
  key: string;
  /** Unique across sessions, for the live column registry. */
  uid: string;
  name: string;
  socketId: string;
  instanceId?: string;
  connected: boolean;
  /** 'redux' once a STATE arrived first; 'other' for remotedev connect() (INIT). */
  lib: 'redux' | 'other' | 'unknown';
  features: Features;
  actionCreators?: ActionCreator[];
  history: LiftedHistory;
  /** Whether a STATE (or INIT) has been received since the monitor (re)connected. */
  hasState: boolean;
  received: number;
  /** The highest action id shown as a row (-1: none yet). */
  maxSeenId: number;
  lastTimestamp?: number;
  lastError?: string;
  stopped: boolean;
  /** remote-redux-devtools 0.5 and other apps without instanceId. On protocol 1 servers they hear `sc-<id>`. */
  legacy: boolean;
  firstSeen: number;
}

export interface InstanceSummary {
  key: string;
  name: string;
  connected: boolean;
  received: number;
  staged: number;
  currentStateIndex: number;
  currentActionId?: number;
  lib: Instance['lib'];
  features: Features;
  actionCreators?: ActionCreator[];
  isLocked: boolean;
  isPaused: boolean;
  hasState: boolean;
  lastError?: string;
  stopped: boolean;
  legacy: boolean;
  /** States whose text was dropped to stay within the per-instance memory budget. */
  droppedStates: number;
}

export interface SubscriptionInfo {
  channel: string;
  state: 'pending' | 'subscribed' | 'failed' | 'unsubscribed';
  error?: string;
}

export interface RemotedevView {
  connected: boolean;
  protocol: { setting: 'auto' | ProtocolVersion; active: ProtocolVersion; detected?: ProtocolVersion; note?: string };
  login: { credential: string; state: 'idle' | 'pending' | 'ok' | 'failed' | 'skipped'; channel?: string; error?: string };
  subscriptions: SubscriptionInfo[];
  advanced: boolean;
  instances: InstanceSummary[];
  selected: string | null;
  /** True once the user picked an instance: autoselect then never moves the selection. */
  explicit: boolean;
  autoselect: boolean;
  /** The last ERROR reply (dispatch failures) per instance key. */
  replies: Record<string, { text: string; at: number }>;
  /** Bumped on every flush; panels that read live history use it to re-render. */
  version: number;
  /** Messages about the last command, e.g. the broadcast warning. */
  lastCommand?: { text: string; at: number; warning?: string };
}

export interface ActionDetail {
  instance: string;
  actionId: number;
  /** Position in the staged list, or -1 once committed away. */
  index: number;
  action?: LiftedAction;
  state?: unknown;
  prevState?: unknown;
  error?: string;
  /** The state (or the one before) is being fetched from the socket worker; the view's version moves when it is here. */
  loading?: boolean;
  skipped: boolean;
  current: boolean;
  committed: boolean;
}

export interface ControllerDeps {
  sink: EventSink;
  /** Sends a SocketCluster transmit; returns false when the socket is not open. */
  transmit(channel: string, data: unknown): boolean;
  /** Schedules a UI flush; defaults to requestAnimationFrame (or a 16 ms timer outside the browser). */
  schedule?(fn: () => void): void;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (t: unknown) => void;
  now?: () => number;
  /** How long to wait before answering an app's START (notes §6.1: an immediate reply is lost 1 run in 3). */
  startDelayMs?: number;
  /** START is resent at this interval until STATE arrives. */
  startRetryMs?: number;
  /** The panel's view is republished at most this often while instances change (default 150 ms). */
  viewIntervalMs?: number;
}

const DEFAULT_FEATURES: Features = { lock: true, export: 'custom', import: 'custom', persist: true, pause: true, reorder: true, jump: true, skip: true, dispatch: true, sync: true, test: true };

let uidCounter = 0;
/** Live instances by uid, so the table's "state" column can show current/skipped as they change after a row was logged. */
const live = new Map<string, Instance>();
export function liveInstance(uid: unknown): Instance | undefined {
  return typeof uid === 'string' ? live.get(uid) : undefined;
}

/** Row marker: the table's action rows and protocol rows differ by this field. */
export type RowKind = 'action' | 'protocol' | 'channel';

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

export type RemotedevController = ReturnType<typeof createController>;

export function createController(deps: ControllerDeps, init: { credential: string; advanced: boolean; protocol: 'auto' | ProtocolVersion; activeProtocol: ProtocolVersion }) {
  const now = deps.now ?? Date.now;
  const setTimer = deps.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clearTimer = deps.clearTimer ?? ((t: unknown) => clearTimeout(t as ReturnType<typeof setTimeout>));
  const schedule =
    deps.schedule ??
    ((fn: () => void) => {
      if (typeof requestAnimationFrame === 'function' && typeof document !== 'undefined' && !document.hidden) requestAnimationFrame(fn);
      else setTimeout(fn, 16);
    });
  const startDelay = deps.startDelayMs ?? 300;
  const startRetry = deps.startRetryMs ?? 1500;

  const instances = new Map<string, Instance>();
  const state = createObservable<RemotedevView>({
    connected: false,
    protocol: { setting: init.protocol, active: init.activeProtocol },
    login: { credential: init.credential, state: 'idle' },
    subscriptions: [],
    advanced: init.advanced,
    instances: [],
    selected: null,
    explicit: false,
    autoselect: true,
    replies: {},
    version: 0,
  });

  let dirty = false;
  let flushScheduled = false;
  const flush = () => {
    flushScheduled = false;
    if (!dirty) return;
    dirty = false;
    const s = state.get();
    const list: InstanceSummary[] = [];
    for (const i of instances.values()) list.push(summarize(i));
    state.set({ ...s, instances: list, version: s.version + 1 });
  };
  /**
   * Instances changed: publish a new view on the next frame, but at most every `viewIntervalMs` (apps can send 500+
   * actions a second, and the panel's counters need not redraw at 60 Hz while the table shows every row).
   */
  let lastFlush = -Infinity;
  const viewInterval = deps.viewIntervalMs ?? 150;
  const touch = () => {
    dirty = true;
    if (flushScheduled) return;
    flushScheduled = true;
    const wait = lastFlush + viewInterval - now();
    const run = () => {
      lastFlush = now();
      flush();
    };
    if (wait <= 0) schedule(run);
    else setTimer(() => schedule(run), wait);
  };
  const patch = (p: Partial<RemotedevView>) => {
    state.set({ ...state.get(), ...p });
  };

  function summarize(i: Instance): InstanceSummary {
    const h = i.history;
    return {
      key: i.key,
      name: i.name,
      connected: i.connected,
      received: i.received,
      staged: h.length,
      currentStateIndex: h.currentStateIndex,
      currentActionId: h.currentActionId(),
      lib: i.lib,
      features: i.features,
      actionCreators: i.actionCreators,
      isLocked: h.isLocked,
      isPaused: h.isPaused,
      hasState: i.hasState,
      lastError: i.lastError,
      stopped: i.stopped,
      legacy: i.legacy,
      droppedStates: h.droppedStates,
    };
  }

  // ---- START handling (notes §6.1, §6.2) ----
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
  /** Asks every app for its lifted state after `delay` ms, then again until a STATE arrives. */
  const requestStart = (delay = startDelay) => {
    if (startTimer !== undefined) clearTimer(startTimer);
    startAttempts = 0;
    startTimer = setTimer(sendStart, delay);
  };
  const stateArrived = () => {
    waitingForState = false;
    if (startTimer !== undefined && startAttempts > 0) {
      clearTimer(startTimer);
      startTimer = undefined;
    }
  };

  // ---- rows ----
  const emit = (e: IncomingEvent) => deps.sink.emit(e);
  const protocolRow = (m: Record<string, unknown>, inst: Instance | undefined, extra: Partial<IncomingEvent> = {}) => {
    const type = typeof m.type === 'string' ? m.type : '(message)';
    if (isHeldText(m.payload)) {
      // An ACTION that names no instance: its state has no history to go to.
      m.payload.release();
      m = { ...m, payload: `(${m.payload.length} characters of state, not kept)` };
    }
    emit({
      dir: 'in',
      kind: 'message',
      type,
      key: inst?.name ?? (typeof m.name === 'string' ? m.name : undefined),
      value: m,
      fields: { rowKind: 'protocol' satisfies RowKind, instance: inst?.key, uid: inst?.uid },
      ...extra,
    });
  };

  function send(channel: string, data: Record<string, unknown>, o: { quiet?: boolean; instance?: Instance } = {}): boolean {
    const ok = deps.transmit(channel, data);
    if (!o.quiet || !ok) {
      const sub = data.action && typeof data.action === 'object' ? (data.action as { type?: unknown }).type : undefined;
      emit({
        dir: 'out',
        kind: ok ? 'message' : 'error',
        type: String(data.type ?? ''),
        action: typeof sub === 'string' ? sub : undefined,
        key: o.instance?.name,
        value: { channel, ...data },
        summary: ok ? undefined : `Not sent (${String(data.type)}): the connection is not open.`,
        fields: { rowKind: 'protocol' satisfies RowKind, instance: o.instance?.key, uid: o.instance?.uid, channel },
      });
    }
    return ok;
  }

  // ---- instances ----
  /** New socket ids of apps without instanceId that came back as an instance the monitor already had. */
  const aliases = new Map<string, string>();
  const keyOf = (m: Record<string, unknown>): string | undefined => {
    const k = m.instanceId ?? m.id;
    if (k === undefined || k === null) return undefined;
    return (m.instanceId === undefined ? aliases.get(String(k)) : undefined) ?? String(k);
  };

  function getOrCreate(m: Record<string, unknown>): Instance | undefined {
    const key = keyOf(m);
    if (key === undefined) return undefined;
    let i = instances.get(key);
    const socketId = typeof m.id === 'string' ? m.id : String(m.id ?? '');
    if (!i) {
      i = {
        key,
        uid: `rd${++uidCounter}`,
        name: typeof m.name === 'string' && m.name ? m.name : key,
        socketId,
        instanceId: m.instanceId === undefined ? undefined : String(m.instanceId),
        connected: true,
        lib: 'unknown',
        features: { ...DEFAULT_FEATURES },
        history: new LiftedHistory(),
        hasState: false,
        received: 0,
        maxSeenId: -1,
        stopped: false,
        legacy: m.instanceId === undefined,
        firstSeen: now(),
      };
      instances.set(key, i);
      live.set(i.uid, i);
      const s = state.get();
      if (s.autoselect && !s.explicit) patch({ selected: key });
      else if (s.selected === null) patch({ selected: key });
    } else {
      if (socketId) i.socketId = socketId;
      if (typeof m.name === 'string' && m.name) i.name = m.name;
      i.connected = true;
    }
    touch();
    return i;
  }

  /**
   * remote-redux-devtools 0.5 sends no instanceId and its socket id changes on every reconnect (a server restart, or
   * the 20-30 s protocol-mismatch drops), so the same app comes back as a new instance, and an explicitly selected
   * one would sit disconnected forever. Its first STATE tells: when a disconnected instance of the same name holds an
   * action with the same id and timestamp, it is that app again, so its history continues where it was.
   */
  function adoptReconnected(fresh: Instance, lifted: LiftedState): Instance {
    if (!fresh.legacy || fresh.hasState || fresh.received > 0 || !lifted.actionsById) return fresh;
    for (const old of instances.values()) {
      if (old === fresh || !old.legacy || old.connected || old.name !== fresh.name) continue;
      let same = false;
      for (const [id, a] of old.history.actionsById) {
        if (lifted.actionsById[id]?.timestamp === a.timestamp) {
          same = true;
          break;
        }
      }
      if (!same) continue;
      instances.delete(fresh.key);
      live.delete(fresh.uid);
      aliases.set(fresh.socketId, old.key);
      old.socketId = fresh.socketId;
      old.connected = true;
      if (state.get().selected === fresh.key) patch({ selected: old.key });
      touch();
      return old;
    }
    return fresh;
  }

  function applyLibConfig(i: Instance, m: Record<string, unknown>) {
    const lc = (m.libConfig ?? {}) as { features?: Features; type?: string; actionCreators?: unknown; name?: string };
    if (lc.name) i.name = lc.name;
    let creators: unknown = lc.actionCreators ?? (m.type === 'STATE' ? m.action : undefined);
    if (typeof creators === 'string') creators = tryDecodeJsan(creators).value;
    if (Array.isArray(creators)) i.actionCreators = creators.filter((c) => c && typeof c.name === 'string').map((c) => ({ name: String(c.name), args: Array.isArray(c.args) ? c.args.map(String) : [] }));
    if (lc.features) i.features = lc.features;
    else i.features = { ...DEFAULT_FEATURES, lock: i.lib === 'redux', export: lc.type === 'redux' ? 'custom' : true };
  }

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
      actionRow(i, applied.actionId, applied.action, typeof size === 'number' && actions.length === 1 ? size : undefined);
    }
    touch();
  }

  /** One table row per action. Its value is what the filter language searches: `type:ADD`, `action.by:>5`. */
  function actionRow(i: Instance, actionId: number, lifted: LiftedAction, size?: number, fromState = false) {
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
      size,
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
      if (id > from && a) actionRow(i, id, a, undefined, true);
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
    const type = m.type;
    switch (type) {
      case 'ACTION': {
        const i = getOrCreate(m);
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
        const fresh = getOrCreate(m);
        if (!fresh) return protocolRow(m, undefined);
        const d = tryDecodeJsan(m.payload);
        const size = (m as Record<symbol, unknown>)[FRAME_SIZE];
        if (d.error || !d.value || typeof d.value !== 'object') {
          protocolRow(m, fresh, { parseError: d.error ?? 'STATE without a lifted state', value: { type: 'STATE', name: m.name } });
          return;
        }
        const i = adoptReconnected(fresh, d.value as LiftedState);
        if (i.lib !== 'other') i.lib = 'redux';
        i.history.replace(d.value as LiftedState);
        i.hasState = true;
        i.stopped = false;
        applyLibConfig(i, m);
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
        const i = getOrCreate(m);
        if (!i) return protocolRow(m, undefined);
        i.lib = 'other';
        const a = tryDecodeJsan(m.action).value as { timestamp?: number } | undefined;
        i.history.init(typeof m.payload === 'string' ? { raw: m.payload } : { value: m.payload }, a?.timestamp);
        backfill(i);
        i.hasState = true;
        applyLibConfig(i, m);
        i.features = { ...i.features, lock: false, skip: false, reorder: false };
        stateArrived();
        protocolRow({ type: 'INIT', name: m.name, id: m.id, instanceId: m.instanceId }, i);
        touch();
        return;
      }
      case 'START': {
        const i = getOrCreate(m);
        protocolRow({ type: 'START', name: m.name, id: m.id, instanceId: m.instanceId }, i, { summary: `START: ${i?.name ?? 'an app'} connected; asking for its state` });
        stoppedByUs = false;
        requestStart();
        return;
      }
      case 'STOP': {
        const i = instances.get(keyOf(m) ?? '');
        if (i) {
          i.stopped = true;
          touch();
        }
        protocolRow({ type: 'STOP', name: m.name, id: m.id, instanceId: m.instanceId }, i, {
          summary: stoppedByUs ? `STOP: ${i?.name ?? 'app'} stopped streaming, as asked` : `STOP: ${i?.name ?? 'app'} stopped streaming (another monitor left); sending START again`,
        });
        // Another monitor disconnecting makes every app stop (notes §6.2): ask again, unless we asked for the stop.
        if (!stoppedByUs) requestStart();
        return;
      }
      case 'DISCONNECTED': {
        const id = String(m.id);
        let hit: Instance | undefined;
        for (const i of instances.values()) {
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
        const i = getOrCreate(m);
        const text = typeof m.payload === 'string' ? m.payload : summarizeValue(m.payload);
        if (i) {
          i.lastError = text;
          patch({ replies: { ...state.get().replies, [i.key]: { text, at: now() } } });
        }
        protocolRow({ type: 'ERROR', name: m.name, id: m.id, instanceId: m.instanceId, payload: m.payload }, i, { summary: `ERROR from ${i?.name ?? 'app'}: ${text}` });
        return;
      }
      default:
        protocolRow(m, instances.get(keyOf(m) ?? ''), channel !== 'log' ? { fields: { rowKind: 'channel' satisfies RowKind, channel } } : {});
    }
  }

  // ---- commands ----
  /** The route that reaches this app (notes §4): `respond` always works except for legacy apps on a protocol-1 server. */
  function route(i: Instance | undefined): { channel: string; broadcast: boolean } {
    if (i && i.legacy && state.get().protocol.active === 1 && i.socketId) return { channel: `sc-${i.socketId}`, broadcast: false };
    return { channel: 'respond', broadcast: true };
  }

  function command(key: string, data: Record<string, unknown>, what: string): boolean {
    const i = instances.get(key);
    if (!i) {
      patch({ lastCommand: { text: `${what}: no such instance`, at: now() } });
      return false;
    }
    const r = route(i);
    const msg: Record<string, unknown> = { ...data };
    if (i.instanceId !== undefined) msg.instanceId = i.instanceId;
    else msg.instanceId = i.socketId;
    const others = r.broadcast ? [...instances.values()].filter((x) => x !== i && x.connected && x.lib === 'redux').length : 0;
    const warning = others > 0 ? `${others + 1} apps are connected and Redux apps ignore instanceId: every one of them executes this ${data.type}.` : undefined;
    const ok = send(r.channel, msg, { instance: i });
    patch({ lastCommand: { text: ok ? `${what} sent on ${r.channel}` : `${what} not sent: the connection is not open`, at: now(), warning } });
    return ok;
  }

  const dispatch = (key: string, action: Record<string, unknown>, what: string) => command(key, { type: 'DISPATCH', action }, what);

  /** Why a control is unavailable for an instance, or undefined when it is allowed. */
  function disabledReason(key: string | null, feature: keyof Features | 'toggle0' | 'connected'): string | undefined {
    const i = key ? instances.get(key) : undefined;
    if (!i) return 'Select an instance first.';
    if (!state.get().connected) return 'The monitor is not connected to the server.';
    if (!i.connected) return `${i.name} is disconnected; its history is kept, but it cannot receive commands until it reconnects.`;
    if (feature === 'connected' || feature === 'toggle0') return undefined;
    if (!i.features[feature]) return `${i.name} does not allow ${feature === 'dispatch' ? 'dispatching' : feature === 'jump' ? 'time travel' : feature} (its features.${feature} is off).`;
    if (i.history.isLocked && (feature === 'dispatch' || feature === 'skip' || feature === 'reorder')) return `Changes are locked in ${i.name}: unlock them first.`;
    return undefined;
  }

  const controller = {
    state: state as Observable<RemotedevView>,
    instance: (key: string | null): Instance | undefined => (key ? instances.get(key) : undefined),
    instances: (): Instance[] => [...instances.values()],
    disabledReason,
    /** Feeds one message relayed on the monitor's channel (the one login returned). */
    handle,
    /** A message on any other subscribed channel (advanced mode): one row, not interpreted. */
    channelMessage(data: unknown, channel: string) {
      const o = data && typeof data === 'object' ? (data as Record<string, unknown>) : undefined;
      emit({ dir: 'in', kind: 'message', type: typeof o?.type === 'string' ? o.type : channel, key: channel, value: data, size: (o as Record<symbol, unknown> | undefined)?.[FRAME_SIZE] as number | undefined, fields: { rowKind: 'channel' satisfies RowKind, channel } });
    },
    select(key: string | null) {
      patch({ selected: key, explicit: key !== null });
    },
    setAutoselect(on: boolean) {
      const s = state.get();
      // Turning autoselect on does not move an explicit choice; it applies to the next instance that appears.
      patch({ autoselect: on, explicit: on ? s.explicit : s.explicit });
    },
    /** Connection-level updates from index.ts. */
    setConnection(p: Partial<Pick<RemotedevView, 'connected' | 'protocol' | 'login' | 'subscriptions'>>) {
      if (p.connected === false) {
        // The server is gone: every app's socket is gone with it. Keep their history, mark them disconnected.
        for (const i of instances.values()) {
          i.connected = false;
          i.hasState = false;
        }
        waitingForState = false;
        if (startTimer !== undefined) clearTimer(startTimer);
        startTimer = undefined;
        touch();
      }
      patch(p);
    },
    /** Called after the monitor's channel subscription is confirmed (first connect and every reconnect). */
    subscribed() {
      stoppedByUs = false;
      requestStart();
    },
    start() {
      stoppedByUs = false;
      requestStart(0);
    },
    stop() {
      stoppedByUs = true;
      if (startTimer !== undefined) clearTimer(startTimer);
      startTimer = undefined;
      send('respond', { type: 'STOP' });
    },
    /** UPDATE: ask one app (everyone, on respond) to resend its lifted state. */
    refresh(key: string) {
      return command(key, { type: 'UPDATE' }, 'Refresh');
    },

    jumpToAction(key: string, actionId: number) {
      const i = instances.get(key);
      if (!i) return false;
      if (i.lib === 'other') return controller.jumpToIndex(key, i.history.indexOf(actionId));
      // JUMP_TO_ACTION is answered with STATE; it also survives the app filtering actions (notes §6.3).
      return dispatch(key, { type: 'JUMP_TO_ACTION', actionId }, `Jump to #${actionId}`);
    },
    jumpToIndex(key: string, index: number) {
      const i = instances.get(key);
      if (!i || index < 0 || index >= i.history.length) return false;
      if (i.lib === 'redux') {
        const id = i.history.staged.at(index);
        return id === undefined ? false : dispatch(key, { type: 'JUMP_TO_ACTION', actionId: id }, `Jump to #${id}`);
      }
      // Non-redux apps need the target state itself; no reply comes, so move our own index.
      const entry = i.history.states.at(index);
      if (entry && !entry.loaded) {
        void entry.load().then(() => controller.jumpToIndex(key, index));
        return true;
      }
      const ok = command(key, { type: 'DISPATCH', action: { type: 'JUMP_TO_STATE', index, actionId: i.history.staged.at(index) }, state: encodeJsan(i.history.stateAt(index)) }, `Jump to state ${index}`);
      if (ok) {
        i.history.currentStateIndex = index;
        touch();
      }
      return ok;
    },
    /** JUMP_TO_STATE by index: the app sends no reply (notes §6.3), so the monitor moves its own position. */
    jumpToState(key: string, index: number) {
      const i = instances.get(key);
      if (!i || index < 0 || index >= i.history.length) return false;
      const ok = dispatch(key, { type: 'JUMP_TO_STATE', index }, `Jump to state ${index}`);
      if (ok) {
        i.history.currentStateIndex = index;
        touch();
      }
      return ok;
    },
    toggleAction(key: string, actionId: number) {
      // TOGGLE_ACTION on action 0 crashes the instrument (notes §4): never send it.
      if (actionId === 0) return false;
      return dispatch(key, { type: 'TOGGLE_ACTION', id: actionId }, `Toggle #${actionId}`);
    },
    reorder(key: string, actionId: number, beforeActionId: number) {
      if (actionId === 0 || beforeActionId === 0) return false;
      return dispatch(key, { type: 'REORDER_ACTION', actionId, beforeActionId }, `Move #${actionId}`);
    },
    reset: (key: string) => dispatch(key, { type: 'RESET' }, 'Reset'),
    rollback: (key: string) => dispatch(key, { type: 'ROLLBACK' }, 'Revert'),
    sweep: (key: string) => dispatch(key, { type: 'SWEEP' }, 'Sweep'),
    commit: (key: string) => dispatch(key, { type: 'COMMIT' }, 'Commit'),
    lockChanges: (key: string, status: boolean) => dispatch(key, { type: 'LOCK_CHANGES', status }, status ? 'Lock changes' : 'Unlock changes'),
    pauseRecording: (key: string, status: boolean) => dispatch(key, { type: 'PAUSE_RECORDING', status }, status ? 'Pause recording' : 'Resume recording'),

    /** Sends the editor's text as an ACTION. The text is validated here as a data literal and run only by the app. */
    dispatchText(key: string, text: string): { ok: boolean; error?: string } {
      const v = validateActionText(text);
      if (!v.ok) return v;
      const ok = command(key, { type: 'ACTION', action: text.trim() }, `Dispatch ${String(v.value.type)}`);
      return ok ? { ok } : { ok, error: 'Not sent: the connection is not open.' };
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
      const i = instances.get(key);
      const name = i?.actionCreators?.[selected]?.name ?? `creator ${selected}`;
      const ok = command(key, { type: 'ACTION', action: { selected, args: args.map((a) => (a.trim() ? a : 'undefined')), rest: restArgs.trim() || '[]' } }, `Call ${name}`);
      return ok ? { ok } : { ok, error: 'Not sent: the connection is not open.' };
    },

    /** The instance's lifted state as jsan text, the format Redux DevTools' Export writes and Import reads. */
    async exportState(key: string): Promise<string | undefined> {
      const i = instances.get(key);
      if (!i) return undefined;
      await i.history.loadAll();
      return encodeJsan(i.history.toLiftedState());
    },
    /** IMPORT: the app replays the imported actions and answers with STATE. */
    importState(key: string, text: string): { ok: boolean; error?: string } {
      const d = tryDecodeJsan(text.trim());
      if (d.error) return { ok: false, error: d.error };
      let v = d.value as Record<string, unknown> | undefined;
      let payload = text.trim();
      // Exports of reports wrap the lifted state: {payload: "<jsan>"} (cli reports, remotedev-app's "Export").
      if (v && typeof v.payload === 'string') {
        payload = v.payload;
        v = tryDecodeJsan(payload).value as Record<string, unknown> | undefined;
      }
      if (!v || typeof v !== 'object' || !Array.isArray(v.stagedActionIds) || !v.actionsById) return { ok: false, error: 'Not a lifted state: expected actionsById, stagedActionIds and computedStates.' };
      const ok = command(key, { type: 'IMPORT', state: payload }, 'Import');
      return ok ? { ok } : { ok, error: 'Not sent: the connection is not open.' };
    },

    /** Everything the inspector shows for one action. Decodes at most two states. */
    detail(key: string, actionId: number): ActionDetail | undefined {
      const i = instances.get(key);
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
      let st: unknown, prev: unknown, error: string | undefined;
      try {
        st = entry?.state;
        prev = before?.state;
      } catch (err) {
        error = `Could not decode the state: ${(err as Error).message}`;
      }
      if (entry?.dropped) error = `This state was not kept: undecoded states are capped at ${Math.round(h.stateBudget / 1048576)} MB per instance and the oldest go first (Jump still works: the app has it).`;
      return { instance: key, actionId, index, action, state: st, prevState: prev, error: error ?? entry?.error, skipped: h.skipped.has(actionId), current: h.currentStateIndex === index, committed: false };
    },
    /** The app's current action, read live (the table's row marks; the view's copy is republished at most every 150 ms). */
    currentActionId(key: string): number | undefined {
      return instances.get(key)?.history.currentActionId();
    },
    /** The actions a reducer test can replay up to `actionId` (the Test tab's range), oldest first. */
    actionsUpTo(key: string, actionId: number, count: number): { id: number; type: string }[] {
      return instances.get(key)?.history.actionsUpTo(actionId, count) ?? [];
    },
    /** current / skipped / committed for a row, read live when the table renders. */
    rowState(key: string, actionId: number): 'current' | 'skipped' | 'committed' | '' {
      const i = instances.get(key);
      if (!i) return '';
      const h = i.history;
      const idx = h.indexOf(actionId);
      if (idx < 0) return 'committed';
      if (h.currentStateIndex === idx) return 'current';
      return h.skipped.has(actionId) ? 'skipped' : '';
    },
    /** Drops every instance's retained state from the live registry (session closed). Rows stay in the log. */
    dispose() {
      if (startTimer !== undefined) clearTimer(startTimer);
      for (const i of instances.values()) live.delete(i.uid);
    },
    /** Decodes a raw payload (used by the Raw tab for protocol rows). */
    decode: decodeJsan,
  };
  return controller;
}
