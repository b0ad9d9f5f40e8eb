import { create } from 'zustand';
import type { StreamEvent } from '../../dialects/types';
import { addTerm, fieldTerm } from '../../filter';
import { getDialect } from '../../dialects/registry';
import { readPath } from '../columns/columnLayout';
import { rememberQuery, setFilterText, useFilter } from './filterState';

// Click-to-filter: a table cell maps to a query term (`type:container`, `-dir:out`), which is merged into the text in
// the filter box, so the box always shows exactly what is applied.

export interface CellTarget {
  field: string;
  value: unknown;
}

/** Which field a table column filters on, and the cell's value; undefined for columns that make no useful term. */
export function cellFilterTarget(columnId: string, e: StreamEvent): CellTarget | undefined {
  switch (columnId) {
    case 'dir':
      return { field: 'dir', value: e.dir };
    case 'conn':
      return { field: 'conn', value: e.connId };
    case 'type':
      return e.type !== undefined ? { field: 'type', value: e.type } : e.dir === 'system' ? { field: 'kind', value: e.kind } : { field: 'type', value: undefined };
    case 'action':
      return { field: 'action', value: e.action };
    case 'key':
      return { field: 'key', value: e.key };
    case 'size':
      return { field: 'size', value: e.size };
    case 'dialect':
      return { field: 'dialect', value: e.dialect };
  }
  // Dialect columns are `x_<id>` (each names its field: the dialect's own reading in fields, else the value's),
  // discovered ones `f_<dot.path>` (read from the value).
  if (columnId.startsWith('x_')) {
    const id = columnId.slice(2);
    const field = getDialect(e.dialect).columns?.find((c) => c.id === id)?.field;
    if (!field) return undefined;
    const own = e.fields?.[field];
    return { field, value: own !== undefined ? own : readPath(e, field) };
  }
  if (columnId.startsWith('f_')) {
    const path = columnId.slice(2);
    let v: unknown = e.value;
    for (const p of path.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined;
    return { field: path, value: v };
  }
  return undefined;
}

/** Adds "field is / is not this value" to the filter box and applies it. Returns the new query, or undefined. */
export function filterByCell(target: CellTarget, exclude: boolean): string | undefined {
  const term = fieldTerm(target.field, target.value, exclude);
  if (!term) return undefined;
  const next = addTerm(useFilter.getState().text, term);
  setFilterText(next);
  rememberQuery(next);
  return next;
}

interface MenuState {
  menu: { x: number; y: number; target: CellTarget; label: string } | null;
}

export const useCellMenu = create<MenuState>()(() => ({ menu: null }));

/** Opens the cell menu at the pointer (the table calls this from a cell's contextmenu event). */
export function openCellMenu(ev: { clientX: number; clientY: number; preventDefault(): void }, columnId: string, e: StreamEvent): void {
  const target = cellFilterTarget(columnId, e);
  if (!target || !fieldTerm(target.field, target.value)) return; // keep the browser's own menu
  ev.preventDefault();
  const v = target.value;
  const label = v === undefined ? '(empty)' : typeof v === 'string' ? (v.length > 40 ? v.slice(0, 40) + '…' : v) : String(v);
  useCellMenu.setState({ menu: { x: ev.clientX, y: ev.clientY, target, label } });
}

export function closeCellMenu(): void {
  useCellMenu.setState({ menu: null });
}
