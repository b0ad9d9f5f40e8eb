import { useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { copyText } from '../../../../lib/clipboard';
import { typedJson } from '../typedValue';
import { flattenTree, isOpen, revealPath, type FlatRow, type TreeOpenState } from './flatTree';
import { pathId, pathText, resolvePath, type Seg } from './statePath';
import { useStateSearch } from './useStateSearch';
import { loadPin, loadViewPrefs, savePin, saveViewPrefs, type StateViewPrefs } from './stateMemory';
import { StateTree, type NodeAction } from './StateTree';
import { StateSearchBar } from './StateSearchBar';
import { Breadcrumbs } from './Breadcrumbs';

/** JSON text shown at most; Copy always gives all of it. */
const JSON_VIEW_LIMIT = 200_000;
const closedTree = (): TreeOpenState => ({ toggled: new Map(), limits: new Map(), defaultDepth: 2 });

/**
 * The State tab's body: the state (or its pinned subtree, remembered per app) as a virtualised tree or as JSON, with
 * search of keys and values, keys in the app's order or A→Z, and copy of the whole state or of any node.
 */
export function StateView({ state, app }: { state: unknown; app: string }) {
  const [prefs, setPrefsState] = useState<StateViewPrefs>(loadViewPrefs);
  const setPrefs = (p: Partial<StateViewPrefs>) => setPrefsState((old) => {
    const next = { ...old, ...p };
    saveViewPrefs(next);
    return next;
  });
  const [pin, setPinState] = useState<Seg[]>(() => loadPin(app));
  const [pinnedFor, setPinnedFor] = useState(app);
  if (pinnedFor !== app) {
    setPinnedFor(app);
    setPinState(loadPin(app));
  }
  const setPin = useCallback((p: Seg[]) => {
    setPinState(p);
    savePin(app, p);
  }, [app]);
  const { order, mode } = prefs;
  const { value: shown, depth } = useMemo(() => resolvePath(state, pin), [state, pin]);
  const base = useMemo(() => pin.slice(0, depth), [pin, depth]);
  const [open, setOpen] = useState(closedTree);

  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const search = useStateSearch(shown, deferredQuery, order);
  const [hitIndex, setHitIndex] = useState(0);
  const hits = search.hits;
  const at = hits.length ? Math.min(hitIndex, hits.length - 1) : -1;
  const currentPath = at >= 0 ? [...base, ...hits[at]] : undefined;
  const currentHitId = currentPath && pathId(currentPath);
  const hitIds = useMemo(() => new Set(hits.map((h) => pathId([...base, ...h]))), [hits, base]);
  // The current hit is drawn: everything above it opens (the user's other choices stay).
  useEffect(() => {
    if (at >= 0) setOpen((s) => revealPath(s, shown, base, hits[at], order));
  }, [at, hits, shown, base, order]);

  const rows = useMemo(() => (mode === 'tree' ? flattenTree(shown, base, open, order) : []), [mode, shown, base, open, order]);
  const [copied, setCopied] = useState('');
  const copy = async (text: string, what: string) => setCopied((await copyText(text)) ? `Copied ${what}` : 'Copy failed');
  const onToggle = (row: FlatRow & { kind: 'node' }) => setOpen((s) => ({ ...s, toggled: new Map(s.toggled).set(row.id, !isOpen(s, row.id, row.depth)) }));
  const onMore = (parentId: string) => setOpen((s) => ({ ...s, limits: new Map(s.limits).set(parentId, (s.limits.get(parentId) ?? 500) + 5000) }));
  const onPin = (n: NodeAction) => setPin(n.path);
  const json = useMemo(() => (mode === 'json' ? typedJson(shown) : ''), [mode, shown]);

  return (
    <div className="st-view">
      <div className="st-toolbar" role="toolbar" aria-label="State view">
        <span className="st-seg" role="group" aria-label="Show the state as">
          <button type="button" aria-pressed={mode === 'tree'} onClick={() => setPrefs({ mode: 'tree' })}>
            Tree
          </button>
          <button type="button" aria-pressed={mode === 'json'} onClick={() => setPrefs({ mode: 'json' })}>
            JSON
          </button>
        </span>
        <button type="button" aria-pressed={order === 'az'} onClick={() => setPrefs({ order: order === 'az' ? 'insertion' : 'az' })} title={order === 'az' ? 'Keys are sorted A→Z: click for the order the app made them in' : 'Keys are in the order the app made them: click to sort them A→Z'}>
          Sort keys A→Z
        </button>
        <button type="button" onClick={() => copy(typedJson(state), 'the whole state')} title="Copy the whole state as JSON (Map, Set, Date… written as their text)">
          Copy state
        </button>
        <span role="status" className="copied">
          {copied}
        </span>
      </div>
      <Breadcrumbs pin={pin} found={depth} onGo={setPin} />
      {depth < pin.length && (
        <p className="note">
          <code>{pathText(pin)}</code> is not in this action's state: showing <code>{pathText(base)}</code>. The pin stays for the actions that have it.
        </p>
      )}
      {mode === 'tree' ? (
        <>
          <StateSearchBar query={query} onQuery={(q) => { setQuery(q); setHitIndex(0); }} count={hits.length} at={at} truncated={search.truncated} searching={search.searching} onStep={(d) => hits.length && setHitIndex((at + d + hits.length) % hits.length)} />
          <StateTree rows={rows} query={deferredQuery} hitIds={hitIds} currentHitId={currentHitId} onToggle={onToggle} onMore={onMore} onPin={onPin} label={depth ? `State at ${pathText(base)}` : 'State'} onCopy={(n) => copy(typedJson(n.value), pathText(n.path))} onCopyPath={(n) => copy(pathText(n.path), `the path ${pathText(n.path)}`)} />
        </>
      ) : (
        <>
          {json.length > JSON_VIEW_LIMIT && <p className="note">Showing the first {Math.round(JSON_VIEW_LIMIT / 1000)} kB of {Math.round(json.length / 1000)} kB; Copy state gives all of it.</p>}
          <pre className="raw st-json" aria-label={depth ? `State at ${pathText(base)} as JSON` : 'State as JSON'} tabIndex={0}>
            {json.length > JSON_VIEW_LIMIT ? json.slice(0, JSON_VIEW_LIMIT) : json}
          </pre>
        </>
      )}
    </div>
  );
}
