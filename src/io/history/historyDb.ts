import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { CaptureConnection, CaptureRecord } from '../capture';

// The stored history, in IndexedDB. Each tab writes only its own session (a random id it holds a Web Lock on for as
// long as it lives), so two tabs never overwrite each other. Events are stored as the export's records (the fields
// capture.ts reads back, raw frames exact, secrets masked unless the user asks), many to a chunk: one transaction
// writes a batch of chunks, never one event.

/**
 * A chunk of records in columns: arrays of strings and numbers are what IndexedDB clones (and reads back) cheapest,
 * and the raw frames are never escaped into JSON and back. What few events have (a summary, fields, binary data…)
 * goes in `extra` as a small JSON text, null for the rest.
 */
export interface StoredChunk {
  session: string;
  /** Index of the chunk's first record within its session. */
  first: number;
  count: number;
  ts: number[];
  dir: string[];
  kind: string[];
  conn: string[];
  dialect: string[];
  size: number[];
  raw: (string | null)[];
  type: (string | null)[];
  action: (string | null)[];
  key: (string | null)[];
  extra: (string | null)[];
}

/** What the recorder writes for one event (see StoredChunk). */
export interface StoredRecord {
  ts: number;
  dir: string;
  kind: string;
  conn: string;
  dialect: string;
  size: number;
  raw: string | null;
  type: string | null;
  action: string | null;
  key: string | null;
  extra: string | null;
}

const COLUMNS = ['ts', 'dir', 'kind', 'conn', 'dialect', 'size', 'raw', 'type', 'action', 'key', 'extra'] as const;

export function toChunk(session: string, first: number, records: StoredRecord[]): StoredChunk {
  const c = { session, first, count: records.length } as StoredChunk;
  for (const k of COLUMNS) (c as unknown as Record<string, unknown[]>)[k] = records.map((r) => r[k]);
  return c;
}

/** The chunk without its first `n` records. */
function dropFirst(c: StoredChunk, n: number): StoredChunk {
  const out = { ...c, first: c.first + n, count: c.count - n };
  for (const k of COLUMNS) (out as unknown as Record<string, unknown[]>)[k] = c[k].slice(n);
  return out;
}

/** The chunk's i-th record as an export record (what capture.ts reads back into a row). */
export function chunkRecord(c: StoredChunk, i: number): CaptureRecord {
  const r = (c.extra[i] === null ? {} : JSON.parse(c.extra[i]!)) as CaptureRecord;
  r.ts = c.ts[i];
  r.dir = c.dir[i] as CaptureRecord['dir'];
  r.kind = c.kind[i] as CaptureRecord['kind'];
  r.connId = c.conn[i];
  r.dialect = c.dialect[i];
  r.size = c.size[i];
  if (c.raw[i] !== null) r.raw = c.raw[i]!;
  if (c.type[i] !== null) r.type = c.type[i]!;
  if (c.action[i] !== null) r.action = c.action[i]!;
  if (c.key[i] !== null) r.key = c.key[i]!;
  return r;
}

/** A chunk's records as export records, oldest first. */
export function chunkRecords(c: StoredChunk): CaptureRecord[] {
  const out: CaptureRecord[] = new Array(c.count);
  for (let i = 0; i < c.count; i++) out[i] = chunkRecord(c, i);
  return out;
}

export interface SessionMeta {
  id: string;
  startedAt: number;
  lastWriteAt: number;
  /** Index the next record gets. */
  next: number;
  /** Records held now (after pruning). */
  stored: number;
  connections: Record<string, CaptureConnection>;
}

interface HistorySchema extends DBSchema {
  chunks: { key: [string, number]; value: StoredChunk };
  sessions: { key: string; value: SessionMeta };
}

export type HistoryDb = IDBPDatabase<HistorySchema>;

export const DB_NAME = 'streamscope-history';

export function openHistoryDb(): Promise<HistoryDb> {
  return openDB<HistorySchema>(DB_NAME, 2, {
    upgrade(db) {
      // Version 1 (never released) stored chunks in another shape: start afresh.
      for (const name of [...db.objectStoreNames]) db.deleteObjectStore(name);
      db.createObjectStore('chunks', { keyPath: ['session', 'first'] });
      db.createObjectStore('sessions', { keyPath: 'id' });
    },
  });
}

const sessionRange = (id: string) => IDBKeyRange.bound([id, 0], [id, Infinity]);

export async function listSessions(db: HistoryDb): Promise<SessionMeta[]> {
  return (await db.getAll('sessions')).sort((a, b) => b.lastWriteAt - a.lastWriteAt);
}

/**
 * Which chunk holds the oldest of the newest `limit` records: chunks are keyed by the index of their first record
 * (`firsts`, ascending), and `next` is the index the next record gets. The newest chunk starting at or before
 * `next - limit` (the first chunk when the session holds fewer).
 */
export function firstChunkNeeded(firsts: number[], next: number, limit: number): number {
  const want = next - limit;
  for (let i = firsts.length - 1; i >= 0; i--) if (firsts[i] <= want) return i;
  return 0;
}

/**
 * A session's newest chunks, oldest first, holding at least `limit` records (or all it has). Read in bulk: the keys
 * first (cheap: no values), to find the oldest chunk needed, then those chunks in one getAll, so a history larger than
 * the buffer never reads (or parses) what could not be shown, and a large one costs three requests, not one per chunk.
 */
export async function loadSession(db: HistoryDb, id: string, limit = Infinity): Promise<{ meta?: SessionMeta; chunks: StoredChunk[] }> {
  const tx = db.transaction(['sessions', 'chunks'], 'readonly');
  const chunks = tx.objectStore('chunks');
  const [meta, keys] = await Promise.all([tx.objectStore('sessions').get(id), chunks.getAllKeys(sessionRange(id))]);
  if (!meta || !keys.length) {
    await tx.done;
    return { meta, chunks: [] };
  }
  const start = firstChunkNeeded(keys.map((k) => k[1]), meta.next, limit);
  const values = await chunks.getAll(IDBKeyRange.bound(keys[start], [id, Infinity]));
  await tx.done;
  return { meta, chunks: values };
}

/**
 * Appends records to a session in one transaction, as chunks of at most `chunkSize`, then drops the oldest records
 * while more than `keep` would stay. Rejects with the browser's error (QuotaExceededError…) when it fails.
 */
export async function appendRecords(
  db: HistoryDb,
  id: string,
  records: StoredRecord[],
  connections: Record<string, CaptureConnection>,
  keep: number,
  chunkSize = 2000,
  now = Date.now(),
): Promise<SessionMeta> {
  const tx = db.transaction(['sessions', 'chunks'], 'readwrite');
  const sessions = tx.objectStore('sessions');
  const chunks = tx.objectStore('chunks');
  const meta: SessionMeta = (await sessions.get(id)) ?? { id, startedAt: now, lastWriteAt: now, next: 0, stored: 0, connections: {} };
  for (let i = 0; i < records.length; i += chunkSize) {
    const part = records.slice(i, i + chunkSize);
    void chunks.put(toChunk(id, meta.next, part));
    meta.next += part.length;
    meta.stored += part.length;
  }
  Object.assign(meta.connections, connections);
  meta.lastWriteAt = now;
  if (meta.stored > keep) {
    let cursor = await chunks.openCursor(sessionRange(id));
    while (cursor && meta.stored > keep) {
      const c = cursor.value;
      const excess = meta.stored - keep;
      void cursor.delete();
      // The oldest chunk that holds the limit keeps its newest records, so exactly `keep` stay.
      if (excess < c.count) void chunks.put(dropFirst(c, excess));
      meta.stored -= Math.min(excess, c.count);
      cursor = await cursor.continue();
    }
  }
  void sessions.put(meta);
  await tx.done;
  return meta;
}

/** Forgets sessions and their events. */
export async function deleteSessions(db: HistoryDb, ids: string[]): Promise<void> {
  const tx = db.transaction(['sessions', 'chunks'], 'readwrite');
  for (const id of ids) {
    void tx.objectStore('chunks').delete(sessionRange(id));
    void tx.objectStore('sessions').delete(id);
  }
  await tx.done;
}
