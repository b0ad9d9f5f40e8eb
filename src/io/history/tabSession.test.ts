import { beforeEach, describe, expect, it } from 'vitest';
import { memoryStorage } from '../../lib/memoryStorage';
import { claimTabSession, heldSessions } from './tabSession';

/** Web Locks as a browser keeps them: a lock stays held while its callback's promise is pending. */
function fakeLocks() {
  const held = new Set<string>();
  return {
    held,
    request(name: string, _o: { ifAvailable: boolean }, cb: (lock: unknown) => Promise<unknown>) {
      if (held.has(name)) return cb(null);
      held.add(name);
      return cb({ name });
    },
    query: async () => ({ held: [...held].map((name) => ({ name })) }),
  };
}

let locks: ReturnType<typeof fakeLocks>;
/** A new tab: its own sessionStorage, the same locks (the same browser). */
const newTab = (storage = memoryStorage()) => {
  (globalThis as { sessionStorage?: Storage }).sessionStorage = storage;
  return storage;
};

beforeEach(() => {
  locks = fakeLocks();
  Object.defineProperty(globalThis, 'navigator', { configurable: true, value: { locks } });
});

describe('claimTabSession', () => {
  it('starts a new session when nothing is stored, and keeps it across a reload of the same tab', async () => {
    const tab = newTab();
    const first = await claimTabSession([]);
    expect(first.adopted).toBe(false);
    // The reload: the page's lock went with it, its sessionStorage stayed.
    locks.held.clear();
    newTab(tab);
    expect(await claimTabSession([first.id])).toEqual({ id: first.id, adopted: true });
  });

  it('a new tab adopts the newest session no open tab holds, never a held one', async () => {
    newTab();
    const open = await claimTabSession([]);
    newTab();
    const other = await claimTabSession([open.id, 'closed-newest', 'closed-older']);
    expect(other).toEqual({ id: 'closed-newest', adopted: true });
    newTab();
    const third = await claimTabSession([open.id, 'closed-newest', 'closed-older']);
    expect(third).toEqual({ id: 'closed-older', adopted: true });
    expect(await heldSessions()).toEqual(new Set([open.id, 'closed-newest', 'closed-older']));
  });

  it('a duplicated tab (same sessionStorage) does not write into the session of the tab it copied', async () => {
    const tab = newTab();
    const original = await claimTabSession([]);
    const copy = memoryStorage();
    copy.setItem('streamscope:history-session', tab.getItem('streamscope:history-session')!);
    newTab(copy);
    const dup = await claimTabSession([original.id]);
    expect(dup.id).not.toBe(original.id);
    expect(dup.adopted).toBe(false);
    expect(copy.getItem('streamscope:history-session')).toBe(dup.id);
  });
});
