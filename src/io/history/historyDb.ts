import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { CaptureConnection, CaptureRecord } from '../capture';

// The stored history, in IndexedDB. Each tab writes only its own session (a random id it holds a Web Lock on for as
// long as it lives), so two tabs never overwrite each other. Events are stored as the export's NDJSON records
// (capture.ts: raw frames exact, secrets masked unless the user asks), many to a chunk: one transaction writes a
// batch of chunks, never one event.

export interface StoredChunk {
  session: string;
  /** Index of the chunk's first record within its session. */
  first: number;
  count: number;
  /**
   * The records as NDJSON, one a line: one string is far cheaper for IndexedDB to clone than thousands of objects,
   * and JSON.stringify is the cheapest way there.
   */
  lines: string;
}

/** A chunk's records, oldest first. */
export function chunkRecords(c: StoredChunk): CaptureRecord[] {
  return c.lines.split('\n').map((l) => JSON.parse(l) as CaptureRecord);
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
  return openDB<HistorySchema>(DB_NAME, 1, {
    upgrade(db) {
      db.createObjectStore('chunks', { keyPath: ['session', 'first'] });
      db.createObjectStore('sessions', { keyPath: 'id' });
    },
  });
}

const sessionRange = (id: string) => IDBKeyRange.bound([id, 0], [id, Infinity]);

export async function listSessions(db: HistoryDb): Promise<SessionMeta[]> {
  return (await db.getAll('sessions')).sort((a, b) => b.lastWriteAt - a.lastWriteAt);
}

export async function loadSession(db: HistoryDb, id: string): Promise<{ meta?: SessionMeta; chunks: StoredChunk[] }> {
  const tx = db.transaction(['sessions', 'chunks'], 'readonly');
  const [meta, chunks] = await Promise.all([tx.objectStore('sessions').get(id), tx.objectStore('chunks').getAll(sessionRange(id))]);
  await tx.done;
  return { meta, chunks };
}

/**
 * Appends records to a session in one transaction, as chunks of at most `chunkSize`, then drops the oldest records
 * while more than `keep` would stay. Rejects with the browser's error (QuotaExceededError…) when it fails.
 */
export async function appendRecords(
  db: HistoryDb,
  id: string,
  /** One NDJSON line per record. */
  records: string[],
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
    void chunks.put({ session: id, first: meta.next, count: part.length, lines: part.join('\n') });
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
      if (excess < c.count) void chunks.put({ ...c, first: c.first + excess, count: c.count - excess, lines: c.lines.split('\n').slice(excess).join('\n') });
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
