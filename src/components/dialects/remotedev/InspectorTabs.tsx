import { useMemo } from 'react';
import type { Session, StreamEvent } from '../../../dialects/types';
import type { RemotedevController } from '../../../dialects/remotedev';
import { toDisplayable } from '../../../dialects/remotedev/decode';
import { JsonTree } from '../../events/JsonTree';
import { controllerOf, useRemotedevView } from './useRemotedev';
import { stateDiff } from './stateDiff';

export const isActionRow = (e: StreamEvent) => e.dialect === 'remotedev' && e.fields?.rowKind === 'action';

export function useDetail(event: StreamEvent, session: Session | undefined) {
  const c = controllerOf(session);
  // Re-read when the instance changes (jumps, skips, commits): the view's version moves at most once per frame.
  const version = useRemotedevView(c)?.version;
  const key = event.fields?.instance as string;
  const id = event.fields?.actionId as number;
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const detail = useMemo(() => c?.detail(key, id), [c, key, id, version]);
  return { c, detail, key, id };
}

function Gone({ session, committed }: { session: Session | undefined; committed?: boolean }) {
  if (!controllerOf(session)) return <p className="note">This connection is closed: the lifted state was released. The row's own data is in the Tree and Raw tabs.</p>;
  return committed ? <p className="note">This action was committed away (the app keeps maxAge actions): its state is no longer available.</p> : null;
}

/**
 * Jump and Skip/Unskip for one action, with the reason as the tooltip when a control is off. `inRow` names them after
 * the action ("Jump to action #3"), since a table row sits among many others.
 */
function JumpSkipButtons({ c, instance, id, current, skipped, inRow }: { c: RemotedevController; instance: string; id: number; current: boolean; skipped: boolean; inRow?: boolean }) {
  const jumpWhy = c.disabledReason(instance, 'jump');
  const skipWhy = id === 0 ? 'Action 0 (@@INIT) cannot be skipped: toggling it crashes the app.' : c.disabledReason(instance, 'skip');
  const skipText = skipped ? 'Unskip' : 'Skip';
  return (
    <>
      <button type="button" aria-label={inRow ? `Jump to action #${id}` : undefined} disabled={!!jumpWhy || current} title={jumpWhy ?? (current ? 'The app is at this action now' : `Move the app to the state after action #${id} (JUMP_TO_ACTION)`)} onClick={() => c.jumpToAction(instance, id)}>
        Jump
      </button>
      <button type="button" aria-label={inRow ? `${skipText} action #${id}` : undefined} disabled={!!skipWhy} title={skipWhy ?? (skipped ? `Replay action #${id} again (TOGGLE_ACTION)` : `Recompute the app's state without action #${id} (TOGGLE_ACTION)`)} onClick={() => c.toggleAction(instance, id)}>
        {skipText}
      </button>
    </>
  );
}

/** Jump / Skip for the selected action: the inspector's per-row controls. */
function RowControls({ event, session }: { event: StreamEvent; session: Session | undefined }) {
  const { c, detail, key, id } = useDetail(event, session);
  if (!c || !detail || detail.committed) return null;
  return (
    <div className="rd-row-controls" role="group" aria-label="Action controls">
      <JumpSkipButtons c={c} instance={key} id={id} current={detail.current} skipped={detail.skipped} />
      <span className="rd-dim">
        Action {id}
        {detail.current ? ' · the app is at this action' : ''}
        {detail.skipped ? ' · skipped' : ''}
      </span>
    </div>
  );
}

/**
 * Jump and Skip inside the table row under the pointer, as in Redux DevTools' action list. Reads only the row's
 * markers (never decodes a state), so hovering over a fast stream costs nothing.
 */
export function RemotedevRowActions({ event, session }: { event: StreamEvent; session: Session | undefined }) {
  const c = controllerOf(session);
  useRemotedevView(c);
  if (!c || !isActionRow(event)) return null;
  const key = event.fields?.instance as string;
  const id = event.fields?.actionId as number;
  const mark = c.rowState(key, id);
  if (mark === 'committed') return null;
  return <JumpSkipButtons c={c} instance={key} id={id} current={mark === 'current'} skipped={mark === 'skipped'} inRow />;
}

function ActionTab({ event, session }: { event: StreamEvent; session: Session | undefined }) {
  const { detail } = useDetail(event, session);
  const action = detail?.action?.action ?? (event.value as { action?: unknown } | undefined)?.action;
  return (
    <>
      <RowControls event={event} session={session} />
      <JsonTree value={toDisplayable(action)} />
    </>
  );
}

function StateTab({ event, session }: { event: StreamEvent; session: Session | undefined }) {
  const { detail } = useDetail(event, session);
  // The decoded state object is stable while the view's version moves on every frame: only redo this when it changes.
  const state = detail && !detail.committed ? detail.state : undefined;
  const shown = useMemo(() => toDisplayable(state), [state]);
  if (!detail || detail.committed) return <Gone session={session} committed={detail?.committed} />;
  return (
    <>
      <RowControls event={event} session={session} />
      {detail.error && <p className="error-line">{detail.error}</p>}
      {detail.loading ? <Loading /> : <JsonTree value={shown} />}
    </>
  );
}

function Loading() {
  return (
    <p className="note" role="status">
      Loading the state…
    </p>
  );
}

function Cell({ v }: { v: unknown }) {
  if (v === undefined) return null;
  const text = JSON.stringify(v) ?? String(v);
  return <code>{text.length > 300 ? text.slice(0, 299) + '…' : text}</code>;
}

function DiffTab({ event, session }: { event: StreamEvent; session: Session | undefined }) {
  const { detail } = useDetail(event, session);
  const before = detail?.prevState;
  const after = detail && !detail.committed ? detail.state : undefined;
  const rows = useMemo(() => stateDiff(before, after), [before, after]);
  if (!detail || detail.committed) return <Gone session={session} committed={detail?.committed} />;
  return (
    <>
      <RowControls event={event} session={session} />
      {detail.loading ? (
        <Loading />
      ) : rows.length === 0 ? (
        <p className="note">The state did not change{detail.skipped ? ' (the action is skipped)' : ''}.</p>
      ) : (
        <table className="rd-diff" aria-label="State changes made by this action">
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
      )}
    </>
  );
}

export const remotedevDetailTabs = [
  { id: 'rd-action', label: 'Action', applies: isActionRow, Component: ActionTab },
  { id: 'rd-state', label: 'State', applies: isActionRow, Component: StateTab },
  { id: 'rd-diff', label: 'Diff', applies: isActionRow, Component: DiffTab },
];
