// What every part of the remotedev controller shares: the instances, the view the panel reads (republished at most
// once per frame and per viewIntervalMs), timers, and the rows it writes to the event log (protocol rows and the
// commands it sends).

import type { IncomingEvent } from '../types';
import { createObservable } from '../../lib/observable';
import { isHeldText } from './transport';
import type { ControllerDeps, Instance, InstanceSummary, ProtocolVersion, RemotedevView, RowKind } from './model';

export interface ControllerInit {
  credential: string;
  advanced: boolean;
  protocol: 'auto' | ProtocolVersion;
  activeProtocol: ProtocolVersion;
}

export type MonitorCore = ReturnType<typeof createMonitorCore>;

function summarize(i: Instance): InstanceSummary {
  const h = i.history;
  return {
    key: i.key,
    name: i.name,
    id: i.instanceId ?? i.socketId,
    connected: i.connected,
    firstSeen: i.firstSeen,
    successor: i.successor,
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
    skipped: h.skipped.size,
  };
}

export function createMonitorCore(deps: ControllerDeps, init: ControllerInit) {
  const now = deps.now ?? Date.now;
  const setTimer = deps.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clearTimer = deps.clearTimer ?? ((t: unknown) => clearTimeout(t as ReturnType<typeof setTimeout>));
  const schedule =
    deps.schedule ??
    ((fn: () => void) => {
      if (typeof requestAnimationFrame === 'function' && typeof document !== 'undefined' && !document.hidden) requestAnimationFrame(fn);
      else setTimeout(fn, 16);
    });

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
  // Apps can send 500+ actions a second; the panel's counters need not redraw at 60 Hz while the table shows every row.
  let lastFlush = -Infinity;
  const viewInterval = deps.viewIntervalMs ?? 150;
  /** Instances changed: publish a new view on the next frame, but at most every `viewIntervalMs`. */
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
  const patch = (p: Partial<RemotedevView>) => state.set({ ...state.get(), ...p });

  const emit = (e: IncomingEvent) => deps.sink.emit(e);

  /** Told when an instance's history may list its rows in another order than they arrived (a reorder). */
  const orderListeners = new Set<() => void>();
  const orderChanged = () => {
    for (const l of orderListeners) l();
  };

  /** A row for a message that is not an action: START, STATE, STOP, DISCONNECTED, ERROR, unknown types. */
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

  /** Transmits and logs the message as an "out" row (`quiet`: only when it could not be sent). */
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

  return { deps, now, setTimer, clearTimer, instances, state, touch, patch, emit, protocolRow, send, orderListeners, orderChanged };
}
