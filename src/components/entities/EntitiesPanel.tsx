import { useDeferredValue, useEffect, useMemo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { activateEntities, buildTree, entityIndex, flattenTree, listWorld, WorldCursor, type WorldRow } from '../../entities';
import { eventLog } from '../../engine';
import { useStore } from '../../store';
import { formatTime } from '../../lib/format';
import { scrubTo, useScrub } from '../timeline/scrubState';
import { setEntityFilter, useEntitiesUi, useIndexVersion } from './entitiesState';
import { EntityHistory } from './EntityHistory';
import { KeyPathPicker } from './KeyPathPicker';
import './entities.css';

const ROW_HEIGHT = 24;
const MIN_VIRTUAL_COUNT = 1024;

/** A resource URI's last segment (its id): the kind column already says what it is; the title keeps the whole key. */
function shortKey(key: string): string {
  if (!key.includes('/')) return key;
  const parts = key.split('/').filter(Boolean);
  return parts.at(-1) ?? key;
}

const OP_WORD = { create: 'created', seen: 'first seen', update: 'updated', delete: 'deleted', touch: 'touched' } as const;

/** The one cursor the view reads the past through; moving it costs the changes between two positions. */
const cursor = new WorldCursor(entityIndex);

/** How long the last list took to build (the scrub step: cursor move plus the pass over the entities). */
export const entitiesStats = { lastListMs: 0 };

function AsOf({ seq }: { seq: number | null }) {
  const event = seq === null ? undefined : eventLog.get(seq);
  return (
    <span className={`as-of${seq === null ? ' live' : ''}`}>
      <span role="status" aria-label="Entities as of">
        {seq === null ? 'Live' : `As of #${seq}${event ? ` · ${formatTime(event.receivedAt)}` : ''}`}
      </span>
      {seq !== null && (
        <button type="button" onClick={() => scrubTo(null)} title="Follow the stream again (Esc on the scrubber)">
          Back to live
        </button>
      )}
    </span>
  );
}

function Row({ row, depth, selected, onOpen }: { row: WorldRow; depth: number; selected: boolean; onOpen(id: string): void }) {
  const { ent, v, info } = row;
  const deleted = v.op === 'delete';
  return (
    <button
      type="button"
      className={`entity-row${deleted ? ' deleted' : ''}`}
      aria-pressed={selected}
      onClick={() => onOpen(ent.id)}
      title={`${ent.kind} ${ent.key}: open its history`}
    >
      <span className="e-kind">{ent.kind}</span>
      <span className="e-key" style={depth ? { paddingLeft: depth * 14 } : undefined}>
        {depth > 0 && <span aria-hidden="true">└ </span>}
        {info.label && info.label !== ent.key ? <strong>{info.label} </strong> : null}
        <span className="e-keytext" title={ent.key}>
          {shortKey(ent.key)}
        </span>
      </span>
      <span className="e-state">{deleted ? 'deleted' : (info.status ?? '')}</span>
      <span className="e-when" title={`${OP_WORD[v.op]} by event #${v.seq}`}>
        {formatTime(v.time)} <span className="dim">{OP_WORD[v.op]}</span>
      </span>
      <span className="e-count">{row.events}</span>
    </button>
  );
}

export function EntitiesPanel() {
  // The index starts following the buffer when the view first opens (it reads what is held, in slices).
  useEffect(activateEntities, []);
  const version = useIndexVersion();
  // A jump of the scrubber over a million entities is a pass over all of them: deferred, it runs in a render of its
  // own after the scrubber and the table have answered the key, instead of lengthening that one task.
  const seq = useDeferredValue(useScrub((s) => s.seq));
  const dropped = useStore((s) => s.stats.dropped);
  const { text, error, predicate, showDeleted, tree, selectedId } = useEntitiesUi();
  const rows = useMemo(() => {
    const t0 = performance.now();
    const at = seq !== null && version >= 0 ? (cursor.moveTo(seq), cursor) : null;
    const list = listWorld(entityIndex, at, { predicate, showDeleted });
    // A tree needs every row at once; the flat list makes a row only when it is drawn.
    const nodes = tree ? flattenTree(buildTree(list.rows())) : null;
    const shown = { length: nodes ? nodes.length : list.length, at: (i: number) => (nodes ? { row: nodes[i].row, depth: nodes[i].depth } : { row: list.row(i), depth: 0 }) };
    entitiesStats.lastListMs = performance.now() - t0;
    return shown;
  }, [version, seq, predicate, showDeleted, tree]);
  const scrollRef = useRef<HTMLDivElement>(null);
  // The virtualizer re-measures every row when its count changes, and a scrub step changes it by one: its count
  // doubles instead (as the event table's does); rows past the real count are never drawn.
  const virtualCount = rows.length === 0 ? 0 : Math.max(MIN_VIRTUAL_COUNT, 2 ** Math.ceil(Math.log2(rows.length)));
  const virtualizer = useVirtualizer({ count: virtualCount, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  const open = (id: string) => useEntitiesUi.setState({ selectedId: selectedId === id ? null : id });
  const firstSeq = eventLog.firstSeq;
  return (
    <section className="entities" aria-label="Entities" data-entities={entityIndex.size} data-list-ms={entitiesStats.lastListMs.toFixed(1)}>
      <div className="entities-head">
        <input
          type="search"
          className="entities-filter"
          aria-label="Filter entities"
          placeholder="Filter entities (kind:machines Stage:discover …)"
          value={text}
          onChange={(e) => setEntityFilter(e.target.value)}
          aria-invalid={error ? true : undefined}
        />
        <label className="field check" title="List deleted entities too, as they were when deleted">
          <input type="checkbox" checked={showDeleted} onChange={(e) => useEntitiesUi.setState({ showDeleted: e.target.checked })} />
          Deleted
        </label>
        <label className="field check" title="Show entities under their parents (Tutum: stack → service → container)">
          <input type="checkbox" checked={tree} onChange={(e) => useEntitiesUi.setState({ tree: e.target.checked })} />
          Tree
        </label>
        <KeyPathPicker />
        <AsOf seq={seq} />
      </div>
      {error && (
        <p className="entities-error" role="alert">
          ⚠ {error.message}. The previous filter stays applied.
        </p>
      )}
      {dropped > 0 && (
        <p className="entities-note" role="note">
          {dropped.toLocaleString()} older events were dropped by the buffer cap: state before #{firstSeq} unknown.
        </p>
      )}
      <div className="entities-cols" aria-hidden="true">
        <span>Kind</span>
        <span>Key</span>
        <span>State</span>
        <span>Last change</span>
        <span>Events</span>
      </div>
      <div className="entities-list" ref={scrollRef}>
        {rows.length === 0 ? (
          <p className="dim entities-empty">{entityIndex.size === 0 ? 'No entities yet: the stream’s events are not about entities, or none has arrived.' : 'No entity matches at this time.'}</p>
        ) : (
          <div role="list" aria-label="Entities list" style={{ height: rows.length * ROW_HEIGHT, position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              if (item.index >= rows.length) return null;
              const r = rows.at(item.index);
              return (
                <div role="listitem" key={r.row.ent.id} className="entity-item" style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}>
                  <Row row={r.row} depth={r.depth} selected={r.row.ent.id === selectedId} onOpen={open} />
                </div>
              );
            })}
          </div>
        )}
      </div>
      {selectedId && <EntityHistory id={selectedId} version={version} />}
    </section>
  );
}
