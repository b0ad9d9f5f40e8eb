import type { Session, StreamEvent } from '../../../dialects/types';
import { controllerOf } from './useRemotedev';
import { rowRef } from './rowRef';

/**
 * A remotedev action row's look in the table, as in Redux DevTools' action list: the app's current action marked,
 * skipped actions struck through and dimmed, the actions after the current one greyed (the app is back in time, so
 * they are "future": a Jump forward replays them). Read live on each render of the visible rows: two lookups.
 */
export function remotedevRowClass(e: StreamEvent, session: Session | undefined): string {
  const f = e.fields;
  if (e.dialect !== 'remotedev' || f?.rowKind !== 'action') return '';
  const c = controllerOf(session);
  if (!c) return '';
  const { key, id, token, epoch } = rowRef(e);
  const mark = c.rowState(key, id, token, epoch);
  if (mark === 'current') return 'rd-current';
  // Rows whose action the app no longer holds (committed, swept, or from an earlier run of ids) are history: dimmed,
  // with why said once by the marker row where it happened.
  if (mark !== '' && mark !== 'skipped') return 'rd-gone';
  // By position in the app's history, not by id: after a reorder a smaller id can come later.
  const future = c.isFuture(key, id);
  return `${mark === 'skipped' ? 'rd-skipped' : ''}${mark === 'skipped' && future ? ' ' : ''}${future ? 'rd-future' : ''}`;
}
