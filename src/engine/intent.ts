import type { Observable, StreamEvent } from '../core/events';
import type { EventLog } from './eventLog';
import type { EventView, RowArranger } from './eventView';

/** A scope over one connection's rows, named by `key`: the same key stands for the same rows, so it is built once. */
export interface RowScopeIntent {
  key: string;
  predicate(): (e: StreamEvent) => boolean;
}

/** The stream's own order of a connection's rows (see RowArranger), named by `key` like a row scope. */
export interface RowOrderIntent {
  key: string;
  /** The arranger, and how to hear that the order changed; null when the stream keeps arrival order. */
  order(): { arrange: RowArranger; subscribe(listener: () => void): () => void } | null;
}

/** What the user asked for; the store owns it, the engine follows it. */
export interface EngineIntent {
  paused: boolean;
  capacity: number;
  /** Show only this connection's events (null: every connection). */
  connectionScope: string | null;
  /** Which of a connection's rows to show (e.g. one remotedev instance's actions); null: all of them. */
  rowScope?: RowScopeIntent | null;
  /** The order to list those rows in (e.g. a Redux app's history after a reorder); null: arrival order. */
  rowOrder?: RowOrderIntent | null;
}

/**
 * Applies the intent to a log and view whenever it changes; returns the stop function. `drawnSeq` is the newest row
 * the table has drawn (null before it drew any): Pause freezes what the person saw, not rows still on their way.
 */
export function followIntent(intent: Observable<EngineIntent>, log: EventLog, view: EventView, drawnSeq: () => number | null = () => null): () => void {
  let paused = false;
  let scope: string | null = null;
  let rowKey: string | null = null;
  let orderKey: string | null = null;
  let unhearOrder: (() => void) | undefined;
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
    const order = want.rowOrder ?? null;
    if ((order?.key ?? null) !== orderKey) {
      orderKey = order?.key ?? null;
      unhearOrder?.();
      const o = order?.order() ?? null;
      view.setArranger(o?.arrange ?? null);
      unhearOrder = o?.subscribe(() => view.rearrange());
    }
  };
  apply();
  const unsubscribe = intent.subscribe(apply);
  return () => {
    unsubscribe();
    unhearOrder?.();
  };
}
