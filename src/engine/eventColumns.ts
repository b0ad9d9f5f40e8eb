import type { StreamEvent } from '../core/events';
import type { PredicatePlan } from '../core/predicatePlan';

// Per-key columns of the buffer, so a filter's `key:value` terms compare small integers instead of reading two or
// three objects per event: over a million events those reads, not the tests, were most of a new filter's time.
//
// A column holds, for each event in the buffer, a code for the one scalar a term on its key would test: the value
// under that key (any case) in the event's parsed value and its `fields`, and for type, action and key also the
// normalised column. Where those disagree, or one is an array, an object or a long string, or the key is there twice
// in different cases, the code says "ask the event" and the term is tested on the event itself. Codes are derived
// from the events at append and can be derived again; nothing in an event changes.

/** The term must be tested on the event. */
const ASK = 0;
/** Neither the value, nor `fields`, nor the normalised column has the key: a term on it is false. */
const ABSENT = 1;
const FIRST_CODE = 2;
/** More distinct values than this and the key stops being a column (ids, timestamps, counters). */
export const MAX_VALUES = 4096;
/** Strings longer than this are not interned (payloads, paths): the event answers. */
const MAX_STRING = 64;
/** Keys (any spelling) remembered with their column. */
const MAX_SPELLINGS = 4096;
/**
 * Columns created for one buffer, live or retired: codes take 1 byte per event of capacity (2 past 255 values), so
 * at most 32 (64) bytes per event held, outside the JS heap. The firehose's small events keep five.
 */
const MAX_COLUMNS = 32;

/** Sentinel: the column's slot for this event already says ASK. */
const MIXED: unique symbol = Symbol('mixed');

class Column {
  codes: Uint8Array | Uint16Array;
  readonly values: unknown[] = [undefined, undefined];
  readonly index = new Map<unknown, number>();
  active = true;
  /** The event whose parts are being merged into this column, and the value merged so far. */
  lastSeq = -1;
  lastValue: unknown = MIXED;
  writes = 0;
  asks = 0;

  constructor(
    cap: number,
    /** The first seq this column codes; older events are tested as they are. */
    readonly since: number,
  ) {
    this.codes = new Uint8Array(cap);
  }
}

/**
 * The keys one call site met last time and their columns: events of a stream mostly repeat one key order, so a
 * key is matched by identity with the previous event's instead of being looked up.
 */
interface KeyCache {
  keys: string[];
  cols: (Column | null)[];
}

const keyCache = (): KeyCache => ({ keys: [], cols: [] });

export type SeqTest = (seq: number, e: StreamEvent) => boolean;

const isPlain = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;

/** Keys a plain object answers without holding them (getKey would read the prototype's): never a column. */
export const inheritedKey = (key: string): boolean => key in Object.prototype;

export class EventColumns {
  private readonly byLower = new Map<string, Column | null>();
  private readonly bySpelling = new Map<string, Column | null>();
  private live: Column[] = [];
  private created = 0;
  private readonly valueKeys = keyCache();
  private readonly fieldKeys = keyCache();
  private readonly named = keyCache();
  /** The first seq coded; older events (before a resize) have no codes. */
  private from = Infinity;
  /** The last event whose parsed value (or fields) every term must ask, as no column can code it. */
  private lastAskAll = -Infinity;

  constructor(private readonly cap: number) {}

  /** Retires every column (the buffer was cleared or resized): tests bound to them ask the events. */
  reset(): void {
    for (const c of this.live) c.active = false;
    this.live = [];
  }

  /** The live column names, for tests and diagnostics. */
  get keys(): string[] {
    return [...this.byLower].filter(([, c]) => c?.active).map(([k]) => k);
  }

  /** Codes one event; called for every appended event, in seq order. */
  add(e: StreamEvent): void {
    const seq = e.seq;
    if (this.from === Infinity) this.from = seq;
    const slot = seq % this.cap;
    const named = this.named;
    if (e.type !== undefined) this.part(this.cached(named, 0, 'type', seq), e.type, seq, slot);
    if (e.action !== undefined) this.part(this.cached(named, 1, 'action', seq), e.action, seq, slot);
    if (e.key !== undefined) this.part(this.cached(named, 2, 'key', seq), e.key, seq, slot);
    this.parts(e.value, seq, slot, this.valueKeys);
    if (e.fields !== undefined) this.parts(e.fields, seq, slot, this.fieldKeys);
    const live = this.live;
    for (let i = 0; i < live.length; i++) {
      const c = live[i];
      if (c.lastSeq !== seq) {
        c.codes[slot] = ABSENT;
        c.lastSeq = seq;
      }
    }
  }

  private cached(cache: KeyCache, i: number, k: string, seq: number): Column | null {
    if (cache.keys[i] === k) return cache.cols[i];
    const c = this.columnFor(k, seq);
    cache.keys[i] = k;
    cache.cols[i] = c;
    return c;
  }

  private parts(v: unknown, seq: number, slot: number, cache: KeyCache): void {
    if (v === null || typeof v !== 'object') return; // a term's key lookup finds nothing in a scalar
    if (!isPlain(v)) {
      // Arrays fan out and other objects may answer through their prototype: every term asks the event, also one
      // on a key no column holds yet.
      this.lastAskAll = seq;
      for (const c of this.live) this.part(c, MIXED, seq, slot);
      return;
    }
    let i = 0;
    for (const k in v) this.part(i < 256 ? this.cached(cache, i++, k, seq) : this.columnFor(k, seq), v[k], seq, slot);
  }

  /** Merges one part of an event (a value found under the column's key) into its code. */
  private part(c: Column | null, x: unknown, seq: number, slot: number): void {
    if (c === null || !c.active) return;
    if (c.lastSeq === seq) {
      if (x !== c.lastValue || x === MIXED) {
        if (c.lastValue !== MIXED) c.asks++;
        c.codes[slot] = ASK;
        c.lastValue = MIXED;
      }
      return;
    }
    c.lastSeq = seq;
    c.writes++;
    const code = this.codeOf(c, x);
    c.lastValue = code === ASK ? MIXED : x;
    if (code === ASK) c.asks++;
    if (c.active) c.codes[slot] = code;
    // A key whose events mostly ask (arrays, objects, long text) saves nothing and costs a column.
    if (c.asks > 1024 && c.asks * 2 > c.writes) this.retire(c);
  }

  private codeOf(c: Column, x: unknown): number {
    const t = typeof x;
    // An own key holding undefined is no value to a term (the filter's key lookup skips it).
    if (x === undefined) return ABSENT;
    if (!(t === 'string' ? (x as string).length <= MAX_STRING : t === 'number' || t === 'boolean' || x === null)) return ASK;
    let code = c.index.get(x);
    if (code !== undefined) return code;
    code = c.values.length;
    if (code - FIRST_CODE >= MAX_VALUES) {
      this.retire(c);
      return ASK;
    }
    if (code === 256) {
      const wide = new Uint16Array(c.codes.length);
      wide.set(c.codes);
      c.codes = wide;
    }
    c.values.push(x);
    c.index.set(x, code);
    return code;
  }

  private retire(c: Column): void {
    c.active = false;
    c.codes = new Uint8Array(0);
    c.index.clear();
    this.live = this.live.filter((l) => l !== c);
  }

  /** The column for a key spelled `k`, created on first sight; null when the key cannot be one. */
  private columnFor(k: string, seq: number): Column | null {
    let c = this.bySpelling.get(k);
    if (c !== undefined) return c;
    const lower = k.toLowerCase();
    c = this.byLower.get(lower);
    if (c === undefined) {
      // A key whose lower case has another length never matches a term by case (see the filter's getKey).
      // Nor does a numeric key (a term on one indexes arrays).
      if (lower.length !== k.length || inheritedKey(lower) || inheritedKey(k) || /^\d+$/.test(k) || this.created >= MAX_COLUMNS) c = null;
      else c = this.create(seq);
      this.byLower.set(lower, c);
    } else if (inheritedKey(k)) c = null;
    if (this.bySpelling.size < MAX_SPELLINGS) this.bySpelling.set(k, c);
    return c;
  }

  private create(seq: number): Column {
    // Events coded before this key first came had none of it, except those whose value no column could code.
    const since = Math.max(this.from, this.lastAskAll + 1);
    const c = new Column(this.cap, since);
    this.created++;
    const before = seq - since;
    if (before >= this.cap) c.codes.fill(ABSENT);
    else if (before > 0) {
      const start = since % this.cap;
      const end = start + before;
      c.codes.fill(ABSENT, start, Math.min(end, this.cap));
      if (end > this.cap) c.codes.fill(ABSENT, 0, end - this.cap);
    }
    this.live.push(c);
    return c;
  }

  /**
   * A test of (seq, event) equivalent to the plan, answering `key` terms from the columns. The event is only read
   * where a column has no answer, so a term over a column touches no event at all.
   */
  bind(plan: PredicatePlan): SeqTest {
    switch (plan.op) {
      case 'event': {
        const t = plan.test;
        return (_seq, e) => t(e);
      }
      case 'not': {
        const t = this.bind(plan.item);
        return (seq, e) => !t(seq, e);
      }
      case 'and':
      case 'or': {
        const ts = plan.items.map((p) => this.bind(p));
        if (ts.length === 1) return ts[0];
        if (ts.length === 2) {
          const [a, b] = ts;
          return plan.op === 'and' ? (seq, e) => a(seq, e) && b(seq, e) : (seq, e) => a(seq, e) || b(seq, e);
        }
        if (plan.op === 'and') {
          return (seq, e) => {
            for (const t of ts) if (!t(seq, e)) return false;
            return true;
          };
        }
        return (seq, e) => {
          for (const t of ts) if (t(seq, e)) return true;
          return false;
        };
      }
      case 'key': {
        const whole = plan.whole;
        const c = this.byLower.get(plan.key);
        if (!c || !c.active) return (_seq, e) => whole(e);
        const test = plan.test;
        // Each distinct value is tested once: -1 not yet, 0 false, 1 true.
        const answers = new Int8Array(FIRST_CODE + MAX_VALUES).fill(-1);
        answers[ABSENT] = 0;
        return (seq, e) => {
          if (!c.active || seq < c.since) return whole(e);
          const code = c.codes[seq % this.cap];
          if (code === ASK) return whole(e);
          let a = answers[code];
          if (a < 0) a = answers[code] = test(c.values[code]) ? 1 : 0;
          return a === 1;
        };
      }
    }
  }
}
