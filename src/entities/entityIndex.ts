import type { StreamEvent } from '../core/events';
import type { EntityMapping } from '../dialects/entityMapping';
import { compileMapping, type EventMapper, type MappingOptions, type Version } from './mapping';
import { GrowableChangeLog } from './changeLog';

/** One thing the stream is about, per connection: a DRP machine, a Tutum container, a BigchainDB asset… */
export interface Entity {
  /** Its place in the index's arrays; stable until the index compacts (see `epoch`). */
  slot: number;
  id: string;
  connId: string;
  dialect: string;
  kind: string;
  key: string;
  /** Versions in order. Those of events the buffer dropped are gone: `first` is the oldest one still held. */
  versions: (Version | undefined)[];
  first: number;
}

/** A copy of every entity's latest version index at one point of the change log. */
export interface Checkpoint {
  /** Changes before this (absolute) index are applied. */
  at: number;
  ver: Int32Array;
}

/** Checkpoints are taken every max(CHECKPOINT_MIN, entity count) changes: memory stays at most one int per change. */
export const CHECKPOINT_MIN = 8192;

/**
 * Every entity the buffered events are about, each with its versions, plus the change log (one record per event that
 * changed an entity, in seq order) and checkpoints of it. The world at any buffered time is a checkpoint plus the
 * changes after it (see WorldCursor). It follows the event buffer: events the ring drops take their versions with
 * them, so the reconstruction never claims to know a state before the oldest held event.
 */
export class EntityIndex {
  entities: Entity[] = [];
  private byId = new Map<string, Entity>();
  readonly changes = new GrowableChangeLog();
  /** Latest version index per slot (-1: none). */
  live = new Int32Array(1024).fill(-1);
  /** First held version per slot; a version index below it is unknown. */
  firstVer = new Int32Array(1024);
  checkpoints: Checkpoint[] = [];
  private sinceCheckpoint = 0;
  private dead = 0;
  /** Bumped when slots are renumbered or everything is cleared: cursors must start again. */
  epoch = 0;
  /** Bumped on every change, for views that redraw. */
  version = 0;
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
    return this.byId.size;
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
      const id = `${e.connId}\u0000${m.kind}\u0000${m.key}`;
      let ent = this.byId.get(id);
      if (!ent) {
        ent = { slot: this.entities.length, id, connId: e.connId, dialect: e.dialect, kind: m.kind, key: m.key, versions: [], first: 0 };
        this.entities.push(ent);
        this.byId.set(id, ent);
        this.growSlots(this.entities.length);
        this.live[ent.slot] = -1;
        this.firstVer[ent.slot] = 0;
      }
      const prevIx = this.live[ent.slot];
      const prev = prevIx >= ent.first ? ent.versions[prevIx] : undefined;
      const v = m.next(prev);
      const ix = ent.versions.length;
      ent.versions.push(v);
      this.live[ent.slot] = ix;
      this.changes.push(e.seq, ent.slot, ix);
      changed = true;
      if (++this.sinceCheckpoint >= Math.max(this.checkpointMin, this.entities.length)) this.checkpoint();
    }
    if (changed) this.changed();
  }

  private checkpoint(): void {
    this.sinceCheckpoint = 0;
    this.checkpoints.push({ at: this.changes.end, ver: this.live.slice(0, this.entities.length) });
  }

  private growSlots(n: number): void {
    if (n <= this.live.length) return;
    const size = Math.max(n, this.live.length * 2);
    const live = new Int32Array(size).fill(-1);
    live.set(this.live);
    const first = new Int32Array(size);
    first.set(this.firstVer);
    this.live = live;
    this.firstVer = first;
  }

  /** The buffer now starts at `firstSeq`: versions of older events are forgotten. */
  evictBefore(firstSeq: number): void {
    if (firstSeq <= this.firstSeq) return;
    this.firstSeq = firstSeq;
    const ch = this.changes;
    let evicted = false;
    while (ch.head < ch.end && ch.seqAt(ch.head) < firstSeq) {
      const slot = ch.slotAt(ch.head);
      const ver = ch.verAt(ch.head);
      const ent = this.entities[slot];
      ent.versions[ver] = undefined;
      ent.first = ver + 1;
      this.firstVer[slot] = ver + 1;
      if (ent.first === ent.versions.length) {
        this.byId.delete(ent.id);
        this.dead++;
      }
      ch.head++;
      evicted = true;
    }
    if (!evicted) return;
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
    for (const ent of this.entities) {
      if (ent.first >= ent.versions.length) continue;
      map[ent.slot] = kept.length;
      ent.slot = kept.length;
      kept.push(ent);
    }
    const n = kept.length;
    const live = new Int32Array(Math.max(1024, n * 2)).fill(-1);
    const first = new Int32Array(live.length);
    for (let old = 0; old < map.length; old++) {
      const s = map[old];
      if (s < 0) continue;
      live[s] = this.live[old];
      first[s] = this.firstVer[old];
    }
    this.live = live;
    this.firstVer = first;
    this.changes.remapSlots(map);
    this.checkpoints = this.checkpoints.map((c) => {
      const ver = new Int32Array(n).fill(-1);
      for (let old = 0; old < c.ver.length; old++) if (map[old] >= 0) ver[map[old]] = c.ver[old];
      return { at: c.at, ver };
    });
    this.entities = kept;
    this.dead = 0;
    this.epoch++;
  }

  clear(): void {
    this.entities = [];
    this.byId.clear();
    this.changes.clear();
    this.live = new Int32Array(1024).fill(-1);
    this.firstVer = new Int32Array(1024);
    this.checkpoints = [];
    this.sinceCheckpoint = 0;
    this.dead = 0;
    this.epoch++;
    this.changed();
  }

  get(id: string): Entity | undefined {
    return this.byId.get(id);
  }

  /** Version `ix` of the entity in `slot`, or undefined when it is unknown (never made, or dropped). */
  versionOf(slot: number, ix: number): Version | undefined {
    const ent = this.entities[slot];
    return ent && ix >= ent.first ? ent.versions[ix] : undefined;
  }

  /** The entity's latest version, live. */
  latest(ent: Entity): Version | undefined {
    return this.versionOf(ent.slot, this.live[ent.slot]);
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
