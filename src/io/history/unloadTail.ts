import type { CaptureConnection } from '../capture';
import { readStored, removeStored, writeStored } from '../../lib/persist';
import type { StoredRecord } from './historyDb';

// The events a page going away has not seen stored yet. The writer's worker dies with the page, so a batch handed to
// it in `pagehide` (or one it was still writing) can be cut short: a reload moments after an event lost that event.
// localStorage is the one store a leaving page can write to synchronously, and it outlives a closed tab, which a new
// tab may adopt. The records are masked like the stored history; the next page takes them back at the index the
// stored history had reached, so what the writer did finish is not restored twice.

export interface UnloadTail {
  session: string;
  /** The session index of `records[0]`. */
  first: number;
  records: StoredRecord[];
  connections: Record<string, CaptureConnection>;
}

/** localStorage holds about 5 MB a site, shared with saved connections and settings: the tail takes at most this. */
const MAX_CHARS = 1_500_000;

const tailName = (session: string) => `history:tail:${session}`;

const validTail = (v: unknown): boolean => {
  const t = v as UnloadTail | null;
  return !!t && typeof t.session === 'string' && Number.isInteger(t.first) && Array.isArray(t.records);
};

/** Writes the tail, the newest records first to stay when it is too large; returns how many were kept. */
export function saveUnloadTail(tail: UnloadTail, maxChars = MAX_CHARS): number {
  let records = tail.records;
  let first = tail.first;
  while (records.length) {
    const value = { ...tail, first, records };
    const fits = JSON.stringify(value).length <= maxChars;
    if (fits && writeStored(tailName(tail.session), value)) return records.length;
    const drop = Math.ceil(records.length / 2);
    records = records.slice(drop);
    first += drop;
  }
  removeStored(tailName(tail.session));
  return 0;
}

/**
 * The records a page left behind for `session` that the stored history does not hold (it holds indexes below
 * `storedNext`), and forgets the tail.
 */
export function takeUnloadTail(session: string, storedNext: number): Pick<UnloadTail, 'records' | 'connections'> {
  const tail = readStored<UnloadTail | null>(tailName(session), null, validTail);
  removeStored(tailName(session));
  if (!tail || tail.session !== session) return { records: [], connections: {} };
  return { records: tail.records.slice(Math.max(0, storedNext - tail.first)), connections: tail.connections ?? {} };
}

export function dropUnloadTails(sessions: string[]): void {
  for (const s of sessions) removeStored(tailName(s));
}
