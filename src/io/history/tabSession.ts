// Which stored session this tab writes. A reload keeps the tab's id (sessionStorage) and so its history; a new tab
// adopts the newest session no open tab holds (the window that was closed or crashed), else starts its own. A Web
// Lock per session, held for the tab's life, is what "no open tab holds" means: a duplicated tab (which copies
// sessionStorage) or a second window never writes into a session another tab is writing.

const KEY = 'streamscope:history-session';
const lockName = (id: string) => `streamscope-history:${id}`;

type Locks = { request(name: string, opts: { ifAvailable: boolean }, cb: (lock: unknown) => Promise<unknown>): Promise<unknown>; query(): Promise<{ held?: { name?: string }[] }> };

const locks = (): Locks | undefined => (globalThis.navigator as { locks?: Locks } | undefined)?.locks;

function tabStorage(): Storage | undefined {
  try {
    return globalThis.sessionStorage ?? undefined;
  } catch {
    return undefined;
  }
}

/** Takes the lock on `id` if no other tab holds it, and keeps it until the tab goes away. */
function tryHold(id: string): Promise<boolean> {
  const l = locks();
  if (!l) return Promise.resolve(true);
  return new Promise((resolve) => {
    void l.request(lockName(id), { ifAvailable: true }, (lock) => {
      resolve(!!lock);
      return lock ? new Promise(() => {}) : Promise.resolve();
    });
  });
}

export const newSessionId = () => `h${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

/** Claims a session for this tab: its own from before a reload, else the newest unheld one of `known`, else a new one. */
export async function claimTabSession(known: string[]): Promise<{ id: string; adopted: boolean }> {
  const own = tabStorage()?.getItem(KEY) ?? undefined;
  const candidates = [...(own ? [own] : []), ...known.filter((k) => k !== own)];
  let chosen: string | undefined;
  for (const c of candidates) {
    if (await tryHold(c)) {
      chosen = c;
      break;
    }
  }
  const adopted = chosen !== undefined && known.includes(chosen);
  if (!chosen) {
    chosen = newSessionId();
    await tryHold(chosen);
  }
  try {
    tabStorage()?.setItem(KEY, chosen);
  } catch {
    // a tab that cannot remember its id still records; a reload then adopts it as the newest unheld session
  }
  return { id: chosen, adopted };
}

/** Sessions some open tab holds now (other than this one's own, which the caller knows). */
export async function heldSessions(): Promise<Set<string>> {
  const l = locks();
  if (!l) return new Set();
  const q = await l.query();
  return new Set((q.held ?? []).map((h) => h.name ?? '').filter((n) => n.startsWith('streamscope-history:')).map((n) => n.slice('streamscope-history:'.length)));
}
