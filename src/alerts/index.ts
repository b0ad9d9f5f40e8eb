import type { EventLog } from '../engine';
import { KeepAliveWatch } from './keepAlive';

export { KeepAliveWatch, KEEP_ALIVES, LATE_FACTOR, type KeepAliveSpec, type KeepAliveAlert, type KeepAliveSeries } from './keepAlive';

/** The app's keep-alive watch: its alerts are system rows in the log, and `lateNow` feeds the toolbar's badge. */
export let keepAliveWatch: KeepAliveWatch | null = null;
const listeners = new Set<() => void>();

/** Watches every connection's keep-alive from now on; returns the stop function. */
export function startKeepAlive(log: EventLog): () => void {
  const watch = new KeepAliveWatch((a) => {
    log.push(a.connId, a.dialect, a.event);
    for (const l of listeners) l();
  });
  keepAliveWatch = watch;
  const off = log.onAppend((batch) => {
    const v = watch.version;
    watch.onEvents(batch);
    if (watch.version !== v) for (const l of listeners) l();
  });
  const timer = setInterval(() => watch.tick(Date.now()), 1000);
  return () => {
    off();
    clearInterval(timer);
    if (keepAliveWatch === watch) keepAliveWatch = null;
  };
}

/** A keep-alive the page sees no frame of (a ping the client library answered), received at `at`. */
export function noteKeepAlive(connId: string, dialect: string, at: number): void {
  if (!keepAliveWatch) return;
  keepAliveWatch.beat(connId, dialect, at);
  for (const l of listeners) l();
}

/** Called when a keep-alive arrives, goes late or resumes. */
export function onKeepAliveChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
