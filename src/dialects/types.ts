// The contract between protocol code and the rest of the app. Dialect modules import nothing from React or the
// store: they receive an EventSink and return a Session. Everything a component needs to know about a dialect is
// declared here as data (settings fields, capabilities, columns), never as wire formats.

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
  /** The decoded value (JSON.parse, jsan.parse, …). Undefined for text, binary and system rows. */
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
}

/** A form field of the connection form, rendered generically. */
export interface SettingField {
  key: string;
  label: string;
  kind: 'text' | 'password' | 'number' | 'checkbox' | 'select';
  /** Secrets are masked in the UI and kept out of share links, exports and logs. */
  secret?: boolean;
  options?: { value: string; label: string }[];
  placeholder?: string;
  help?: string;
  default?: string | number | boolean;
}

export type SettingValues = Record<string, string | number | boolean | undefined>;

export interface Capabilities {
  /** Free-form text frames can be sent from the send box. */
  canSend?: boolean;
  hasRegisterFilters?: boolean;
  hasSubscriptions?: boolean;
  hasTimeTravel?: boolean;
}

export interface ConnectOptions {
  endpoint: string;
  settings: SettingValues;
  /** Reconnect automatically with exponential backoff and jitter. */
  autoReconnect: boolean;
  /** Injected so tests and workers can supply their own. */
  WebSocketImpl?: typeof WebSocket;
  fetchImpl?: typeof fetch;
}

/**
 * A live connection. `controller` is the dialect's own command surface (register filters, subscriptions, time
 * travel…): an object with methods plus a tiny observable state, so React panels can read it with
 * useSyncExternalStore without the protocol code knowing React.
 */
export interface Session<C = unknown> {
  send(text: string): void;
  close(): void;
  /** Reconnect now, skipping any pending backoff delay. */
  reconnect?(): void;
  readonly capabilities: Capabilities;
  readonly controller?: C;
}

export interface ColumnSpec {
  id: string;
  header: string;
  /** Reads the column's value from an event (usually from `fields`). */
  get(e: StreamEvent): unknown;
  width?: number;
  /** The value can change after the event arrived (e.g. a remotedev row's current/skipped marker): never cached. */
  live?: boolean;
}

export interface Dialect<C = unknown> {
  id: string;
  label: string;
  /** One line shown under the selector. */
  description: string;
  defaultEndpoint: string;
  endpointPlaceholder?: string;
  settings: SettingField[];
  capabilities: Capabilities;
  /** Settings that make the bundled demo server's stream flow at once (credentials, filters to register…). */
  demoSettings?: SettingValues;
  /** Extra table columns this dialect's events fill. */
  columns?: ColumnSpec[];
  connect(options: ConnectOptions, sink: EventSink): Session<C>;
}

/** A minimal observable value for controllers; React reads it with useSyncExternalStore. */
export interface Observable<T> {
  get(): T;
  subscribe(listener: () => void): () => void;
}
