import { useMemo } from 'react';
import type { Session, StreamEvent } from '../../../dialects/types';
import type { RemotedevController } from '../../../dialects/remotedev';
import { JsonTree } from '../../events/JsonTree';
import { controllerOf, useRemotedevView } from './useRemotedev';
import { typedShape } from './typedValue';
import { isActionRow, rowRef } from './rowRef';
import { DragHandle, MoveButtons } from './ReorderControls';
import { StateView } from './state/StateView';

export { isActionRow, rowRef };


export function useDetail(event: StreamEvent, session: Session | undefined) {
  const c = controllerOf(session);
  // Re-read when the instance changes (jumps, skips, commits): the view's version moves at most once per frame.
  const version = useRemotedevView(c)?.version;
  const { key, id, token, epoch } = rowRef(event);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const detail = useMemo(() => c?.detail(key, id, token, epoch), [c, key, id, token, epoch, version]);
  return { c, detail, key, id };
}

const GONE_TEXT = {
  committed: 'This action was committed away (the app keeps maxAge actions, or Commit folded it into the starting state): its state is no longer available.',
  swept: 'This action was skipped and then swept out of the history: its state is no longer available.',
  replaced: "This row is from an earlier history of the app: since then the app started its action ids over (Reset, Commit, Revert, Resume recording) or loaded another history (Import). The action's own data is in the Action and Raw tabs; the app no longer has its state.",
};

export function Gone({ session, gone }: { session: Session | undefined; gone?: keyof typeof GONE_TEXT }) {
  if (!controllerOf(session)) return <p className="note">This connection is closed: the lifted state was released. The row's own data is in the Tree and Raw tabs.</p>;
  return gone ? <p className="note">{GONE_TEXT[gone]}</p> : null;
}

/** A click gives a button focus, and focus scrolls the table sideways to it: a pointer click does not take focus. */
const keepScroll = (e: React.MouseEvent) => e.preventDefault();

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
      <button type="button" onMouseDown={keepScroll} aria-label={inRow ? `Jump to action #${id}` : undefined} disabled={!!jumpWhy || current} title={jumpWhy ?? (current ? 'The app is at this action now' : `Move the app to the state after action #${id} (JUMP_TO_ACTION)`)} onClick={() => c.jumpToAction(instance, id)}>
        Jump
      </button>
      <button type="button" onMouseDown={keepScroll} aria-label={inRow ? `${skipText} action #${id}` : undefined} disabled={!!skipWhy} title={skipWhy ?? (skipped ? `Replay action #${id} again (TOGGLE_ACTION)` : `Recompute the app's state without action #${id} (TOGGLE_ACTION)`)} onClick={() => c.toggleAction(instance, id)}>
        {skipText}
      </button>
      {inRow && <DragHandle c={c} instance={instance} id={id} />}
    </>
  );
}

/** Jump / Skip for the selected action: the inspector's per-row controls. */
export function RowControls({ event, session }: { event: StreamEvent; session: Session | undefined }) {
  const { c, detail, key, id } = useDetail(event, session);
  if (!c || !detail || detail.committed) return null;
  return (
    <div className="rd-row-controls" role="group" aria-label="Action controls">
      <JumpSkipButtons c={c} instance={key} id={id} current={detail.current} skipped={detail.skipped} />
      <MoveButtons c={c} instance={key} id={id} />
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
  const { key, id, token, epoch } = rowRef(event);
  const mark = c.rowState(key, id, token, epoch);
  if (mark === 'committed' || mark === 'swept' || mark === 'replaced') return null;
  return <JumpSkipButtons c={c} instance={key} id={id} current={mark === 'current'} skipped={mark === 'skipped'} inRow />;
}

function ActionTab({ event, session }: { event: StreamEvent; session: Session | undefined }) {
  const { detail } = useDetail(event, session);
  const action = detail?.action?.action ?? (event.value as { action?: unknown } | undefined)?.action;
  return (
    <>
      <RowControls event={event} session={session} />
      <JsonTree value={action} shape={typedShape} label="Action" />
    </>
  );
}

function StateTab({ event, session }: { event: StreamEvent; session: Session | undefined }) {
  const { c, detail, key } = useDetail(event, session);
  const state = detail && !detail.committed ? detail.state : undefined;
  if (!detail || detail.committed) return <Gone session={session} gone={detail?.gone} />;
  return (
    <>
      <RowControls event={event} session={session} />
      {detail.error && <p className="error-line">{detail.error}</p>}
      {detail.loading ? <Loading /> : <StateView state={state} app={c?.instance(key)?.name ?? key} />}
    </>
  );
}

export function Loading() {
  return (
    <p className="note" role="status">
      Loading the state…
    </p>
  );
}

export const remotedevDetailTabs = [
  { id: 'rd-action', label: 'Action', applies: isActionRow, Component: ActionTab },
  { id: 'rd-state', label: 'State', applies: isActionRow, Component: StateTab },
];
