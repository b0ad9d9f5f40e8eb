import { useMemo, useState } from 'react';
import { entityIndex, type Version } from '../../entities';
import { formatTime } from '../../lib/format';
// The app's one jsondiffpatch walker (the remotedev inspector's); the path names components/ so the layer rule, which
// keeps components out of protocol modules, sees a component module.
import { stateDiff } from '../../components/dialects/remotedev/stateDiff';
import { scrubTo, useScrub } from '../timeline/scrubState';
import { useEntitiesUi } from './entitiesState';
import { JsonTree } from '../events/JsonTree';

/** Versions shown at first; older ones one page at a time, so a busy entity's history costs a page, not its length. */
const PAGE = 50;
const DIFF_LIMIT = 40;

function Value({ v }: { v: unknown }) {
  if (v === undefined) return <span className="dim">—</span>;
  const text = JSON.stringify(v) ?? String(v);
  return <code>{text.length > 120 ? text.slice(0, 119) + '…' : text}</code>;
}

/** The first version has nothing to differ from: its whole state, folded. */
function FirstState({ v }: { v: Version }) {
  const n = v.state && typeof v.state === 'object' ? Object.keys(v.state).length : 0;
  return (
    <>
      {v.op === 'seen' && <p className="history-unknown">First seen by this event, not created by it: its state before #{v.seq} is unknown.</p>}
      <details className="history-state">
        <summary>
          State: {n} field{n === 1 ? '' : 's'}
        </summary>
        <JsonTree value={v.state} />
      </details>
    </>
  );
}

function Diff({ prev, v }: { prev: Version | undefined; v: Version }) {
  const rows = useMemo(() => (prev ? stateDiff(prev.state ?? {}, v.state ?? {}, DIFF_LIMIT) : []), [prev, v]);
  if (!prev || prev.op === 'delete') return <FirstState v={v} />;
  if (v.op === 'touch' || rows.length === 0) return <p className="dim history-note">{v.op === 'delete' ? 'Deleted.' : 'No change to its state.'}</p>;
  return (
    <table className="history-diff" aria-label={`Changes in #${v.seq}`}>
      <tbody>
        {rows.map((r, i) => (
          <tr key={`${r.path}:${i}`} className={`diff-${r.kind}`}>
            <th scope="row">
              <code>{r.path || '(all)'}</code>
            </th>
            <td>{r.kind === 'added' ? <Value v={r.after} /> : r.kind === 'removed' ? <s><Value v={r.before} /></s> : <><Value v={r.before} /> → <Value v={r.after} /></>}</td>
          </tr>
        ))}
        {rows.length >= DIFF_LIMIT && (
          <tr>
            <td colSpan={2} className="dim">
              Showing the first {DIFF_LIMIT} changes.
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

/** One entity's events in order, each with the diff from the version before it. */
export function EntityHistory({ id, version }: { id: string; version: number }) {
  const seq = useScrub((s) => s.seq);
  const [pages, setPages] = useState(1);
  const ent = entityIndex.get(id);
  // `version` says the entity may have changed (a new event, or old ones dropped).
  const history = useMemo(() => (ent && version >= 0 ? entityIndex.history(ent) : []), [ent, version]);
  const close = () => useEntitiesUi.setState({ selectedId: null });
  if (!ent || history.length === 0) {
    return (
      <section className="entity-history" aria-label="Entity history">
        <header className="history-head">
          <strong>Entity history</strong>
          <button type="button" onClick={close} aria-label="Close entity history">
            ✕
          </button>
        </header>
        <p className="dim history-note">Its events are no longer in the buffer.</p>
      </section>
    );
  }
  const shown = history.slice(Math.max(0, history.length - pages * PAGE));
  const older = history.length - shown.length;
  const current = seq === null ? history.length - 1 : lastAtOrBefore(history, seq);
  return (
    <section className="entity-history" aria-label="Entity history">
      <header className="history-head">
        <span className="history-title">
          <span className="pill">{ent.kind}</span> <code title={ent.key}>{ent.key}</code>
        </span>
        <span className="dim">{history.length} events</span>
        <button type="button" onClick={close} aria-label="Close entity history">
          ✕
        </button>
      </header>
      <ol className="history-list" aria-label={`History of ${ent.kind} ${ent.key}`}>
        {entityIndex.droppedSome(ent) && older === 0 && (
          <li className="history-unknown" role="note">
            State before #{history[0].v.seq} unknown: older events were dropped by the buffer cap.
          </li>
        )}
        {older > 0 && (
          <li>
            <button type="button" onClick={() => setPages((p) => p + 1)}>
              Show {Math.min(PAGE, older)} older ({older} not shown)
            </button>
          </li>
        )}
        {shown.map(({ v, prev }, i) => {
          const ix = history.length - shown.length + i;
          const status = ent.info(v).status;
          const cls = ix === current ? 'history-item current' : ix > current ? 'history-item after' : 'history-item';
          return (
            <li key={v.seq} className={cls} aria-current={ix === current ? 'step' : undefined}>
              <button type="button" className="history-event" onClick={() => scrubTo(v.seq)} title="Move the time scrubber to this event (and mark it in the table)">
                #{v.seq} · {formatTime(v.time)} · {v.op}
                {status ? ` · ${status}` : ''}
              </button>
              <Diff prev={prev} v={v} />
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function lastAtOrBefore(history: { v: Version }[], seq: number): number {
  let lo = 0;
  let hi = history.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (history[mid].v.seq <= seq) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
