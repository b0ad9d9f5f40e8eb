import { create } from 'zustand';
import type { EngineIntent, EngineStats, PublishSink } from '../engine';
import type { Observable } from '../core/events';
import { createConnectionsSlice, type ConnectionsSlice } from './connectionsSlice';
import { createViewSlice, type ViewSlice } from './viewSlice';

export type Store = ConnectionsSlice & ViewSlice;

export const useStore = create<Store>()((...a) => ({
  ...createConnectionsSlice(...a),
  ...createViewSlice(...a),
}));

/** The user's pause, capacity and connection scope, as the engine follows them (see startEngine). */
export const engineIntent: Observable<EngineIntent> = {
  get() {
    const s = useStore.getState();
    return { paused: s.paused, capacity: s.capacity, connectionScope: s.onlyActive && s.activeConnId ? s.activeConnId : null };
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
