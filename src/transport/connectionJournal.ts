import type { EventSink } from '../core/events';

/**
 * What a connection tells the user about itself, in the same words for every transport: the status line (connecting,
 * open, retrying, closed) and the system rows (connect, close, and one gap row per outage, so history is never wiped
 * and the hole in it is marked). A transport reports what happened; the journal counts attempts and remembers when
 * the connection was lost.
 */
export interface ConnectionJournal {
  /** A connection attempt starts; `message` overrides "Connecting to <url>…". */
  connecting(message?: string): void;
  /**
   * The socket is open: a gap row if an outage ends here, the open status and the connect row. Returns whether this
   * is a reconnect.
   */
  opened(o?: { status?: string; note?: string; gapNote?: string }): boolean;
  /** The socket closed: a close row when it had been open; an outage starts (if it had ever been open). */
  closed(code: number, reason: string, wasOpen: boolean, text: string): void;
  /**
   * The status after a close: retrying at `retryAt`, or closed/failed for good. `helpUrl`: a page that may fix it
   * (where to accept a certificate). Until the next open, each new attempt's status keeps saying why the last failed.
   */
  retrying(text: string, code: number | undefined, reason: string | undefined, retryAt?: number, helpUrl?: string): void;
  ended(o: { byUser: boolean; wasOpen: boolean; text?: string; code?: number; reason?: string; helpUrl?: string }): void;
  readonly attempts: number;
}

export function createConnectionJournal(sink: EventSink, shown: string, now: () => number = Date.now): ConnectionJournal {
  let attempts = 0;
  let everOpened = false;
  let lostAt: number | undefined;
  /** Why the previous attempt failed: shown while the next one connects, else it flashes for the backoff only. */
  let lastFailure: { text: string; helpUrl?: string } | undefined;
  return {
    get attempts() {
      return attempts;
    },
    connecting(message) {
      attempts++;
      const m = message ?? (lastFailure ? `Connecting to ${shown} (attempt ${attempts})… The last attempt: ${lastFailure.text}` : `Connecting to ${shown}…`);
      sink.status({ phase: 'connecting', message: m, attempts, ...(lastFailure?.helpUrl ? { helpUrl: lastFailure.helpUrl } : {}) });
    },
    opened(o = {}) {
      const reconnected = everOpened;
      everOpened = true;
      if (lostAt !== undefined) {
        const to = now();
        sink.emit({
          dir: 'system',
          kind: 'gap',
          summary: `Disconnected from ${new Date(lostAt).toLocaleTimeString()} to ${new Date(to).toLocaleTimeString()}, ${attempts} attempt${attempts === 1 ? '' : 's'}${o.gapNote ?? ''}`,
          fields: { from: lostAt, to, attempts },
        });
        lostAt = undefined;
      }
      attempts = 0;
      lastFailure = undefined;
      sink.status({ phase: 'open', message: o.status ?? `Open: ${shown}` });
      sink.emit({ dir: 'system', kind: 'connect', summary: `${reconnected ? 'Reconnected' : 'Connected'} to ${shown}${o.note ?? ''}` });
      return reconnected;
    },
    closed(code, reason, wasOpen, text) {
      if (wasOpen) {
        lostAt = now();
        sink.emit({ dir: 'system', kind: 'close', summary: `Closed (${code}${reason ? ' ' + reason : ''}): ${text}`, fields: { code, reason } });
      } else if (lostAt === undefined && everOpened) {
        lostAt = now();
      }
    },
    retrying(text, code, reason, retryAt, helpUrl) {
      lastFailure = { text, helpUrl };
      sink.status({ phase: 'retrying', message: text, code, reason, ...(retryAt !== undefined ? { retryAt } : {}), attempts, ...(helpUrl ? { helpUrl } : {}) });
    },
    ended({ byUser, wasOpen, text, code, reason, helpUrl }) {
      if (byUser) sink.status({ phase: 'closed', message: 'Disconnected.', ...(code !== undefined ? { code, reason } : {}) });
      else sink.status({ phase: wasOpen ? 'closed' : 'error', message: text ?? '', code, reason, ...(helpUrl ? { helpUrl } : {}) });
    },
  };
}
