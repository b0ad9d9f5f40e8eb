import type { Session } from '../dialects/types';
import { eventLog } from '../engine';
import { getDialect } from '../dialects/registry';
import { useStore } from './index';
import { errorMessage } from '../core/errors';
import { endpointAdvice } from '../lib/endpointAdvice';
import { noteKeepAlive } from '../alerts';

// Live sessions are runtime objects, not state: they live here, and the store only holds their status and an epoch
// that tells panels a session was replaced.
const sessions = new Map<string, Session>();
/** Stops mirroring a session's focus into the store. */
const unfollowFocus = new Map<string, () => void>();

/** How long an open connection may stay silent before its status says so. */
export const SILENT_NOTICE_MS = 5000;

export function getSession(connId: string): Session | undefined {
  return sessions.get(connId);
}

export function connect(connId: string): void {
  const st = useStore.getState();
  const cfg = st.connections.find((c) => c.id === connId);
  if (!cfg) return;
  disconnect(connId);
  const dialect = getDialect(cfg.dialect);
  // The browser would refuse it without saying why (mixed content): say why, and open nothing.
  const blocked = typeof location === 'undefined' ? undefined : endpointAdvice(location, cfg.endpoint).blocked;
  if (blocked) {
    // The full reason is in the note above the status; the status says only what happened.
    useStore.getState().setStatus(connId, { phase: 'error', message: 'Not connected: the browser blocks this endpoint from an https page as mixed content (see above for what to do).' });
    return;
  }
  // A connection that opens and then sends nothing looks healthy; after SILENT_NOTICE_MS the status says so, unless
  // a frame or a newer status (a dialect's own "logged in, subscribed…") came first.
  let heard = false;
  let silentTimer: ReturnType<typeof setTimeout> | undefined;
  const sink = {
    emit: (e: Parameters<typeof eventLog.push>[2]) => {
      if (e.dir === 'in' && !heard) {
        heard = true;
        clearTimeout(silentTimer);
      }
      eventLog.push(connId, dialect.id, e);
    },
    keepAlive: (at: number) => {
      // A keep-alive is something received: a server that only heartbeats is not silent.
      heard = true;
      clearTimeout(silentTimer);
      noteKeepAlive(connId, dialect.id, at);
    },
    status: (s: Parameters<typeof st.setStatus>[1]) => {
      clearTimeout(silentTimer);
      if (s.phase === 'connecting') heard = false;
      useStore.getState().setStatus(connId, s);
      if (s.phase === 'open' && !heard) {
        silentTimer = setTimeout(() => {
          if (useStore.getState().statuses[connId] !== s) return;
          const secs = SILENT_NOTICE_MS / 1000;
          useStore.getState().setStatus(connId, {
            ...s,
            message: `${s.message.replace(/\.$/, '')}. Nothing received in ${secs} s: some servers send only when something happens, or after a login or subscription; check the path, the dialect and its settings.`,
          });
        }, SILENT_NOTICE_MS);
      }
    },
  };
  let session: Session;
  try {
    session = dialect.connect({ endpoint: cfg.endpoint.trim(), settings: cfg.settings, autoReconnect: cfg.autoReconnect }, sink);
  } catch (err) {
    sink.status({ phase: 'error', message: `Cannot connect: ${errorMessage(err)}` });
    sink.emit({ dir: 'system', kind: 'error', summary: `Cannot connect: ${errorMessage(err)}` });
    return;
  }
  sessions.set(connId, session);
  followFocus(connId, session);
  useStore.getState().bumpSessionEpoch(connId);
}

/**
 * The stream a session's controls act on (remotedev: the instance the user picked, or the one autoselect followed)
 * is the session's to decide; the store holds a copy beside the user's view intent, and the engine's row scope
 * follows both (monitorSlice).
 */
function followFocus(connId: string, session: Session) {
  const focus = session.focus;
  if (!focus) return;
  const copy = () => useStore.getState().setFocus(connId, focus.get());
  copy();
  unfollowFocus.set(connId, focus.subscribe(copy));
}

export function disconnect(connId: string): void {
  const s = sessions.get(connId);
  if (!s) return;
  sessions.delete(connId);
  unfollowFocus.get(connId)?.();
  unfollowFocus.delete(connId);
  s.close();
  useStore.getState().forgetFocus(connId);
  useStore.getState().bumpSessionEpoch(connId);
}

export function isConnected(connId: string): boolean {
  return sessions.has(connId);
}
