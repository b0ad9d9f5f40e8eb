import type { EventSink } from '../core/events';
import { maskUrl } from '../lib/secrets';
import { defaultWebSocketImpl } from './workerWebSocket';
import { errorMessage } from '../core/errors';
import { createConnectionJournal } from './connectionJournal';
import { endpointAdvice } from '../lib/endpointAdvice';

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  /** 0..1: the share of each delay that is randomised, so many clients do not reconnect in lockstep. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 30_000, jitter: 0.3 };

/** Delay before reconnect attempt `attempt` (1-based): exponential, capped, with jitter. */
export function backoffDelay(attempt: number, o: BackoffOptions = DEFAULT_BACKOFF, random = Math.random): number {
  const exp = Math.min(o.maxMs, o.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp * (1 - o.jitter) + exp * o.jitter * random());
}

/** Close codes in words, with what to try. Browsers hide handshake failures behind 1006, so that text names the likely causes. */
export function describeClose(code: number, reason: string): string {
  const why = reason ? ` (${reason})` : '';
  switch (code) {
    case 1000:
      return `Closed normally${why}.`;
    case 1001:
      return `The server is going away${why}.`;
    case 1002:
      return `Protocol error${why}.`;
    case 1003:
      return `The server refused the data type${why}.`;
    case 1006:
      return 'Connection lost or refused (1006): the server is down or unreachable, refused the handshake (wrong path or credentials), or its TLS certificate is not trusted.';
    case 1008:
      return `Policy violation${why}: check credentials.`;
    case 1009:
      return `A message was too large for the server${why}.`;
    case 1011:
      return `The server hit an internal error${why}.`;
    case 1015:
      return 'TLS handshake failed: the certificate is not trusted. Open the https:// address once in a tab and accept it.';
    default:
      return `Closed with code ${code}${why}.`;
  }
}

/**
 * 1006 before the socket ever opened: the browser does not say whether DNS, TCP, TLS or the upgrade failed, so the
 * text names the causes that fit this URL (TLS only for wss://, DNS only for a host name), and for wss:// the
 * https origin where a self-signed certificate can be accepted.
 */
export function refusedHandshake(url: string): { message: string; helpUrl?: string } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { message: describeClose(1006, '') };
  }
  const tls = u.protocol === 'wss:' || u.protocol === 'https:';
  const named = !/^[\d.]+$|^\[.*\]$/.test(u.hostname);
  const origin = `${tls ? 'https' : 'http'}://${u.host}`;
  const causes = [
    ...(tls ? [`its TLS certificate is not trusted (a self-signed one must be accepted once: open ${origin}/ in a tab, accept it, then reconnect)`] : []),
    'the server is down or unreachable',
    ...(named ? [`the host name ${u.hostname} does not resolve (DNS)`] : []),
    'it refused the handshake (wrong path or credentials)',
  ];
  return { message: `Connection lost or refused (1006) before it opened: ${causes.slice(0, -1).join(', ')}, or ${causes[causes.length - 1]}.`, helpUrl: tls ? origin : undefined };
}

/** How long an opening handshake may take before the attempt is given up and counted as failed. */
export const CONNECT_TIMEOUT_MS = 10_000;

export function connectTimeoutText(url: string, ms: number): string {
  let host = url;
  try {
    host = new URL(url).host;
  } catch {
    // keep the text as given
  }
  return `No answer from ${host} within ${Math.round(ms / 1000)} s: nothing completed the WebSocket handshake. Something may have accepted the connection and never answered the upgrade (a service that is not HTTP on this port, a proxy or firewall holding the connection, an overloaded server), or the address does not answer at all.`;
}

/** 1006 on a socket that was open is not a refused handshake: the causes are different, and so is what to try. */
export const LOST_AFTER_OPEN =
  'Connection lost (1006) after it was open: the server or the network dropped it without a close frame, or the server sent a frame the browser rejects (such as a text frame that is not valid UTF-8).';

export interface ReconnectingSocketOptions {
  url: string;
  sink: EventSink;
  autoReconnect: boolean;
  protocols?: string | string[];
  backoff?: BackoffOptions;
  /** Gives up an opening handshake after this long (default CONNECT_TIMEOUT_MS); browsers have no such limit. */
  connectTimeoutMs?: number;
  WebSocketImpl?: typeof WebSocket;
  /** Runs on every open, first and after each reconnect: the place to (re-)send a dialect's handshake. */
  onOpen?(socket: WebSocket, reconnected: boolean): void;
  /** Decodes one frame into events. Errors thrown here become error rows; the connection stays up. */
  onMessage(data: string | ArrayBuffer | Blob): void;
  /** Runs after each close, before any retry is scheduled. Return a message to override the default close text. */
  onClose?(code: number, reason: string, wasOpen: boolean): string | void;
  /** Return false to stop reconnecting (e.g. a definitive auth failure). */
  shouldReconnect?(code: number): boolean;
}

export interface ReconnectingSocket {
  /** Sends a text frame; returns false when the socket is not open. */
  send(text: string): boolean;
  close(): void;
  reconnectNow(): void;
  readonly socket: WebSocket | null;
  /** Stops further automatic reconnects (after a definitive failure) without closing an open socket. */
  stopRetrying(message?: string): void;
}

/**
 * A WebSocket that reconnects with capped exponential backoff and jitter, reports every phase to the sink, and
 * marks each outage with one gap row so history is never wiped.
 */
export function createReconnectingSocket(o: ReconnectingSocketOptions): ReconnectingSocket {
  const WS = o.WebSocketImpl ?? defaultWebSocketImpl();
  const backoff = o.backoff ?? DEFAULT_BACKOFF;
  const shown = maskUrl(o.url);
  let socket: WebSocket | null = null;
  let closedByUser = false;
  let retrying = true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const journal = createConnectionJournal(o.sink, shown);

  const connect = () => {
    timer = undefined;
    journal.connecting();
    // A URL found at run time (bigchaindb's discovery) can be one the page may not open: say why instead of trying.
    const blocked = typeof location === 'undefined' ? undefined : endpointAdvice(location, o.url).blocked;
    if (blocked) {
      o.sink.status({ phase: 'error', message: blocked });
      o.sink.emit({ dir: 'system', kind: 'error', summary: `Not connecting to ${shown}: ${blocked}` });
      return;
    }
    let ws: WebSocket;
    try {
      ws = new WS(o.url, o.protocols);
    } catch (err) {
      // Invalid URLs throw synchronously; retrying would not help.
      o.sink.status({ phase: 'error', message: `Cannot connect: ${errorMessage(err)}` });
      o.sink.emit({ dir: 'system', kind: 'error', summary: `Cannot connect to ${shown}: ${errorMessage(err)}` });
      return;
    }
    ws.binaryType = 'arraybuffer';
    socket = ws;
    let wasOpen = false;
    let timedOut = false;
    const timeoutMs = o.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
    const handshakeTimer = setTimeout(() => {
      if (ws.readyState !== 0) return;
      timedOut = true;
      ws.close();
    }, timeoutMs);
    ws.onopen = () => {
      clearTimeout(handshakeTimer);
      wasOpen = true;
      const reconnected = journal.opened();
      o.onOpen?.(ws, reconnected);
    };
    ws.onmessage = (ev: MessageEvent) => {
      try {
        o.onMessage(ev.data);
      } catch (err) {
        o.sink.emit({ dir: 'system', kind: 'error', summary: `Could not decode a frame: ${errorMessage(err)}` });
      }
    };
    ws.onerror = () => {
      // The browser gives no detail here; onclose follows with the code.
    };
    ws.onclose = (ev: CloseEvent) => {
      clearTimeout(handshakeTimer);
      if (socket === ws) socket = null;
      const custom = o.onClose?.(ev.code, ev.reason, wasOpen);
      const refused = !wasOpen && ev.code === 1006 ? refusedHandshake(o.url) : undefined;
      const text = timedOut ? connectTimeoutText(o.url, timeoutMs) : custom || (wasOpen && ev.code === 1006 ? LOST_AFTER_OPEN : (refused?.message ?? describeClose(ev.code, ev.reason)));
      const helpUrl = timedOut ? undefined : refused?.helpUrl;
      journal.closed(ev.code, ev.reason, wasOpen, text);
      if (closedByUser) {
        journal.ended({ byUser: true, wasOpen, code: ev.code, reason: ev.reason });
        return;
      }
      if (timedOut) o.sink.emit({ dir: 'system', kind: 'error', summary: text });
      const again = o.autoReconnect && retrying && (o.shouldReconnect?.(ev.code) ?? true);
      if (!again) {
        journal.ended({ byUser: false, wasOpen, text, code: ev.code, reason: ev.reason, helpUrl });
        return;
      }
      const delay = backoffDelay(journal.attempts, backoff);
      journal.retrying(text, ev.code, ev.reason, Date.now() + delay, helpUrl);
      timer = setTimeout(connect, delay);
    };
  };

  connect();

  return {
    get socket() {
      return socket;
    },
    send(text) {
      if (!socket || socket.readyState !== 1) return false;
      socket.send(text);
      return true;
    },
    close() {
      closedByUser = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      if (socket && socket.readyState <= 1) socket.close(1000, 'closed by user');
      else journal.ended({ byUser: true, wasOpen: false });
    },
    reconnectNow() {
      if (timer) clearTimeout(timer);
      closedByUser = false;
      retrying = true;
      if (!socket) connect();
    },
    stopRetrying(message) {
      retrying = false;
      if (timer) {
        clearTimeout(timer);
        timer = undefined;
      }
      if (message) o.sink.status({ phase: 'error', message });
    },
  };
}
