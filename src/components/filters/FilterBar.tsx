import { useCallback, useEffect, useId, useRef, useState, useSyncExternalStore } from 'react';
import { eventView } from '../../engine';
import { useStore } from '../../store';
import { deleteSavedFilter, gotoMatch, rememberQuery, saveFilter, setFilterMode, setFilterText, useFilter } from './filterState';
import { CellMenu } from './CellMenu';
import { useDismiss } from './useDismiss';
import './filters.css';

/** Re-filtering 1 000 000 events takes a while: wait for a pause in typing before starting a new pass. */
const TYPING_DEBOUNCE_MS = 120;

const HELP =
  'Free text matches anywhere (case-insensitive). field:value on JSON paths (Object.Name:global), * wildcards, ' +
  '-term to exclude, metric:>0.5, size:>=1kb, /regex/, dir:in|out|system, dialect:drp, time:>12:01:03 or time:12:01..12:05 ' +
  '(receive time), shape:new (events that brought a field or value type new to their type), "quoted text", a OR b, ( ). ' +
  'Space means AND. Enter remembers the query; in highlight mode Enter / Shift+Enter go to the next / previous match.';

function useProgress(): { done: number; total: number } | null {
  const key = useSyncExternalStore(
    (l) => eventView.subscribeProgress(l),
    () => {
      const p = eventView.progress;
      return p ? `${p.done}/${p.total}` : '';
    },
  );
  if (!key) return null;
  const [done, total] = key.split('/').map(Number);
  return { done, total };
}

function ErrorMessage({ id, text, error }: { id: string; text: string; error: { message: string; pos: number; end: number } }) {
  const end = Math.max(error.end, error.pos + 1);
  return (
    <div className="filter-error" id={id} role="alert">
      <span className="filter-error-msg">⚠ {error.message}</span>
      <code className="filter-error-where" aria-hidden="true">
        {text.slice(0, error.pos)}
        <mark>{text.slice(error.pos, end) || ' '}</mark>
        {text.slice(end)}
      </code>
      <span className="filter-error-note">The previous filter stays applied.</span>
    </div>
  );
}

function FiltersMenu({ onClose, inputRef }: { onClose: () => void; inputRef: React.RefObject<HTMLInputElement | null> }) {
  const saved = useFilter((s) => s.saved);
  const history = useFilter((s) => s.history);
  const text = useFilter((s) => s.text);
  const error = useFilter((s) => s.error);
  const [name, setName] = useState('');
  const use = (q: string) => {
    setFilterText(q);
    rememberQuery(q);
    onClose();
    inputRef.current?.focus();
  };
  return (
    <div className="filter-menu" role="dialog" aria-label="Saved filters and history">
      <form
        className="filter-save"
        onSubmit={(e) => {
          e.preventDefault();
          saveFilter(name, text);
          setName('');
        }}
      >
        <input aria-label="Name for this filter" placeholder="Name this filter…" value={name} onChange={(e) => setName(e.target.value)} disabled={!text.trim() || !!error} />
        <button type="submit" disabled={!name.trim() || !text.trim() || !!error} title="Keep the current query under this name (stored in this browser)">
          Save
        </button>
      </form>
      <div className="filter-menu-head">Saved</div>
      {saved.length === 0 && <div className="filter-menu-empty">No saved filters yet.</div>}
      <ul>
        {saved.map((s) => (
          <li key={s.name}>
            <button type="button" className="ghost filter-menu-item" onClick={() => use(s.query)} title={s.query}>
              <strong>{s.name}</strong> <code>{s.query}</code>
            </button>
            <button type="button" className="ghost" aria-label={`Delete saved filter ${s.name}`} title="Delete this saved filter" onClick={() => deleteSavedFilter(s.name)}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <div className="filter-menu-head">Recent</div>
      {history.length === 0 && <div className="filter-menu-empty">Queries you apply with Enter appear here.</div>}
      <ul>
        {history.map((q) => (
          <li key={q}>
            <button type="button" className="ghost filter-menu-item" onClick={() => use(q)}>
              <code>{q}</code>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The filter box: query language, inline errors, hide/highlight, next/previous match, saved filters and history. */
export function FilterBar() {
  const text = useFilter((s) => s.text);
  const applied = useFilter((s) => s.applied);
  const error = useFilter((s) => s.error);
  const mode = useFilter((s) => s.mode);
  useStore((s) => s.viewVersion); // match counts follow the stream
  const progress = useProgress();
  const [draft, setDraft] = useState<string | null>(null); // typed but not applied yet
  const [menuOpen, setMenuOpen] = useState(false);
  const menuRef = useRef<HTMLDivElement>(null);
  const closeMenu = useCallback(() => setMenuOpen(false), []);
  useDismiss(menuRef, menuOpen, closeMenu);
  const inputRef = useRef<HTMLInputElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const errorId = useId();
  const value = draft ?? text;

  /** The text this box is applying right now, so the subscription below can tell its own changes from others'. */
  const applyingRef = useRef<string | null>(null);
  const applyNow = useCallback((q: string) => {
    clearTimeout(timer.current);
    setDraft(null);
    applyingRef.current = q;
    setFilterText(q);
    applyingRef.current = null;
  }, []);

  useEffect(() => () => clearTimeout(timer.current), []);

  // A query set from elsewhere (a cell's "Filter to this", a saved connection) wins over typing still waiting for its
  // debounce: without this the pending keystrokes were applied 120 ms later and silently replaced it.
  useEffect(
    () =>
      useFilter.subscribe((s, prev) => {
        if (s.text === prev.text || s.text === applyingRef.current) return;
        clearTimeout(timer.current);
        setDraft(null);
      }),
    [],
  );

  // '/' focuses the filter box (when not typing elsewhere); F3 / Shift+F3 walk the matches.
  useEffect(() => {
    const onKey = (ev: KeyboardEvent) => {
      const t = ev.target as HTMLElement | null;
      const typing = t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);
      if (ev.key === '/' && !typing && !ev.ctrlKey && !ev.metaKey && !ev.altKey) {
        ev.preventDefault();
        inputRef.current?.focus();
      } else if (ev.key === 'F3') {
        ev.preventDefault();
        gotoMatch(ev.shiftKey ? -1 : 1);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const highlighting = mode === 'highlight' && !!applied;
  const matches = eventView.matchCount;
  const state = error && draft === null ? 'error' : progress || draft !== null ? 'running' : 'done';
  const pct = progress && progress.total ? Math.floor((progress.done / progress.total) * 100) : 0;

  return (
    <div className={`filter-bar${error ? ' invalid' : ''}`} data-filter-state={state} data-filter-query={applied} data-filter-matched={matches}>
      <div className="filter-input-wrap">
        <input
          ref={inputRef}
          data-filter-input=""
          type="search"
          className="filter-input"
          aria-label="Filter events"
          aria-invalid={!!error}
          aria-describedby={error ? errorId : undefined}
          placeholder="Filter: text, type:container, -dir:out, metric:>0.5, /regex/ …  ( / to focus)"
          title={HELP}
          spellCheck={false}
          autoComplete="off"
          value={value}
          onChange={(e) => {
            const q = e.target.value;
            setDraft(q);
            clearTimeout(timer.current);
            timer.current = setTimeout(() => applyNow(q), TYPING_DEBOUNCE_MS);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              const wasApplied = draft === null && !error;
              applyNow(value);
              rememberQuery(value);
              if (highlighting && wasApplied) gotoMatch(e.shiftKey ? -1 : 1);
            } else if (e.key === 'Escape' && value) {
              e.preventDefault();
              applyNow('');
            }
          }}
          onBlur={() => {
            // Leaving the box applies what it shows at once: whatever the person does next (a cell's menu adds to the
            // query) must start from the text they see, not from the one applied before the debounce ran out.
            if (draft !== null) applyNow(draft);
            else if (!error) rememberQuery(value);
          }}
        />
        {error && draft === null && <ErrorMessage id={errorId} text={text} error={error} />}
      </div>
      {progress && (
        <span className="filter-progress" role="status" aria-label="Filtering progress">
          Filtering… <progress max={100} value={pct} /> {pct}%
        </span>
      )}
      <div className="filter-mode" role="radiogroup" aria-label="Filter mode">
        {(['hide', 'highlight'] as const).map((m) => (
          <button
            key={m}
            type="button"
            role="radio"
            aria-checked={mode === m}
            className={mode === m ? 'on' : ''}
            onClick={() => setFilterMode(m)}
            title={m === 'hide' ? 'Show only the events that match' : 'Keep every event and highlight the matches'}
          >
            {m === 'hide' ? 'Hide others' : 'Highlight'}
          </button>
        ))}
      </div>
      {highlighting && (
        <span className="filter-matches">
          <output aria-label="Matches">{matches.toLocaleString()}</output> match{matches === 1 ? '' : 'es'}
          <button type="button" className="ghost" onClick={() => gotoMatch(-1)} title="Previous match (Shift+Enter in the filter box, Shift+F3)" aria-label="Previous match">
            ▲
          </button>
          <button type="button" className="ghost" onClick={() => gotoMatch(1)} title="Next match (Enter in the filter box, F3)" aria-label="Next match">
            ▼
          </button>
        </span>
      )}
      <div className="filter-menu-wrap" ref={menuRef}>
        <button type="button" className="ghost" aria-expanded={menuOpen} onClick={() => setMenuOpen(!menuOpen)} title="Saved filters and recent queries">
          Filters ▾
        </button>
        {menuOpen && <FiltersMenu onClose={() => setMenuOpen(false)} inputRef={inputRef} />}
      </div>
      <CellMenu />
    </div>
  );
}
