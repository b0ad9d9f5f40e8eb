// What the app remembers in this browser (filters, column layouts, saved connections, DRP filter memory) goes through
// here: one key style, `streamscope:<name>` with colons between parts, JSON values, and storage that may be missing
// (tests, workers) or throw (privacy mode, quota) without the feature failing: it then lasts for the page.
//
// Older builds also wrote `streamscope.<name>` (dots). A value found only under such a key is moved to the current
// key the first time it is read, so nobody loses a setting.

const PREFIX = 'streamscope:';

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

/** Whether the browser lets the page read its localStorage at all. */
export function storageAvailable(): boolean {
  return storage() !== undefined;
}

export function storageKey(name: string): string {
  return PREFIX + name;
}

/** The dotted key an older build used for `name` (`filter:history` → `streamscope.filter.history`). */
const legacyKey = (name: string): string => `streamscope.${name.replace(/:/g, '.')}`;

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text; // a bare string an older build stored as is (e.g. the last connection's id)
  }
}

/** The remembered value of `name` when `valid` accepts it, else `fallback`. */
export function readStored<T>(name: string, fallback: T, valid: (v: unknown) => boolean): T {
  const s = storage();
  if (!s) return fallback;
  try {
    let text = s.getItem(storageKey(name));
    if (text === null) {
      const old = legacyKey(name);
      text = s.getItem(old);
      if (text === null) return fallback;
      s.setItem(storageKey(name), text);
      s.removeItem(old);
    }
    const v = parse(text);
    return valid(v) ? (v as T) : fallback;
  } catch {
    return fallback;
  }
}

export const STORAGE_DISABLED =
  "this browser does not let the page use its storage (localStorage is off: a private window, site data blocked for this site, or a policy), so it lasts until the page is closed";

/** Why the browser refused to store something, in words a user can act on. */
export function storageFailure(err: unknown): string {
  const e = err as { name?: string; code?: number; message?: string } | undefined;
  // Chrome and Safari say QuotaExceededError (legacy code 22); Firefox NS_ERROR_DOM_QUOTA_REACHED (1014).
  if (e?.name === 'QuotaExceededError' || e?.name === 'NS_ERROR_DOM_QUOTA_REACHED' || e?.code === 22 || e?.code === 1014) {
    return "this site's localStorage is full (browsers keep about 5 MB per site): delete saved connections or saved filters, or clear this site's data, then save again";
  }
  if (e?.name === 'SecurityError') return STORAGE_DISABLED;
  return `the browser refused to store it (${e?.message ?? String(err)})`;
}

/** Remembers `value` (JSON) under `name`; returns why not when the browser would not keep it. */
export function writeStoredOrWhy(name: string, value: unknown): string | undefined {
  try {
    const s = storage();
    if (!s) return STORAGE_DISABLED;
    s.setItem(storageKey(name), JSON.stringify(value));
    return undefined;
  } catch (err) {
    return storageFailure(err);
  }
}

/** Remembers `value` (JSON) under `name`; false when the browser would not keep it. */
export function writeStored(name: string, value: unknown): boolean {
  return writeStoredOrWhy(name, value) === undefined;
}

export function removeStored(name: string): void {
  try {
    storage()?.removeItem(storageKey(name));
  } catch {
    // nothing to forget
  }
}

/** Calls `listener` when another tab changes `name`. Returns the stop function. */
export function watchStored(name: string, listener: () => void): () => void {
  if (typeof window === 'undefined') return () => {};
  const key = storageKey(name);
  const onStorage = (e: StorageEvent) => {
    if (e.key === key) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => window.removeEventListener('storage', onStorage);
}
