import type { StreamEvent } from '../core/events';
import { ExactNumber } from '../core/exactJson';

// Shape drift: per event type, the field paths its events have carried and the value types seen at each. An event
// that brings a path its type never had, or a value type a path never had, is a drift: it is remembered by seq with
// what changed. The first event of a type sets its baseline and is not a drift.
//
// Per event the cost is one walk of its value: O(paths), no strings built (the paths form a tree of nodes that each
// hold their own dotted path, made once). Bounded: paths per type, types, depth and array items walked are capped,
// and the summary says when a cap was hit.

export const VALUE_KINDS = ['string', 'number', 'boolean', 'null', 'object', 'array'] as const;
export type ValueKind = (typeof VALUE_KINDS)[number];

export const MAX_PATHS_PER_TYPE = 256;
export const MAX_TYPES = 256;
/** Levels below the top walked; deeper values count for the path they sit under only. */
export const MAX_DEPTH = 8;
/** Array items walked per array (their fields share one `[]` path): a 10 000-item array costs the same as 16. */
export const MAX_ITEMS = 16;
/** Drifts remembered; the oldest are forgotten first (they are usually long out of the buffer). */
export const MAX_MARKS = 20_000;

const STRING = 1;
const NUMBER = 2;
const BOOLEAN = 4;
const NULL = 8;
const OBJECT = 16;
const ARRAY = 32;

function kindBit(v: unknown): number {
  switch (typeof v) {
    case 'string':
      return STRING;
    case 'number':
    case 'bigint':
      return NUMBER;
    case 'boolean':
      return BOOLEAN;
    case 'object':
      if (v === null) return NULL;
      if (Array.isArray(v)) return ARRAY;
      if (v instanceof ExactNumber) return NUMBER;
      return OBJECT;
    default:
      return 0; // undefined, functions: not JSON, not a shape
  }
}

/** The kinds in a bit set, in VALUE_KINDS order. */
export function kindsOf(bits: number): ValueKind[] {
  return VALUE_KINDS.filter((_, i) => bits & (1 << i));
}

interface PathNode {
  path: string;
  /** Events of the type that carried this path (once per event, however many array items did). */
  count: number;
  kinds: number;
  /** How many of those events carried each kind (VALUE_KINDS order). */
  kindCounts: number[];
  lastSeq: number;
  /** The kinds met in the event `lastSeq` (an array's items may hold several). */
  eventKinds: number;
  firstSeq: number;
  children: Map<string, PathNode> | null;
  /** The items of an array at this path. */
  items: PathNode | null;
}

export interface ShapeChange {
  path: string;
  /** `field`: a path the type never had; `type`: a value type the path never had. */
  what: 'field' | 'type';
  kind: ValueKind;
  /** The kinds seen before, for a type change. */
  was?: ValueKind[];
}

interface TypeShape {
  dialect: string;
  type: string;
  events: number;
  root: PathNode;
  paths: number;
  /** Events that carried a path the cap kept out. */
  cappedEvents: number;
  drifts: number;
  lastDriftSeq: number;
}

export interface FieldRow {
  path: string;
  count: number;
  kinds: { kind: ValueKind; count: number }[];
  firstSeq: number;
}

export interface TypeSummary {
  dialect: string;
  type: string;
  events: number;
  drifts: number;
  lastDriftSeq: number;
  fields: FieldRow[];
  /** Set when the path cap was reached: events that brought more paths than were kept. */
  cappedEvents: number;
}

export interface ShapeSummary {
  types: TypeSummary[];
  /** Events of types past the type cap, not tracked. */
  untrackedEvents: number;
  untrackedTypes: boolean;
}

const newNode = (path: string, seq: number): PathNode => ({ path, count: 0, kinds: 0, kindCounts: [0, 0, 0, 0, 0, 0], lastSeq: 0, eventKinds: 0, firstSeq: seq, children: null, items: null });

/** Which events a shape is tracked for: decoded incoming frames. */
export function hasShape(e: StreamEvent): boolean {
  return e.dir === 'in' && e.kind === 'message' && e.value !== undefined;
}

export class ShapeTracker {
  /** In first-seen order. */
  private types: TypeShape[] = [];
  /** dialect → type → shape: found per event without building a key string. */
  private byDialect = new Map<string, Map<string, TypeShape>>();
  private marks = new Map<number, ShapeChange[]>();
  private untrackedEvents = 0;
  private untrackedTypes = false;
  /** Bumped on every change a summary would show. */
  version = 0;

  // The walk's state for the event being read (one event at a time).
  private seq = 0;
  private shape: TypeShape | null = null;
  private baseline = false;
  private changes: ShapeChange[] | null = null;
  private capped = false;

  constructor(private readonly limits = { paths: MAX_PATHS_PER_TYPE, types: MAX_TYPES, marks: MAX_MARKS }) {}

  /** Reads one event's shape; returns what changed (undefined when nothing did). */
  observe(e: StreamEvent): ShapeChange[] | undefined {
    if (!hasShape(e)) return undefined;
    const type = e.type ?? '';
    let ofDialect = this.byDialect.get(e.dialect);
    if (!ofDialect) this.byDialect.set(e.dialect, (ofDialect = new Map()));
    let shape = ofDialect.get(type);
    if (!shape) {
      if (this.types.length >= this.limits.types) {
        this.untrackedEvents++;
        this.untrackedTypes = true;
        return undefined;
      }
      shape = { dialect: e.dialect, type, events: 0, root: newNode('', e.seq), paths: 0, cappedEvents: 0, drifts: 0, lastDriftSeq: 0 };
      this.types.push(shape);
      ofDialect.set(type, shape);
    }
    this.seq = e.seq;
    this.shape = shape;
    this.baseline = shape.events === 0;
    this.changes = null;
    this.capped = false;
    shape.events++;
    this.walk(shape.root, e.value, 0);
    if (this.capped) shape.cappedEvents++;
    const changes = this.changes as ShapeChange[] | null;
    this.shape = null;
    this.changes = null;
    this.version++;
    if (!changes) return undefined;
    shape.drifts++;
    shape.lastDriftSeq = e.seq;
    this.marks.set(e.seq, changes);
    if (this.marks.size > this.limits.marks) this.marks.delete(this.marks.keys().next().value!);
    return changes;
  }

  private walk(node: PathNode, v: unknown, depth: number): void {
    const bit = kindBit(v);
    if (!bit) return;
    const first = node.lastSeq !== this.seq;
    if (first) {
      node.lastSeq = this.seq;
      node.eventKinds = 0;
      node.count++;
    }
    if (!(node.kinds & bit)) {
      // A path met for the first time was already reported as a new field.
      if (node.kinds !== 0 && !this.baseline) this.change({ path: node.path || '(the value)', what: 'type', kind: VALUE_KINDS[31 - Math.clz32(bit)], was: kindsOf(node.kinds) });
      node.kinds |= bit;
    }
    if (!(node.eventKinds & bit)) {
      node.eventKinds |= bit;
      node.kindCounts[31 - Math.clz32(bit)]++;
    }
    if (depth >= MAX_DEPTH) return;
    if (bit === OBJECT) {
      const o = v as Record<string, unknown>;
      for (const k in o) {
        if (!Object.prototype.hasOwnProperty.call(o, k)) continue;
        let child = node.children?.get(k);
        if (!child) {
          if (this.shape!.paths >= this.limits.paths) {
            this.capped = true;
            continue;
          }
          child = newNode(node.path ? `${node.path}.${k}` : k, this.seq);
          (node.children ??= new Map()).set(k, child);
          this.shape!.paths++;
          const cb = kindBit(o[k]);
          if (!this.baseline && cb) this.change({ path: child.path, what: 'field', kind: VALUE_KINDS[31 - Math.clz32(cb)] });
        }
        this.walk(child, o[k], depth + 1);
      }
    } else if (bit === ARRAY) {
      const a = v as unknown[];
      if (!a.length) return;
      let items = node.items;
      if (!items) {
        if (this.shape!.paths >= this.limits.paths) {
          this.capped = true;
          return;
        }
        items = node.items = newNode(`${node.path}[]`, this.seq);
        this.shape!.paths++;
        const cb = kindBit(a[0]);
        if (!this.baseline && cb) this.change({ path: items.path, what: 'field', kind: VALUE_KINDS[31 - Math.clz32(cb)] });
      }
      const n = Math.min(a.length, MAX_ITEMS);
      for (let i = 0; i < n; i++) this.walk(items, a[i], depth + 1);
    }
  }

  private change(c: ShapeChange): void {
    (this.changes ??= []).push(c);
  }

  /** What event `seq` changed in its type's shape, if anything. */
  changesAt(seq: number): ShapeChange[] | undefined {
    return this.marks.get(seq);
  }

  isDrift(seq: number): boolean {
    return this.marks.has(seq);
  }

  get driftCount(): number {
    return this.marks.size;
  }

  /** Forgets drifts of events before `seq` (evicted from the buffer): the shapes they taught stay. */
  forgetBefore(seq: number): void {
    for (const s of this.marks.keys()) {
      if (s >= seq) break; // insertion order is seq order
      this.marks.delete(s);
    }
  }

  clear(): void {
    this.types = [];
    this.byDialect.clear();
    this.marks.clear();
    this.untrackedEvents = 0;
    this.untrackedTypes = false;
    this.version++;
  }

  summary(): ShapeSummary {
    const types: TypeSummary[] = [];
    for (const s of this.types) {
      const fields: FieldRow[] = [];
      const visit = (n: PathNode) => {
        if (n.path) fields.push({ path: n.path, count: n.count, firstSeq: n.firstSeq, kinds: VALUE_KINDS.flatMap((kind, i) => (n.kindCounts[i] ? [{ kind, count: n.kindCounts[i] }] : [])) });
        if (n.children) for (const c of n.children.values()) visit(c);
        if (n.items) visit(n.items);
      };
      visit(s.root);
      types.push({ dialect: s.dialect, type: s.type, events: s.events, drifts: s.drifts, lastDriftSeq: s.lastDriftSeq, fields, cappedEvents: s.cappedEvents });
    }
    types.sort((a, b) => b.events - a.events || a.type.localeCompare(b.type));
    return { types, untrackedEvents: this.untrackedEvents, untrackedTypes: this.untrackedTypes };
  }
}

/** One line for a drift, as the row's badge and the detail say it. */
export function describeChanges(changes: readonly ShapeChange[]): string {
  const parts = changes.slice(0, 3).map((c) => (c.what === 'field' ? `new field ${c.path} (${c.kind})` : `${c.path} is now also ${c.kind} (was ${c.was!.join(', ')})`));
  if (changes.length > 3) parts.push(`${changes.length - 3} more`);
  return parts.join('; ');
}
