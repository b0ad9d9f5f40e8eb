// The vocabulary every layer shares: what an event is, where a transport sends it, what a connection's status says,
// and the smallest observable value. It imports nothing; everything else may import it.

export type Direction = 'in' | 'out' | 'system';

/** What an event is, independent of dialect. `message` is a decoded frame; the rest describe the connection. */
export type EventKind =
  | 'message' // a decoded JSON (or jsan) frame
  | 'text' // a text frame that is not JSON
  | 'binary' // a binary frame
  | 'connect'
  | 'close'
  | 'error'
  | 'gap' // "disconnected from … to …, N attempts"
  | 'notice'; // any other system message (auth ok, filter confirmed, …)

/** What a dialect emits. The log adds seq, receivedAt, connId and dialect. */
export interface IncomingEvent {
  dir: Direction;
  kind: EventKind;
  /** The exact text frame as received or sent. Kept so nothing is lost, even when parsing fails. */
  raw?: string;
  /** A binary frame's bytes. */
  bytes?: Uint8Array;
  /**
   * The decoded value (JSON.parse, jsan.parse, …). Undefined for text, binary and system rows. Never changed after the
   * event is emitted: the log may derive `raw` from it again (see StreamEvent.rawFromValue).
   */
  value?: unknown;
  /** Why `raw` could not be decoded, shown to the user. */
  parseError?: string;
  /** Normalised columns: every dialect maps its own fields onto these. */
  type?: string;
  action?: string;
  key?: string;
  /** A one-line description; computed lazily by describeEvent() when absent. */
  summary?: string;
  /** Frame size in bytes; computed from raw/bytes when absent. */
  size?: number;
  /** Time the source says the event happened (ms since epoch), e.g. DRP's Time. */
  sourceTime?: number;
  /** Dialect-specific column values, shown by columns the dialect declares. */
  fields?: Record<string, unknown>;
}

export interface StreamEvent extends IncomingEvent {
  /** Monotonic sequence number across the whole log; stable id for rows and selection. */
  seq: number;
  receivedAt: number;
  connId: string;
  dialect: string;
  size: number;
  /**
   * The log dropped `raw` because it was exactly JSON.stringify(value): rawOf() derives it again, byte for byte. (A
   * million small frames would otherwise be held twice, as text and as parsed values.)
   */
  rawFromValue?: true;
}

/** The exact frame text of an event, derived again from its value when the log kept only that. */
export function rawOf(e: StreamEvent): string | undefined {
  return e.raw ?? (e.rawFromValue ? JSON.stringify(e.value) : undefined);
}

export type ConnectionPhase = 'idle' | 'connecting' | 'open' | 'closed' | 'error' | 'retrying';

export interface ConnectionStatus {
  phase: ConnectionPhase;
  /** What happened and what to try, in words a user can act on. */
  message: string;
  code?: number;
  reason?: string;
  /** When the next reconnect attempt happens (ms since epoch), while phase is 'retrying'. */
  retryAt?: number;
  attempts?: number;
  /** A link the user may need to open, e.g. to accept a self-signed certificate. */
  helpUrl?: string;
}

export interface EventSink {
  emit(event: IncomingEvent): void;
  status(status: ConnectionStatus): void;
  /** A keep-alive that is no frame of the stream (a ping the client library answered), received at `at` (ms since epoch). */
  keepAlive?(at: number): void;
}

/** A minimal observable value for controllers; React reads it with useSyncExternalStore. */
export interface Observable<T> {
  get(): T;
  subscribe(listener: () => void): () => void;
}
