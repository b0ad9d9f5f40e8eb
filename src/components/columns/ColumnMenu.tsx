import { useCallback, useMemo, useRef, useState } from 'react';
import { useDismiss } from '../filters/useDismiss';
import { selectListsOneConnection, useStore } from '../../store';
import { eventView } from '../../engine';
import { getDialect } from '../../dialects/registry';
import type { StreamEvent } from '../../dialects/types';
import { baseColumns } from '../events/columns';
import { applyLayout, discoverFields, MAX_WIDTH, MIN_WIDTH, resetLayout, updateLayout, useColumnLayout } from './columnLayout';
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
  const layout = useColumnLayout(dialect);
  // The Conn column exists only while the table shows several connections; the list shows what the table can show.
  const showConn = useStore((st) => st.connections.length > 1 && !selectListsOneConnection(st));
  const all = useMemo(() => applyLayout(baseColumns(() => '', true, getDialect(dialect).columns ?? []), layout, { includeHidden: true }), [dialect, layout]);
  const columns = useMemo(() => (showConn ? all : all.filter((c) => c.id !== 'conn')), [all, showConn]);
  const fields = useMemo(() => discoverFields(sampleRows()), []);
  // Swaps with the neighbour in the list; the full order (with Conn where it was) is what is remembered.
  const move = (id: string, delta: number) =>
    updateLayout(dialect, () => {
      const listed = columns.map((c) => c.id!);
      const k = listed.indexOf(id);
      const other = listed[k + delta];
      if (k < 0 || other === undefined) return {};
      const ids = all.map((c) => c.id!);
      const i = ids.indexOf(id);
      const j = ids.indexOf(other);
      [ids[i], ids[j]] = [ids[j], ids[i]];
      return { order: ids };
    });
  return (
    <div className="capture-menu column-menu" role="dialog" aria-label={`Columns for ${dialect}`}>
      <div className="column-menu-head">Columns ({getDialect(dialect).label}, remembered per dialect)</div>
      <ul className="column-list">
        {columns.map((c, i) => {
          const id = c.id!;
          const header = typeof c.header === 'string' ? c.header : id;
          return (
            <li key={id}>
              <label>
                <input
                  type="checkbox"
                  checked={!layout.hidden.includes(id)}
                  onChange={(e) => updateLayout(dialect, (l) => ({ hidden: e.target.checked ? l.hidden.filter((h) => h !== id) : [...l.hidden, id] }))}
                />{' '}
                {header}
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
                value={c.size ?? 100}
                onChange={(e) => {
                  const w = Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, Number(e.target.value) || 0));
                  updateLayout(dialect, (l) => ({ widths: { ...l.widths, [id]: w } }));
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
                checked={layout.fields.includes(f)}
                onChange={(e) => updateLayout(dialect, (l) => ({ fields: e.target.checked ? [...l.fields, f] : l.fields.filter((x) => x !== f) }))}
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
