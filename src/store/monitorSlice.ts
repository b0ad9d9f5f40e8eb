import type { StateCreator } from 'zustand';
import type { RowFocus, RowOrder, StreamEvent } from '../dialects/types';
import type { RowOrderIntent, RowScopeIntent } from '../engine';
import { readStored, writeStored } from '../lib/persist';
import type { Store } from './index';

// The monitor layout of a connection whose dialect multiplexes streams (remotedev: one connection, many app
// instances). By default the table lists the active connection's focused stream alone; the merged timeline (every
// connection, every instance) is one click away. The store holds what the user asked for; the engine's scopes follow.

const MERGED_KEY = 'monitor:merged';

export interface MonitorSlice {
  /** The user asked for every connection's rows and every instance's actions in one timeline. */
  mergedTimeline: boolean;
  /** Per connection: also list the protocol's own messages. */
  protocolRows: Record<string, boolean>;
  /** Per connection: the stream the session's controls act on, as the session reports it (Session.focus). */
  focus: Record<string, string | null>;
  setMergedTimeline(v: boolean): void;
  setProtocolRows(connId: string, v: boolean): void;
  setFocus(connId: string, source: string | null): void;
  forgetFocus(connId: string): void;
}

export const createMonitorSlice: StateCreator<Store, [], [], MonitorSlice> = (set) => ({
  mergedTimeline: readStored<boolean>(MERGED_KEY, false, (v) => typeof v === 'boolean'),
  protocolRows: {},
  focus: {},
  setMergedTimeline(mergedTimeline) {
    writeStored(MERGED_KEY, mergedTimeline);
    set({ mergedTimeline });
  },
  setProtocolRows: (connId, v) => set((s) => ({ protocolRows: { ...s.protocolRows, [connId]: v } })),
  setFocus: (connId, source) => set((s) => (s.focus[connId] === source ? s : { focus: { ...s.focus, [connId]: source } })),
  forgetFocus: (connId) =>
    set((s) => {
      if (!(connId in s.focus)) return s;
      const focus = { ...s.focus };
      delete focus[connId];
      return { focus };
    }),
});

type RowScopeOf = (connId: string, focus: RowFocus) => (e: StreamEvent) => boolean;

/** What the store's view state asks of the engine's scopes: which connections, and which of the active one's rows. */
export interface ViewScopeState {
  activeConnId: string;
  onlyActive: boolean;
  mergedTimeline: boolean;
  protocolRows: Record<string, boolean>;
  focus: Record<string, string | null>;
  sessionEpochs: Record<string, number>;
}

/**
 * The monitor layout applies while the active connection's dialect scopes its rows (`rowScope`): that connection
 * alone, its focused stream alone. In the merged timeline, "This connection only" decides again, and every stream
 * of the connection is listed (its protocol messages still only when asked). The focused stream's rows are listed
 * in its own order when its session has one (`rowOrderOf`); the merged timeline stays in arrival order.
 */
export function viewScopes(
  s: ViewScopeState,
  rowScopeOf: (connId: string) => RowScopeOf | undefined,
  rowOrderOf: (connId: string) => RowOrder | undefined = () => undefined,
): { connectionScope: string | null; rowScope: RowScopeIntent | null; rowOrder: RowOrderIntent | null } {
  const active = s.activeConnId || null;
  const plain = { connectionScope: s.onlyActive ? active : null, rowScope: null, rowOrder: null };
  const scopeOf = active ? rowScopeOf(active) : undefined;
  if (!active || !scopeOf) return plain;
  const focus: RowFocus = { source: s.mergedTimeline ? null : (s.focus[active] ?? null), protocol: s.protocolRows[active] ?? false };
  const source = focus.source;
  return {
    connectionScope: s.mergedTimeline ? plain.connectionScope : active,
    rowScope: { key: `${active}\u0000${focus.source ?? ''}\u0000${focus.source === null ? 'all' : 'one'}\u0000${focus.protocol}`, predicate: () => scopeOf(active, focus) },
    // Named by the session too: a new session (Connect again) has its own order to follow.
    rowOrder:
      source === null
        ? null
        : {
            key: `${active}\u0000${source}\u0000${s.sessionEpochs[active] ?? 0}`,
            order() {
              const o = rowOrderOf(active);
              return o ? { arrange: (seqs, eventAt) => o.arrange(source, seqs, eventAt), subscribe: (l) => o.subscribe(l) } : null;
            },
          },
  };
}

/** Whether the table lists one connection's rows only (then it needs no connection column). */
export function listsOneConnection(s: Store, hasRowScope: (connId: string) => boolean): boolean {
  if (s.onlyActive) return true;
  return !s.mergedTimeline && !!s.activeConnId && hasRowScope(s.activeConnId);
}
