import { create } from 'zustand';
import { compileQuery, type FilterError } from '../../filter';
import { eventView, type FilterMode } from '../../engine';
import { useStore } from '../../store';

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

const HISTORY_KEY = 'streamscope.filter.history';
const SAVED_KEY = 'streamscope.filter.saved';
const MODE_KEY = 'streamscope.filter.mode';
const HISTORY_MAX = 20;

function load<T>(key: string, fallback: T, valid: (v: unknown) => boolean): T {
  try {
    const v = JSON.parse(localStorage.getItem(key) ?? 'null');
    return valid(v) ? (v as T) : fallback;
  } catch {
    return fallback;
  }
}

function store(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    /* private mode or quota: the filter still works, it is just not remembered */
  }
}

const isStringArray = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');
const isSavedArray = (v: unknown) => Array.isArray(v) && v.every((x) => x && typeof x.name === 'string' && typeof x.query === 'string');

export const useFilter = create<FilterState>()(() => ({
  text: '',
  applied: '',
  error: null,
  mode: typeof localStorage === 'undefined' ? 'hide' : load<FilterMode>(MODE_KEY, 'hide', (v) => v === 'hide' || v === 'highlight'),
  history: typeof localStorage === 'undefined' ? [] : load<string[]>(HISTORY_KEY, [], isStringArray),
  saved: typeof localStorage === 'undefined' ? [] : load<SavedFilter[]>(SAVED_KEY, [], isSavedArray),
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
  const history = [q, ...useFilter.getState().history.filter((h) => h !== q)].slice(0, HISTORY_MAX);
  useFilter.setState({ history });
  store(HISTORY_KEY, history);
}

export function setFilterMode(mode: FilterMode): void {
  useFilter.setState({ mode });
  store(MODE_KEY, mode);
  eventView.setMode(mode);
}

export function saveFilter(name: string, query: string): void {
  const n = name.trim();
  if (!n || !query.trim()) return;
  const saved = [...useFilter.getState().saved.filter((s) => s.name !== n), { name: n, query: query.trim() }];
  useFilter.setState({ saved });
  store(SAVED_KEY, saved);
}

export function deleteSavedFilter(name: string): void {
  const saved = useFilter.getState().saved.filter((s) => s.name !== name);
  useFilter.setState({ saved });
  store(SAVED_KEY, saved);
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
