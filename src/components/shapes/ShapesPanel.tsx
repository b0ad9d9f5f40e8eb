import { useMemo, useState } from 'react';
import { useThrottledVersion } from '../common/useThrottledVersion';
import { MAX_PATHS_PER_TYPE, MAX_TYPES, onShapesChange, shapeTracker, type TypeSummary } from '../../shapes';
import { addTerm, fieldTerm } from '../../filter';
import { rememberQuery, setFilterText, useFilter } from '../filters/filterState';
import './shapes.css';

// The Shapes summary: per event type, the fields its events carried, how often, and with which value types. Drifts
// (an event bringing a field or a value type new to its type) are marked in the table and found with `shape:new`.

/** Re-read the tracker at most this often while the stream changes it. */
const REFRESH_MS = 500;

const readShapesVersion = () => shapeTracker.version;
const useShapesVersion = () => useThrottledVersion(onShapesChange, readShapesVersion, REFRESH_MS);

const typeName = (t: TypeSummary) => t.type || '(no type)';

function filterToDrifts(t?: TypeSummary): void {
  let q = addTerm(useFilter.getState().text, 'shape:new');
  const typeTerm = t ? fieldTerm('type', t.type) : undefined;
  if (t && t.type && typeTerm) q = addTerm(q, typeTerm);
  setFilterText(q);
  rememberQuery(q);
}

function TypeFields({ t }: { t: TypeSummary }) {
  return (
    <table className="shape-fields" aria-label={`Fields of ${typeName(t)}`}>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Seen in</th>
          <th scope="col">Types</th>
        </tr>
      </thead>
      <tbody>
        {t.fields.map((f) => {
          const share = t.events ? f.count / t.events : 0;
          return (
            <tr key={f.path} className={f.kinds.length > 1 ? 'mixed' : undefined}>
              <td className="shape-path">{f.path}</td>
              <td className="shape-count" title={`${f.count} of ${t.events} events; first in #${f.firstSeq}`}>
                {f.count.toLocaleString('en')} <span className="dim">({share >= 0.995 ? 'all' : `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%`})</span>
              </td>
              <td className="shape-kinds">{f.kinds.map((k) => (f.kinds.length > 1 ? `${k.kind} ×${k.count.toLocaleString('en')}` : k.kind)).join(', ')}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function ShapesPanel() {
  const version = useShapesVersion();
  const summary = useMemo(() => (version >= 0 ? shapeTracker.summary() : null)!, [version]);
  const [open, setOpen] = useState<Record<string, boolean>>({});
  const keyOf = (t: TypeSummary) => `${t.dialect}\u0000${t.type}`;
  const isOpen = (t: TypeSummary, i: number) => open[keyOf(t)] ?? (summary.types.length <= 4 || i === 0);
  return (
    <section className="shapes" aria-label="Shapes">
      <div className="shapes-head">
        <span>
          {summary.types.length} {summary.types.length === 1 ? 'type' : 'types'} · {shapeTracker.driftCount.toLocaleString('en')} shape {shapeTracker.driftCount === 1 ? 'change' : 'changes'} in the buffer
        </span>
        <button type="button" onClick={() => filterToDrifts()} disabled={!shapeTracker.driftCount} title="Filter the table with shape:new">
          Show changes
        </button>
      </div>
      {summary.untrackedTypes && (
        <p className="shapes-note" role="note">
          Only the first {MAX_TYPES} types are tracked: {summary.untrackedEvents.toLocaleString('en')} events of later types have no shape here.
        </p>
      )}
      <div className="shapes-list">
        {summary.types.length === 0 && <p className="dim shapes-empty">No decoded events yet: each type’s fields appear here as its events arrive. The first event of a type sets its shape; a later one that brings a new field or value type is marked in the table.</p>}
        {summary.types.map((t, i) => {
          const expanded = isOpen(t, i);
          const id = `shape-type-${i}`;
          return (
            <div className="shape-type" key={keyOf(t)}>
              <h2 className="shape-type-head">
                <button type="button" className="ghost" aria-expanded={expanded} aria-controls={id} onClick={() => setOpen({ ...open, [keyOf(t)]: !expanded })}>
                  <span aria-hidden="true">{expanded ? '▾' : '▸'} </span>
                  <strong>{typeName(t)}</strong> <span className="dim">{t.dialect}</span>
                </button>
                <span className="shape-type-stats">
                  {t.events.toLocaleString('en')} events · {t.fields.length} fields
                  {t.drifts > 0 && ` · ${t.drifts} changed its shape (last #${t.lastDriftSeq})`}
                </span>
                {t.drifts > 0 && (
                  <button type="button" className="ghost" onClick={() => filterToDrifts(t)} title={`Filter the table to the events of ${typeName(t)} that changed its shape`}>
                    Show
                  </button>
                )}
              </h2>
              {t.cappedEvents > 0 && (
                <p className="shapes-note" role="note">
                  Capped at {MAX_PATHS_PER_TYPE} fields: {t.cappedEvents.toLocaleString('en')} events carried fields not tracked.
                </p>
              )}
              <div id={id} hidden={!expanded}>
                {expanded && <TypeFields t={t} />}
              </div>
            </div>
          );
        })}
      </div>
    </section>
  );
}
