import { useMemo } from 'react';
import type { Session, StreamEvent } from '../../../dialects/types';
import { useStore } from '../../../store';
import { eventLog } from '../../../engine';
import { Gone, Loading, RowControls, useDetail } from './InspectorTabs';
import { controllerOf, useRemotedevView } from './useRemotedev';
import { isActionRow, rowRef } from './rowRef';
import { stateDiff } from './stateDiff';
import { typedText } from './typedValue';

function Cell({ v }: { v: unknown }) {
  if (v === undefined) return null;
  return <code>{typedText(v)}</code>;
}

function DiffRows({ before, after, label, unchanged }: { before: unknown; after: unknown; label: string; unchanged: string }) {
  const rows = useMemo(() => stateDiff(before, after), [before, after]);
  if (rows.length === 0) return <p className="note">{unchanged}</p>;
  return (
    <table className="rd-diff" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Path</th>
          <th scope="col">Change</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={`${r.path}:${i}`} className={`rd-${r.kind}`}>
            <td>
              <code>{r.path || '(whole state)'}</code>
            </td>
            <td>{r.kind}</td>
            <td>
              <Cell v={r.before} />
            </td>
            <td>
              <Cell v={r.after} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What one action changed: the state before it against the state after it. */
function ActionDiff({ event, session, note }: { event: StreamEvent; session: Session | undefined; note?: string }) {
  const { detail } = useDetail(event, session);
  if (!detail || detail.committed) return <Gone session={session} gone={detail?.gone} />;
  return (
    <>
      <RowControls event={event} session={session} />
      {note && <p className="note">{note}</p>}
      {detail.loading ? <Loading /> : <DiffRows before={detail.prevState} after={detail.state} label="State changes made by this action" unchanged={`The state did not change${detail.skipped ? ' (the action is skipped)' : ''}.`} />}
    </>
  );
}

/** What a shift-click range of actions changed together: the state before its first action against after its last. */
function RangeDiff({ first, last, session }: { first: StreamEvent; last: StreamEvent; session: Session | undefined }) {
  const c = controllerOf(session);
  const version = useRemotedevView(c)?.version;
  const a = rowRef(first);
  const b = rowRef(last);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const range = useMemo(() => c?.rangeDetail(a.key, a, b), [c, a.key, a.id, a.token, a.epoch, b.id, b.token, b.epoch, version]);
  if (!c || !range) return <Gone session={session} />;
  const what = `actions #${range.firstId} – #${range.lastId}`;
  return (
    <>
      <p className="rd-range-head">
        <strong>Changes across {what}</strong>
        <span className="rd-dim">
          {' '}
          · {range.count} actions{range.skipped ? `, ${range.skipped} skipped` : ''} · from the state before #{range.firstId} to the state after #{range.lastId}
        </span>
      </p>
      {range.error && <p className="error-line">{range.error}</p>}
      {range.loading ? <Loading /> : !range.error && <DiffRows before={range.before} after={range.after} label={`State changes made by ${what}`} unchanged="These actions left the state as it was." />}
    </>
  );
}

/**
 * The Diff tab: the selected action's changes, or, after a shift-click on a second action of the same app, the
 * changes of the whole range (jsondiffpatch, see stateDiff.ts).
 */
export function DiffTab({ event, session }: { event: StreamEvent; session: Session | undefined }) {
  const anchorSeq = useStore((s) => s.rangeAnchorSeq);
  const anchor = anchorSeq === null ? undefined : eventLog.get(anchorSeq);
  if (!anchor) return <ActionDiff event={event} session={session} />;
  if (!isActionRow(anchor) || rowRef(anchor).key !== rowRef(event).key) return <ActionDiff event={event} session={session} note="The range's other end is not an action of this app: this shows the selected action's own changes." />;
  return <RangeDiff first={anchor} last={event} session={session} />;
}
