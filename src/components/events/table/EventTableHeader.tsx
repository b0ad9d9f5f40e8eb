import { forwardRef } from 'react';
import { flexRender, type ColumnDef, type Table } from '@tanstack/react-table';
import type { StreamEvent } from '../../../dialects/types';
import type { ColumnMeta } from '../columns';
import { ariaSort, sortBlocked, toggleSort } from '../../columns/sort';
import { ColumnResizer } from '../../columns/ColumnResizer';

/** A column's name as people read it: its header text (every column here has one), else its id. */
const headerName = (c: ColumnDef<StreamEvent>) => (typeof c.header === 'string' ? c.header : (c.id ?? ''));

/** The sticky header row, rendered through TanStack Table: sort on click, a resize handle on each right edge. */
export const EventTableHeader = forwardRef<HTMLDivElement, { table: Table<StreamEvent>; dialect: string }>(function EventTableHeader({ table, dialect }, ref) {
  return (
    <div className="thead" role="rowgroup" ref={ref}>
      {table.getHeaderGroups().map((hg) => (
        <div className="tr" role="row" key={hg.id} aria-rowindex={1}>
          {hg.headers.map((h) => (
            <div
              className={`th ${(h.column.columnDef.meta as ColumnMeta | undefined)?.className ?? ''}`}
              role="columnheader"
              key={h.id}
              aria-sort={ariaSort(h.column.id)}
              // The name is the header alone, not the resize handle's label inside it.
              aria-label={headerName(h.column.columnDef)}
              title={sortBlocked() ?? 'Sort by this column (click again: descending, then arrival order)'}
              onClick={() => toggleSort(h.column.id, h.column.accessorFn)}
            >
              {flexRender(h.column.columnDef.header, h.getContext())}
              {ariaSort(h.column.id) && <span aria-hidden="true">{ariaSort(h.column.id) === 'ascending' ? ' ▲' : ' ▼'}</span>}
              <ColumnResizer dialect={dialect} id={h.column.id} header={headerName(h.column.columnDef)} width={h.column.columnDef.size ?? 100} />
            </div>
          ))}
        </div>
      ))}
    </div>
  );
});
