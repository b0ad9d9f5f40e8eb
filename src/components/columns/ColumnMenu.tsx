import { useCallback, useMemo, useRef, useState } from 'react';
import { useDismiss } from '../filters/useDismiss';
import { selectListsOneConnection, useStore } from '../../store';
import { eventView } from '../../engine';
import { getDialect } from '../../dialects/registry';
import type { StreamEvent } from '../../dialects/types';
import { baseColumns } from '../events/columns';
import { discoverFields, MAX_WIDTH, MIN_WIDTH, resetLayout, setFieldColumns, useColumnState } from './columnLayout';
import { useColumnTable } from '../events/table/useColumns';
import '../capture/capture.css';

/** The newest rows, to discover which fields the stream carries. */
function sampleRows(n = 500): StreamEvent[] {
  const out: StreamEvent[] = [];
  const count = eventView.count;
  for (let i = Math.max(0, count - n); i < count; i++) {
    const e = eventView.at(i);
    if (e) out.push(e);
  }
  return out;
}

function ColumnsPanel({ dialect }: { dialect: string }) {
  const { fields: added } = useColumnState(dialect);
  // The Conn column exists only while the table shows several connections; the list shows what the table can show.
  const showConn = useStore((st) => st.connections.length > 1 && !selectListsOneConnection(st));
  const defaults = useMemo(() => baseColumns(() => '', true, getDialect(dialect).columns ?? []), [dialect]);
  // The same column state the event table holds, through a TanStack table of its own: every column, in order.
  const table = useColumnTable(dialect, defaults);
  const all = table.getAllLeafColumns();
  const columns = showConn ? all : all.filter((c) => c.id !== 'conn');
  const fields = useMemo(() => discoverFields(sampleRows()), []);
  // Swaps with the neighbour in the list; the full order (with Conn where it was) is what is remembered.
  const move = (id: string, delta: number) => {
    const listed = columns.map((c) => c.id);
    const k = listed.indexOf(id);
    const other = listed[k + delta];
    if (k < 0 || other === undefined) return;
    const ids = all.map((c) => c.id);
    const i = ids.indexOf(id);
    const j = ids.indexOf(other);
    [ids[i], ids[j]] = [ids[j], ids[i]];
    table.setColumnOrder(ids);
  };
  return (
    <div className="capture-menu column-menu" role="dialog" aria-label={`Columns for ${dialect}`}>
      <div className="column-menu-head">Columns ({getDialect(dialect).label}, remembered per dialect)</div>
      <ul className="column-list">
        {columns.map((c, i) => {
          const id = c.id;
          const header = typeof c.columnDef.header === 'string' ? c.columnDef.header : id;
          return (
            <li key={id}>
              <label>
                <input type="checkbox" checked={c.getIsVisible()} onChange={(e) => c.toggleVisibility(e.target.checked)} /> {header}
              </label>
              <button type="button" className="ghost" aria-label={`Move ${header} left`} title="Move this column left" disabled={i === 0} onClick={() => move(id, -1)}>
                ↑
              </button>
              <button type="button" className="ghost" aria-label={`Move ${header} right`} title="Move this column right" disabled={i === columns.length - 1} onClick={() => move(id, 1)}>
                ↓
              </button>
              <input
                type="number"
                aria-label={`Width of ${header}`}
                title="Width in pixels"
                min={MIN_WIDTH}
                max={MAX_WIDTH}
                step={10}
                value={c.getSize()}
                onChange={(e) => {
                  const w = Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, Number(e.target.value) || 0));
                  table.setColumnSizing((old) => ({ ...old, [id]: w }));
                }}
              />
            </li>
          );
        })}
      </ul>
      <div className="column-menu-head">Fields in the events</div>
      {fields.length === 0 && <div className="filter-menu-empty">No JSON fields among the newest rows yet.</div>}
      <ul className="column-fields">
        {fields.map((f) => (
          <li key={f}>
            <label title={`Show ${f} as a column`}>
              <input
                type="checkbox"
                checked={added.includes(f)}
                onChange={(e) => setFieldColumns(dialect, (l) => (e.target.checked ? [...l, f] : l.filter((x) => x !== f)))}
              />{' '}
              <code>{f}</code>
            </label>
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => resetLayout(dialect)} title="Back to this dialect's default columns">
        Reset columns
      </button>
    </div>
  );
}

/** Show / hide, reorder and size the table's columns, and add columns from the events' own fields. */
export function ColumnMenu() {
  const dialect = useStore((s) => s.connections.find((c) => c.id === s.activeConnId)?.dialect ?? 'json');
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useDismiss(ref, open, close);
  return (
    <div className="capture" ref={ref}>
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)} title="Choose, order and size the table's columns; add columns from event fields">
        Columns ▾
      </button>
      {open && <ColumnsPanel dialect={dialect} />}
    </div>
  );
}
