import { create } from 'zustand';
import {
  createTable,
  functionalUpdate,
  getCoreRowModel,
  type ColumnDef,
  type ColumnOrderState,
  type ColumnSizingState,
  type Table,
  type TableState,
  type Updater,
  type VisibilityState,
} from '@tanstack/react-table';
import type { StreamEvent } from '../../dialects/types';
import { readStored, writeStored } from '../../lib/persist';
import { getDialect } from '../../dialects/registry';

// Column layout per dialect, held as TanStack Table's own column state (order, visibility, sizing) plus the columns
// added from the events' own fields, and remembered in this browser. The event table and the column menu hand this
// state to their TanStack tables and write back what the tables' on*Change handlers give them.

/** One dialect's columns, in TanStack Table's shapes. */
export interface ColumnState {
  /** Column ids in the user's order; columns not listed keep their default place after these (TanStack's rule). */
  columnOrder: ColumnOrderState;
  /** false for a hidden column; a column not listed is shown. */
  columnVisibility: VisibilityState;
  /** Widths the user set, in px; a column not listed has its default width. */
  columnSizing: ColumnSizingState;
  /** Dot paths into the event's value shown as extra columns (ids `f_<path>`). */
  fields: string[];
}

/**
 * The form a saved or shared connection carries (its `cols` extra) and that older builds stored: unchanged, so links
 * and saved connections made before keep working.
 */
export interface ColumnLayout {
  order: string[];
  hidden: string[];
  widths: Record<string, number>;
  fields: string[];
}

const EMPTY: ColumnState = { columnOrder: [], columnVisibility: {}, columnSizing: {}, fields: [] };
/** Remembered in this browser (src/lib/persist) under streamscope:columns. */
const KEY = 'columns';
export const MIN_WIDTH = 40;
export const MAX_WIDTH = 1200;

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export function fromShared(l: ColumnLayout): ColumnState {
  return {
    columnOrder: [...l.order],
    columnVisibility: Object.fromEntries(l.hidden.map((id) => [id, false])),
    columnSizing: { ...l.widths },
    fields: [...l.fields],
  };
}

export function toShared(c: ColumnState): ColumnLayout {
  return {
    order: [...c.columnOrder],
    hidden: Object.keys(c.columnVisibility).filter((id) => c.columnVisibility[id] === false),
    widths: { ...c.columnSizing },
    fields: [...c.fields],
  };
}

/** A stored entry in either form (older builds stored the shared one). */
function readEntry(v: unknown): ColumnState {
  if (!isRecord(v)) return EMPTY;
  if (!('columnOrder' in v || 'columnVisibility' in v || 'columnSizing' in v)) {
    const widths = isRecord(v.widths) ? Object.fromEntries(Object.entries(v.widths).filter(([, w]) => typeof w === 'number')) : {};
    return fromShared({ order: strings(v.order), hidden: strings(v.hidden), widths: widths as Record<string, number>, fields: strings(v.fields) });
  }
  const visibility = isRecord(v.columnVisibility) ? Object.fromEntries(Object.entries(v.columnVisibility).filter(([, x]) => typeof x === 'boolean')) : {};
  const sizing = isRecord(v.columnSizing) ? Object.fromEntries(Object.entries(v.columnSizing).filter(([, x]) => typeof x === 'number')) : {};
  return { columnOrder: strings(v.columnOrder), columnVisibility: visibility as VisibilityState, columnSizing: sizing as ColumnSizingState, fields: strings(v.fields) };
}

function readAll(): Record<string, ColumnState> {
  const stored = readStored<Record<string, unknown>>(KEY, {}, isRecord);
  return Object.fromEntries(Object.entries(stored).map(([dialect, v]) => [dialect, readEntry(v)]));
}

export const useColumnStates = create<{ byDialect: Record<string, ColumnState> }>()(() => ({ byDialect: readAll() }));

/** Before the user changes anything: the dialect's own choice of hidden built-in columns (Dialect.hiddenColumns). */
const defaults = new Map<string, ColumnState>();
function defaultState(dialect: string): ColumnState {
  let d = defaults.get(dialect);
  if (!d) defaults.set(dialect, (d = { ...EMPTY, columnVisibility: Object.fromEntries((getDialect(dialect).hiddenColumns ?? []).map((id) => [id, false])) }));
  return d;
}

export function getColumnState(dialect: string): ColumnState {
  return useColumnStates.getState().byDialect[dialect] ?? defaultState(dialect);
}

export function useColumnState(dialect: string): ColumnState {
  return useColumnStates((s) => s.byDialect[dialect]) ?? defaultState(dialect);
}

function setColumnState(dialect: string, next: ColumnState): void {
  const byDialect = { ...useColumnStates.getState().byDialect, [dialect]: next };
  useColumnStates.setState({ byDialect });
  writeStored(KEY, byDialect); // when the browser will not keep it, it is still applied
}

/** The on*Change handler for one part of a dialect's column state: what a TanStack table calls with its updater. */
export function columnStateChange<K extends 'columnOrder' | 'columnVisibility' | 'columnSizing'>(dialect: string, key: K): (updater: Updater<ColumnState[K]>) => void {
  return (updater) => {
    const cur = getColumnState(dialect);
    setColumnState(dialect, { ...cur, [key]: functionalUpdate(updater, cur[key]) });
  };
}

export function setFieldColumns(dialect: string, update: (fields: string[]) => string[]): void {
  const cur = getColumnState(dialect);
  setColumnState(dialect, { ...cur, fields: update(cur.fields) });
}

export function resetLayout(dialect: string): void {
  const byDialect = { ...useColumnStates.getState().byDialect };
  delete byDialect[dialect];
  useColumnStates.setState({ byDialect });
  writeStored(KEY, byDialect);
}

/** A dialect's layout in the shared form (for a saved or shared connection). */
export function getLayout(dialect: string): ColumnLayout {
  return toShared(getColumnState(dialect));
}

/** Applies a layout in the shared form (from a saved or shared connection). */
export function updateLayout(dialect: string, patch: (l: ColumnLayout) => Partial<ColumnLayout>): void {
  const cur = getLayout(dialect);
  setColumnState(dialect, fromShared({ ...cur, ...patch(cur) }));
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

/** The dialect's default columns with the field columns the user added (before Summary). */
export function withFieldColumns(defaults: ColumnDef<StreamEvent>[], fields: string[]): ColumnDef<StreamEvent>[] {
  const cols = [...defaults];
  const summary = cols.findIndex((c) => c.id === 'summary');
  const extra = fields.filter((f) => !cols.some((c) => c.id === `f_${f}`)).map(fieldColumn);
  cols.splice(summary >= 0 ? summary : cols.length, 0, ...extra);
  return cols;
}

/** Every column's width is kept between these, whatever was stored or shared. */
export const DEFAULT_COLUMN: Partial<ColumnDef<StreamEvent>> = { minSize: MIN_WIDTH, maxSize: MAX_WIDTH };

/** A TanStack table over no rows, holding `state`: what orders, hides and sizes the columns outside React. */
export function columnTable(columns: ColumnDef<StreamEvent>[], state: Partial<TableState>): Table<StreamEvent> {
  const table = createTable<StreamEvent>({ data: [], columns, defaultColumn: DEFAULT_COLUMN, getCoreRowModel: getCoreRowModel(), state: {}, onStateChange: () => {}, renderFallbackValue: null });
  table.setOptions((o) => ({ ...o, state: { ...table.initialState, ...state } }));
  return table;
}

/**
 * Default columns → what a layout arranges (field columns added, then ordered, sized and hidden by TanStack Table from
 * the same state the event table holds), each with its width as `size`.
 */
export function applyLayout(defaults: ColumnDef<StreamEvent>[], layout: ColumnLayout, { includeHidden = false } = {}): ColumnDef<StreamEvent>[] {
  const { columnOrder, columnVisibility, columnSizing, fields } = fromShared(layout);
  const table = columnTable(withFieldColumns(defaults, fields), { columnOrder, columnVisibility, columnSizing });
  return (includeHidden ? table.getAllLeafColumns() : table.getVisibleLeafColumns()).map((c) => ({ ...c.columnDef, size: c.getSize() }));
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
