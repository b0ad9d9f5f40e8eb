import { useMemo } from 'react';
import { getCoreRowModel, useReactTable, type Column, type ColumnDef, type SortingState, type Table, type Updater } from '@tanstack/react-table';
import type { StreamEvent } from '../../../dialects/types';
import { getDialect } from '../../../dialects/registry';
import { selectListsOneConnection, useStore } from '../../../store';
import { baseColumns, type ColumnMeta } from '../columns';
import { columnStateChange, DEFAULT_COLUMN, useColumnState, withFieldColumns } from '../../columns/columnLayout';
import { applySorting } from '../../columns/sort';

const NO_ROWS: StreamEvent[] = [];

/**
 * A TanStack table over no rows that holds the dialect's column state (order, visibility, sizing) and writes every
 * change back to it. The event table renders its header and reads its columns; the column menu drives the same state.
 * `sorting`, when given, is the view's sort and `onSortingChange` what a header click asks of it.
 */
export function useColumnTable(
  dialect: string,
  columns: ColumnDef<StreamEvent>[],
  sort?: { sorting: SortingState; onSortingChange(updater: Updater<SortingState>, table: Table<StreamEvent>): void },
): Table<StreamEvent> {
  const state = useColumnState(dialect);
  const handlers = useMemo(
    () => ({
      onColumnOrderChange: columnStateChange(dialect, 'columnOrder'),
      onColumnVisibilityChange: columnStateChange(dialect, 'columnVisibility'),
      onColumnSizingChange: columnStateChange(dialect, 'columnSizing'),
    }),
    [dialect],
  );
  const table: Table<StreamEvent> = useReactTable({
    data: NO_ROWS,
    columns: useMemo(() => withFieldColumns(columns, state.fields), [columns, state.fields]),
    defaultColumn: DEFAULT_COLUMN,
    getCoreRowModel: getCoreRowModel(),
    state: { columnOrder: state.columnOrder, columnVisibility: state.columnVisibility, columnSizing: state.columnSizing, sorting: sort?.sorting ?? [] },
    ...handlers,
    // The rows are the engine's (src/engine): a header click asks the view to sort, ascending first, one column at a time.
    manualSorting: true,
    enableMultiSort: false,
    sortDescFirst: false,
    onSortingChange: (updater) => sort?.onSortingChange(updater, table),
  });
  return table;
}

/**
 * Whether "#" is the dialect's own number for its rows: one of a connection's streams is listed alone (one remotedev
 * instance); with several interleaved (the merged timeline) rows keep their arrival count.
 */
export function useOwnRowNumbers(dialect: string): boolean {
  const scoped = !!getDialect(dialect).rowScope;
  return useStore((s) => scoped && !(s.mergedTimeline || (s.focus[s.activeConnId] ?? null) === null));
}

/**
 * The active dialect's default columns (Conn only while several connections share the table; a dialect's
 * `severalStreams` columns only while several of the connection's streams do, and its own "#" while one is listed).
 */
function useDefaultColumns(): { columns: ColumnDef<StreamEvent>[]; dialect: string } {
  const connections = useStore((s) => s.connections);
  const dialect = useStore((s) => s.connections.find((c) => c.id === s.activeConnId)?.dialect ?? 'json');
  const onlyActive = useStore(selectListsOneConnection);
  const scoped = !!getDialect(dialect).rowScope;
  const ownNumbers = useOwnRowNumbers(dialect);
  const severalStreams = scoped && !ownNumbers;
  return useMemo(() => {
    const names = new Map(connections.map((c) => [c.id, c.name]));
    const showConn = connections.length > 1 && !onlyActive;
    const extra = (getDialect(dialect).columns ?? []).filter((c) => !c.severalStreams || severalStreams);
    return { columns: baseColumns((id) => names.get(id) ?? id, showConn, extra, ownNumbers), dialect };
  }, [connections, dialect, onlyActive, severalStreams, ownNumbers]);
}

/**
 * The event table's columns for the active dialect: its TanStack table (the user's layout and the view's sort), the
 * visible columns in order, and the grid template they make.
 */
export function useColumns(sorting: SortingState): { table: Table<StreamEvent>; columns: Column<StreamEvent>[]; template: string; minWidth: number; dialect: string } {
  const { columns: defaults, dialect } = useDefaultColumns();
  const table = useColumnTable(dialect, defaults, { sorting, onSortingChange: applySorting });
  const columns = table.getVisibleLeafColumns();
  const sizing = table.getState().columnSizing;
  return useMemo(() => {
    const template = columns.map((c) => ((c.columnDef.meta as ColumnMeta | undefined)?.className?.includes('grow') ? `minmax(${c.getSize()}px, 1fr)` : `${c.getSize()}px`)).join(' ');
    const minWidth = columns.reduce((n, c) => n + c.getSize(), 0);
    return { table, columns, template, minWidth, dialect };
    // getSize() reads the sizing state: a resize changes the template without changing the column list.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [table, columns, sizing, dialect]);
}
