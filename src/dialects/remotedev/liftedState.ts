// The lifted state of one instance, rebuilt from the relayed messages exactly as Redux DevTools' app-core does
// (src/utils/updateState.ts `recompute`, src/utils/commitExcessActions.ts): STATE replaces everything, ACTION appends,
// isExcess (or maxAge) commits the oldest staged action. Unlike app-core, which spread-copies the whole history on
// every action, appends and commits here are O(1): staged ids and computed states live in deques, and the states
// that arrive with ACTIONs stay as their jsan text until someone looks at them.

import { decodeJsan } from './decode';
import type { HeldText } from './transport';
import { Deque } from './deque';

export { Deque };

/** Redux DevTools' lifted action: `{type:'PERFORM_ACTION', action, timestamp, stack?}`. */
export interface LiftedAction {
  type: 'PERFORM_ACTION';
  action: { type?: unknown; [k: string]: unknown };
  timestamp: number;
  stack?: string;
}

/** The lifted state as the instrument and the wire know it. */
export interface LiftedState {
  actionsById: Record<number, LiftedAction>;
  computedStates: { state: unknown; error?: string }[];
  stagedActionIds: number[];
  skippedActionIds: number[];
  currentStateIndex: number;
  nextActionId: number;
  committedState?: unknown;
  isLocked?: boolean;
  isPaused?: boolean;
}

/** What an ACTION carries as its state: jsan text (decoded on demand), text held by the socket worker, or a value. */
export interface StateSource {
  raw?: string;
  held?: HeldText;
  value?: unknown;
}

/** Reading a computed state: its value, or why it cannot be had (still in the worker, or text that does not decode). */
export type StateRead = { ok: true; value: unknown } | { ok: false; error: string };

/** A computed state, decoded lazily: ACTION payloads can be 50 KB at 500+ per second, and most are never opened. */
export class ComputedEntry {
  private raw: string | undefined;
  private held: HeldText | undefined;
  private loading: Promise<void> | undefined;
  private decoded = false;
  private value: unknown;
  private decodeError: string | undefined;
  /** True once the text was dropped to stay within the memory budget: the state is no longer known here. */
  dropped = false;
  error?: string;
  constructor(
    state: StateSource,
    error?: string,
    private readonly onDecode?: (bytes: number) => void,
  ) {
    if (state.raw !== undefined) this.raw = state.raw;
    else if (state.held !== undefined) this.held = state.held;
    else {
      this.value = state.value;
      this.decoded = true;
    }
    if (error !== undefined) this.error = error;
  }
  /** False while the text is still held by the socket worker (load() fetches it). */
  get loaded(): boolean {
    return this.held === undefined;
  }
  /** Fetches a held text; resolves at once when there is none. */
  load(): Promise<void> {
    const h = this.held;
    if (!h) return Promise.resolve();
    return (this.loading ??= h.take().then((text) => {
      if (this.held !== h) return;
      this.held = undefined;
      if (text === null) {
        // Budget accounting still counts it: report the bytes as gone, like a decode.
        this.dropped = true;
        this.onDecode?.(h.length);
      } else this.raw = text;
    }));
  }
  /** The decoded state (undefined once dropped). Never throws: a held text is not read (load() first), bad text is reported. */
  read(): StateRead {
    if (this.held) return { ok: false, error: 'The state is still in the socket worker.' };
    if (this.decodeError !== undefined) return { ok: false, error: this.decodeError };
    if (!this.decoded && !this.dropped) {
      const raw = this.raw as string;
      this.raw = undefined;
      this.onDecode?.(raw.length);
      try {
        this.value = decodeJsan(raw);
        this.decoded = true;
      } catch (err) {
        this.decodeError = `Could not decode the state: ${(err as Error).message}`;
        return { ok: false, error: this.decodeError };
      }
    }
    return { ok: true, value: this.value };
  }
  /** The decoded state, or undefined when it cannot be read (see read()). */
  get state(): unknown {
    const r = this.read();
    return r.ok ? r.value : undefined;
  }
  /** Characters of jsan text still waiting to be decoded, here or in the worker (for memory accounting). */
  get pendingBytes(): number {
    return this.raw?.length ?? this.held?.length ?? 0;
  }
  private free(): number {
    const n = this.pendingBytes;
    this.raw = undefined;
    this.held?.release();
    this.held = undefined;
    return n;
  }
  /** Forgets the undecoded text; returns how many bytes that freed. */
  drop(): number {
    const n = this.free();
    if (n) this.dropped = true;
    return n;
  }
  /** Leaves the history (committed away, or replaced): returns the undecoded bytes it held. */
  release(): number {
    return this.free();
  }
}

/** Undecoded ACTION states kept per instance at most (jsan text; 10 000 × 50 KB states would be 500 MB). */
export const DEFAULT_STATE_BUDGET = 192 * 1024 * 1024;

export interface ActionMessage {
  /** Decoded `action` field: a PERFORM_ACTION, or `{action, timestamp}` from remotedev's connect(). */
  action: unknown;
  /** The state after the action: jsan text (decoded on demand), text held by the worker, or a decoded value. */
  state: StateSource;
  nextActionId?: number;
  isExcess?: boolean;
  maxAge?: number;
}

/** What applying one ACTION did, for the row the monitor shows. */
export interface AppliedAction {
  actionId: number;
  action: LiftedAction;
  /** Ids whose history was committed away (they can no longer be jumped to). */
  committed: number[];
  /** While paused: the app's @@PAUSED entry followed the app (no action was recorded, no row is due). */
  followed?: boolean;
}

const ARRIVAL_TIME = Symbol('streamscope.remotedev.arrivalTime');

/** True when the app sent no timestamp and the monitor's arrival time stands in for it. */
export const hasArrivalTime = (a: LiftedAction) => (a as unknown as Record<symbol, unknown>)[ARRIVAL_TIME] === true;

function toLiftedAction(a: unknown): LiftedAction {
  const o = (a && typeof a === 'object' ? a : {}) as Record<string, unknown>;
  if (o.type === 'PERFORM_ACTION') return o as unknown as LiftedAction;
  // remotedev connect() sends {timestamp, action}; anything else is treated as a bare action (app-core does the same):
  // @redux-devtools/remote sends the bare action when the app has an actionSanitizer.
  const inner = (o.action ?? o) as LiftedAction['action'];
  const lifted: LiftedAction = { type: 'PERFORM_ACTION', action: inner, timestamp: typeof o.timestamp === 'number' ? o.timestamp : Date.now() };
  if (typeof o.stack === 'string') lifted.stack = o.stack;
  if (typeof o.timestamp !== 'number') Object.defineProperty(lifted, ARRIVAL_TIME, { value: true });
  return lifted;
}

const isActionCount = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

export class LiftedHistory {
  actionsById = new Map<number, LiftedAction>();
  staged = new Deque<number>();
  states = new Deque<ComputedEntry>();
  skipped = new Set<number>();
  currentStateIndex = -1;
  nextActionId = 0;
  committedState: ComputedEntry | undefined;
  isLocked = false;
  isPaused = false;
  /** False after a REORDER (staged ids no longer ascending): lookups fall back to a scan. */
  private ascending = true;
  /** Undecoded state text held, oldest first, and its total: beyond the budget the oldest texts are dropped. */
  private rawQueue = new Deque<ComputedEntry>();
  rawBytes = 0;
  /** How many states were dropped to respect the budget (shown to the user). */
  droppedStates = 0;

  constructor(readonly stateBudget = DEFAULT_STATE_BUDGET) {}

  private readonly decoded = (bytes: number) => {
    this.rawBytes -= bytes;
  };

  /** STATE: the app's lifted state replaces ours. */
  replace(l: LiftedState): void {
    // Held texts of the old history are no longer wanted: let the worker free them.
    for (let k = 0; k < this.states.length; k++) this.states.at(k)!.release();
    this.actionsById = new Map();
    for (const k of Object.keys(l.actionsById ?? {})) this.actionsById.set(Number(k), toLiftedAction(l.actionsById[Number(k)]));
    const staged = Array.isArray(l.stagedActionIds) ? l.stagedActionIds : [];
    this.staged = Deque.from(staged);
    this.ascending = staged.every((v, i) => i === 0 || v > staged[i - 1]);
    this.states = Deque.from((l.computedStates ?? []).map((c) => new ComputedEntry({ value: c?.state }, c?.error)));
    this.skipped = new Set(l.skippedActionIds ?? []);
    this.currentStateIndex = typeof l.currentStateIndex === 'number' ? l.currentStateIndex : this.states.length - 1;
    // app-core clamps an index past the end (instances.ts, case 'STATE').
    if (this.states.length <= this.currentStateIndex) this.currentStateIndex = this.states.length - 1;
    this.nextActionId = isActionCount(l.nextActionId) ? l.nextActionId : (staged.at(-1) ?? -1) + 1;
    this.committedState = 'committedState' in l ? new ComputedEntry({ value: l.committedState }) : undefined;
    this.isLocked = !!l.isLocked;
    this.isPaused = !!l.isPaused;
    this.rawQueue = new Deque();
    this.rawBytes = 0;
  }

  /** INIT (remotedev connect().init): a fresh history with @@INIT as action 0. */
  init(state: StateSource, timestamp = Date.now()): void {
    this.replace({ actionsById: {}, computedStates: [], stagedActionIds: [], skippedActionIds: [], currentStateIndex: -1, nextActionId: 0 });
    this.append({ action: { action: { type: '@@INIT' }, timestamp }, state, nextActionId: 1 });
  }

  /** ACTION: app-core `recompute`, in O(1). */
  append(m: ActionMessage): AppliedAction {
    // An app may send anything: a nextActionId that is not a positive integer is ignored, never an id of NaN.
    const nextActionId = isActionCount(m.nextActionId) && m.nextActionId > 0 ? m.nextActionId : this.nextActionId + 1;
    const actionId = nextActionId - 1;
    const last = this.staged.at(-1);
    const action = toLiftedAction(m.action);
    const entry = new ComputedEntry(m.state, undefined, this.decoded);
    // Paused with a pauseActionType (@redux-devtools/remote's "@@PAUSED"), the instrument records no action: it keeps
    // one entry at the end whose state follows the app, and the app relays that entry as an ACTION each time.
    if (this.isPaused && actionId === last && this.staged.length > 1) {
      this.actionsById.set(actionId, action);
      this.rawBytes -= this.states.at(-1)!.release();
      this.states.set(this.states.length - 1, entry);
      this.hold(entry);
      return { actionId, action, committed: [], followed: true };
    }
    if (this.currentStateIndex === this.staged.length - 1) this.currentStateIndex++;
    if (last !== undefined && actionId <= last) this.ascending = false;
    this.staged.push(actionId);
    this.actionsById.set(actionId, action);
    this.nextActionId = nextActionId;
    this.states.push(entry);
    this.hold(entry);
    let committed: number[] = [];
    if (m.isExcess) committed = this.commitExcess(1);
    else if (m.maxAge) {
      const excess = this.staged.length - m.maxAge;
      if (excess > 0) committed = this.commitExcess(excess);
    }
    return { actionId, action, committed };
  }

  /** Counts an entry's undecoded text against the budget: beyond it the oldest texts are dropped. */
  private hold(entry: ComputedEntry): void {
    // Entries committed away or decoded hold no text any more; let them go from the front.
    while (this.rawQueue.length && this.rawQueue.at(0)!.pendingBytes === 0) this.rawQueue.shift();
    if (entry.pendingBytes) {
      this.rawBytes += entry.pendingBytes;
      this.rawQueue.push(entry);
      while (this.rawBytes > this.stateBudget && this.rawQueue.length > 1) {
        const freed = this.rawQueue.shift()!.drop();
        if (freed) this.droppedStates++;
        this.rawBytes -= freed;
      }
    }
  }

  /** app-core `commitExcessActions(liftedState, n)`: stops at a computed state with an error. */
  commitExcess(n = 1): number[] {
    let excess = Math.min(n, this.staged.length - 1);
    for (let i = 0; i < excess; i++) {
      if (this.states.at(i + 1)?.error) {
        excess = i;
        break;
      }
    }
    const removed: number[] = [];
    for (let i = 0; i < excess; i++) {
      const id = this.staged.removeSecond() as number;
      this.actionsById.delete(id);
      this.skipped.delete(id);
      removed.push(id);
    }
    if (excess <= 0) return removed;
    // app-core rewrites the first staged id to 0 as it commits.
    this.staged.set(0, 0);
    for (let i = 0; i < excess; i++) this.rawBytes -= this.states.shift()!.release();
    this.committedState = this.states.at(0);
    this.currentStateIndex = this.currentStateIndex > excess ? this.currentStateIndex - excess : 0;
    return removed;
  }

  /** Position of an action in the staged list, or -1 once it has been committed away. */
  indexOf(actionId: number): number {
    return this.staged.indexOf(actionId, this.ascending);
  }

  get length(): number {
    return this.staged.length;
  }

  /** Up to `count` staged actions ending with `actionId`, oldest first, with their types; [] once it is gone. */
  actionsUpTo(actionId: number, count: number): { id: number; type: string }[] {
    const end = this.indexOf(actionId);
    const out: { id: number; type: string }[] = [];
    for (let k = Math.max(0, end - count + 1); end >= 0 && k <= end; k++) {
      const id = this.staged.at(k)!;
      const t = this.actionsById.get(id)?.action?.type;
      out.push({ id, type: typeof t === 'string' ? t : String(t ?? '') });
    }
    return out;
  }

  currentActionId(): number | undefined {
    return this.staged.at(this.currentStateIndex);
  }

  stateAt(index: number): unknown {
    return this.states.at(index)?.state;
  }

  /** Fetches every state still held by the worker (before Export). */
  async loadAll(): Promise<void> {
    await Promise.all([this.committedState?.load(), ...this.states.toArray().map((c) => c.load())]);
  }

  /** The whole lifted state as plain data (decodes every pending state; loadAll() first): for Export and tests. */
  toLiftedState(): LiftedState {
    const actionsById: Record<number, LiftedAction> = {};
    for (const [k, v] of this.actionsById) actionsById[k] = v;
    const out: LiftedState = {
      actionsById,
      computedStates: this.states.toArray().map((c) => (c.error !== undefined ? { state: c.state, error: c.error } : { state: c.state })),
      stagedActionIds: this.staged.toArray(),
      skippedActionIds: [...this.skipped],
      currentStateIndex: this.currentStateIndex,
      nextActionId: this.nextActionId,
      isLocked: this.isLocked,
      isPaused: this.isPaused,
    };
    if (this.committedState) out.committedState = this.committedState.state;
    return out;
  }
}
