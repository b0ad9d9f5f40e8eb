import { create } from 'zustand';
import type { ColumnDef } from '@tanstack/react-table';
import type { StreamEvent } from '../../dialects/types';
import { readStored, writeStored } from '../../lib/persist';
import { getDialect } from '../../dialects/registry';

// Column layout per dialect (order, hidden columns, widths, and columns added from the events' own fields),
// remembered in this browser. The table applies it to its default columns with applyLayout.

export interface ColumnLayout {
  /** Column ids in the user's order; columns not listed keep their default place after these. */
  order: string[];
  hidden: string[];
  widths: Record<string, number>;
  /** Dot paths into the event's value shown as extra columns (ids `f_<path>`). */
  fields: string[];
}

const EMPTY: ColumnLayout = { order: [], hidden: [], widths: {}, fields: [] };
/** Before the user changes anything: the dialect's own choice of hidden built-in columns (Dialect.hiddenColumns). */
const defaults = new Map<string, ColumnLayout>();
function defaultLayout(dialect: string): ColumnLayout {
  let l = defaults.get(dialect);
  if (!l) defaults.set(dialect, (l = { ...EMPTY, hidden: getDialect(dialect).hiddenColumns ?? [] }));
  return l;
}
/** Remembered in this browser (src/lib/persist) under streamscope:columns. */
const KEY = 'columns';
export const MIN_WIDTH = 40;
export const MAX_WIDTH = 1200;

export const useColumnLayouts = create<{ byDialect: Record<string, ColumnLayout> }>()(() => ({
  byDialect: readStored<Record<string, ColumnLayout>>(KEY, {}, (v) => !!v && typeof v === 'object' && !Array.isArray(v)),
}));

export function getLayout(dialect: string): ColumnLayout {
  return { ...defaultLayout(dialect), ...useColumnLayouts.getState().byDialect[dialect] };
}

export function useColumnLayout(dialect: string): ColumnLayout {
  const l = useColumnLayouts((s) => s.byDialect[dialect]);
  return l ?? defaultLayout(dialect);
}

export function updateLayout(dialect: string, patch: (l: ColumnLayout) => Partial<ColumnLayout>): void {
  const cur = getLayout(dialect);
  const byDialect = { ...useColumnLayouts.getState().byDialect, [dialect]: { ...cur, ...patch(cur) } };
  useColumnLayouts.setState({ byDialect });
  writeStored(KEY, byDialect); // when the browser will not keep it, it is still applied
}

export function resetLayout(dialect: string): void {
  const byDialect = { ...useColumnLayouts.getState().byDialect };
  delete byDialect[dialect];
  useColumnLayouts.setState({ byDialect });
  writeStored(KEY, byDialect);
}

/** The value at a dot path in the event's value (then in its dialect fields). */
export function readPath(e: StreamEvent, path: string): unknown {
  const walk = (root: unknown) => {
    let v = root;
    for (const p of path.split('.')) {
      if (v === null || typeof v !== 'object') return undefined;
      v = (v as Record<string, unknown>)[p];
    }
    return v;
  };
  const v = walk(e.value);
  return v !== undefined ? v : walk(e.fields);
}

function cellText(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'object') {
    const s = JSON.stringify(v);
    return s.length > 300 ? s.slice(0, 300) + '…' : s;
  }
  return String(v);
}

export function fieldColumn(path: string): ColumnDef<StreamEvent> {
  return { id: `f_${path}`, header: path, size: 110, accessorFn: (e) => cellText(readPath(e, path)) };
}

/** Default columns → what the user arranged: field columns added (before Summary), ordered, sized, hidden ones out. */
export function applyLayout(defaults: ColumnDef<StreamEvent>[], layout: ColumnLayout, { includeHidden = false } = {}): ColumnDef<StreamEvent>[] {
  const cols = [...defaults];
  const summary = cols.findIndex((c) => c.id === 'summary');
  const extra = layout.fields.filter((f) => !cols.some((c) => c.id === `f_${f}`)).map(fieldColumn);
  cols.splice(summary >= 0 ? summary : cols.length, 0, ...extra);
  const rank = new Map(layout.order.map((id, i) => [id, i]));
  const ordered = cols
    .map((c, i) => ({ c, i }))
    .sort((a, b) => (rank.get(a.c.id!) ?? 1e6 + a.i) - (rank.get(b.c.id!) ?? 1e6 + b.i))
    .map(({ c }) => (layout.widths[c.id!] ? { ...c, size: layout.widths[c.id!] } : c));
  return includeHidden ? ordered : ordered.filter((c) => !layout.hidden.includes(c.id!));
}

/**
 * Field paths that the events carry: every top-level key of object values, and one level below for nested objects
 * (DRP's Object.Name, attributes.subscribed_to), most frequent first.
 */
export function discoverFields(events: Iterable<StreamEvent>, max = 40): string[] {
  const counts = new Map<string, number>();
  const add = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
  for (const e of events) {
    const v = e.value;
    if (!v || typeof v !== 'object' || Array.isArray(v)) continue;
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (!/^[A-Za-z_$@][\w$@-]*$/.test(k)) continue;
      if (x && typeof x === 'object' && !Array.isArray(x)) {
        let n = 0;
        for (const k2 of Object.keys(x)) {
          if (n++ >= 12) break;
          if (/^[A-Za-z_$@][\w$@-]*$/.test(k2)) add(`${k}.${k2}`);
        }
      } else add(k);
    }
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, max)
    .map(([k]) => k);
}
