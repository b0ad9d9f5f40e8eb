import { rawOf, type StreamEvent } from '../core/events';
import { hexPreview, summarizeValue } from './format';
import { jsonText } from './jsonText';

const MAX_TEXT = 200;

/** The one-line summary a row shows. Computed on first display and cached on the event, so ingest never pays for it. */
export function describeEvent(e: StreamEvent): string {
  if (e.summary !== undefined) return e.summary;
  let s: string;
  if (e.kind === 'binary') s = `binary ${e.bytes?.byteLength ?? 0} bytes: ${e.bytes ? hexPreview(e.bytes, 24) : ''}`;
  else if (e.value !== undefined) s = summarizeValue(withoutColumns(e));
  else if (e.raw !== undefined) {
    const text = e.raw.length > MAX_TEXT ? e.raw.slice(0, MAX_TEXT) + '…' : e.raw;
    s = e.parseError ? `${e.parseError} — ${text}` : text;
  } else s = '';
  e.summary = s;
  return s;
}

const COLUMN_KEYS = new Set(['type', 'action', 'key', 'resource_uri']);

/** Drops the keys a row already shows in its own columns, so the summary spends its width on the rest. */
function withoutColumns(e: StreamEvent): unknown {
  const v = e.value;
  if (!e.type || !v || typeof v !== 'object' || Array.isArray(v)) return v;
  // No prototype: a frame's own "__proto__" key is copied as a key instead of replacing the copy's prototype.
  const out: Record<string, unknown> = Object.create(null);
  for (const k of Object.keys(v)) if (!COLUMN_KEYS.has(k)) out[k] = (v as Record<string, unknown>)[k];
  return out;
}

/** The full text of a frame, for copy and export. */
export function eventText(e: StreamEvent): string {
  const raw = rawOf(e);
  if (raw !== undefined) return raw;
  if (e.bytes) return hexPreview(e.bytes, e.bytes.length);
  if (e.value !== undefined) return jsonText(e.value, 2);
  return e.summary ?? '';
}
