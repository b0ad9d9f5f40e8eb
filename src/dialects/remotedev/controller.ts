// The remotedev monitor's brain, composed of Redux DevTools' own parts: the instances (instances.ts), the message
// router with the START handshake (router.ts), commands and time travel (commands.ts) and the inspector's detail
// (inspector.ts). It knows nothing about sockets (index.ts passes `transmit`) and nothing about React (panels read
// `state` with useSyncExternalStore and call the methods). Rows go to the event log through the sink; the lifted
// states stay here, and rows only reference (instance, actionId).

import type { Observable } from '../types';
import { decodeJsan } from './decode';
import type { ControllerDeps, Instance, RemotedevView, RowKind } from './model';
import { createMonitorCore, type ControllerInit } from './monitorCore';
import { createInstanceRegistry } from './instances';
import { createMessageRouter } from './router';
import { createCommands } from './commands';
import { createInspector } from './inspector';
import { FRAME_SIZE } from './transport';
import { createRowOrder } from './rowOrder';
import { rowNumber } from './actionRows';

export type { ActionCreator, ActionDetail, ActionRef, RangeDetail, ControllerDeps, Features, Instance, InstanceSummary, ProtocolVersion, RemotedevView, RowKind, SubscriptionInfo } from './model';
export type { RowMark } from './actionRows';

export type RemotedevController = ReturnType<typeof createController>;

export function createController(deps: ControllerDeps, init: ControllerInit) {
  const core = createMonitorCore(deps, init);
  const reg = createInstanceRegistry(core);
  const router = createMessageRouter(core, reg);
  const commands = createCommands(core, reg);
  const inspector = createInspector(core, reg);
  const { state, patch, touch, emit } = core;

  return {
    state: state as Observable<RemotedevView>,
    instance: (key: string | null): Instance | undefined => reg.get(key),
    instances: reg.all,
    /** The instance a table row names (rows carry its uid, unique across sessions). */
    instanceByUid: reg.byUid,
    /** The table's order of an instance's rows: its app's history order (see rowOrder.ts). */
    rowOrder: createRowOrder(core, reg),
    /** A row's number, its place in the app's run (`arrivedAs`: the number the row came with, its fields' `number`). */
    rowNumber(key: string, actionId: number, token?: number, arrivedAs?: number): number | undefined {
      const i = reg.get(key);
      return i ? rowNumber(i, actionId, token, arrivedAs) : arrivedAs;
    },
    /** Feeds one message relayed on the monitor's channel (the one login returned). */
    handle: router.handle,
    /** A message on any other subscribed channel (advanced mode): one row, not interpreted. */
    channelMessage(data: unknown, channel: string) {
      const o = data && typeof data === 'object' ? (data as Record<string, unknown>) : undefined;
      emit({ dir: 'in', kind: 'message', type: typeof o?.type === 'string' ? o.type : channel, key: channel, value: data, size: (o as Record<symbol, unknown> | undefined)?.[FRAME_SIZE] as number | undefined, fields: { rowKind: 'channel' satisfies RowKind, channel } });
    },
    select(key: string | null) {
      patch({ selected: key, explicit: key !== null, followed: undefined });
    },
    forgetDisconnected: reg.forgetDisconnected,
    setAutoselect(on: boolean) {
      // Turning autoselect on does not move an explicit choice; it applies to the next instance that appears.
      patch({ autoselect: on });
    },
    /** Connection-level updates from index.ts. */
    setConnection(p: Partial<Pick<RemotedevView, 'connected' | 'protocol' | 'login' | 'subscriptions'>>) {
      if (p.connected === false) {
        // The server is gone: every app's socket is gone with it. Keep their history, mark them disconnected.
        for (const i of reg.all()) {
          i.connected = false;
          i.hasState = false;
        }
        router.connectionLost();
        touch();
      }
      patch(p);
    },
    /** Called after the monitor's channel subscription is confirmed (first connect and every reconnect). */
    subscribed: () => router.start(),
    start: () => router.start(0),
    stop: router.stop,
    ...commands,
    ...inspector,
    /** Drops every instance's retained state from the row lookup (session closed). Rows stay in the log. */
    dispose() {
      router.dispose();
      reg.dispose();
    },
    /** Decodes a raw payload (used by the Raw tab for protocol rows). */
    decode: decodeJsan,
  };
}
