import { create } from 'zustand';
import { compileQuery, type FilterError } from '../../filter';
import { eventView, type FilterMode } from '../../engine';
import { useStore } from '../../store';
import { readStored, writeStored } from '../../lib/persist';
import { pushRecent } from '../../lib/recent';

// The filter box's state, outside React so the table's cell menu and keyboard shortcuts can drive it too. The view
// (src/engine/eventView) holds the compiled predicate; this holds the text the user sees.

export interface SavedFilter {
  name: string;
  query: string;
}

interface FilterState {
  /** What is in the box. */
  text: string;
  /** The last query that parsed: what is applied. */
  applied: string;
  error: FilterError | null;
  mode: FilterMode;
  history: string[];
  saved: SavedFilter[];
}

// Remembered in this browser (src/lib/persist), under streamscope:filter:… .
const HISTORY_KEY = 'filter:history';
const SAVED_KEY = 'filter:saved';
const MODE_KEY = 'filter:mode';
const HISTORY_MAX = 20;

const isStringArray = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');
const isSavedArray = (v: unknown) => Array.isArray(v) && v.every((x) => x && typeof x.name === 'string' && typeof x.query === 'string');

export const useFilter = create<FilterState>()(() => ({
  text: '',
  applied: '',
  error: null,
  mode: readStored<FilterMode>(MODE_KEY, 'hide', (v) => v === 'hide' || v === 'highlight'),
  history: readStored<string[]>(HISTORY_KEY, [], isStringArray),
  saved: readStored<SavedFilter[]>(SAVED_KEY, [], isSavedArray),
}));

/** Sets the box's text and applies it when it parses; a malformed query keeps the last valid filter applied. */
export function setFilterText(text: string): void {
  const r = compileQuery(text);
  if (!r.ok) {
    useFilter.setState({ text, error: r.error });
    return;
  }
  useFilter.setState({ text, error: null, applied: text.trim() });
  eventView.setFilter(r.ast ? r.predicate : null);
}

/** Remembers a query that was used (Enter, or leaving the box), newest first. */
export function rememberQuery(query: string): void {
  const q = query.trim();
  if (!q) return;
  const history = pushRecent(useFilter.getState().history, q, HISTORY_MAX);
  useFilter.setState({ history });
  writeStored(HISTORY_KEY, history);
}

export function setFilterMode(mode: FilterMode): void {
  useFilter.setState({ mode });
  writeStored(MODE_KEY, mode);
  eventView.setMode(mode);
}

export function saveFilter(name: string, query: string): void {
  const n = name.trim();
  if (!n || !query.trim()) return;
  const saved = [...useFilter.getState().saved.filter((s) => s.name !== n), { name: n, query: query.trim() }];
  useFilter.setState({ saved });
  writeStored(SAVED_KEY, saved);
}

export function deleteSavedFilter(name: string): void {
  const saved = useFilter.getState().saved.filter((s) => s.name !== name);
  useFilter.setState({ saved });
  writeStored(SAVED_KEY, saved);
}

// ---- revealing a row (next/previous match, selection kept in view after a filter lands) ----

const revealListeners = new Set<(seq: number) => void>();

/** The table subscribes: scroll `seq` into view if it is a row. */
export function onReveal(listener: (seq: number) => void): () => void {
  revealListeners.add(listener);
  return () => revealListeners.delete(listener);
}

export function reveal(seq: number): void {
  for (const l of revealListeners) l(seq);
}

/** Selects the next (1) or previous (-1) match and scrolls to it. */
export function gotoMatch(dir: 1 | -1): void {
  const st = useStore.getState();
  const seq = eventView.nextMatch(st.selectedSeq, dir);
  if (seq === null) return;
  st.setSelected(seq);
  st.setFollowing(false);
  reveal(seq);
}

/**
 * Hands the remembered mode to the view, and keeps the selected event in view when the filter changes (once the new
 * rows are in). Called once at start; returns the stop function.
 */
export function startFilterState(): () => void {
  eventView.setMode(useFilter.getState().mode);
  return eventView.onApplied(() => {
    const { selectedSeq, following } = useStore.getState();
    if (selectedSeq !== null && !following && eventView.indexOf(selectedSeq) >= 0) queueMicrotask(() => reveal(selectedSeq));
  });
}
