import { useEffect, useState } from 'react';
import { startSearch, type SearchResult } from './stateSearch';
import type { KeyOrder } from './statePath';

/** Milliseconds of searching per slice: the page keeps drawing frames while a big state is searched. */
const SLICE_MS = 10;
const NONE: SearchResult = { hits: [], truncated: false };

/**
 * The search of `root` for `query`, run in slices between frames. `searching` is true until the search for these
 * inputs is complete; meanwhile the hits are those of the last complete search for the same state (or none).
 */
export function useStateSearch(root: unknown, query: string, order: KeyOrder): SearchResult & { searching: boolean } {
  const [done, setDone] = useState<{ root: unknown; query: string; order: KeyOrder; result: SearchResult } | null>(null);
  useEffect(() => {
    if (!query.trim()) return;
    const search = startSearch(root, query, { order });
    let timer: ReturnType<typeof setTimeout>;
    const slice = () => {
      if (search.step(SLICE_MS)) setDone({ root, query, order, result: search.result() });
      else timer = setTimeout(slice, 0);
    };
    timer = setTimeout(slice, 0);
    return () => clearTimeout(timer);
  }, [root, query, order]);
  if (!query.trim()) return { ...NONE, searching: false };
  const current = done && done.root === root && done.query === query && done.order === order;
  if (current) return { ...done.result, searching: false };
  return { ...(done && done.root === root ? done.result : NONE), searching: true };
}
