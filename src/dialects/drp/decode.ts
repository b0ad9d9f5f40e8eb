// DRP events are Go's models.Event marshalled without json tags, so every key is Capitalised and always present:
// {Time, Type, Action, Key, Principal, Object, Original}. Object/Original are null where they do not apply.
import type { IncomingEvent } from '../types';
import { decodeTextFrame } from '../../core/frames';

export interface DrpEvent {
  Time: string;
  Type: string;
  Action: string;
  Key: string;
  Principal?: string;
  Object?: unknown;
  Original?: unknown;
}

export function isDrpEvent(v: unknown): v is DrpEvent {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const o = v as Record<string, unknown>;
  return typeof o.Type === 'string' && typeof o.Action === 'string' && typeof o.Key === 'string';
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);

const clip = (s: string, n = 40) => (s.length > n ? s.slice(0, n - 1) + '…' : s);

/**
 * A short description of an event Object: its Name (or Uuid), and for machines Stage/BootEnv/Runnable, for jobs
 * Task/State/Machine, for leases Addr/State. Bounded, whatever the Object's size.
 */
export function summarizeObject(type: string, obj: unknown): string {
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return obj === null || obj === undefined ? '' : clip(JSON.stringify(obj) ?? '', 80);
  const o = obj as Record<string, unknown>;
  const parts: string[] = [];
  const add = (label: string, v: unknown) => {
    const s = str(v);
    if (s !== undefined) parts.push(label ? `${label}: ${clip(s)}` : clip(s));
  };
  add('', o.Name ?? (type === 'jobs' ? undefined : o.Uuid) ?? o.Addr ?? o.Id);
  if (type === 'machines') {
    add('Stage', o.Stage);
    add('BootEnv', o.BootEnv);
    add('Runnable', o.Runnable);
  } else if (type === 'jobs') {
    add('Task', o.Task);
    add('State', o.State);
    add('Machine', o.Machine);
  } else if (type === 'leases' || type === 'reservations') {
    add('State', o.State);
  } else if (type === 'profiles' && o.Params && typeof o.Params === 'object') {
    const n = Object.keys(o.Params).length;
    parts.push(`${n} param${n === 1 ? '' : 's'}`);
  }
  if (o.Available === false) parts.push('not available');
  return parts.join(', ');
}

/** Fields the table's dialect columns and the filter language read (`Principal:user:rocketskates`, `Machine:<uuid>`). */
function drpFields(e: DrpEvent): Record<string, unknown> {
  const o = e.Object && typeof e.Object === 'object' && !Array.isArray(e.Object) ? (e.Object as Record<string, unknown>) : undefined;
  const f: Record<string, unknown> = { Principal: e.Principal ?? '', Object: summarizeObject(e.Type, e.Object) };
  if (o) {
    for (const k of ['Name', 'Stage', 'BootEnv', 'Runnable', 'Machine', 'State', 'Task'] as const) if (o[k] !== undefined) f[k] = o[k];
  }
  if (e.Type === 'machines' && f.Machine === undefined) f.Machine = e.Key;
  return f;
}

const GO_ZERO_TIME = Date.parse('0001-01-01T00:00:00Z');

/** Decodes one DRP text frame. Anything that is not an Event keeps its raw text and value, so nothing is lost. */
export function parseDrpEvent(raw: string): IncomingEvent {
  const e = decodeTextFrame(raw);
  if (!isDrpEvent(e.value)) return e;
  const ev = e.value;
  e.type = ev.Type;
  e.action = ev.Action;
  e.key = ev.Key;
  if (typeof ev.Time === 'string') {
    const t = Date.parse(ev.Time);
    // An event POSTed without a Time carries Go's zero time (year 1): that is "no time", not a moment to show as
    // 00:00:00.000, so the row falls back to the receive time like any event without one.
    if (!Number.isNaN(t) && t !== GO_ZERO_TIME) e.sourceTime = t;
  }
  e.fields = drpFields(ev);
  // Type, Action, Key and Principal have their own columns: the summary is the Object, plus what changed.
  if (ev.Type === 'websocket') e.summary = `Server confirmed ${ev.Action} ${ev.Key}`;
  else {
    const obj = e.fields.Object as string;
    const changed = hasDiff(ev) ? changedKeys(ev.Original, ev.Object) : undefined;
    e.summary = changed === undefined ? obj : `${obj}${obj ? ' · ' : ''}${changed.length ? 'changed ' + listNames(changed) : 'no changes'}`;
  }
  return e;
}

/** Top-level keys whose values differ between two snapshots, in the newer object's order. */
export function changedKeys(before: object, after: object): string[] {
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  const out: string[] = [];
  for (const k of Object.keys(b)) if (!(k in a) || !sameJson(a[k], b[k])) out.push(k);
  for (const k of Object.keys(a)) if (!(k in b)) out.push(k);
  return out;
}

function sameJson(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (!x || !y || typeof x !== 'object' || typeof y !== 'object') return false;
  return JSON.stringify(x) === JSON.stringify(y);
}

function listNames(names: string[], max = 5): string {
  return names.length > max ? `${names.slice(0, max).join(', ')} +${names.length - max}` : names.join(', ');
}

/** Whether the detail pane's Original-vs-Object diff applies: update/save events that carry both snapshots. */
export function hasDiff(value: unknown): value is DrpEvent & { Object: object; Original: object } {
  return (
    isDrpEvent(value) &&
    (value.Action === 'update' || value.Action === 'save') &&
    !!value.Object &&
    typeof value.Object === 'object' &&
    !!value.Original &&
    typeof value.Original === 'object'
  );
}
