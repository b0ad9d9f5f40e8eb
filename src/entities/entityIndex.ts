import type { StreamEvent } from '../core/events';
import type { EntityMapping } from '../dialects/entityMapping';
import { compileMapping, type Describer, type EventMapper, type MappingOptions, type Version, type VersionInfo } from './mapping';
import { GrowableChangeLog } from './changeLog';

/**
 * One thing the stream is about, per connection: a DRP machine, a Tutum container, a BigchainDB asset… Its versions
 * are change-log records (the index's `live` points at the latest, each record at the one before it).
 */
export class Entity {
  constructor(
    /** Its place in the index's arrays; stable until the index compacts (see `epoch`). */
    public slot: number,
    readonly connId: string,
    readonly dialect: string,
    readonly kind: string,
    readonly key: string,
    /** Its rule's reading of a state: status, label, parents. */
    readonly describe: Describer,
  ) {}

  /** Stable name across compactions (made when asked: a stream of unique keys would pay a string per event). */
  get id(): string {
    return entityId(this.connId, this.kind, this.key);
  }

  info(v: Version): VersionInfo {
    return this.describe(v.state);
  }
}

export const entityId = (connId: string, kind: string, key: string): string => `${connId}\u0000${kind}\u0000${key}`;

/** Every entity's latest version at one point of the change log. */
export interface Checkpoint {
  /** Changes before this (absolute) index are applied. */
  at: number;
  /**
   * Per slot, how far before `at` its version is (`at` minus its change index), 0 for none. Int32, half the size of
   * a copy of `live`: a version further back than 2^31 changes was dropped long ago.
   */
  back: Int32Array;
  /** 1 where that version is a delete. */
  dead: Uint8Array;
}

/** Checkpoints are taken every max(CHECKPOINT_MIN, entity count) changes: memory stays at most 5 bytes per change. */
export const CHECKPOINT_MIN = 8192;
const MAX_BACK = 0x7fffffff;

/**
 * Every entity the buffered events are about, the change log (one record per event that changed an entity, in seq
 * order: that entity's version after it) and checkpoints of it. The world at any buffered time is a checkpoint plus the
 * changes after it (see WorldCursor). It follows the event buffer: events the ring drops take their versions with
 * them, so the reconstruction never claims to know a state before the oldest held event.
 */
export class EntityIndex {
  entities: Entity[] = [];
  /** connId → kind → key → entity: no key string is built per event. */
  private byKey = new Map<string, Map<string, Map<string, Entity>>>();
  private count = 0;
  readonly changes = new GrowableChangeLog();
  /**
   * Latest version per slot: its absolute change index (-1: none). Float64, because a long session at tens of
   * thousands of events a second passes 2^31 changes in a day. Below `changes.head` it was dropped.
   */
  live = new Float64Array(1024).fill(-1);
  /** 1 where the latest version is a delete. */
  liveDead = new Uint8Array(1024);
  /** Ordinal of the first held version per slot: above 0, the entity's earlier versions were dropped. */
  firstVer = new Int32Array(1024);
  checkpoints: Checkpoint[] = [];
  private sinceCheckpoint = 0;
  private dead = 0;
  /** Bumped when slots are renumbered or everything is cleared: cursors must start again. */
  epoch = 0;
  /** Bumped on every change, for views that redraw. */
  version = 0;
  /**
   * Bumped when held versions are forgotten (the buffer dropped events). Appends alone never change the world as of
   * a held event except through changes a cursor then applies and records, so a list built at a cursor stays valid
   * across them (worldList.ts).
   */
  forgets = 0;
  /** Oldest seq still held by the buffer (versions before it are gone). */
  firstSeq = 1;
  private mappers = new Map<string, EventMapper | null>();
  private readonly listeners = new Set<() => void>();

  constructor(
    private mappingFor: (dialect: string) => EntityMapping | undefined,
    private options: MappingOptions = {},
    /** Fewest changes between checkpoints (tests use small ones). */
    private readonly checkpointMin = CHECKPOINT_MIN,
  ) {}

  get size(): number {
    return this.count;
  }

  private keysOf(connId: string, kind: string): Map<string, Entity> {
    let kinds = this.byKey.get(connId);
    if (!kinds) this.byKey.set(connId, (kinds = new Map()));
    let keys = kinds.get(kind);
    if (!keys) kinds.set(kind, (keys = new Map()));
    return keys;
  }

  get slots(): number {
    return this.entities.length;
  }

  /** The user picked another key path: every mapping is compiled again (the caller re-reads the buffer). */
  setOptions(options: MappingOptions): void {
    this.options = options;
    this.mappers.clear();
  }

  private mapperFor(dialect: string): EventMapper | null {
    let m = this.mappers.get(dialect);
    if (m === undefined) {
      const mapping = this.mappingFor(dialect);
      m = mapping ? compileMapping(mapping, this.options) : null;
      this.mappers.set(dialect, m);
    }
    return m;
  }

  /** Takes one appended batch, in seq order. */
  ingest(batch: readonly StreamEvent[]): void {
    let changed = false;
    for (const e of batch) {
      const mapper = this.mapperFor(e.dialect);
      const m = mapper?.(e);
      if (!m) continue;
      const keys = this.keysOf(e.connId, m.kind);
      let ent = keys.get(m.key);
      if (!ent) {
        ent = new Entity(this.entities.length, e.connId, e.dialect, m.kind, m.key, m.describe);
        this.entities.push(ent);
        keys.set(m.key, ent);
        this.count++;
        this.growSlots(this.entities.length);
        this.live[ent.slot] = -1;
        this.liveDead[ent.slot] = 0;
        this.firstVer[ent.slot] = 0;
      }
      const ch = this.changes;
      const prev = this.live[ent.slot];
      // An entity in the key map always has its latest version held (evictBefore takes it out with its last one).
      const known = prev >= 0;
      m.next(known ? ch.opAt(prev) : undefined, known ? ch.stateAt(prev) : undefined);
      this.live[ent.slot] = ch.push(e.seq, e.receivedAt, ent.slot, known ? ch.verAt(prev) + 1 : 0, prev, m.op, this.liveDead[ent.slot] === 1, m.state);
      this.liveDead[ent.slot] = m.op === 'delete' ? 1 : 0;
      changed = true;
      if (++this.sinceCheckpoint >= Math.max(this.checkpointMin, this.entities.length)) this.checkpoint();
    }
    if (changed) this.changed();
  }

  private checkpoint(): void {
    this.sinceCheckpoint = 0;
    const n = this.entities.length;
    const at = this.changes.end;
    const back = new Int32Array(n);
    const live = this.live;
    for (let s = 0; s < n; s++) if (live[s] >= 0) back[s] = Math.min(at - live[s], MAX_BACK);
    this.checkpoints.push({ at, back, dead: this.liveDead.slice(0, n) });
  }

  private growSlots(n: number): void {
    if (n <= this.live.length) return;
    const size = Math.max(n, this.live.length * 2);
    const live = new Float64Array(size).fill(-1);
    live.set(this.live);
    const first = new Int32Array(size);
    first.set(this.firstVer);
    const dead = new Uint8Array(size);
    dead.set(this.liveDead);
    this.live = live;
    this.firstVer = first;
    this.liveDead = dead;
  }

  /** The buffer now starts at `firstSeq`: versions of older events are forgotten. */
  evictBefore(firstSeq: number): void {
    if (firstSeq <= this.firstSeq) return;
    this.firstSeq = firstSeq;
    const ch = this.changes;
    let evicted = false;
    while (ch.head < ch.end && ch.seqAt(ch.head) < firstSeq) {
      const slot = ch.slotAt(ch.head);
      this.firstVer[slot] = ch.verAt(ch.head) + 1;
      ch.forget(ch.head);
      if (this.live[slot] === ch.head) {
        const ent = this.entities[slot];
        this.byKey.get(ent.connId)?.get(ent.kind)?.delete(ent.key);
        this.count--;
        this.dead++;
      }
      ch.head++;
      evicted = true;
    }
    if (!evicted) return;
    this.forgets++;
    ch.compact();
    let drop = 0;
    while (drop < this.checkpoints.length && this.checkpoints[drop].at < ch.head) drop++;
    if (drop) this.checkpoints.splice(0, drop);
    if (this.dead > 4096 && this.dead * 2 > this.entities.length) this.compactSlots();
    this.changed();
  }

  /** Renumbers slots without the entities whose every version was dropped. */
  private compactSlots(): void {
    const map = new Int32Array(this.entities.length).fill(-1);
    const kept: Entity[] = [];
    const head = this.changes.head;
    for (const ent of this.entities) {
      if (this.live[ent.slot] < head) continue;
      map[ent.slot] = kept.length;
      ent.slot = kept.length;
      kept.push(ent);
    }
    const n = kept.length;
    const live = new Float64Array(Math.max(1024, n * 2)).fill(-1);
    const first = new Int32Array(live.length);
    const dead = new Uint8Array(live.length);
    for (let old = 0; old < map.length; old++) {
      const s = map[old];
      if (s < 0) continue;
      live[s] = this.live[old];
      first[s] = this.firstVer[old];
      dead[s] = this.liveDead[old];
    }
    this.live = live;
    this.firstVer = first;
    this.liveDead = dead;
    this.changes.remapSlots(map);
    this.checkpoints = this.checkpoints.map((c) => {
      const back = new Int32Array(n);
      const dead = new Uint8Array(n);
      for (let old = 0; old < c.back.length; old++) {
        if (map[old] < 0) continue;
        back[map[old]] = c.back[old];
        dead[map[old]] = c.dead[old];
      }
      return { at: c.at, back, dead };
    });
    this.entities = kept;
    this.dead = 0;
    this.epoch++;
  }

  clear(): void {
    this.entities = [];
    this.byKey.clear();
    this.count = 0;
    this.changes.clear();
    this.live = new Float64Array(1024).fill(-1);
    this.liveDead = new Uint8Array(1024);
    this.firstVer = new Int32Array(1024);
    this.checkpoints = [];
    this.sinceCheckpoint = 0;
    this.dead = 0;
    this.epoch++;
    this.forgets++;
    this.changed();
  }

  get(id: string): Entity | undefined {
    const [connId, kind, key] = id.split('\u0000');
    return this.byKey.get(connId)?.get(kind)?.get(key);
  }

  /** The version at change index `c`, or undefined when it is unknown (never made, or dropped). */
  versionAt(c: number): Version | undefined {
    const ch = this.changes;
    if (c < ch.head || c >= ch.end) return undefined;
    return { seq: ch.seqAt(c), time: ch.timeAt(c), op: ch.opAt(c), state: ch.stateAt(c) };
  }

  /** How many of the entity's events the buffer holds up to its version at change index `c`. */
  eventsUpTo(slot: number, c: number): number {
    return this.changes.verAt(c) - this.firstVer[slot] + 1;
  }

  /** Whether the buffer dropped some of the entity's events (its state before the oldest held one is unknown). */
  droppedSome(ent: Entity): boolean {
    return this.firstVer[ent.slot] > 0;
  }

  /** The entity's held versions, oldest first, with the one before each (for diffs). */
  history(ent: Entity): { v: Version; prev: Version | undefined }[] {
    const ch = this.changes;
    const newestFirst: Version[] = [];
    for (let c = this.live[ent.slot]; c >= ch.head; c = ch.prevAt(c)) newestFirst.push(this.versionAt(c)!);
    const out: { v: Version; prev: Version | undefined }[] = [];
    let prev: Version | undefined;
    for (let i = newestFirst.length - 1; i >= 0; i--) {
      const v = newestFirst[i];
      out.push({ v, prev });
      prev = v;
    }
    return out;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    this.version++;
    for (const l of this.listeners) l();
  }
}
