import { forwardRef } from 'react';
import { flexRender, type ColumnDef, type Table } from '@tanstack/react-table';
import type { StreamEvent } from '../../../dialects/types';
import type { ColumnMeta } from '../columns';
import { sortBlocked } from '../../columns/sort';
import { ColumnResizer } from '../../columns/ColumnResizer';

/** A column's name as people read it: its header text (every column here has one), else its id. */
const headerName = (c: ColumnDef<StreamEvent>) => (typeof c.header === 'string' ? c.header : (c.id ?? ''));

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const;

/**
 * The sticky header row, rendered through TanStack Table from its column state: sort on click (the table's
 * SortingState, which the view follows), a resize handle on each right edge (its ColumnSizingState).
 */
export const EventTableHeader = forwardRef<HTMLDivElement, { table: Table<StreamEvent> }>(function EventTableHeader({ table }, ref) {
  return (
    <div className="thead" role="rowgroup" ref={ref}>
      {table.getHeaderGroups().map((hg) => (
        <div className="tr" role="row" key={hg.id} aria-rowindex={1}>
          {hg.headers.map((h) => {
            const sorted = h.column.getIsSorted();
            const name = headerName(h.column.columnDef);
            return (
              <div
                className={`th ${(h.column.columnDef.meta as ColumnMeta | undefined)?.className ?? ''}`}
                role="columnheader"
                key={h.id}
                aria-sort={sorted ? ARIA_SORT[sorted] : undefined}
                // The name is the header alone, not the resize handle's label inside it.
                aria-label={name}
                title={sortBlocked() ?? 'Sort by this column (click again: descending, then arrival order)'}
                onClick={() => h.column.toggleSorting(undefined, false)}
              >
                {flexRender(h.column.columnDef.header, h.getContext())}
                {sorted && <span aria-hidden="true">{sorted === 'asc' ? ' ▲' : ' ▼'}</span>}
                <ColumnResizer
                  header={name}
                  width={h.column.getSize()}
                  onSize={(w) => table.setColumnSizing((old) => ({ ...old, [h.column.id]: w }))}
                  onReset={() => h.column.resetSize()}
                />
              </div>
            );
          })}
        </div>
      ))}
    </div>
  );
});
