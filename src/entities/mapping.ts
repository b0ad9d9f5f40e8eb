import type { StreamEvent } from '../core/events';
import type { EntityMapping, EntityRule, EventPath } from '../dialects/entityMapping';

// Interprets a dialect's entity rules (declared as data beside its decoder): which entity an event is about, and
// what its next version is. Paths are split once, when the rules are compiled, not per event.

/**
 * create: made by this event; seen: first seen without a create (it existed before: its earlier state is unknown);
 * delete: gone (the state keeps what it was); touch: an event about it that changed nothing.
 */
export type VersionOp = 'create' | 'seen' | 'update' | 'delete' | 'touch';

/**
 * One version of an entity: what it was after the event `seq`. The index keeps versions as change-log records and
 * makes this object only for a reader (a drawn row, a history); versions are never changed once made.
 */
export interface Version {
  seq: number;
  /** When the event was received (ms since epoch). */
  time: number;
  op: VersionOp;
  state: unknown;
}

/** What the view shows beside the key, read from a version's state when drawn (not stored: one less object per event). */
export interface VersionInfo {
  status?: string;
  label?: string;
  parents?: string[];
}

export type Describer = (state: unknown) => VersionInfo;

export interface MappingOptions {
  /** The key path the user picked for generic streams (`$keyPath` in the rules). */
  keyPath?: string;
}

/** A mapper's answer for one event; the mapper hands out the same object again for its next event, so read it first. */
export interface MappedEvent {
  kind: string;
  key: string;
  /** Reads the rule's status, label and parents from a version's state. */
  describe: Describer;
  /**
   * Works out the version this event makes, given the entity's latest one (op undefined: none known), into `op` and
   * `state`.
   */
  next(prevOp: VersionOp | undefined, prevState: unknown): void;
  op: VersionOp;
  state: unknown;
}

export type EventMapper = (e: StreamEvent) => MappedEvent | undefined;

type Reader = (e: StreamEvent) => unknown;

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function walk(v: unknown, parts: readonly string[]): unknown {
  for (const p of parts) {
    if (!isObject(v) && !Array.isArray(v)) return undefined;
    v = (v as Record<string, unknown>)[p];
  }
  return v;
}

function splitPath(path: string): string[] {
  return path === '' ? [] : path.split('.');
}

function compilePath(path: EventPath, options: MappingOptions): Reader | undefined {
  if (path === '$keyPath') {
    if (!options.keyPath?.trim()) return undefined;
    return compilePath(options.keyPath.trim(), {});
  }
  if (path.startsWith('@')) {
    const [col, ...rest] = splitPath(path.slice(1));
    return (e) => walk((e as unknown as Record<string, unknown>)[col], rest);
  }
  const parts = splitPath(path);
  return (e) => walk(e.value, parts);
}

/** A key or kind: a non-empty string, or a number as text. */
function asName(v: unknown): string | undefined {
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

function firstIn(state: unknown, paths: readonly string[][]): string | undefined {
  for (const p of paths) {
    const v = walk(state, p);
    if (typeof v === 'string' && v !== '') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  }
  return undefined;
}

function compileRule(rule: EntityRule, options: MappingOptions): EventMapper | undefined {
  const when: [Reader, true | readonly string[]][] = [];
  for (const [path, want] of Object.entries(rule.when ?? {})) {
    const r = compilePath(path, options);
    if (!r) return undefined; // the rule needs an option the user has not set
    when.push([r, want]);
  }
  const unless = Object.entries(rule.unless ?? {}).map(([path, values]) => [compilePath(path, options)!, values] as const);
  const kind: Reader = 'value' in rule.kind ? ((v) => () => v)(rule.kind.value) : compilePath(rule.kind.path, options)!;
  const kindFallback = 'path' in rule.kind ? rule.kind.fallback : undefined;
  const keys = rule.key.map((p) => compilePath(p, options)).filter((r): r is Reader => !!r);
  const action = rule.action ? compilePath(rule.action, options) : undefined;
  const deletes = new Set(rule.deletes ?? []);
  const creates = new Set(rule.creates ?? []);
  const snapshot = rule.snapshot !== undefined ? compilePath(rule.snapshot, options) : undefined;
  const merge = Object.entries(rule.merge ?? {}).map(([field, path]) => [field, compilePath(path, options)!] as const);
  const append = Object.entries(rule.append ?? {}).map(([field, path]) => [field, compilePath(path, options)!] as const);
  const status = (rule.status ?? []).map(splitPath);
  const label = (rule.label ?? []).map(splitPath);
  const parents = rule.parents !== undefined ? splitPath(rule.parents) : undefined;

  const describe: Describer = (state) => {
    const info: VersionInfo = { status: firstIn(state, status), label: firstIn(state, label) };
    if (parents) {
      const p = walk(state, parents);
      const list = Array.isArray(p) ? p.map(asName).filter((x): x is string => !!x) : asName(p) ? [asName(p)!] : [];
      if (list.length) info.parents = list;
    }
    return info;
  };

  const mapper: EventMapper = (e) => {
    for (const [r, want] of when) {
      const v = asName(r(e));
      if (v === undefined || (want !== true && !want.includes(v))) return undefined;
    }
    for (const [r, values] of unless) {
      const v = asName(r(e));
      if (v !== undefined && values.includes(v)) return undefined;
    }
    let key: string | undefined;
    for (const r of keys) if ((key = asName(r(e))) !== undefined) break;
    const k = asName(kind(e)) ?? kindFallback;
    if (key === undefined || k === undefined) return undefined;
    hit.kind = k;
    hit.key = key;
    hit.e = e;
    hit.act = action ? asName(action(e)) : undefined;
    return hit;
  };

  // One answer object per rule, filled in per event: the index reads it at once, before the next event is mapped, and
  // a fresh object with its own `next` closure per event was garbage at tens of thousands of events a second.
  const hit: MappedEvent & { e: StreamEvent | undefined; act: string | undefined } = {
    kind: '',
    key: '',
    describe,
    e: undefined,
    act: undefined,
    op: 'seen',
    state: undefined,
    next(prevOp, prevState) {
      const e = hit.e!;
      const act = hit.act;
      const alive = prevOp !== undefined && prevOp !== 'delete';
      if (act !== undefined && deletes.has(act)) {
        const last = snapshot ? snapshot(e) : undefined;
        hit.op = 'delete';
        hit.state = isObject(last) ? last : prevState;
        return;
      }
      let state: unknown = alive ? prevState : undefined;
      let changed = false;
      if (snapshot) {
        const s = snapshot(e);
        if (isObject(s) || Array.isArray(s)) {
          state = s;
          changed = true;
        }
      }
      if (merge.length || append.length) {
        const next: Record<string, unknown> = isObject(state) ? { ...state } : {};
        for (const [field, r] of merge) {
          const v = r(e);
          if (v !== undefined && v !== null) next[field] = v;
        }
        for (const [field, r] of append) {
          const v = r(e);
          if (v === undefined || v === null) continue;
          const list = Array.isArray(next[field]) ? (next[field] as unknown[]) : [];
          if (!list.includes(v)) next[field] = [...list, v];
        }
        state = next;
        changed = true;
      }
      hit.op = !alive ? (act !== undefined && creates.has(act) ? 'create' : 'seen') : changed ? 'update' : 'touch';
      hit.state = state ?? null;
    },
  };
  return mapper;
}

/** Compiles a mapping; the returned function says which entity an event is about, or undefined. */
export function compileMapping(mapping: EntityMapping, options: MappingOptions = {}): EventMapper {
  const rules = mapping.rules.map((r) => compileRule(r, options)).filter((r): r is EventMapper => !!r);
  if (rules.length === 1) return rules[0];
  return (e) => {
    for (const r of rules) {
      const m = r(e);
      if (m) return m;
    }
    return undefined;
  };
}
