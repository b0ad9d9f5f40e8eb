// The `time:` term: when an event was received, by time of day (`time:>12:01:03`, `time:12:01..12:05`) or by a
// date and time (`time:2026-12-01T12:01..2026-12-01T12:05:30`). A bound counts at the precision it is written
// with: `12:05` is the whole minute, so `time:12:01..12:05` ends at 12:05:59.999 and `time:>12:01:03` starts at
// 12:01:04. A time of day matches on any day (the buffer rarely spans midnight); a date pins the day.

/** A bound as written: its first millisecond and how long it lasts (its precision). */
export interface TimePoint {
  /** Milliseconds since local midnight (time of day), or since the epoch (absolute). */
  ms: number;
  absolute: boolean;
}

/** The range an event's receive time must fall in: from ≤ t < to; either end may be open. */
export interface TimeRange {
  from?: TimePoint;
  to?: TimePoint;
}

const TIME_OF_DAY = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** How long a bound written with these parts lasts: a minute, a second, or 10^-digits of one. */
function unitOf(seconds: string | undefined, fraction: string | undefined): number {
  if (seconds === undefined) return 60_000;
  if (fraction === undefined) return 1000;
  return 10 ** (3 - fraction.length);
}

/** Reads one bound: its start and length. Undefined when it is not a time. */
export function parseTimePoint(text: string): { start: TimePoint; unit: number } | undefined {
  const t = TIME_OF_DAY.exec(text);
  if (t) {
    const [, h, m, s, f] = t;
    if (Number(h) > 23 || Number(m) > 59 || (s !== undefined && Number(s) > 59)) return undefined;
    const ms = ((Number(h) * 60 + Number(m)) * 60 + Number(s ?? 0)) * 1000 + (f ? Number(f.padEnd(3, '0')) : 0);
    return { start: { ms, absolute: false }, unit: unitOf(s, f) };
  }
  const d = DATE_TIME.exec(text);
  if (d) {
    const ms = Date.parse(d[1] === undefined ? `${text.slice(0, 10)}T00:00` : text.replace(' ', 'T'));
    if (Number.isNaN(ms)) return undefined;
    return { start: { ms, absolute: true }, unit: d[1] === undefined ? 86_400_000 : unitOf(d[3], d[4]) };
  }
  return undefined;
}

const shift = (p: TimePoint, by: number): TimePoint => ({ ms: p.ms + by, absolute: p.absolute });

/**
 * A `time:` value (after the colon): `>T`, `>=T`, `<T`, `<=T`, `T`, `A..B`, `A..` or `..B`. Returns the range, or an
 * error message for the user.
 */
export function parseTimeRange(op: '' | '>' | '>=' | '<' | '<=', text: string): TimeRange | string {
  const bad = (t: string) => `"${t}" is not a time: write HH:MM, HH:MM:SS or HH:MM:SS.mmm (or a date such as 2026-12-01T12:01)`;
  const dots = text.indexOf('..');
  if (dots >= 0) {
    if (op) return `A range (a..b) takes no "${op}"`;
    const a = text.slice(0, dots);
    const b = text.slice(dots + 2);
    if (!a && !b) return 'A range needs a start or an end: time:12:01..12:05';
    const pa = a ? parseTimePoint(a) : undefined;
    const pb = b ? parseTimePoint(b) : undefined;
    if (a && !pa) return bad(a);
    if (b && !pb) return bad(b);
    return { from: pa?.start, to: pb ? shift(pb.start, pb.unit) : undefined };
  }
  const p = parseTimePoint(text);
  if (!p) return bad(text);
  switch (op) {
    case '>':
      return { from: shift(p.start, p.unit) };
    case '>=':
      return { from: p.start };
    case '<':
      return { to: p.start };
    case '<=':
      return { to: shift(p.start, p.unit) };
    default:
      return { from: p.start, to: shift(p.start, p.unit) };
  }
}

/** A test of a receive time (ms since the epoch) against a range, with local midnight cached per day. */
export function timeTester(range: TimeRange): (t: number) => boolean {
  let dayStart = 0;
  let dayEnd = -1;
  const timeOfDay = (t: number) => {
    if (t < dayStart || t >= dayEnd) {
      const d = new Date(t);
      d.setHours(0, 0, 0, 0);
      dayStart = d.getTime();
      d.setDate(d.getDate() + 1);
      dayEnd = d.getTime();
    }
    return t - dayStart;
  };
  const { from, to } = range;
  return (t) => {
    if (from && (from.absolute ? t : timeOfDay(t)) < from.ms) return false;
    if (to && (to.absolute ? t : timeOfDay(t)) >= to.ms) return false;
    return true;
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A receive time as a `time:` bound at millisecond precision, local: 12:01:03.250, or 2026-12-01T12:01:03.250. */
export function formatTimeBound(t: number, withDate = false): string {
  const d = new Date(t);
  const date = withDate ? `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T` : '';
  return `${date}${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/**
 * The `time:` term for a brushed range [from, to] (inclusive, ms precision): times of day, short and readable, unless
 * `withDate` (the buffer spans more than one day, where a time of day would match on each).
 */
export function timeRangeTerm(from: number, to: number, withDate = false): string {
  return `time:${formatTimeBound(Math.min(from, to), withDate)}..${formatTimeBound(Math.max(from, to), withDate)}`;
}
