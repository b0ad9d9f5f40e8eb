import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import type { StreamEvent } from '../../dialects/types';
import { getDialect } from '../../dialects/registry';
import { useStore } from '../../store';
import { eventView, reportTableRendered } from '../../engine';
import { baseColumns, type ColumnMeta } from './columns';
import { onReveal } from '../filters/filterState';
import { openCellMenu } from '../filters/cellFilter';
import { applyLayout, useColumnLayout } from '../columns/columnLayout';
import { ariaSort, sortBlocked, toggleSort } from '../columns/sort';
import { ColumnResizer } from '../columns/ColumnResizer';
import { dialectUi } from '../dialects/registry';
import { getSession } from '../../store/sessions';
import { ErrorBoundary } from '../common/ErrorBoundary';

const ROW_HEIGHT = 22;
/** Within this distance of the bottom the view keeps following new rows (as in Redux DevTools' action list). */
const FOLLOW_SLACK_PX = 50;
/** How long the view holds still after the pointer moves over the rows. */
const POINTER_HOLD_MS = 1500;
const OVERSCAN = 8;
const MIN_VIRTUAL_COUNT = 4096;

function useColumns(): { columns: ColumnDef<StreamEvent>[]; template: string; minWidth: number; dialect: string } {
  const connections = useStore((s) => s.connections);
  const activeDialect = useStore((s) => s.connections.find((c) => c.id === s.activeConnId)?.dialect ?? 'json');
  const onlyActive = useStore((s) => s.onlyActive);
  const layout = useColumnLayout(activeDialect);
  return useMemo(() => {
    const names = new Map(connections.map((c) => [c.id, c.name]));
    const showConn = connections.length > 1 && !onlyActive;
    // The user's column layout for this dialect (src/components/columns): order, hidden, widths, field columns.
    const columns = applyLayout(baseColumns((id) => names.get(id) ?? id, showConn, getDialect(activeDialect).columns ?? []), layout);
    const template = columns.map((c) => ((c.meta as ColumnMeta | undefined)?.className?.includes('grow') ? `minmax(${c.size}px, 1fr)` : `${c.size}px`)).join(' ');
    const minWidth = columns.reduce((n, c) => n + (c.size ?? 100), 0);
    return { columns, template, minWidth, dialect: activeDialect };
  }, [connections, activeDialect, onlyActive, layout]);
}

export function EventTable() {
  const version = useStore((s) => s.viewVersion);
  const selectedSeq = useStore((s) => s.selectedSeq);
  const following = useStore((s) => s.following);
  const setSelected = useStore((s) => s.setSelected);
  const setFollowing = useStore((s) => s.setFollowing);
  const { columns, template, minWidth, dialect } = useColumns();
  const scrollRef = useRef<HTMLDivElement>(null);
  const theadRef = useRef<HTMLDivElement>(null);
  const count = eventView.count;

  // Sizes are observed, never read during a render or a layout effect: reading clientHeight or scrollHeight right
  // after React changed the rows forces a synchronous layout, and at thousands of events per second that was most of
  // the table's cost.
  const viewportHeight = useRef(600);
  const headerHeight = useRef(ROW_HEIGHT);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    const head = theadRef.current;
    if (!el || !head || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => {
      viewportHeight.current = el.clientHeight;
      headerHeight.current = head.offsetHeight;
    });
    ro.observe(el);
    ro.observe(head);
    return () => ro.disconnect();
  }, []);

  // While following, render the tail directly: the virtualizer learns the scroll offset only from the next scroll
  // event, and at thousands of events per second its range would always lag a frame behind, above the viewport.
  const followingRef = useRef(following);
  followingRef.current = following;
  // A new function per real count: the virtualizer's count moves in steps (below), and it re-asks for the range only
  // when its count, its range or this function changes.
  const rangeExtractor = useCallback(
    (range: Range) => {
      const n = count;
      if (!followingRef.current || n === 0) return defaultRangeExtractor({ ...range, count: Math.min(range.count, n), endIndex: Math.min(range.endIndex, n - 1) });
      const visible = Math.ceil(viewportHeight.current / ROW_HEIGHT) + range.overscan;
      const out: number[] = [];
      for (let i = Math.max(0, n - visible); i < n; i++) out.push(i);
      return out;
    },
    [count],
  );
  const virtualizer = useVirtualizer({
    // The virtualizer recomputes a measurement for every row whenever its count changes: O(rows) per publish, which
    // at 100 000 rows cost more than rendering them. Its count doubles instead (a few recomputations in all); the
    // rows past the real count are never rendered, and the body's height is the real count's (set below), so nobody
    // can scroll into them.
    count: count === 0 ? 0 : Math.max(MIN_VIRTUAL_COUNT, 2 ** Math.ceil(Math.log2(count))),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    rangeExtractor,
    // A scroll event re-renders in the next frame like any update: a synchronous re-render per scroll event doubled
    // the table's work while it followed a fast stream.
    useFlushSync: false,
  });

  // Follow the tail: after each batch, if following, pin the scroll to the bottom before paint. While the pointer
  // moves over the rows the view holds still for a moment, so a row of a fast stream can be clicked.
  // -Infinity, not 0: performance.now() counts from page load, so 0 would read as "the pointer just moved" for the
  // first POINTER_HOLD_MS and a burst that ends within that time would never be pinned to the tail.
  const lastPointerMove = useRef(-Infinity);
  const catchUp = useRef<ReturnType<typeof setTimeout>>(undefined);
  /** The scrollTop the last pin asked for; a pin that would ask for the same again writes nothing. */
  const pinnedTo = useRef(-1);
  const pinToBottom = useCallback((force?: boolean) => {
    const el = scrollRef.current;
    if (!el || !useStore.getState().following || performance.now() - lastPointerMove.current < POINTER_HOLD_MS) return;
    // Past the end on purpose: the browser clamps it to the bottom, so no height has to be read here.
    const target = headerHeight.current + eventView.count * ROW_HEIGHT;
    if (target === pinnedTo.current && force !== true) return;
    pinnedTo.current = target;
    el.scrollTop = target;
  }, []);
  const lastItemIndex = useRef(-1);
  useLayoutEffect(() => {
    pinToBottom();
    const last = lastItemIndex.current;
    reportTableRendered(count, last >= 0 && last < count ? eventView.seqAt(last) : 0);
  }, [version, count, pinToBottom]);
  useLayoutEffect(() => pinToBottom(true), [following, pinToBottom]);
  // The row under the pointer gets its dialect's row actions (remotedev: Jump, Skip), drawn once over that row.
  const [hoveredSeq, setHoveredSeq] = useState<number | null>(null);
  const onPointerMove = useCallback((ev: React.PointerEvent) => {
    const row = (ev.target as Element).closest('.tbody [role="row"]');
    const seq = row ? eventView.seqAt(Number(row.getAttribute('aria-rowindex')) - 2) : null;
    setHoveredSeq((prev) => (prev === seq ? prev : (seq ?? null)));
    lastPointerMove.current = performance.now();
    clearTimeout(catchUp.current);
    catchUp.current = setTimeout(() => pinToBottom(true), POINTER_HOLD_MS + 10);
  }, [pinToBottom]);

  // Only a move up stops following: layout changes (new columns, a horizontal scrollbar, the ring evicting rows)
  // also fire scroll events or leave the view short of the bottom, and must not.
  const lastScrollTop = useRef(0);

  // When the ring buffer evicts rows above a view that holds still (scrolled up, or the pointer is over the rows),
  // shift the scroll by the evicted height so the rows on screen stay where they are instead of sliding away.
  const firstShownSeq = useRef<number | undefined>(undefined);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    const first = count ? eventView.seqAt(0) : undefined;
    const prev = firstShownSeq.current;
    firstShownSeq.current = first;
    if (!el || prev === undefined || first === undefined || first <= prev || eventView.filtered) return;
    const holding = !useStore.getState().following || performance.now() - lastPointerMove.current < POINTER_HOLD_MS;
    if (!holding) return;
    el.scrollTop = Math.max(0, el.scrollTop - (first - prev) * ROW_HEIGHT);
    lastScrollTop.current = el.scrollTop; // our own move, not the user scrolling up
  }, [version, count]);

  // A wheel turned upwards is intent enough: stop following at once, before a pinned scroll can undo it.
  const onWheel = useCallback(
    (e: React.WheelEvent) => {
      if (e.deltaY < 0 && useStore.getState().following) setFollowing(false);
    },
    [setFollowing],
  );

  const onScroll = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    const movedUp = el.scrollTop < lastScrollTop.current - 1;
    lastScrollTop.current = el.scrollTop;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < FOLLOW_SLACK_PX;
    const following = useStore.getState().following;
    if (atBottom && !following) setFollowing(true);
    else if (!atBottom && following && movedUp) setFollowing(false);
  }, [setFollowing]);

  // Next/previous match and a filter that lands with a selection scroll that row into view (src/components/filters).
  useEffect(
    () =>
      onReveal((seq) => {
        const i = eventView.indexOf(seq);
        if (i >= 0) virtualizer.scrollToIndex(i, { align: 'center' });
      }),
    [virtualizer],
  );

  const items = virtualizer.getVirtualItems();
  const prevFirstSeq = useRef<number | null>(null);
  const keyByPosition = useRef(false);
  lastItemIndex.current = items.length ? items[items.length - 1].index : -1;
  // TanStack Table owns the column model and the header. Body cells are read straight from the column accessors
  // through a per-event cache: building TanStack row and cell objects for every on-screen row on every render cost
  // more than the rows themselves while a fast stream moved the window.
  const table = useReactTable({ data: NO_ROWS, columns, getCoreRowModel: getCoreRowModel() });
  const body = useMemo(() => bodyColumns(columns), [columns]);
  // Row keys: by event while the window moves a little per render (only the rows that come in are created), by
  // position once it moves by more than half its height (a fast stream: every row is new anyway, and reusing the
  // rows' DOM nodes turns each publish into text changes; a trace showed most of the layout going to rows added and
  // removed). Positions, not slots: moving keyed nodes around re-creates their layout objects too.
  const firstSeq = items.length ? eventView.seqAt(items[0].index) : null;
  const prevFirst = prevFirstSeq.current;
  const prevIndex = prevFirst === null ? -1 : eventView.indexOf(prevFirst);
  const shift = items.length && prevIndex >= 0 ? Math.abs(items[0].index - prevIndex) : Infinity;
  if (firstSeq !== prevFirst) keyByPosition.current = shift > items.length / 2;
  prevFirstSeq.current = firstSeq;
  const byPosition = keyByPosition.current;
  const highlighting = eventView.highlighting;
  const actionsSeq = hoveredSeq ?? selectedSeq;
  // Picking a row to inspect stops following, unless it is the newest one.
  const selectByPointer = useCallback(
    (seq: number) => {
      setSelected(seq);
      const n = eventView.count;
      if (n && eventView.seqAt(n - 1) !== seq) setFollowing(false);
    },
    [setSelected, setFollowing],
  );

  const moveSelection = useCallback(
    (delta: number) => {
      const n = eventView.count;
      if (!n) return;
      const cur = selectedSeq === null ? -1 : eventView.indexOf(selectedSeq);
      // Home/End pass ±Infinity; with no selection, down starts at the top and up at the bottom.
      const from = cur < 0 ? (delta > 0 ? -1 : n) : cur;
      const next = Math.max(0, Math.min(n - 1, from + delta));
      setSelected(eventView.seqAt(next));
      if (next < n - 1) setFollowing(false);
      virtualizer.scrollToIndex(next, { align: 'auto' });
    },
    [selectedSeq, setSelected, setFollowing, virtualizer],
  );

  const onKeyDown = (ev: React.KeyboardEvent) => {
    const step = { ArrowDown: 1, ArrowUp: -1, PageDown: 20, PageUp: -20 }[ev.key];
    if (step) {
      ev.preventDefault();
      moveSelection(step);
    } else if (ev.key === 'Home') {
      ev.preventDefault();
      moveSelection(-Infinity);
    } else if (ev.key === 'End') {
      ev.preventDefault();
      moveSelection(Infinity);
    }
  };

  return (
    <div className={`event-table${eventView.highlighting ? ' highlighting' : ''}`} role="table" aria-label="Events" aria-rowcount={count + 1} style={{ '--cols': template, '--min-w': `${minWidth}px` } as React.CSSProperties}>
      {/* Header and rows share one scroll container, so they scroll sideways together; the header is sticky. */}
      <div className="tbody-scroll" ref={scrollRef} onScroll={onScroll} onWheel={onWheel} onPointerMove={onPointerMove} onPointerLeave={() => setHoveredSeq(null)} tabIndex={0} onKeyDown={onKeyDown} aria-label="Event rows">
        <div className="thead" role="rowgroup" ref={theadRef}>
          {table.getHeaderGroups().map((hg) => (
            <div className="tr" role="row" key={hg.id} aria-rowindex={1}>
              {hg.headers.map((h) => (
                <div
                  className={`th ${(h.column.columnDef.meta as ColumnMeta | undefined)?.className ?? ''}`}
                  role="columnheader"
                  key={h.id}
                  aria-sort={ariaSort(h.column.id)}
                  // The name is the header alone, not the resize handle's label inside it.
                  aria-label={headerName(h.column.columnDef)}
                  title={sortBlocked() ?? 'Sort by this column (click again: descending, then arrival order)'}
                  onClick={() => toggleSort(h.column.id, h.column.accessorFn)}
                >
                  {flexRender(h.column.columnDef.header, h.getContext())}
                  {ariaSort(h.column.id) && <span aria-hidden="true">{ariaSort(h.column.id) === 'ascending' ? ' ▲' : ' ▼'}</span>}
                  <ColumnResizer dialect={dialect} id={h.column.id} header={headerName(h.column.columnDef)} width={h.column.columnDef.size ?? 100} />
                </div>
              ))}
            </div>
          ))}
        </div>
        {count === 0 && <div className="empty">No events yet. Connect to a stream to see its events here.</div>}
        <div role="rowgroup" className="tbody" style={{ height: count * ROW_HEIGHT }}>
          {items.map((it, position) => {
            const e = eventView.at(it.index);
            if (!e) return null;
            return (
              <EventRow
                key={byPosition ? `p${position}` : e.seq}
                e={e}
                index={it.index}
                texts={body.texts(e)}
                cellMeta={body.meta}
                selected={e.seq === selectedSeq}
                match={highlighting && eventView.isMatch(e.seq)}
                onSelect={selectByPointer}
                actions={e.seq === actionsSeq ? rowActionsOf(e) : null}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}

/** The dialect's row actions for one row (see DialectUi.RowActions), as one more cell at its right end. */
function rowActionsOf(e: StreamEvent): React.ReactNode {
  const RowActions = dialectUi[e.dialect]?.RowActions;
  if (!RowActions) return null;
  return (
    <div className="row-actions" role="cell">
      <ErrorBoundary what="Row actions" compact resetKey={e.seq}>
        <RowActions event={e} session={getSession(e.connId)} />
      </ErrorBoundary>
    </div>
  );
}

/** A column's name as people read it: its header text (every column here has one), else its id. */
const headerName = (c: ColumnDef<StreamEvent>) => (typeof c.header === 'string' ? c.header : (c.id ?? ''));

const NO_ROWS: StreamEvent[] = [];
type CellText = string | number;

/** Cell texts per event, computed once per column set; `live` columns are re-read on every render. */
function bodyColumns(columns: ColumnDef<StreamEvent>[]) {
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

interface EventRowProps {
  e: StreamEvent;
  index: number;
  texts: CellText[];
  cellMeta: { id: string; className: string }[];
  selected: boolean;
  match: boolean;
  onSelect: (seq: number) => void;
  actions: React.ReactNode;
}

const sameRow = (a: EventRowProps, b: EventRowProps) =>
  a.e === b.e && a.index === b.index && a.selected === b.selected && a.match === b.match && a.cellMeta === b.cellMeta && a.onSelect === b.onSelect && a.texts === b.texts && a.actions === b.actions;

const EventRow = memo(function EventRow({ e, index, texts, cellMeta, selected, match, onSelect, actions }: EventRowProps) {
  const cls = `tr dir-${e.dir} kind-${e.kind}${e.parseError ? ' has-error' : ''}${selected ? ' selected' : ''}${match ? ' match' : ''}`;
  return (
    <div className={cls} role="row" aria-selected={selected} aria-rowindex={index + 2} style={{ transform: `translateY(${index * ROW_HEIGHT}px)` }} onMouseDown={() => onSelect(e.seq)}>
      {cellMeta.map((c, i) => {
        const text = texts[i];
        return (
          <div className={`td ${c.className}`} role="cell" key={c.id} onContextMenu={(ev) => openCellMenu(ev, c.id, e)} title={typeof text === 'string' && text.length > 30 ? text : undefined}>
            {text}
          </div>
        );
      })}
      {actions}
    </div>
  );
}, sameRow);
