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

/** Remembers `value` (JSON) under `name`; false when the browser would not keep it. */
export function writeStored(name: string, value: unknown): boolean {
  try {
    const s = storage();
    if (!s) return false;
    s.setItem(storageKey(name), JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
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
