// The instances the monitor knows (app-core's `instances` reducer): one per app store, keyed by instanceId, or by
// socket id for apps that send none; found again when an app reconnects with a new socket id.

import { tryDecodeJsan } from './decode';
import { LiftedHistory, type LiftedState } from './liftedState';
import { DEFAULT_FEATURES, type Features, type Instance } from './model';
import type { MonitorCore } from './monitorCore';

/** Unique across sessions, so a row of a closed session never names an instance of a newer one. */
let uidCounter = 0;

export type InstanceRegistry = ReturnType<typeof createInstanceRegistry>;

export function createInstanceRegistry(core: MonitorCore) {
  const { instances, state, patch, touch, now } = core;
  /** Instances by uid: the table's rows name their instance by uid. */
  const byUid = new Map<string, Instance>();
  /** New socket ids of apps without instanceId that came back as an instance the monitor already had. */
  const aliases = new Map<string, string>();

  const keyOf = (m: Record<string, unknown>): string | undefined => {
    const k = m.instanceId ?? m.id;
    if (k === undefined || k === null) return undefined;
    return (m.instanceId === undefined ? aliases.get(String(k)) : undefined) ?? String(k);
  };

  /**
   * A new instance: the latest is selected (autoselect), and when the user's pick is a disconnected instance of the same
   * name, the app restarted (a new store gets a new instanceId): the selection follows it, and says so.
   */
  function follow(i: Instance) {
    for (const old of instances.values()) if (old !== i && !old.connected && old.name === i.name && !old.successor) old.successor = i.key;
    const s = state.get();
    const picked = s.selected ? instances.get(s.selected) : undefined;
    if (s.autoselect && !s.explicit) patch({ selected: i.key });
    else if (picked && picked !== i && !picked.connected && picked.name === i.name) patch({ selected: i.key, followed: { from: picked.key, to: i.key, name: i.name, at: now() } });
    else if (s.selected === null) patch({ selected: i.key });
  }

  function getOrCreate(m: Record<string, unknown>): Instance | undefined {
    const key = keyOf(m);
    if (key === undefined) return undefined;
    let i = instances.get(key);
    const socketId = typeof m.id === 'string' ? m.id : String(m.id ?? '');
    if (!i) {
      i = {
        key,
        uid: `rd${++uidCounter}`,
        name: typeof m.name === 'string' && m.name ? m.name : key,
        socketId,
        instanceId: m.instanceId === undefined ? undefined : String(m.instanceId),
        connected: true,
        lib: 'unknown',
        features: { ...DEFAULT_FEATURES },
        history: new LiftedHistory(),
        hasState: false,
        received: 0,
        rowTokens: new Map(),
        epoch: 0,
        nextToken: 1,
        swept: new Set(),
        folded: 0,
        reordered: false,
        leftNumbers: new Map(),
        stopped: false,
        legacy: m.instanceId === undefined,
        firstSeen: now(),
      };
      instances.set(key, i);
      byUid.set(i.uid, i);
      follow(i);
    } else {
      if (socketId) i.socketId = socketId;
      if (typeof m.name === 'string' && m.name) i.name = m.name;
      i.connected = true;
    }
    touch();
    return i;
  }

  /**
   * remote-redux-devtools 0.5 sends no instanceId and its socket id changes on every reconnect (a server restart, or
   * the 20-30 s protocol-mismatch drops), so the same app comes back as a new instance, and an explicitly selected
   * one would sit disconnected forever. Its first STATE tells: when a disconnected instance of the same name holds an
   * action with the same id and timestamp, it is that app again, so its history continues where it was.
   */
  function adoptReconnected(fresh: Instance, lifted: LiftedState): Instance {
    if (!fresh.legacy || fresh.hasState || fresh.received > 0 || !lifted.actionsById) return fresh;
    for (const old of instances.values()) {
      if (old === fresh || !old.legacy || old.connected || old.name !== fresh.name) continue;
      let same = false;
      for (const [id, a] of old.history.actionsById) {
        if (lifted.actionsById[id]?.timestamp === a.timestamp) {
          same = true;
          break;
        }
      }
      if (!same) continue;
      instances.delete(fresh.key);
      byUid.delete(fresh.uid);
      aliases.set(fresh.socketId, old.key);
      old.socketId = fresh.socketId;
      old.connected = true;
      old.successor = undefined;
      const s = state.get();
      // It was this app reconnecting, not a restart: back to its own entry, and no "restarted" notice.
      if (s.selected === fresh.key) patch({ selected: old.key, followed: s.followed?.to === fresh.key ? undefined : s.followed });
      touch();
      return old;
    }
    return fresh;
  }

  /** Name, features and action creators from the app's libConfig (and the action creators a STATE carries). */
  function applyLibConfig(i: Instance, m: Record<string, unknown>) {
    const lc = (m.libConfig ?? {}) as { features?: Features; type?: string; actionCreators?: unknown; name?: string };
    if (lc.name) i.name = lc.name;
    // A STATE's action holds the Redux action creators; a remotedev connect() INIT's, the store's methods (MobX).
    let creators: unknown = lc.actionCreators ?? (m.type === 'STATE' || (m.type === 'INIT' && Array.isArray(m.action)) ? m.action : undefined);
    if (typeof creators === 'string') creators = tryDecodeJsan(creators).value;
    // Object.prototype's own methods are never the store's (remotedev-utils lists them for a wrapped instance).
    if (Array.isArray(creators)) i.actionCreators = creators.filter((c) => c && typeof c.name === 'string' && !Object.prototype.hasOwnProperty.call(Object.prototype, c.name)).map((c) => ({ name: String(c.name), args: Array.isArray(c.args) ? c.args.map(String) : [] }));
    if (lc.features) i.features = lc.features;
    else i.features = { ...DEFAULT_FEATURES, lock: i.lib === 'redux', export: lc.type === 'redux' ? 'custom' : true };
  }

  return {
    keyOf,
    getOrCreate,
    adoptReconnected,
    applyLibConfig,
    get: (key: string | null | undefined): Instance | undefined => (key ? instances.get(key) : undefined),
    byUid: (uid: unknown): Instance | undefined => (typeof uid === 'string' ? byUid.get(uid) : undefined),
    all: (): Instance[] => [...instances.values()],
    /** Drops disconnected instances (their rows stay in the log, unmarked). Returns how many went. */
    forgetDisconnected(): number {
      let n = 0;
      for (const [key, i] of instances) {
        if (i.connected) continue;
        instances.delete(key);
        byUid.delete(i.uid);
        i.history.replace({ actionsById: {}, computedStates: [], stagedActionIds: [], skippedActionIds: [], currentStateIndex: -1, nextActionId: 0 });
        n++;
      }
      const s = state.get();
      if (s.selected && !instances.has(s.selected)) patch({ selected: [...instances.keys()].at(-1) ?? null, followed: undefined });
      touch();
      return n;
    },
    /** The session closed: rows stay in the log, but no longer reach a history. */
    dispose() {
      byUid.clear();
    },
  };
}
