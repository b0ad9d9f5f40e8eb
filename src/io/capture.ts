import { rawOf, type Direction, type EventKind, type IncomingEvent, type StreamEvent } from '../core/events';
import { decodeBinaryFrame } from '../core/frames';
import { parseJsonEvent } from '../dialects/json';
import { maskSecretsInText, maskSecretsInValue, maskUrl } from './mask';
import { errorMessage } from '../core/errors';
import { parseJson } from '../core/exactJson';
import { jsonText } from '../lib/jsonText';

// Captures on disk: NDJSON (one event a line, our own record) and HAR 1.2 with Chrome's `_webSocketMessages`
// (what DevTools exports, one entry per connection). Both read back into the same rows; foreign files (a Chrome HAR,
// any NDJSON of JSON frames) are decoded like the json dialect decodes a live stream.

export interface CaptureConnection {
  name: string;
  dialect: string;
  endpoint: string;
}

export interface ExportOptions {
  /** connId → how the connection is named in the file. */
  connections: Record<string, CaptureConnection | undefined>;
  /** Write secrets as they are (tokens in URLs and handshake frames). Off by default. */
  includeSecrets?: boolean;
  /** Fills the summary column when an event has none yet. */
  describe?: (e: StreamEvent) => string | undefined;
}

/** One NDJSON line: the event's own fields plus when, where and how. Optional fields are left out when empty. */
export interface CaptureRecord extends Pick<IncomingEvent, 'raw' | 'value' | 'parseError' | 'type' | 'action' | 'key' | 'summary' | 'sourceTime' | 'fields'> {
  time: string;
  ts: number;
  dir: Direction;
  conn: string;
  connId: string;
  dialect: string;
  /** Only on a connection's first line. */
  endpoint?: string;
  kind: EventKind;
  seq?: number;
  size?: number;
  base64?: string;
}

export interface ImportedEvent {
  /** Index into Capture.connections. */
  conn: number;
  receivedAt: number;
  event: IncomingEvent;
}

export interface Capture {
  format: 'ndjson' | 'har';
  connections: CaptureConnection[];
  events: ImportedEvent[];
  /** Lines or entries that could not be read, in words (at most 20 kept). */
  warnings: string[];
  skipped: number;
}

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function fromBase64(b64: string): Uint8Array {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

function connOf(e: StreamEvent, o: ExportOptions): CaptureConnection {
  return o.connections[e.connId] ?? { name: e.connId, dialect: e.dialect, endpoint: '' };
}

export function toRecord(e: StreamEvent, o: ExportOptions, first = false): CaptureRecord {
  const mask = !o.includeSecrets;
  const c = connOf(e, o);
  const r: CaptureRecord = {
    time: new Date(e.receivedAt).toISOString(),
    ts: e.receivedAt,
    dir: e.dir,
    conn: c.name,
    connId: e.connId,
    dialect: e.dialect,
    // The endpoint comes before the event's own fields so a line reads left to right: when, where, what.
    ...(first && c.endpoint ? { endpoint: mask ? maskUrl(c.endpoint) : c.endpoint } : {}),
    kind: e.kind,
    seq: e.seq,
    size: e.size,
  };
  const raw = rawOf(e);
  if (raw !== undefined) r.raw = mask ? maskSecretsInText(raw) : raw;
  // The parsed value is masked on its own (a frame's text and its value can name secrets differently).
  if (e.value !== undefined) r.value = mask ? maskSecretsInValue(e.value) : e.value;
  const masked = mask && (r.raw !== raw || r.value !== e.value);
  if (e.bytes) r.base64 = toBase64(e.bytes);
  if (e.parseError) r.parseError = e.parseError;
  if (e.type !== undefined) r.type = e.type;
  if (e.action !== undefined) r.action = e.action;
  if (e.key !== undefined) r.key = e.key;
  // A summary shown in the table may quote a secret: when anything was masked, describe the masked copy instead.
  const summary = masked && o.describe ? o.describe({ ...e, raw: r.raw, value: r.value, summary: undefined }) : (e.summary ?? o.describe?.(e));
  if (summary !== undefined) r.summary = mask ? maskSecretsInText(summary) : summary;
  if (e.sourceTime !== undefined) r.sourceTime = e.sourceTime;
  if (e.fields !== undefined) r.fields = mask ? (maskSecretsInValue(e.fields) as Record<string, unknown>) : e.fields;
  return r;
}

/** NDJSON text in chunks (for a Blob), so a million events never become one giant string. */
export function* ndjsonChunks(events: Iterable<StreamEvent>, o: ExportOptions, linesPerChunk = 2000): Generator<string> {
  const seen = new Set<string>();
  let buf: string[] = [];
  for (const e of events) {
    const first = !seen.has(e.connId);
    if (first) seen.add(e.connId);
    buf.push(jsonText(toRecord(e, o, first)));
    if (buf.length >= linesPerChunk) {
      yield buf.join('\n') + '\n';
      buf = [];
    }
  }
  if (buf.length) yield buf.join('\n') + '\n';
}

interface HarMessage {
  type: 'send' | 'receive';
  time: number;
  opcode: number;
  data: string;
  /** Our normalised columns, so our own HAR reads back exactly; Chrome ignores fields starting with _. */
  _streamscope?: Partial<Pick<CaptureRecord, 'type' | 'action' | 'key' | 'summary' | 'sourceTime' | 'fields' | 'kind' | 'parseError'>>;
}

/**
 * HAR 1.2 as Chrome writes it for WebSockets: one entry per connection (a GET answered by 101) with
 * `_resourceType: "websocket"` and `_webSocketMessages` (time in seconds, opcode 1 text / 2 binary as base64).
 * System rows (connect, close, gaps) have no place in HAR and are left out.
 */
export function toHar(events: Iterable<StreamEvent>, o: ExportOptions, creator = { name: 'streamscope', version: '0.1.0' }): object {
  const mask = !o.includeSecrets;
  const entries = new Map<string, { first: number; conn: CaptureConnection; messages: HarMessage[] }>();
  for (const e of events) {
    if (e.dir === 'system') continue;
    let entry = entries.get(e.connId);
    if (!entry) entries.set(e.connId, (entry = { first: e.receivedAt, conn: connOf(e, o), messages: [] }));
    const r = toRecord(e, o);
    const m: HarMessage = {
      type: e.dir === 'out' ? 'send' : 'receive',
      time: e.receivedAt / 1000,
      opcode: r.base64 !== undefined ? 2 : 1,
      data: r.base64 ?? r.raw ?? '',
    };
    const extra: HarMessage['_streamscope'] = {};
    for (const k of ['type', 'action', 'key', 'summary', 'sourceTime', 'fields', 'parseError'] as const) if (r[k] !== undefined) (extra as Record<string, unknown>)[k] = r[k];
    if (e.kind !== 'message' && e.kind !== 'binary') extra.kind = e.kind;
    if (Object.keys(extra).length) m._streamscope = extra;
    entry.messages.push(m);
  }
  return {
    log: {
      version: '1.2',
      creator,
      pages: [],
      entries: [...entries.entries()].map(([connId, { first, conn, messages }]) => ({
        startedDateTime: new Date(first).toISOString(),
        time: 0,
        request: {
          method: 'GET',
          url: mask ? maskUrl(conn.endpoint) : conn.endpoint,
          httpVersion: 'HTTP/1.1',
          headers: [],
          queryString: [],
          cookies: [],
          headersSize: -1,
          bodySize: 0,
        },
        response: {
          status: 101,
          statusText: 'Switching Protocols',
          httpVersion: 'HTTP/1.1',
          headers: [],
          cookies: [],
          content: { size: 0, mimeType: 'x-unknown' },
          redirectURL: '',
          headersSize: -1,
          bodySize: 0,
        },
        cache: {},
        timings: { blocked: -1, dns: -1, ssl: -1, connect: -1, send: 0, wait: 0, receive: 0 },
        _resourceType: 'websocket',
        _streamscope: { connId, name: conn.name, dialect: conn.dialect },
        _webSocketMessages: messages,
      })),
    },
  };
}

// ---- import ----

const DIRS = new Set(['in', 'out', 'system']);
const KINDS = new Set(['message', 'text', 'binary', 'connect', 'close', 'error', 'gap', 'notice']);

/** A frame from a foreign file: decoded like the json dialect decodes a live one. */
function decodeForeign(raw: string, dir: 'in' | 'out'): IncomingEvent {
  const e = parseJsonEvent(raw);
  e.dir = dir;
  return e;
}

function isRecord(v: unknown): v is CaptureRecord {
  if (!v || typeof v !== 'object') return false;
  const o = v as Record<string, unknown>;
  return typeof o.dir === 'string' && DIRS.has(o.dir) && (typeof o.ts === 'number' || typeof o.time === 'string') && (typeof o.kind === 'string' || 'raw' in o);
}

export function recordToEvent(r: CaptureRecord): IncomingEvent {
  const e: IncomingEvent = { dir: r.dir, kind: typeof r.kind === 'string' && KINDS.has(r.kind) ? r.kind : r.raw !== undefined ? 'message' : 'notice' };
  if (typeof r.raw === 'string') e.raw = r.raw;
  if (typeof r.base64 === 'string') e.bytes = fromBase64(r.base64);
  if (r.value !== undefined) e.value = r.value;
  else if (e.kind === 'message' && e.raw !== undefined) {
    try {
      e.value = parseJson(e.raw);
    } catch {
      e.kind = 'text';
    }
  }
  if (typeof r.parseError === 'string') e.parseError = r.parseError;
  if (typeof r.type === 'string') e.type = r.type;
  if (typeof r.action === 'string') e.action = r.action;
  if (typeof r.key === 'string') e.key = r.key;
  if (typeof r.summary === 'string') e.summary = r.summary;
  if (typeof r.sourceTime === 'number') e.sourceTime = r.sourceTime;
  if (r.fields && typeof r.fields === 'object') e.fields = r.fields;
  return e;
}

class CaptureBuilder {
  readonly connections: CaptureConnection[] = [];
  readonly events: ImportedEvent[] = [];
  readonly warnings: string[] = [];
  skipped = 0;
  private byKey = new Map<string, number>();

  conn(key: string, c: CaptureConnection): number {
    let i = this.byKey.get(key);
    if (i === undefined) {
      i = this.connections.push(c) - 1;
      this.byKey.set(key, i);
    } else if (c.endpoint && !this.connections[i].endpoint) this.connections[i].endpoint = c.endpoint;
    return i;
  }

  warn(msg: string) {
    this.skipped++;
    if (this.warnings.length < 20) this.warnings.push(msg);
  }
}

function parseNdjson(text: string, b: CaptureBuilder): void {
  let lineNo = 0;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lineNo++;
    const line = text.slice(start, end).trim();
    start = end + 1;
    if (!line) continue;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch (err) {
      b.warn(`Line ${lineNo}: not JSON (${errorMessage(err)})`);
      continue;
    }
    if (isRecord(v)) {
      const ts = typeof v.ts === 'number' ? v.ts : Date.parse(v.time);
      const conn = b.conn(String(v.connId ?? v.conn ?? 'imported'), {
        name: String(v.conn ?? v.connId ?? 'imported'),
        dialect: typeof v.dialect === 'string' ? v.dialect : 'json',
        endpoint: typeof v.endpoint === 'string' ? v.endpoint : '',
      });
      b.events.push({ conn, receivedAt: Number.isFinite(ts) ? ts : 0, event: recordToEvent(v) });
    } else {
      // Any other line is one received JSON frame.
      const conn = b.conn('imported', { name: 'imported', dialect: 'json', endpoint: '' });
      b.events.push({ conn, receivedAt: 0, event: decodeForeign(line, 'in') });
    }
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

interface HarEntry {
  startedDateTime?: string;
  request?: { url?: string };
  _streamscope?: { connId?: string; name?: string; dialect?: string };
  _webSocketMessages?: HarMessage[];
}

function parseHar(har: { log?: { entries?: HarEntry[] } }, b: CaptureBuilder): void {
  const entries = har.log?.entries;
  if (!Array.isArray(entries)) {
    b.warn('Not a HAR file: no log.entries');
    return;
  }
  const events: ImportedEvent[] = [];
  entries.forEach((entry, i) => {
    const msgs = entry._webSocketMessages;
    if (!Array.isArray(msgs)) return; // an ordinary HTTP request
    const url = entry.request?.url ?? '';
    const meta = entry._streamscope ?? {};
    const conn = b.conn(`${i}`, { name: meta.name ?? (hostOf(url) || `connection ${i + 1}`), dialect: meta.dialect ?? 'json', endpoint: url });
    for (const m of msgs) {
      if (!m || (m.type !== 'send' && m.type !== 'receive')) {
        b.warn(`Entry ${i + 1}: a WebSocket message of unknown type`);
        continue;
      }
      const dir = m.type === 'send' ? 'out' : 'in';
      const data = typeof m.data === 'string' ? m.data : '';
      let e: IncomingEvent;
      if (m.opcode === 2) {
        try {
          e = decodeBinaryFrame(fromBase64(data), dir);
        } catch {
          b.warn(`Entry ${i + 1}: a binary message that is not base64`);
          continue;
        }
      } else if (m._streamscope) {
        const x = m._streamscope;
        e = recordToEvent({ dir, kind: x.kind ?? 'message', raw: data, ...x } as CaptureRecord);
      } else e = decodeForeign(data, dir);
      events.push({ conn, receivedAt: Math.round(Number(m.time) * 1000) || 0, event: e });
    }
  });
  // Chrome writes one entry per socket; interleave them by time like the live table did. (sort is stable)
  events.sort((x, y) => x.receivedAt - y.receivedAt);
  b.events.push(...events);
}

/** Reads an NDJSON or HAR capture. Never throws: unreadable lines become warnings. */
export function parseCapture(text: string, fileName = ''): Capture {
  const b = new CaptureBuilder();
  const head = text.slice(0, 2000).trimStart();
  const looksHar = /\.har$/i.test(fileName) || (head.startsWith('{') && /^\{\s*"log"\s*:/.test(head));
  if (looksHar) {
    try {
      parseHar(JSON.parse(text), b);
      return { format: 'har', connections: b.connections, events: b.events, warnings: b.warnings, skipped: b.skipped };
    } catch (err) {
      if (/\.har$/i.test(fileName)) {
        b.warn(`Not a readable HAR file: ${errorMessage(err)}`);
        return { format: 'har', connections: b.connections, events: b.events, warnings: b.warnings, skipped: b.skipped };
      }
    }
  }
  parseNdjson(text, b);
  return { format: 'ndjson', connections: b.connections, events: b.events, warnings: b.warnings, skipped: b.skipped };
}
