import type { StateCreator } from 'zustand';
import type { ConnectionStatus, SettingValues } from '../dialects/types';
import type { Store } from './index';

export interface ConnectionConfig {
  id: string;
  name: string;
  dialect: string;
  endpoint: string;
  settings: SettingValues;
  autoReconnect: boolean;
}

export interface ConnectionsSlice {
  connections: ConnectionConfig[];
  activeConnId: string;
  statuses: Record<string, ConnectionStatus>;
  /** Bumped when a connection's session object is replaced, so panels re-read it. */
  sessionEpochs: Record<string, number>;
  addConnection(c: Omit<ConnectionConfig, 'id'> & { id?: string }): string;
  updateConnection(id: string, patch: Partial<Omit<ConnectionConfig, 'id'>>): void;
  removeConnection(id: string): void;
  setActiveConnection(id: string): void;
  setStatus(id: string, status: ConnectionStatus): void;
  bumpSessionEpoch(id: string): void;
}

let counter = 0;
export const newConnectionId = () => `c${Date.now().toString(36)}${(counter++).toString(36)}`;

export const createConnectionsSlice: StateCreator<Store, [], [], ConnectionsSlice> = (set) => ({
  connections: [],
  activeConnId: '',
  statuses: {},
  sessionEpochs: {},
  addConnection(c) {
    const id = c.id ?? newConnectionId();
    set((s) => ({ connections: [...s.connections, { ...c, id }], activeConnId: s.activeConnId || id }));
    return id;
  },
  updateConnection(id, patch) {
    set((s) => ({ connections: s.connections.map((c) => (c.id === id ? { ...c, ...patch } : c)) }));
  },
  removeConnection(id) {
    set((s) => {
      const connections = s.connections.filter((c) => c.id !== id);
      const statuses = { ...s.statuses };
      delete statuses[id];
      return { connections, statuses, activeConnId: s.activeConnId === id ? (connections[0]?.id ?? '') : s.activeConnId };
    });
  },
  setActiveConnection(id) {
    set({ activeConnId: id });
  },
  setStatus(id, status) {
    set((s) => ({ statuses: { ...s.statuses, [id]: status } }));
  },
  bumpSessionEpoch(id) {
    set((s) => ({ sessionEpochs: { ...s.sessionEpochs, [id]: (s.sessionEpochs[id] ?? 0) + 1 } }));
  },
});
