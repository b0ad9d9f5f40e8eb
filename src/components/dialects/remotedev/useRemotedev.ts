import { useSyncExternalStore } from 'react';
import type { Session } from '../../../dialects/types';
import type { RemotedevController } from '../../../dialects/remotedev';
import type { RemotedevView } from '../../../dialects/remotedev';

export function controllerOf(session: Session | undefined): RemotedevController | undefined {
  const c = session?.controller as RemotedevController | undefined;
  return c && typeof c.jumpToAction === 'function' ? c : undefined;
}

const noSubscribe = () => () => {};
const EMPTY = undefined;

/** The controller's view, re-read at most once per frame (the controller batches its notifications). */
export function useRemotedevView(c: RemotedevController | undefined): RemotedevView | undefined {
  return useSyncExternalStore(c?.state.subscribe ?? noSubscribe, c ? c.state.get : () => EMPTY);
}
