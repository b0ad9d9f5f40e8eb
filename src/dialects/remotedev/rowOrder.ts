// The table lists an instance's rows in its app's history order. Rows arrive in the order the app dispatched its
// actions, and so they stay until a reorder (REORDER_ACTION: the instrument moves an id within stagedActionIds and
// replays) makes the app's order another: then the rows that stand for its history now are put in that order in the
// places those rows take in the table; the rest (history, the connection's own rows) stay where they came.

import type { RowOrder, StreamEvent } from '../types';
import type { InstanceRegistry } from './instances';
import type { MonitorCore } from './monitorCore';

export function createRowOrder(core: MonitorCore, reg: InstanceRegistry): RowOrder {
  return {
    arrange(source: string, seqs: number[], eventAt: (seq: number) => StreamEvent | undefined): number[] | null {
      const i = reg.get(source);
      if (!i || !i.reordered) return null;
      const h = i.history;
      const indexOf = new Map<number, number>();
      for (let k = 0; k < h.staged.length; k++) indexOf.set(h.staged.at(k)!, k);
      const places: number[] = [];
      const rows: { seq: number; at: number }[] = [];
      for (let k = 0; k < seqs.length; k++) {
        const f = eventAt(seqs[k])?.fields;
        if (!f || f.rowKind !== 'action' || f.instance !== i.key) continue;
        const id = f.actionId as number;
        const at = indexOf.get(id);
        if (at === undefined || i.rowTokens.get(id) !== f.token) continue;
        places.push(k);
        rows.push({ seq: seqs[k], at });
      }
      rows.sort((a, b) => a.at - b.at);
      if (rows.every((r, j) => r.seq === seqs[places[j]])) return null;
      const out = seqs.slice();
      places.forEach((place, j) => (out[place] = rows[j].seq));
      return out;
    },
    subscribe(listener: () => void) {
      core.orderListeners.add(listener);
      return () => core.orderListeners.delete(listener);
    },
  };
}
