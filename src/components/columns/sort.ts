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

/** Header click: ascending, then descending, then arrival order again. */
export function toggleSort(columnId: string, accessor?: (e: StreamEvent, i: number) => unknown): void {
  const cur = eventView.sortedBy;
  if (cur?.id === columnId && cur.desc) {
    eventView.setSort(null);
    return;
  }
  if (sortBlocked()) return;
  eventView.setSort({ id: columnId, desc: cur?.id === columnId, key: keyFor(columnId, accessor) });
}

export function ariaSort(columnId: string): 'ascending' | 'descending' | undefined {
  const cur = eventView.sortedBy;
  return cur?.id === columnId ? (cur.desc ? 'descending' : 'ascending') : undefined;
}
