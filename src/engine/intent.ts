import type { Observable, StreamEvent } from '../core/events';
import type { EventLog } from './eventLog';
import type { EventView } from './eventView';

/** A scope over one connection's rows, named by `key`: the same key stands for the same rows, so it is built once. */
export interface RowScopeIntent {
  key: string;
  predicate(): (e: StreamEvent) => boolean;
}

/** What the user asked for; the store owns it, the engine follows it. */
export interface EngineIntent {
  paused: boolean;
  capacity: number;
  /** Show only this connection's events (null: every connection). */
  connectionScope: string | null;
  /** Which of a connection's rows to show (e.g. one remotedev instance's actions); null: all of them. */
  rowScope?: RowScopeIntent | null;
}

/**
 * Applies the intent to a log and view whenever it changes; returns the stop function. `drawnSeq` is the newest row
 * the table has drawn (null before it drew any): Pause freezes what the person saw, not rows still on their way.
 */
export function followIntent(intent: Observable<EngineIntent>, log: EventLog, view: EventView, drawnSeq: () => number | null = () => null): () => void {
  let paused = false;
  let scope: string | null = null;
  let rowKey: string | null = null;
  const apply = () => {
    const want = intent.get();
    if (want.capacity !== log.capacity) log.setCapacity(want.capacity);
    if (want.paused !== paused) {
      paused = want.paused;
      if (paused) view.pause(drawnSeq());
      else view.resume();
    }
    if (want.connectionScope !== scope) {
      const id = (scope = want.connectionScope);
      view.setScope('connection', id === null ? null : (e) => e.connId === id);
    }
    const rows = want.rowScope ?? null;
    if ((rows?.key ?? null) !== rowKey) {
      rowKey = rows?.key ?? null;
      view.setScope('rows', rows ? rows.predicate() : null);
    }
  };
  apply();
  return intent.subscribe(apply);
}
