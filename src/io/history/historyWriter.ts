import type { CaptureConnection } from '../capture';
import { appendRecords, type HistoryDb, type StoredRecord } from './historyDb';
import { storedRecord, type RecordSource } from './storedRecord';
import { unpackSources, type SourceColumns } from './sourceColumns';

// The part of the stored history that writes: masks and serialises events into records and appends them to the
// session in IndexedDB. It runs in a worker (history.worker.ts), so none of that costs the page's main thread, or in
// the page where workers are unavailable. Batches that arrive while a write is under way go into the next
// transaction together.

export type ToHistoryWriter =
  /** A recorder starts: what is still queued for an earlier one is dropped, replies carry its `gen`. */
  | { type: 'open'; session: string; gen: number }
  | {
      type: 'append';
      /** Events as the page saw them (as columns, or one object each), or (when they could not be cloned to the worker) records made in the page. */
      columns?: SourceColumns;
      events?: RecordSource[];
      records?: StoredRecord[];
      connections: Record<string, CaptureConnection>;
      keep: number;
      includeSecrets: boolean;
    };

export type FromHistoryWriter =
  /** `next`: the session index the next record gets (what is stored ends just before it). */
  | { type: 'stored'; gen: number; written: number; stored: number; next: number }
  | { type: 'failed'; gen: number; name: string; message: string };

export function createHistoryWriter(o: { openDb(): Promise<HistoryDb>; post(m: FromHistoryWriter): void }): { receive(m: ToHistoryWriter): void } {
  let db: Promise<HistoryDb> | undefined;
  let session = '';
  let gen = 0;
  let failed = false;
  let writing = false;
  let queue: Extract<ToHistoryWriter, { type: 'append' }>[] = [];

  const fail = (err: unknown) => {
    failed = true;
    queue = [];
    const e = err as { name?: unknown; message?: unknown } | undefined;
    o.post({ type: 'failed', gen, name: typeof e?.name === 'string' ? e.name : 'Error', message: typeof e?.message === 'string' ? e.message : String(err) });
  };

  async function pump(): Promise<void> {
    if (writing) return;
    writing = true;
    try {
      while (queue.length && !failed) {
        const batch = queue;
        const g = gen;
        queue = [];
        const records: StoredRecord[] = [];
        const connections: Record<string, CaptureConnection> = {};
        for (const m of batch) {
          if (m.records) for (const r of m.records) records.push(r);
          if (m.events) for (const e of m.events) records.push(storedRecord(e, m.includeSecrets));
          if (m.columns) for (const e of unpackSources(m.columns)) records.push(storedRecord(e, m.includeSecrets));
          Object.assign(connections, m.connections);
        }
        const meta = await appendRecords(await db!, session, records, connections, batch[batch.length - 1].keep);
        if (g === gen) o.post({ type: 'stored', gen, written: records.length, stored: meta.stored, next: meta.next });
      }
    } catch (err) {
      fail(err);
    } finally {
      writing = false;
    }
  }

  return {
    receive(m) {
      if (m.type === 'open') {
        session = m.session;
        gen = m.gen;
        failed = false;
        queue = [];
        db ??= o.openDb();
        db.catch(fail);
        return;
      }
      if (failed) return;
      queue.push(m);
      void pump();
    },
  };
}
