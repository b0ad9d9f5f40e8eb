import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { defaultRangeExtractor, observeElementOffset, useVirtualizer, type Range, type Virtualizer } from '@tanstack/react-virtual';
import type { SortingState } from '@tanstack/react-table';
import { useStore } from '../../store';
import { eventView, reportTableGone, reportTableRendered } from '../../engine';
import { onReveal } from '../filters/filterState';
import { useTailFollower } from './table/tailFollower';
import { EvictionAnchor } from './table/evictionAnchor';
import { RowKeys } from './table/rowKeys';
import { bodyColumns } from './table/bodyColumns';
import { useColumns } from './table/useColumns';
import { EventRow, ROW_HEIGHT, rowActionsOf, rowClassOf } from './table/EventRow';
import { shapeNoteOf } from '../../shapes';
import { EventTableHeader } from './table/EventTableHeader';

// The event table: a virtualised body over the engine's view, a TanStack Table header, and three behaviours that
// live in table/ and are tested there: following the tail (TailFollower), holding rows still while the ring evicts
// (EvictionAnchor), and keying rows (RowKeys).

const OVERSCAN = 8;
const MIN_VIRTUAL_COUNT = 4096;

export function EventTable() {
  const version = useStore((s) => s.viewVersion);
  const selectedSeq = useStore((s) => s.selectedSeq);
  const following = useStore((s) => s.following);
  const setSelected = useStore((s) => s.setSelected);
  const extendSelection = useStore((s) => s.extendSelection);
  const rangeAnchorSeq = useStore((s) => s.rangeAnchorSeq);
  const setFollowing = useStore((s) => s.setFollowing);
  // The view owns the sort (a new filter drops it); the header shows it through the table's SortingState.
  const sortId = eventView.sortedBy?.id;
  const sortDesc = eventView.sortedBy?.desc === true;
  const sorting = useMemo<SortingState>(() => (sortId === undefined ? [] : [{ id: sortId, desc: sortDesc }]), [sortId, sortDesc]);
  const { table, columns, template, minWidth } = useColumns(sorting);
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
  const follower = useTailFollower({
    el: () => scrollRef.current,
    following: () => useStore.getState().following,
    setFollowing: (f) => useStore.getState().setFollowing(f),
    bottom: () => headerHeight.current + eventView.count * ROW_HEIGHT,
  });
  // A new function per real count: the virtualizer's count moves in steps (below), and it re-asks for the range only
  // when its count, its range or this function changes.
  const rangeExtractor = useCallback(
    (range: Range) => {
      const n = count;
      if (!followingRef.current || n === 0) return defaultRangeExtractor({ ...range, count: Math.min(range.count, n), endIndex: Math.min(range.endIndex, n - 1) });
      // Pinned to the tail, no overscan: nothing lies below it, and rows above the viewport would be laid out and
      // painted on every publish (a fifth of the table's frame at 24k events/s). While the pointer holds the view
      // still the tail moves on below it, and the overscan is what keeps the rows in view drawn until it catches up.
      const visible = Math.ceil(viewportHeight.current / ROW_HEIGHT) + (follower.holding() ? range.overscan : 1);
      const out: number[] = [];
      for (let i = Math.max(0, n - visible); i < n; i++) out.push(i);
      return out;
    },
    [count, follower],
  );
  // While following, the table's own pins scroll the body on every publish, and the virtualizer re-rendered the table
  // on each of those scroll events: a second render a frame later, with whatever had arrived meanwhile, whose pin
  // scrolled again, so a stream that kept the buffer growing drew the table every frame whatever the publisher's
  // throttle said. Those scrolls are not the user's and the tail's rows do not depend on them: the virtualizer hears
  // them once following stops (or a reveal needs the offset). A move up is always passed on.
  const heldOffset = useRef<{ offset: number; deliver: ((offset: number, isScrolling: boolean) => void) | null; held: boolean }>({ offset: 0, deliver: null, held: false });
  const observeOffset = useCallback(
    (instance: Virtualizer<HTMLDivElement, Element>, cb: (offset: number, isScrolling: boolean) => void) =>
      observeElementOffset(instance, (offset, isScrolling) => {
        const h = heldOffset.current;
        h.deliver = cb;
        const own = followingRef.current && offset >= h.offset - 1;
        h.offset = offset;
        h.held = own;
        if (!own) cb(offset, isScrolling);
      }),
    [],
  );
  const releaseOffset = useCallback(() => {
    const h = heldOffset.current;
    const el = scrollRef.current;
    if (!h.held || !el) return;
    h.held = false;
    h.deliver?.(el.scrollTop, false);
  }, []);
  const virtualizer = useVirtualizer({
    observeElementOffset: observeOffset,
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

  const lastItemIndex = useRef(-1);
  useLayoutEffect(() => {
    follower.pin();
    const last = lastItemIndex.current;
    reportTableRendered(count, last >= 0 && last < count ? eventView.seqAt(last) : 0, count ? eventView.seqAt(count - 1) : 0);
  }, [version, count, follower]);
  useLayoutEffect(() => {
    if (!following) releaseOffset();
    follower.pin(true);
  }, [following, follower, releaseOffset]);
  useEffect(() => reportTableGone, []);
  // The row under the pointer gets its dialect's row actions (remotedev: Jump, Skip), drawn once over that row.
  const [hoveredSeq, setHoveredSeq] = useState<number | null>(null);
  const onPointerMove = useCallback(
    (ev: React.PointerEvent) => {
      const row = (ev.target as Element).closest('.tbody [role="row"]');
      const seq = row ? eventView.seqAt(Number(row.getAttribute('aria-rowindex')) - 2) : null;
      setHoveredSeq((prev) => (prev === seq ? prev : (seq ?? null)));
      follower.pointerMoved();
    },
    [follower],
  );

  const anchor = useRef(new EvictionAnchor(ROW_HEIGHT)).current;
  useLayoutEffect(() => {
    const top = anchor.update(scrollRef.current, count ? eventView.seqAt(0) : undefined, { filtered: eventView.filtered, holding: () => follower.holding() });
    if (top !== undefined) follower.ownScroll(top); // our own move, not the user scrolling up
  }, [version, count, anchor, follower]);

  // Next/previous match and a filter that lands with a selection scroll that row into view (src/components/filters).
  useEffect(
    () =>
      onReveal((seq) => {
        const i = eventView.indexOf(seq);
        if (i < 0) return;
        releaseOffset();
        // A row already well inside the viewport stays where it is: the time scrubber reveals a row per step, and
        // centring each one scrolled (laid out and repainted) the whole table every step. The offsets are the
        // virtualizer's own, so deciding forces no layout.
        const top = i * ROW_HEIGHT;
        const from = virtualizer.scrollOffset ?? 0;
        const height = virtualizer.scrollRect?.height ?? 0;
        if (height > 0 && top >= from + 2 * ROW_HEIGHT && top + ROW_HEIGHT <= from + height - ROW_HEIGHT) return;
        // Centred as the virtualizer's scrollToIndex would, written directly: every row is ROW_HEIGHT tall, and its
        // scroll command re-read the container's scroll height (a forced layout) each frame until it settled.
        const el = scrollRef.current;
        if (el) el.scrollTop = Math.max(0, top - ((height || viewportHeight.current) - ROW_HEIGHT) / 2);
      }),
    [virtualizer, releaseOffset],
  );

  const items = virtualizer.getVirtualItems();
  lastItemIndex.current = items.length ? items[items.length - 1].index : -1;
  // TanStack Table holds the column state and renders the header; body cells come from bodyColumns' per-event cache.
  const body = useMemo(() => bodyColumns(columns.map((c) => c.columnDef)), [columns]);
  const rowKeys = useRef(new RowKeys()).current;
  const byPosition = rowKeys.update(items[0]?.index, items.length, eventView);
  const highlighting = eventView.highlighting;
  const actionsSeq = hoveredSeq ?? selectedSeq;
  // Picking a row to inspect stops following, unless it is the newest one.
  const selectByPointer = useCallback(
    (seq: number, extend: boolean) => {
      if (extend) extendSelection(seq);
      else setSelected(seq);
      const n = eventView.count;
      if (n && eventView.seqAt(n - 1) !== seq) setFollowing(false);
    },
    [setSelected, extendSelection, setFollowing],
  );
  // The rows of a shift-click range, by position in the view (the dialect reads the range: remotedev diffs it).
  const rangeLo = rangeAnchorSeq === null || selectedSeq === null ? -1 : Math.min(eventView.indexOf(rangeAnchorSeq), eventView.indexOf(selectedSeq));
  const rangeHi = rangeAnchorSeq === null || selectedSeq === null ? -1 : Math.max(eventView.indexOf(rangeAnchorSeq), eventView.indexOf(selectedSeq));

  const moveSelection = useCallback(
    (delta: number, extend = false) => {
      const n = eventView.count;
      if (!n) return;
      const cur = selectedSeq === null ? -1 : eventView.indexOf(selectedSeq);
      // Home/End pass ±Infinity; with no selection, down starts at the top and up at the bottom.
      const from = cur < 0 ? (delta > 0 ? -1 : n) : cur;
      const next = Math.max(0, Math.min(n - 1, from + delta));
      if (extend) extendSelection(eventView.seqAt(next));
      else setSelected(eventView.seqAt(next));
      if (next < n - 1) setFollowing(false);
      releaseOffset();
      virtualizer.scrollToIndex(next, { align: 'auto' });
    },
    [selectedSeq, setSelected, extendSelection, setFollowing, virtualizer, releaseOffset],
  );

  const onKeyDown = (ev: React.KeyboardEvent) => {
    const step = { ArrowDown: 1, ArrowUp: -1, PageDown: 20, PageUp: -20 }[ev.key];
    if (step) {
      ev.preventDefault();
      moveSelection(step, ev.shiftKey);
    } else if (ev.key === 'Home') {
      ev.preventDefault();
      moveSelection(-Infinity);
    } else if (ev.key === 'End') {
      ev.preventDefault();
      moveSelection(Infinity);
    }
  };

  return (
    <div className={`event-table${eventView.highlighting ? ' highlighting' : ''}`} style={{ '--cols': template, '--min-w': `${minWidth}px` } as React.CSSProperties}>
      {/* Header and rows share one scroll container, so they scroll sideways together; the header is sticky. The
          container is the table itself: it takes the keyboard focus, and a table's children must be its rows. */}
      <div
        className="tbody-scroll"
        role="table"
        aria-label="Events"
        aria-rowcount={count + 1}
        ref={scrollRef}
        onScroll={() => follower.scrolled()}
        onWheel={(e) => follower.wheel(e.deltaY)}
        onPointerMove={onPointerMove}
        onPointerLeave={() => setHoveredSeq(null)}
        tabIndex={0}
        onKeyDown={onKeyDown}
      >
        <EventTableHeader table={table} ref={theadRef} />
        {count === 0 && (
          <div className="empty" role="row">
            <span role="cell">No events yet. Connect to a stream to see its events here.</span>
          </div>
        )}
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
                mark={it.index >= rangeLo && it.index <= rangeHi && rangeLo >= 0 ? `${rowClassOf(e)} in-range` : rowClassOf(e)}
                actions={e.seq === actionsSeq ? rowActionsOf(e) : null}
                shape={shapeNoteOf(e)}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
