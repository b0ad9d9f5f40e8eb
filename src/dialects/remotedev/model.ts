// The remotedev monitor's data model: instances (one per app store), the view the panel reads, and what the
// controller needs from its host. Shared by the controller's parts (instances, router, commands, inspector).

import type { EventSink } from '../types';
import type { LiftedAction, LiftedHistory } from './liftedState';

export type ProtocolVersion = 1 | 2;

/** Per-instance features, as app-core `reducers/instances.ts` `init()` defaults them when the app sends none. */
export interface Features {
  lock?: boolean;
  export?: boolean | string;
  import?: boolean | string;
  persist?: boolean;
  pause?: boolean;
  reorder?: boolean;
  jump?: boolean;
  skip?: boolean;
  dispatch?: boolean;
  sync?: boolean;
  test?: boolean;
}

export interface ActionCreator {
  name: string;
  args: string[];
}

/** One app store being monitored. Live and mutable: read it through the controller, never keep copies in React state. */
export interface Instance {
  key: string;
  /** Unique across sessions, for the live column registry. */
  uid: string;
  name: string;
  socketId: string;
  instanceId?: string;
  connected: boolean;
  /** 'redux' once a STATE arrived first; 'other' for remotedev connect() (INIT). */
  lib: 'redux' | 'other' | 'unknown';
  features: Features;
  actionCreators?: ActionCreator[];
  history: LiftedHistory;
  /** Whether a STATE (or INIT) has been received since the monitor (re)connected. */
  hasState: boolean;
  received: number;
  /** Which row stands for each staged action id now: the row's token. Rows whose token is not here are history. */
  rowTokens: Map<number, number>;
  /** Bumped when the app reassigns action ids (Import, Reset, Commit, Revert, Resume): older rows are from before. */
  epoch: number;
  nextToken: number;
  /** Tokens of rows whose action was swept away (SWEEP removes skipped actions). */
  swept: Set<number>;
  /**
   * Actions the app folded out of its history (maxAge, Commit…) or started over from since the monitor watched it:
   * a row's number, its place in the app's run, is this plus its index in the history, so trimming moves no number.
   */
  folded: number;
  /** The history's order is not the rows' arrival order (a reorder): the table lists them in the app's order. */
  reordered: boolean;
  /** The numbers rows had when they left the history after a reorder (the others keep the one they came with). */
  leftNumbers: Map<number, number>;
  /** The last instrument command sent to the app and when: says why its history started over. */
  lastSent?: { type: string; status?: unknown; at: number };
  /** Said once per instance: the app keeps maxAge actions and folds older ones into its base state. */
  toldTrim?: boolean;
  lastTimestamp?: number;
  lastError?: string;
  stopped: boolean;
  /** remote-redux-devtools 0.5 and other apps without instanceId. On protocol 1 servers they hear `sc-<id>`. */
  legacy: boolean;
  firstSeen: number;
  /** The instance the same app came back as after it restarted (same name, connected while this one was gone). */
  successor?: string;
}

export interface InstanceSummary {
  key: string;
  name: string;
  /** instanceId, or the socket id for apps without one: tells apart two apps of the same name. */
  id: string;
  connected: boolean;
  firstSeen: number;
  successor?: string;
  received: number;
  staged: number;
  currentStateIndex: number;
  currentActionId?: number;
  lib: Instance['lib'];
  features: Features;
  actionCreators?: ActionCreator[];
  isLocked: boolean;
  isPaused: boolean;
  hasState: boolean;
  lastError?: string;
  stopped: boolean;
  legacy: boolean;
  /** States whose text was dropped to stay within the per-instance memory budget. */
  droppedStates: number;
  /** Actions skipped (TOGGLE_ACTION) and still in the history: what Sweep would remove. */
  skipped: number;
}

export interface SubscriptionInfo {
  channel: string;
  state: 'pending' | 'subscribed' | 'failed' | 'unsubscribed';
  error?: string;
}

export interface RemotedevView {
  connected: boolean;
  protocol: { setting: 'auto' | ProtocolVersion; active: ProtocolVersion; detected?: ProtocolVersion; note?: string };
  login: { credential: string; state: 'idle' | 'pending' | 'ok' | 'failed' | 'skipped'; channel?: string; error?: string };
  subscriptions: SubscriptionInfo[];
  advanced: boolean;
  instances: InstanceSummary[];
  selected: string | null;
  /** True once the user picked an instance: autoselect then never moves the selection. */
  explicit: boolean;
  autoselect: boolean;
  /** The last ERROR reply (dispatch failures) per instance key. */
  replies: Record<string, { text: string; at: number }>;
  /** Bumped on every flush; panels that read live history use it to re-render. */
  version: number;
  /** Messages about the last command, e.g. the broadcast warning. */
  lastCommand?: { text: string; at: number; warning?: string };
  /** The picked instance's app restarted as a new instance and the selection followed it. */
  followed?: { from: string; to: string; name: string; at: number };
}

export interface ActionDetail {
  instance: string;
  actionId: number;
  /** Position in the staged list, or -1 once committed away. */
  index: number;
  action?: LiftedAction;
  state?: unknown;
  prevState?: unknown;
  error?: string;
  /** The state (or the one before) is being fetched from the socket worker; the view's version moves when it is here. */
  loading?: boolean;
  skipped: boolean;
  current: boolean;
  /** The row no longer stands for an action of the app's history (see `gone`): no state, no commands. */
  committed: boolean;
  /** Why: committed away (maxAge, Commit), swept, or replaced when the app reassigned ids (Import, Reset, Resume…). */
  gone?: 'committed' | 'swept' | 'replaced';
}

/** A row of the table as the inspector names it: the action and which row showed it (ids are reused after Reset…). */
export interface ActionRef {
  id: number;
  token?: number;
  epoch?: number;
}

/** What a range of actions did together: the state before its first action and after its last (the Diff tab's range). */
export interface RangeDetail {
  instance: string;
  /** The range's ends in the app's history order (the order the rows were picked in does not matter). */
  firstId: number;
  lastId: number;
  /** Actions in the range, ends included, and how many of them are skipped. */
  count: number;
  skipped: number;
  before?: unknown;
  after?: unknown;
  loading?: boolean;
  error?: string;
}

export interface ControllerDeps {
  sink: EventSink;
  /** Sends a SocketCluster transmit; returns false when the socket is not open. */
  transmit(channel: string, data: unknown): boolean;
  /** Schedules a UI flush; defaults to requestAnimationFrame (or a 16 ms timer outside the browser). */
  schedule?(fn: () => void): void;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (t: unknown) => void;
  now?: () => number;
  /** How long to wait before answering an app's START (an app sends START before it subscribes: an immediate reply is lost about 1 run in 3). */
  startDelayMs?: number;
  /** START is resent at this interval until STATE arrives. */
  startRetryMs?: number;
  /** The panel's view is republished at most this often while instances change (default 150 ms). */
  viewIntervalMs?: number;
}

export const DEFAULT_FEATURES: Features = { lock: true, export: 'custom', import: 'custom', persist: true, pause: true, reorder: true, jump: true, skip: true, dispatch: true, sync: true, test: true };

/** Row marker: the table's action rows and protocol rows differ by this field. */
/** `marker`: a line of the instance's own story (its history committed, reset, paused…), said once where it happened. */
export type RowKind = 'action' | 'protocol' | 'channel' | 'marker';
