import { create } from 'zustand';
import { createConnectionsSlice, type ConnectionsSlice } from './connectionsSlice';
import { createViewSlice, type ViewSlice } from './viewSlice';
import { eventLog } from './eventLog';
import { eventView } from './eventView';

export type Store = ConnectionsSlice & ViewSlice;

export const useStore = create<Store>()((...a) => ({
  ...createConnectionsSlice(...a),
  ...createViewSlice(...a),
}));

// The version counter and counters follow the hot buffer at most once per batch (i.e. once per frame), throttled below.
let rateWindow: { t: number; received: number }[] = [];
function publishStats(): void {
  const c = eventLog.counters();
  const now = performance.now();
  rateWindow.push({ t: now, received: c.received });
  while (rateWindow.length > 2 && now - rateWindow[0].t > 1000) rateWindow.shift();
  const first = rateWindow[0];
  const rate = now - first.t > 200 ? Math.round(((c.received - first.received) * 1000) / (now - first.t)) : useStore.getState().stats.rate;
  useStore.setState((s) => ({
    viewVersion: s.viewVersion + 1,
    stats: { received: c.received, dropped: c.dropped, queued: c.queued, buffered: c.buffered, shown: eventView.count, rate },
  }));
}
// At high rates batches arrive every frame; re-rendering the table for each would spend the frame budget on React and
// layout. Publish at most every MIN_PUBLISH_MS (trailing, so the last batch is always shown), immediately when quiet,
// and further apart when a publish is expensive: the table reports what each one cost (render, commit and the layout
// it forced), and the interval keeps that cost under about a quarter of the main thread, so ingest keeps the rest.
const MIN_PUBLISH_MS = 50;
const MAX_PUBLISH_MS = 250;
const RENDER_SHARE = 0.25;
let lastPublish = -Infinity;
let trailing: ReturnType<typeof setTimeout> | undefined;
let publishStartedAt: number | undefined;
let renderCostMs = 0;
function publishInterval(): number {
  return Math.min(MAX_PUBLISH_MS, Math.max(MIN_PUBLISH_MS, renderCostMs / RENDER_SHARE));
}
function schedulePublish(): void {
  if (trailing !== undefined) return;
  const wait = lastPublish + publishInterval() - performance.now();
  const run = () => {
    trailing = undefined;
    lastPublish = performance.now();
    publishStartedAt = lastPublish;
    publishStats();
  };
  if (wait <= 0) run();
  else trailing = setTimeout(run, wait);
}
/** What the event table last put on screen (read by the benchmarks: "shown" means drawn, not merely buffered). */
export const tableStats = { rows: 0, lastSeq: 0 };

/** Called by the event table once the rows of a render are committed and laid out. */
export function reportTableRendered(rows: number, lastSeq: number): void {
  tableStats.rows = rows;
  tableStats.lastSeq = lastSeq;
  if (publishStartedAt === undefined) return;
  const cost = performance.now() - publishStartedAt;
  publishStartedAt = undefined;
  // A moving average: one slow frame (a GC, a resize) must not stretch the interval for long.
  renderCostMs = renderCostMs * 0.7 + cost * 0.3;
}
eventView.subscribe(schedulePublish);
// The rate decays to 0 when the stream goes quiet, even without new batches.
if (typeof window !== 'undefined') {
  setInterval(() => {
    const c = eventLog.counters();
    const last = rateWindow[rateWindow.length - 1];
    if (!last || performance.now() - last.t > 1000) {
      rateWindow = [{ t: performance.now(), received: c.received }];
      if (useStore.getState().stats.rate !== 0) useStore.setState((s) => ({ stats: { ...s.stats, rate: 0 } }));
    }
  }, 1000);
}

export { eventLog, eventView };
