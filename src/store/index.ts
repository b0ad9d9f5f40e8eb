import { create } from 'zustand';
import type { EngineIntent, EngineStats, PublishSink } from '../engine';
import type { Observable } from '../core/events';
import { createConnectionsSlice, type ConnectionsSlice } from './connectionsSlice';
import { createViewSlice, type ViewSlice } from './viewSlice';
import { createMonitorSlice, listsOneConnection, viewScopes, type MonitorSlice } from './monitorSlice';
import { getDialect } from '../dialects/registry';
import { getSession } from './sessions';

export type Store = ConnectionsSlice & ViewSlice & MonitorSlice;

export const useStore = create<Store>()((...a) => ({
  ...createConnectionsSlice(...a),
  ...createViewSlice(...a),
  ...createMonitorSlice(...a),
}));

/** The row scope of a connection's dialect, when it multiplexes streams (remotedev's instances). */
const rowScopeOf = (connId: string) => {
  const conn = useStore.getState().connections.find((c) => c.id === connId);
  return conn ? getDialect(conn.dialect).rowScope : undefined;
};

/** Whether the table lists the active connection's rows only (its connection column is then left out). */
export const selectListsOneConnection = (s: Store) => listsOneConnection(s, (id) => !!rowScopeOf(id));
/** The monitor layout is on: the active connection's focused stream alone (see monitorSlice). */
export const selectMonitorLayout = (s: Store) => !s.mergedTimeline && !!s.activeConnId && !!rowScopeOf(s.activeConnId);

/** The user's pause, capacity and scopes (connection, and rows of the active one), as the engine follows them (see startEngine). */
export const engineIntent: Observable<EngineIntent> = {
  get() {
    const s = useStore.getState();
    return { paused: s.paused, capacity: s.capacity, ...viewScopes(s, rowScopeOf, (id) => getSession(id)?.rowOrder) };
  },
  subscribe: (listener) => useStore.subscribe(listener),
};

/** Where the engine publishes: the version counter the table subscribes to, and the toolbar's counters. */
export const engineSink: PublishSink = {
  publish: (stats: EngineStats) => useStore.setState((s) => ({ viewVersion: s.viewVersion + 1, stats })),
  rate: (rate) => useStore.setState((s) => ({ stats: { ...s.stats, rate } })),
};

// The engine's log and view, re-exported for modules that import them beside the store.
export { eventLog, eventView } from '../engine';
