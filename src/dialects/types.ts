// The contract between protocol code and the rest of the app. Dialect modules import nothing from React or the
// store: they receive an EventSink and return a Session. Everything a component needs to know about a dialect is
// declared here as data (settings fields, capabilities, columns), never as wire formats. The event vocabulary every
// layer shares (StreamEvent, EventSink, ConnectionStatus, Observable) lives in src/core and is re-exported here for
// dialect modules.

import type { EventSink, Observable, StreamEvent } from '../core/events';
import type { EntityMapping } from './entityMapping';
export type { ConnectionPhase, ConnectionStatus, Direction, EventKind, EventSink, IncomingEvent, Observable, StreamEvent } from '../core/events';

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
  /** A number field whose 0 means nothing (a timeout): 0 or less reads as the default. Otherwise 0 is a value ("off"). */
  positive?: boolean;
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
/** What a dialect says about a frame before it is sent: refused (with why), or allowed after a warning. */
export interface SendCheck {
  refuse?: string;
  warn?: string;
}

export interface Session<C = unknown> {
  send(text: string): void;
  /**
   * Checks a frame before the send box sends it: `refuse` says why it will not be sent (the server would crash or
   * drop the connection), `warn` says what the server will do with it, for the user to confirm.
   */
  vetSend?(text: string): SendCheck | null;
  close(): void;
  /** Reconnect now, skipping any pending backoff delay. */
  reconnect?(): void;
  readonly capabilities: Capabilities;
  readonly controller?: C;
  /** What the send box sends on this connection, said in its placeholder (default: a text frame). */
  readonly sendHint?: string;
  /**
   * The part of the stream the session's controls act on now (remotedev: the selected app instance), for the store
   * to hold beside the user's view intent; see Dialect.rowScope.
   */
  readonly focus?: Observable<string | null>;
  /** A stream whose rows have an order of their own (remotedev: the app's history, which the user can reorder). */
  readonly rowOrder?: RowOrder;
}

/** See Session.rowOrder: the table lists a focused stream's rows in that order. */
export interface RowOrder {
  /** The rows (seqs, in arrival order) with `source`'s rows in the stream's order; null when arrival order is that order. */
  arrange(source: string, seqs: number[], eventAt: (seq: number) => StreamEvent | undefined): number[] | null;
  /** Called when that order changed. */
  subscribe(listener: () => void): () => void;
}

/** Which of one connection's rows the user wants to see (the store holds it; the engine's scope follows it). */
export interface RowFocus {
  /** The session's focus (Session.focus) to list alone, or null for all of this connection's streams. */
  source: string | null;
  /** Also list the protocol's own messages (handshakes, commands sent), not only the stream's events. */
  protocol: boolean;
}

/** What a column may consult besides the event: the live session the event came from (undefined once closed). */
export interface ColumnContext {
  session(connId: string): Session | undefined;
}

export interface ColumnSpec {
  id: string;
  header: string;
  /** Reads the column's value from an event (usually from `fields`; live columns ask the event's session). */
  get(e: StreamEvent, ctx: ColumnContext): unknown;
  /**
   * The filter language's name for what the column shows (a key of the event's fields or value), so a right-click on
   * a cell can filter by it. Without one the cell offers no filter (a live or derived column matches nothing).
   */
  field?: string;
  width?: number;
  /** The value can change after the event arrived (e.g. a remotedev row's current/skipped marker): never cached. */
  live?: boolean;
  /**
   * Shown only while the table lists several of a connection's streams (Dialect.rowScope: the merged timeline, or
   * no stream in focus), e.g. which remotedev instance a row came from.
   */
  severalStreams?: boolean;
}

export interface Dialect<C = unknown> {
  id: string;
  label: string;
  /** One line shown under the selector. */
  description: string;
  defaultEndpoint: string;
  /** The bundled demo server's endpoint, when it differs from the default (e.g. plain ws where real servers use TLS). */
  demoEndpoint?: string;
  endpointPlaceholder?: string;
  settings: SettingField[];
  capabilities: Capabilities;
  /** Settings that make the bundled demo server's stream flow at once (credentials, filters to register…). */
  demoSettings?: SettingValues;
  /** Said in the connection bar before connecting, e.g. a credential the chosen server generation does not take. */
  settingsWarning?(settings: SettingValues): string | undefined;
  /** Extra table columns this dialect's events fill. */
  columns?: ColumnSpec[];
  /** Built-in columns this dialect's events leave empty or repeat, hidden until the user shows them (column menu). */
  hiddenColumns?: string[];
  /**
   * A dialect that multiplexes several streams on one connection (remotedev: app instances) lists the one in focus:
   * which of connection `connId`'s rows pass. Other connections' rows must pass untouched.
   */
  rowScope?(connId: string, focus: RowFocus): (e: StreamEvent) => boolean;
  /** The "#" of a row when it is not the table's arrival count (remotedev: an action's place in the app's run); undefined: the count. */
  rowNumber?(e: StreamEvent, ctx: ColumnContext): number | string | undefined;
  /** How its events map to entities (src/entities reads it); none: the dialect's events are not about entities. */
  entities?: EntityMapping;
  connect(options: ConnectOptions, sink: EventSink): Session<C>;
}
