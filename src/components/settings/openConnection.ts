import { useStore } from '../../store';
import { connect, isConnected } from '../../store/sessions';
import { createObservable } from '../../core/observable';
import {
  applyExtras,
  lastSaved,
  registerConnectionExtra,
  secretLabel,
  setLastSaved,
  withSecrets,
  type PortableConnection,
} from '../../settings/savedConnections';
import { parseShare } from '../../settings/urlState';
import { dialectUi } from '../dialects/registry';
import { setFilterText, useFilter } from '../filters/filterState';
import { getLayout, MAX_WIDTH, MIN_WIDTH, updateLayout, type ColumnLayout } from '../columns/columnLayout';

// Opening a saved or shared connection: the store and sessions side of src/settings/savedConnections.ts.

/** A connection waiting for secrets its link or saved entry left out; SecretPrompt shows it. */
export interface SecretRequest {
  connId: string;
  dialect: string;
  name: string;
  names: string[];
  /** Connect once the secrets are in (false under ?autoconnect=0). */
  connectAfter: boolean;
}

export const secretRequest = createObservable<SecretRequest | null>(null);

/** Saved entry id → the tab it was opened in, so opening it again switches to that tab. */
const openedFrom = new Map<string, string>();

export function rememberOpened(savedId: string, connId: string): void {
  openedFrom.set(savedId, connId);
}

export function openPortable(p: PortableConnection, opts: { connect: boolean; savedId?: string; reuseIdleActive?: boolean }): string {
  const st = useStore.getState();
  const existing = opts.savedId ? openedFrom.get(opts.savedId) : undefined;
  if (existing && st.connections.some((c) => c.id === existing)) {
    st.setActiveConnection(existing);
    if (opts.savedId) setLastSaved(opts.savedId);
    if (opts.connect && !isConnected(existing) && !secretRequest.get()) connect(existing);
    return existing;
  }
  applyExtras(p, p.extras);
  const cfg = { name: p.name, dialect: p.dialect, endpoint: p.endpoint, settings: { ...p.settings }, autoReconnect: true };
  const active = st.connections.find((c) => c.id === st.activeConnId);
  let id: string;
  if (opts.reuseIdleActive && active && !isConnected(active.id)) {
    id = active.id;
    st.updateConnection(id, cfg);
    st.bumpSessionEpoch(id);
  } else id = st.addConnection(cfg);
  st.setActiveConnection(id);
  if (opts.savedId) {
    openedFrom.set(opts.savedId, id);
    setLastSaved(opts.savedId);
  }
  if (p.ask.length) {
    const labels = p.ask.map((n) => secretLabel(p.dialect, n)).join(', ');
    st.setStatus(id, { phase: 'idle', message: `Needs ${labels}: enter ${p.ask.length > 1 ? 'them' : 'it'} to connect (it is never stored in links).` });
    secretRequest.set({ connId: id, dialect: p.dialect, name: p.name, names: p.ask, connectAfter: opts.connect });
  } else if (opts.connect) connect(id);
  return id;
}

/** Fills in what the prompt asked for (kept in memory only) and connects if the request said so. */
export function provideSecrets(values: Record<string, string>): void {
  const req = secretRequest.get();
  if (!req) return;
  secretRequest.set(null);
  const st = useStore.getState();
  const cfg = st.connections.find((c) => c.id === req.connId);
  if (!cfg) return;
  const next = withSecrets(cfg, values);
  st.updateConnection(cfg.id, { settings: next.settings, endpoint: next.endpoint });
  st.setStatus(cfg.id, { phase: 'idle', message: 'Not connected.' });
  if (req.connectAfter) connect(cfg.id);
}

export function dismissSecretRequest(): void {
  const req = secretRequest.get();
  if (!req) return;
  secretRequest.set(null);
  const labels = req.names.map((n) => secretLabel(req.dialect, n)).join(', ');
  useStore.getState().setStatus(req.connId, { phase: 'idle', message: `Not connected: enter ${labels} in the connection settings, then press Connect.` });
}

/**
 * What opens on load when the query names nothing (`?dialect=`, `?endpoint=`, `?demo=`): a share link in the hash, else
 * the last saved connection. Returns false when neither applies.
 */
export function restoreOnLoad(hash: string, autoconnect: boolean): boolean {
  const shared = parseShare(hash);
  if (shared) {
    openPortable(shared, { connect: autoconnect });
    return true;
  }
  const last = lastSaved();
  if (last) {
    openPortable(last, { connect: autoconnect, savedId: last.id });
    return true;
  }
  return false;
}

const strings = (v: unknown, max: number): string[] =>
  Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string' && s.length <= 200).slice(0, max) : [];

/** Registers what a saved or shared connection carries beyond its settings. Called once at start. */
export function registerConnectionExtras(): void {
  // Each dialect's own (DRP: its register filters), declared beside its panel.
  for (const [dialect, ui] of Object.entries(dialectUi)) for (const x of ui.connectionExtras ?? []) registerConnectionExtra({ ...x, dialect });

  // The filter box's applied query (src/components/filters): one for the whole table, saved and shared with the
  // connection it was used on.
  registerConnectionExtra({
    key: 'q',
    read: () => useFilter.getState().applied || undefined,
    apply: (_conn, value) => setFilterText(value),
  });

  // The dialect's column layout (src/components/columns): order, hidden, widths and columns added from fields.
  registerConnectionExtra({
    key: 'cols',
    read(conn) {
      const l = getLayout(conn.dialect);
      return l.order.length || l.hidden.length || l.fields.length || Object.keys(l.widths).length ? JSON.stringify(l) : undefined;
    },
    apply(conn, value) {
      const raw: unknown = JSON.parse(value);
      if (!raw || typeof raw !== 'object') return;
      const r = raw as Record<string, unknown>;
      const widths: Record<string, number> = {};
      if (r.widths && typeof r.widths === 'object') {
        for (const [k, w] of Object.entries(r.widths as Record<string, unknown>).slice(0, 100)) {
          if (typeof w === 'number' && Number.isFinite(w) && k.length <= 200 && k !== '__proto__') widths[k] = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w));
        }
      }
      const layout: ColumnLayout = { order: strings(r.order, 100), hidden: strings(r.hidden, 100), widths, fields: strings(r.fields, 40) };
      updateLayout(conn.dialect, () => layout);
    },
  });
}
