// The register-filter surface of a DRP session: which filters are registered, whether the server confirmed each one
// (its `websocket` reply event) and how many events each has matched since. Filters are remembered per endpoint and
// sent again after every reconnect, because the server forgets them with the connection. Only filters that pass
// validateFilter are ever sent or remembered: a remembered bad filter would be re-sent after every reconnect and
// every page load, crashing or disconnecting the server each time.
import type { EventSink, IncomingEvent, Observable } from '../types';
import { createObservable } from '../../core/observable';
import { readStored, writeStored } from '../../lib/persist';
import { commandFrame, matchParts, parseCommand, partitionFilters, splitFilter, validateFilter, vetCommandFrame, type FilterParts } from './filters';

export type FilterStatus =
  /** Not sent yet: the socket is not open. It is sent as soon as it is. */
  | 'waiting'
  /** Sent; the server's `websocket` reply has not arrived yet. */
  | 'pending'
  | 'confirmed';

export interface DrpFilterEntry {
  filter: string;
  status: FilterStatus;
  /** Events matched since the filter was added (counted locally with the server's matching rules). */
  matched: number;
  confirmedAt?: number;
}

export interface DrpState {
  open: boolean;
  filters: DrpFilterEntry[];
  /** The latest thing the panel should say, e.g. "Re-registered 2 filters after reconnect". */
  notice?: string;
  /** Remembered or configured filters that were dropped instead of sent, and why. */
  warning?: string;
}

export interface DrpController {
  readonly state: Observable<DrpState>;
  /** Adds and sends a filter; returns why it was refused, or null. */
  register(filter: string): string | null;
  /** Sends `deregister` with the exact same string and forgets the filter. */
  deregister(filter: string): void;
  /**
   * "Jobs of one machine": a job's key is its own UUID, so the server cannot select jobs by machine. Registers
   * `jobs.*.*` and `machines.*.<uuid>`; the table narrows to the machine with `Object.Machine:<uuid>`.
   */
  registerMachineJobs(machine: string): string | null;
  /** Machines seen in this session's events (UUID and Name when known), newest first, for pickers. */
  knownMachines(): { uuid: string; name?: string }[];
}

/** Per-endpoint memory of registered filters. localStorage may be missing (tests, workers) or throw (privacy mode). */
export interface FilterMemory {
  load(): string[];
  save(filters: string[]): void;
}

export function localFilterMemory(endpointKey: string): FilterMemory {
  // Remembered in this browser (src/lib/persist) under streamscope:drp:filters:<socket URL>.
  const name = `drp:filters:${endpointKey}`;
  return {
    load: () => readStored<unknown[]>(name, [], Array.isArray).filter((f): f is string => typeof f === 'string'),
    save: (filters) => void writeStored(name, filters), // quota or privacy mode: remembering is a convenience, never a failure
  };
}

interface Entry extends DrpFilterEntry {
  parts: FilterParts | null;
}

export interface DrpControllerOptions {
  sink: EventSink;
  memory: FilterMemory;
  /** Sends a text frame; false when the socket is not open. */
  sendFrame(text: string): boolean;
  /** How often match counts are pushed to subscribers (they change with every event). */
  countFlushMs?: number;
  /** Filters to register on connect besides the remembered ones (the "Register on connect" setting). */
  initial?: string[];
}

export interface DrpControllerInternals extends DrpController {
  /** Call with every decoded incoming event. */
  observe(e: IncomingEvent): void;
  /** Call on every (re)open: sends every filter again. */
  opened(reconnected: boolean): void;
  closed(): void;
  /** Why a frame typed in the send box must not be sent (an invalid register/deregister, an oversize frame), or null. */
  vetRaw(text: string): string | null;
  /** Bookkeeping for a command typed in the send box, after vetRaw let it through. */
  sentRaw(text: string): void;
  dispose(): void;
}

export function outRow(frame: string): IncomingEvent {
  const cmd = parseCommand(frame);
  return { dir: 'out', kind: 'text', raw: frame, action: cmd?.verb, key: cmd?.filter, summary: frame };
}

export function createDrpController(o: DrpControllerOptions): DrpControllerInternals {
  const stored = o.memory.load();
  const fromMemory = partitionFilters(stored);
  const fromSettings = partitionFilters(o.initial ?? []);
  let entries: Entry[] = [...new Set([...fromMemory.valid, ...fromSettings.valid])].map((filter) => ({ filter, parts: splitFilter(filter), status: 'waiting', matched: 0 }));
  let open = false;
  let notice: string | undefined;
  const dropped = [
    ...fromMemory.dropped.map((d) => `remembered "${d.filter}": ${d.why}`),
    ...fromSettings.dropped.map((d) => `"${d.filter}" from Register on connect: ${d.why}`),
  ];
  let warning = dropped.length ? `Not registered, to keep the server up: ${dropped.join(' · ')}` : undefined;
  // Forget the bad ones for good, so no later session (or share link) carries them.
  if (fromMemory.dropped.length) o.memory.save(fromMemory.valid);
  if (warning) o.sink.emit({ dir: 'system', kind: 'error', summary: warning });
  const snapshot = (): DrpState => ({ open, notice, warning, filters: entries.map(({ parts: _p, ...e }) => e) });
  const state = createObservable<DrpState>(snapshot());
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  const publish = () => {
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = undefined;
    state.set(snapshot());
  };
  const publishSoon = () => {
    flushTimer ??= setTimeout(publish, o.countFlushMs ?? 250);
  };
  const remember = () => o.memory.save(entries.map((e) => e.filter));
  const machines = new Map<string, string | undefined>();
  const seeMachine = (uuid: unknown, name: unknown) => {
    if (typeof uuid !== 'string' || !uuid) return;
    const known = machines.get(uuid);
    machines.delete(uuid);
    machines.set(uuid, typeof name === 'string' && name ? name : known);
    if (machines.size > 500) machines.delete(machines.keys().next().value as string);
  };

  const send = (verb: 'register' | 'deregister', filter: string): boolean => {
    const frame = commandFrame(verb, filter);
    if (!o.sendFrame(frame)) return false;
    o.sink.emit(outRow(frame));
    return true;
  };

  const add = (filter: string) => {
    if (validateFilter(filter) !== null || entries.some((e) => e.filter === filter)) return false;
    entries = [...entries, { filter, parts: splitFilter(filter), status: open ? 'pending' : 'waiting', matched: 0 }];
    remember();
    return true;
  };
  const remove = (filter: string) => {
    entries = entries.filter((e) => e.filter !== filter);
    remember();
  };

  const register = (raw: string): string | null => {
    const filter = raw.trim();
    const err = validateFilter(filter);
    if (err) return err;
    if (entries.some((e) => e.filter === filter)) return `${filter} is already registered.`;
    add(filter);
    if (open) send('register', filter);
    notice = undefined;
    warning = undefined;
    publish();
    return null;
  };

  return {
    state,
    register,
    registerMachineJobs(machine) {
      const uuid = machine.trim();
      if (!uuid) return 'Enter the UUID of a machine.';
      if (uuid.includes(' ')) return 'A machine UUID has no spaces.';
      const results = [`jobs.*.*`, `machines.*.${uuid}`].map((f) => (entries.some((e) => e.filter === f) ? null : register(f)));
      return results.find((r) => r !== null) ?? null;
    },
    knownMachines: () => [...machines].reverse().map(([uuid, name]) => ({ uuid, name })),
    deregister(filter) {
      if (open) send('deregister', filter);
      remove(filter);
      notice = undefined;
      publish();
    },
    observe(e) {
      if (e.dir !== 'in' || e.type === undefined || e.action === undefined || e.key === undefined) return;
      if (e.type === 'websocket') {
        // The server's reply to our command: bypasses filters and confirms the exact string.
        if (e.action === 'register') {
          const hit = entries.find((x) => x.filter === e.key);
          if (hit && hit.status !== 'confirmed') {
            entries = entries.map((x) => (x === hit ? { ...x, status: 'confirmed', confirmedAt: e.sourceTime ?? Date.now() } : x));
            publish();
          }
        }
        return;
      }
      if (e.type === 'machines') seeMachine(e.key, e.fields?.Name);
      else if (e.type === 'jobs') seeMachine(e.fields?.Machine, undefined);
      let changed = false;
      for (const x of entries) {
        if (x.parts && matchParts(x.parts, e.type, e.action, e.key)) {
          x.matched++;
          changed = true;
        }
      }
      if (changed) publishSoon();
    },
    opened(reconnected) {
      open = true;
      let sent = 0;
      entries = entries.map((x) => {
        const ok = send('register', x.filter);
        if (ok) sent++;
        return { ...x, status: ok ? 'pending' : 'waiting' };
      });
      if (sent > 0) {
        const what = `${sent} filter${sent === 1 ? '' : 's'}`;
        notice = reconnected ? `Re-registered ${what} after reconnect.` : `Registered ${what} remembered for this endpoint.`;
        o.sink.emit({ dir: 'system', kind: 'notice', summary: notice });
      } else notice = undefined;
      publish();
    },
    closed() {
      open = false;
      entries = entries.map((x) => ({ ...x, status: 'waiting' }));
      publish();
    },
    vetRaw: vetCommandFrame,
    sentRaw(text) {
      const cmd = parseCommand(text);
      if (!cmd || vetCommandFrame(text) !== null) return;
      if (cmd.verb === 'register') add(cmd.filter);
      else remove(cmd.filter);
      publish();
    },
    dispose() {
      if (flushTimer) clearTimeout(flushTimer);
      flushTimer = undefined;
    },
  };
}
