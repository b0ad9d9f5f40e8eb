import { jsonText } from '../../lib/jsonText';
import { rawOf, type StreamEvent } from '../../core/events';
import { toBase64, type CaptureRecord } from '../capture';
import { maskSecretsInText, maskSecretsInValue } from '../mask';
import type { StoredRecord } from './historyDb';

/**
 * What the history writer needs of an event, cheap to build on the main thread and to clone to the writer's worker:
 * the frame's text as received (derived again where the log kept only the value it reproduces), never the parsed
 * value of a frame that has its text (it parses back to it, exact numbers included).
 */
export interface RecordSource {
  receivedAt: number;
  dir: string;
  kind: string;
  connId: string;
  dialect: string;
  size: number;
  raw?: string;
  type?: string;
  action?: string;
  key?: string;
  fields?: Record<string, unknown>;
  value?: unknown;
  bytes?: Uint8Array;
  parseError?: string;
  summary?: string;
  sourceTime?: number;
}

export function recordSource(e: StreamEvent): RecordSource {
  const raw = rawOf(e);
  const s: RecordSource = { receivedAt: e.receivedAt, dir: e.dir, kind: e.kind, connId: e.connId, dialect: e.dialect, size: e.size, raw, type: e.type, action: e.action, key: e.key, fields: e.fields };
  if (raw === undefined && e.value !== undefined) s.value = e.value;
  if (e.bytes !== undefined) s.bytes = e.bytes;
  if (e.parseError !== undefined) s.parseError = e.parseError;
  if (e.summary !== undefined) s.summary = e.summary;
  if (e.sourceTime !== undefined) s.sourceTime = e.sourceTime;
  return s;
}

/**
 * An event as stored: the export record's fields that read back into a row (capture.ts recordToEvent), secrets
 * masked as an export masks them unless `keepSecrets`.
 */
export function storedRecord(e: RecordSource, keepSecrets: boolean): StoredRecord {
  const mask = (t: string) => (keepSecrets ? t : maskSecretsInText(t));
  let extra: Partial<CaptureRecord> | undefined;
  const add = <K extends keyof CaptureRecord>(k: K, v: CaptureRecord[K]) => ((extra ??= {})[k] = v);
  if (e.bytes) add('base64', toBase64(e.bytes));
  if (e.raw === undefined && e.value !== undefined) add('value', keepSecrets ? e.value : maskSecretsInValue(e.value));
  if (e.parseError !== undefined) add('parseError', e.parseError);
  if (e.summary !== undefined) add('summary', mask(e.summary));
  if (e.sourceTime !== undefined) add('sourceTime', e.sourceTime);
  if (e.fields !== undefined) add('fields', keepSecrets ? e.fields : (maskSecretsInValue(e.fields) as Record<string, unknown>));
  return {
    ts: e.receivedAt,
    dir: e.dir,
    kind: e.kind,
    conn: e.connId,
    dialect: e.dialect,
    size: e.size,
    raw: e.raw === undefined ? null : mask(e.raw),
    type: e.type ?? null,
    action: e.action ?? null,
    key: e.key ?? null,
    extra: extra ? jsonText(extra) : null, // cycle-safe: a decoded app action may reference itself
  };
}
