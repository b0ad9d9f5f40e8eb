import type { Dialect, SettingValues } from '../dialects/types';
import { dialects } from '../dialects/registry';
import { coerceSetting } from '../dialects/readSettings';
import { isSecretParam } from '../lib/secrets';
import { createObservable } from '../core/observable';
import { readStored, removeStored, storageAvailable, watchStored, writeStored, writeStoredOrWhy } from '../lib/persist';

// Connections as they travel: in the saved list (localStorage) and in share links. Both go through one sanitiser, so
// a hand-edited localStorage entry or a crafted link can only ever produce a connection the form could have made.
// Secrets (settings declared `secret`, secret query parameters, a URL password) are stored only when the user asks;
// otherwise only their names are kept, so opening the connection can ask for them.

/** A connection without runtime identity. */
export interface PortableConnection {
  name: string;
  dialect: string;
  endpoint: string;
  settings: SettingValues;
  /**
   * Secrets the connection used that are not included: a setting key (`token`), an endpoint query parameter
   * (`?token`) or the endpoint's password (`@password`). Opening the connection asks for them.
   */
  ask: string[];
  /** Filter query, columns, register filters…: whatever a ConnectionExtra contributes, as text. */
  extras: Record<string, string>;
}

export interface SavedConnection extends PortableConnection {
  id: string;
  /** The user ticked "remember secret": settings and endpoint keep their secrets. */
  rememberSecret: boolean;
  savedAt: number;
}

/** What the store's ConnectionConfig carries, minus runtime fields. */
export interface ConnectionShape {
  name: string;
  dialect: string;
  endpoint: string;
  settings: SettingValues;
}

/**
 * Per-connection view state that other modules own (filter query, columns, DRP register filters…). `read` runs when a
 * connection is saved or shared; `apply` runs before a saved or shared connection is opened.
 */
export interface ConnectionExtra {
  /** Short and stable: it appears in share links as `x.<key>`. */
  key: string;
  /** Only connections of this dialect carry it (a dialect's own extras); absent: every connection. */
  dialect?: string;
  read(conn: ConnectionShape): string | undefined;
  apply(conn: ConnectionShape, value: string): void;
}

const extrasRegistry = new Map<string, ConnectionExtra>();

export function registerConnectionExtra(x: ConnectionExtra): void {
  if (!EXTRA_KEY.test(x.key)) throw new Error(`Bad extra key: ${x.key}`);
  extrasRegistry.set(x.key, x);
}

export function readExtras(conn: ConnectionShape): Record<string, string> {
  const out: Record<string, string> = {};
  for (const x of extrasRegistry.values()) {
    if (x.dialect !== undefined && x.dialect !== conn.dialect) continue;
    try {
      const v = x.read(conn);
      if (v) out[x.key] = v;
    } catch {
      // One module's state never blocks saving the rest.
    }
  }
  return out;
}

export function applyExtras(conn: ConnectionShape, extras: Record<string, string>): void {
  for (const [k, v] of Object.entries(extras)) {
    const x = extrasRegistry.get(k);
    if (!x || (x.dialect !== undefined && x.dialect !== conn.dialect)) continue;
    try {
      x.apply(conn, v);
    } catch {
      // ignore: see readExtras
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Secrets

const dialectOf = (id: string): Dialect | undefined => dialects.find((d) => d.id === id);

/** How a secret name reads in a prompt: the setting's label, or the endpoint part it belongs to. */
export function secretLabel(dialectId: string, name: string): string {
  if (name === '@password') return 'Endpoint password';
  if (name.startsWith('?')) return `Endpoint parameter "${name.slice(1)}"`;
  return dialectOf(dialectId)?.settings.find((f) => f.key === name)?.label ?? name;
}

/**
 * Splits a connection into what may be stored or shared and its secrets. `keepSecrets` leaves everything in place (the
 * user ticked "remember secret"); otherwise secret values are removed and their names listed in `ask`.
 */
export function toPortable(conn: ConnectionShape, keepSecrets = false): PortableConnection {
  const d = dialectOf(conn.dialect);
  const settings: SettingValues = {};
  const ask: string[] = [];
  for (const f of d?.settings ?? []) {
    const v = conn.settings[f.key];
    if (v === undefined || v === '') continue;
    if (f.secret && !keepSecrets) ask.push(f.key);
    else settings[f.key] = v;
  }
  let endpoint = conn.endpoint.trim();
  if (!keepSecrets) {
    try {
      const u = new URL(endpoint);
      let changed = false;
      if (u.password) {
        u.password = '';
        ask.push('@password');
        changed = true;
      }
      for (const k of [...new Set(u.searchParams.keys())]) {
        if (isSecretParam(k) && u.searchParams.get(k)) {
          u.searchParams.delete(k);
          ask.push(`?${k}`);
          changed = true;
        }
      }
      if (changed) endpoint = u.toString();
    } catch {
      // Not a URL: kept as typed; the sanitiser refuses it later if it cannot be opened.
    }
  }
  return { name: conn.name, dialect: conn.dialect, endpoint, settings, ask, extras: readExtras(conn) };
}

/** Puts secrets the user typed back into a connection: settings keys, `?param` and `@password`. */
export function withSecrets(conn: ConnectionShape, values: Record<string, string>): ConnectionShape {
  const settings = { ...conn.settings };
  let endpoint = conn.endpoint;
  let url: URL | undefined;
  for (const [name, value] of Object.entries(values)) {
    if (!value) continue;
    if (name === '@password' || name.startsWith('?')) {
      try {
        url ??= new URL(endpoint);
        if (name === '@password') url.password = value;
        else url.searchParams.set(name.slice(1), value);
      } catch {
        // not a URL: nothing to put it in
      }
    } else settings[name] = value;
  }
  if (url) endpoint = url.toString();
  return { ...conn, settings, endpoint };
}

// ---------------------------------------------------------------------------------------------------------------
// Sanitising anything read from storage or a link

const EXTRA_KEY = /^[a-z][a-z0-9._-]{0,31}$/i;
const MAX_EXTRA = 20_000;
export const ENDPOINT_PROTOCOLS = ['ws:', 'wss:', 'http:', 'https:'];

export function isOpenableEndpoint(endpoint: string): boolean {
  try {
    return ENDPOINT_PROTOCOLS.includes(new URL(endpoint).protocol);
  } catch {
    return false;
  }
}

export interface RawPortable {
  name?: unknown;
  dialect?: unknown;
  endpoint?: unknown;
  settings?: unknown;
  ask?: unknown;
  extras?: unknown;
}

/**
 * A PortableConnection from untrusted input, or null when it names an unknown dialect or an endpoint that is not a
 * ws/wss/http/https URL (a `javascript:` link opens nothing). Unknown settings are dropped, values are coerced to the
 * field's kind, and secret settings are accepted only when `allowSecrets` (saved with "remember secret").
 */
export function sanitizePortable(raw: RawPortable, allowSecrets = false): PortableConnection | null {
  const d = typeof raw.dialect === 'string' ? dialectOf(raw.dialect) : undefined;
  if (!d) return null;
  const endpoint = typeof raw.endpoint === 'string' ? raw.endpoint.trim() : '';
  if (endpoint.length > 2048 || !isOpenableEndpoint(endpoint)) return null;
  const src = raw.settings && typeof raw.settings === 'object' ? (raw.settings as Record<string, unknown>) : {};
  const settings: SettingValues = {};
  for (const f of d.settings) {
    if (!Object.prototype.hasOwnProperty.call(src, f.key) || (f.secret && !allowSecrets)) continue;
    const v = coerceSetting(f, src[f.key]);
    if (v !== undefined) settings[f.key] = v;
  }
  const secretKeys = new Set(d.settings.filter((f) => f.secret).map((f) => f.key));
  const ask = (Array.isArray(raw.ask) ? raw.ask : [])
    .filter((n): n is string => typeof n === 'string')
    .filter((n) => secretKeys.has(n) || n === '@password' || (n.startsWith('?') && isSecretParam(n.slice(1))))
    .filter((n, i, a) => a.indexOf(n) === i)
    .slice(0, 10);
  const extras: Record<string, string> = {};
  if (raw.extras && typeof raw.extras === 'object') {
    for (const [k, v] of Object.entries(raw.extras as Record<string, unknown>).slice(0, 20)) {
      if (EXTRA_KEY.test(k) && typeof v === 'string' && v.length <= MAX_EXTRA) extras[k] = v;
    }
  }
  const name = typeof raw.name === 'string' && raw.name.trim() ? raw.name.trim().slice(0, 80) : `${d.id} connection`;
  return { name, dialect: d.id, endpoint, settings, ask, extras };
}

// ---------------------------------------------------------------------------------------------------------------
// The saved list (remembered in this browser)

/** Remembered in this browser (src/lib/persist) under streamscope:saved-connections and streamscope:last-connection. */
const LIST_KEY = 'saved-connections';
const LAST_KEY = 'last-connection';

function readList(): SavedConnection[] {
  const parsed = readStored<unknown[]>(LIST_KEY, [], Array.isArray);
  const out: SavedConnection[] = [];
  for (const item of parsed as Record<string, unknown>[]) {
    if (!item || typeof item !== 'object' || typeof item.id !== 'string') continue;
    const rememberSecret = item.rememberSecret === true;
    const p = sanitizePortable(item, rememberSecret);
    if (!p) continue;
    out.push({ ...p, id: item.id, rememberSecret, savedAt: typeof item.savedAt === 'number' ? item.savedAt : 0 });
  }
  return out;
}

/** The saved list, observable so the menu re-renders when it changes (also from another tab). */
export const savedConnections = createObservable<SavedConnection[]>(readList());

watchStored(LIST_KEY, () => savedConnections.set(readList()));

/** Returns why the list could not be stored (quota, privacy mode); it still works for this page either way. */
function writeList(list: SavedConnection[]): string | undefined {
  savedConnections.set(list);
  return writeStoredOrWhy(LIST_KEY, list);
}

export function setLastSaved(id: string | null): void {
  if (id) writeStored(LAST_KEY, id);
  else removeStored(LAST_KEY);
}

const lastSavedId = (): string | undefined => readStored<string | undefined>(LAST_KEY, undefined, (v) => typeof v === 'string' && v !== '');

/** The connection that reopens on load: the last one saved or opened from the list. */
export function lastSaved(): SavedConnection | undefined {
  const id = lastSavedId();
  return id ? savedConnections.get().find((c) => c.id === id) : undefined;
}

let idCounter = 0;

/**
 * The list as stored now, read afresh: another tab may have saved or deleted one since this tab last heard (its
 * storage event can still be on the way), and writing back a stale copy would undo that.
 */
const current = (): SavedConnection[] => (storageAvailable() ? readList() : savedConnections.get());

/**
 * Saves (or, for an existing name, replaces) a connection. Secrets are stored only with `rememberSecret`. Returns the
 * entry, with `notStored` saying why when the browser would not keep it (it is then in the list for this page only),
 * or null when the dialect or endpoint cannot be saved.
 */
export function saveConnection(conn: ConnectionShape, opts: { name: string; rememberSecret: boolean }): { saved: SavedConnection; notStored?: string } | null {
  const p = sanitizePortable({ ...toPortable({ ...conn, name: opts.name }, opts.rememberSecret) }, opts.rememberSecret);
  if (!p) return null;
  const list = current();
  const existing = list.find((c) => c.name === p.name);
  const entry: SavedConnection = { ...p, id: existing?.id ?? `s${Date.now().toString(36)}${(idCounter++).toString(36)}`, rememberSecret: opts.rememberSecret, savedAt: Date.now() };
  const notStored = writeList(existing ? list.map((c) => (c.id === entry.id ? entry : c)) : [...list, entry]);
  setLastSaved(entry.id);
  return notStored ? { saved: entry, notStored } : { saved: entry };
}

export function deleteSaved(id: string): void {
  writeList(current().filter((c) => c.id !== id));
  if (lastSavedId() === id) setLastSaved(null);
}

/** Re-reads localStorage (tests). */
export function reloadSaved(): void {
  savedConnections.set(readList());
}
