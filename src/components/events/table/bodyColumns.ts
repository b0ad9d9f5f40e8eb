import type { ColumnDef } from '@tanstack/react-table';
import type { StreamEvent } from '../../../dialects/types';
import type { ColumnMeta } from '../columns';

export type CellText = string | number;

export interface BodyColumns {
  meta: { id: string; className: string }[];
  texts(e: StreamEvent): CellText[];
}

/**
 * Cell texts per event, computed once per column set; `live` columns are re-read on every render. Body cells are read
 * straight from the column accessors through this cache: building TanStack row and cell objects for every on-screen
 * row on every render cost more than the rows themselves while a fast stream moved the window.
 */
export function bodyColumns(columns: ColumnDef<StreamEvent>[]): BodyColumns {
  const read = columns.map((c) => (c as { accessorFn?: (e: StreamEvent, i: number) => unknown }).accessorFn ?? (() => ''));
  const live = columns.flatMap((c, i) => ((c.meta as ColumnMeta | undefined)?.live ? [i] : []));
  const meta = columns.map((c) => ({ id: c.id!, className: (c.meta as ColumnMeta | undefined)?.className ?? '' }));
  const cache = new WeakMap<StreamEvent, CellText[]>();
  const texts = (e: StreamEvent): CellText[] => {
    let t = cache.get(e);
    if (!t) {
      t = read.map((f) => f(e, 0) as CellText);
      cache.set(e, t);
      return t;
    }
    for (const i of live) {
      const v = read[i](e, 0) as CellText;
      if (v !== t[i]) {
        t = t.slice();
        t[i] = v;
        cache.set(e, t);
      }
    }
    return t;
  };
  return { meta, texts };
}
