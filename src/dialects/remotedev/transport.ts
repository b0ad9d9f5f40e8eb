// The seam between connectRemotedev (index.ts) and one SocketCluster client socket. directTransport.ts runs
// socketcluster-client on the calling thread (?worker=0, and Node); workerTransport.ts runs that same direct transport
// in a dedicated worker (sc.worker.ts + workerHost.ts), so the page pays one task per batch of channel messages
// instead of socketcluster-client's per-frame work.

/** Frame size, attached by the codec to each relayed message as a non-enumerable key (the size column). */
export const FRAME_SIZE = Symbol.for('streamscope.remotedev.frameSize');

export function frameSizeOf(message: unknown): number | undefined {
  if (!message || typeof message !== 'object') return undefined;
  const n = (message as Record<symbol, unknown>)[FRAME_SIZE];
  return typeof n === 'number' ? n : undefined;
}

/** Symbols do not survive postMessage: the worker carries the size alongside and the page puts it back. */
export function setFrameSize(message: unknown, size: number): void {
  if (message && typeof message === 'object' && !Object.prototype.hasOwnProperty.call(message, FRAME_SIZE)) Object.defineProperty(message, FRAME_SIZE, { value: size, enumerable: false });
}

export interface ScOptions {
  hostname: string;
  port: number;
  secure: boolean;
  path: string;
  protocolVersion: 1 | 2;
  autoReconnect: boolean;
}

/** What one socket reports, in the order it happened. */
export interface ScEvents {
  onConnect(): void;
  /** The socket closed (wasOpen) or a connection attempt failed (!wasOpen). */
  onDown(code: number, reason: string | undefined, wasOpen: boolean): void;
  /** An automatic reconnect attempt starts. */
  onConnecting(): void;
  onError(message: string): void;
  /** A ping that only protocol `kind` sends: "#1" (protocol 1) or an empty frame (protocol 2). */
  onPing(kind: 1 | 2): void;
  /** A ping the client library answered, received at `at` (ms since epoch). */
  onKeepAlive(at: number): void;
  onSubscribe(channel: string): void;
  onSubscribeFail(channel: string, message: string): void;
  /** Messages published on `channel`, in arrival order; each keeps its frame size (FRAME_SIZE). */
  onMessages(channel: string, batch: unknown[]): void;
}

export type ScState = 'connecting' | 'open' | 'closed';

/**
 * An ACTION's state text that stayed in the socket worker: moving a 50 KB string to the page costs about 0.4 ms of
 * each thread, more than everything else the page does with an action, and most states are never opened.
 */
export interface HeldText {
  /** Its length in characters (memory accounting). */
  readonly length: number;
  /** Fetches the text and frees the worker's copy; null when the worker no longer has it. */
  take(): Promise<string | null>;
  /** The page will never ask for it: the worker frees it. */
  release(): void;
}

export function isHeldText(v: unknown): v is HeldText {
  return typeof v === 'object' && v !== null && typeof (v as HeldText).take === 'function' && typeof (v as HeldText).length === 'number';
}

/** ACTION payloads shorter than this travel to the page as they are: holding one costs a round trip when it is opened. */
export const HOLD_MIN_CHARS = 4096;

/** The app's own message in a relayed one: protocol-1 "log-noid" wraps it as {id, data: {type, payload, ...}}. */
export function appMessageOf(m: unknown): Record<string, unknown> | undefined {
  if (!m || typeof m !== 'object') return undefined;
  const o = m as Record<string, unknown>;
  return o.type === undefined && o.data && typeof o.data === 'object' ? (o.data as Record<string, unknown>) : o;
}

/** On the wire from the worker, a held payload is this marker; the page side turns it into a HeldText. */
export interface HeldMarker {
  $heldText: number;
  length: number;
}

export interface SubscribeOptions {
  /** Keep large ACTION payloads (states) in the worker; they arrive as HeldText. Only the worker transport does. */
  holdPayloads?: boolean;
}

export interface ScTransport {
  invoke(event: string, data: unknown): Promise<unknown>;
  /** Subscribes (idempotent): messages go to onMessages once, however often a channel is (re)subscribed. */
  subscribe(channel: string, options?: SubscribeOptions): void;
  /** Sends a SocketCluster transmit; false when the socket is not open. */
  transmit(event: string, data: unknown): boolean;
  /** 'closed' between a close and the next reconnect attempt, and for good after close(). */
  state(): ScState;
  /** Closes for good; no event is reported afterwards. */
  close(code: number, reason: string): void;
}

export type OpenTransport = (options: ScOptions, events: ScEvents) => ScTransport;

// Between the page (workerTransport.ts) and the worker (workerHost.ts). `id` names one transport.
export type ToWorker =
  | { t: 'open'; id: number; options: ScOptions }
  | { t: 'invoke'; id: number; call: number; event: string; data: unknown }
  | { t: 'subscribe'; id: number; channel: string; holdPayloads?: boolean }
  /** Send held text `ref` back (as a 'text' item) and forget it. */
  | { t: 'take'; id: number; call: number; ref: number }
  | { t: 'release'; id: number; refs: number[] }
  | { t: 'transmit'; id: number; event: string; data: unknown }
  | { t: 'close'; id: number; code: number; reason: string };

export type WireItem =
  | { id: number; e: 'connect' }
  | { id: number; e: 'down'; code: number; reason: string | undefined; wasOpen: boolean }
  | { id: number; e: 'connecting' }
  | { id: number; e: 'error'; message: string }
  | { id: number; e: 'ping'; kind: 1 | 2 }
  | { id: number; e: 'keepalive'; at: number }
  | { id: number; e: 'subscribe'; channel: string }
  | { id: number; e: 'subscribeFail'; channel: string; message: string }
  /** sizes[k] is data[k]'s frame size, -1 when it had none. */
  | { id: number; e: 'messages'; channel: string; data: unknown[]; sizes: number[] }
  | { id: number; e: 'text'; call: number; text: string | null }
  | { id: number; e: 'reply'; call: number; ok: true; value: unknown }
  | { id: number; e: 'reply'; call: number; ok: false; name: string; message: string };

/** 'ready' once when the worker starts; then every item since the last post, in the order the worker saw it. */
export type FromWorker = { t: 'ready' } | { t: 'batch'; items: WireItem[] };
