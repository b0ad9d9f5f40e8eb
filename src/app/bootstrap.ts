import { dialects, getDialect } from '../dialects/registry';
import { useStore } from '../store';
import { eventLog, eventView, tableStats } from '../engine';
import { connect } from '../store/sessions';
import { setSocketTransport } from '../transport/workerWebSocket';
import { restoreOnLoad } from '../components/settings/openConnection';
import { adoptRestored, historyBacklog, historySettings, historyStatus } from '../io/history';
import type { CaptureConnection } from '../io/capture';
import { maskUrl } from '../lib/secrets';

/**
 * Opens the first connections. `?demo=all` opens one per dialect on the bundled demo server's default endpoints
 * (what `npm start` opens); `?dialect=…&endpoint=…` opens one; with neither, the json demo stream.
 * `?autoconnect=0` leaves them idle; `?worker=0` keeps sockets on the main thread. Without `?demo`, `?dialect` or `?endpoint`, a share link in the hash, else the last
 * saved connection, opens instead of the json demo.
 */
export function bootstrap(search = location.search, hash = location.hash): void {
  const q = new URLSearchParams(search);
  const st = useStore.getState();
  if (q.get('worker') === '0') setSocketTransport('main');
  applyQueryCapacity(search);
  const named = q.get('demo') === 'all' || q.has('dialect') || q.has('endpoint');
  if (!named && restoreOnLoad(hash, q.get('autoconnect') !== '0')) return;
  const list =
    q.get('demo') === 'all'
      ? dialects.map((d) => ({ dialect: d.id, endpoint: d.demoEndpoint ?? d.defaultEndpoint, settings: d.demoSettings ?? {} }))
      : [{ dialect: getDialect(q.get('dialect') ?? 'json').id, endpoint: q.get('endpoint') ?? getDialect(q.get('dialect') ?? 'json').defaultEndpoint, settings: {} }];
  const ids = list.map(({ dialect, endpoint, settings }) => st.addConnection({ name: list.length > 1 ? dialect : `${dialect} demo`, dialect, endpoint, settings, autoReconnect: true }));
  st.setActiveConnection(ids[0]);
  if (q.get('autoconnect') !== '0') for (const id of ids) connect(id);
}

/** `?cap=N` sets the buffer's capacity (before the stored history is restored into it, and again by bootstrap). */
export function applyQueryCapacity(search = location.search): void {
  const cap = Number(new URLSearchParams(search).get('cap'));
  if (cap >= 1) useStore.getState().setCapacity(cap);
}

/** How the stored history names a connection: its endpoint masked unless the user chose to remember secrets. */
export function describeForHistory(connId: string): CaptureConnection | undefined {
  const c = useStore.getState().connections.find((x) => x.id === connId);
  if (!c) return undefined;
  return { name: c.name, dialect: c.dialect, endpoint: historySettings.get().rememberSecrets ? c.endpoint : maskUrl(c.endpoint) };
}

/**
 * Restored rows join the connection opened again under a new id; a restored connection the page did not open gets
 * an idle tab of its own, so its rows keep their name.
 */
export function adoptRestoredConnections(): void {
  const st = useStore.getState();
  const unmatched = adoptRestored(st.connections.map((c) => ({ id: c.id, dialect: c.dialect, endpoint: c.endpoint, name: c.name })), maskUrl);
  for (const [id, c] of Object.entries(unmatched)) {
    st.addConnection({ id, name: `${c.name} (restored)`, dialect: getDialect(c.dialect).id, endpoint: c.endpoint, settings: {}, autoReconnect: true });
    st.setStatus(id, { phase: 'closed', message: `Restored history of ${c.name}; not connected. Connect to continue it.` });
  }
}

declare global {
  interface Window {
    /** Read-only numbers for the benchmark and tests; never event content. */
    __streamscope?: {
      counters(): ReturnType<typeof eventLog.counters> & { shown: number; lastShownSeq: number; rendered: number; lastRenderedSeq: number };
      /** The stored history's state and counts (never event content). */
      history(): { state: string; stored: number; keep: number; skipped: number; backlog: number; restored: number; restoreMs: number | null };
    };
  }
}

export function exposeStats(): void {
  window.__streamscope = {
    // shown/lastShownSeq: rows in the view model; rendered/lastRenderedSeq: what the table has actually drawn.
    counters: () => ({ ...eventLog.counters(), shown: eventView.count, lastShownSeq: eventView.count ? eventView.seqAt(eventView.count - 1) : 0, rendered: tableStats.rows, lastRenderedSeq: tableStats.lastSeq }),
    history: () => {
      const h = historyStatus.get();
      return { state: h.state, stored: h.stored, keep: historySettings.get().keep, skipped: h.skipped, backlog: historyBacklog(), restored: h.restored?.count ?? 0, restoreMs: h.restored?.ms ?? null };
    },
  };
}
