import { functionalUpdate, type SortingState, type Table, type Updater } from '@tanstack/react-table';
import type { StreamEvent } from '../../dialects/types';
import { eventView } from '../../engine';

/** Sorting copies and sorts the rows on the main thread; past this many it would freeze the page. */
export const SORT_LIMIT = 300_000;

/** Numbers sort as numbers: the seq, time and size columns by their values, not by their formatted text. */
function keyFor(columnId: string, accessor?: (e: StreamEvent, i: number) => unknown): (e: StreamEvent) => number | string {
  if (columnId === 'seq') return (e) => e.seq;
  if (columnId === 'time') return (e) => e.sourceTime ?? e.receivedAt;
  if (columnId === 'size') return (e) => e.size;
  return (e) => {
    const v = accessor?.(e, 0);
    return typeof v === 'number' ? v : v === undefined || v === null ? '' : String(v);
  };
}

/** Why a header cannot sort now, or undefined when it can. */
export function sortBlocked(): string | undefined {
  if (!eventView.sortable) return 'Pause or filter the view to sort (a live stream stays in arrival order)';
  if (eventView.count > SORT_LIMIT) return `Filter down to ${SORT_LIMIT.toLocaleString('en')} rows or fewer to sort`;
  return undefined;
}

/**
 * The view's sort as TanStack Table's SortingState. The view owns it: a new filter or a resume drops a sorted
 * snapshot, and the header then shows arrival order again.
 */
export function viewSorting(): SortingState {
  const cur = eventView.sortedBy;
  return cur ? [{ id: cur.id, desc: cur.desc }] : [];
}

/**
 * The table's onSortingChange: a header click (ascending, then descending, then arrival order again) asks the view to
 * sort by that column's values. Going back to arrival order is always allowed; a new sort only when sortBlocked() is not.
 */
export function applySorting(updater: Updater<SortingState>, table: Table<StreamEvent>): void {
  const next = functionalUpdate(updater, viewSorting())[0];
  if (!next) {
    eventView.setSort(null);
    return;
  }
  if (sortBlocked()) return;
  eventView.setSort({ id: next.id, desc: next.desc, key: keyFor(next.id, table.getColumn(next.id)?.accessorFn) });
}
