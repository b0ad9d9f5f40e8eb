import { rawOf, type StreamEvent } from '../../core/events';
import type { RecordSource } from './storedRecord';

// A batch for the history writer as columns instead of one object per event. postMessage clones on the page's main
// thread before it returns; a 2 000-event batch of objects (eleven properties each) cost the page ~3.5 ms in
// Chromium, the same batch as columns ~1.5 ms, and building it allocates no object per event. Times and sizes go in
// typed arrays that are transferred, not copied; the few values per event that repeat (connection, dialect,
// direction, kind) are numbered once per batch; what most events lack is listed apart, by position.

export interface SourceColumns {
  count: number;
  receivedAt: Float64Array;
  size: Float64Array;
  /** Index into `tags` per event. */
  tag: Uint32Array;
  /** [connId, dialect, dir, kind] */
  tags: [string, string, string, string][];
  raw: (string | undefined)[];
  type: (string | undefined)[];
  action: (string | undefined)[];
  key: (string | undefined)[];
  fields: (Record<string, unknown> | undefined)[];
  /** The rare parts, for the events that have them. */
  rare: { i: number; value?: unknown; bytes?: Uint8Array; parseError?: string; summary?: string; sourceTime?: number }[];
}

export function packSources(events: StreamEvent[]): SourceColumns {
  const n = events.length;
  const c: SourceColumns = {
    count: n,
    receivedAt: new Float64Array(n),
    size: new Float64Array(n),
    tag: new Uint32Array(n),
    tags: [],
    raw: new Array(n),
    type: new Array(n),
    action: new Array(n),
    key: new Array(n),
    fields: new Array(n),
    rare: [],
  };
  // Nearly every event has the tag of the event before it; only a change looks the tag up (no key string per event).
  let last: [string, string, string, string] | undefined;
  let lastTag = -1;
  for (let i = 0; i < n; i++) {
    const e = events[i];
    const raw = rawOf(e);
    c.receivedAt[i] = e.receivedAt;
    c.size[i] = e.size;
    if (!last || last[0] !== e.connId || last[1] !== e.dialect || last[2] !== e.dir || last[3] !== e.kind) {
      lastTag = c.tags.findIndex((t) => t[0] === e.connId && t[1] === e.dialect && t[2] === e.dir && t[3] === e.kind);
      if (lastTag < 0) lastTag = c.tags.push([e.connId, e.dialect, e.dir, e.kind]) - 1;
      last = c.tags[lastTag];
    }
    c.tag[i] = lastTag;
    c.raw[i] = raw;
    c.type[i] = e.type;
    c.action[i] = e.action;
    c.key[i] = e.key;
    c.fields[i] = e.fields;
    const value = raw === undefined ? e.value : undefined;
    if (value !== undefined || e.bytes !== undefined || e.parseError !== undefined || e.summary !== undefined || e.sourceTime !== undefined) {
      const r: SourceColumns['rare'][number] = { i };
      if (value !== undefined) r.value = value;
      if (e.bytes !== undefined) r.bytes = e.bytes;
      if (e.parseError !== undefined) r.parseError = e.parseError;
      if (e.summary !== undefined) r.summary = e.summary;
      if (e.sourceTime !== undefined) r.sourceTime = e.sourceTime;
      c.rare.push(r);
    }
  }
  return c;
}

/** What postMessage may move instead of copying (the page does not read the batch again). */
export const transferablesOf = (c: SourceColumns): Transferable[] => [c.receivedAt.buffer, c.size.buffer, c.tag.buffer] as Transferable[];

/** The events of a batch again, one RecordSource each (the writer's side). */
export function unpackSources(c: SourceColumns): RecordSource[] {
  const out: RecordSource[] = new Array(c.count);
  for (let i = 0; i < c.count; i++) {
    const [connId, dialect, dir, kind] = c.tags[c.tag[i]];
    out[i] = { receivedAt: c.receivedAt[i], dir, kind, connId, dialect, size: c.size[i], raw: c.raw[i], type: c.type[i], action: c.action[i], key: c.key[i], fields: c.fields[i] };
  }
  for (const { i, ...rest } of c.rare) Object.assign(out[i], rest);
  return out;
}
