import type { EventLog } from './eventLog';
import type { EventView } from './eventView';

/** The counters the toolbar shows, published with each table update. */
export interface EngineStats {
  received: number;
  shown: number;
  dropped: number;
  queued: number;
  buffered: number;
  /** Events per second over the last second. */
  rate: number;
}

export interface PublishSink {
  /** A new table version: the rows or the counters changed. */
  publish(stats: EngineStats): void;
  /** Only the rate changed (it decays to 0 while the stream is quiet). */
  rate(rate: number): void;
}

// At high rates batches arrive every frame; re-rendering the table for each would spend the frame budget on React and
// layout. Publish at most every MIN_PUBLISH_MS (trailing, so the last batch is always shown), immediately when quiet,
// and further apart when a publish is expensive: the table reports what each one cost (render, commit and the layout
// it forced), and the interval keeps that cost under about a quarter of the main thread, so ingest keeps the rest.
const MIN_PUBLISH_MS = 50;
const MAX_PUBLISH_MS = 250;
const RENDER_SHARE = 0.25;
// Past FAST_RATE events/s every row on screen is new at each publish and nobody reads them as they pass: four updates a
// second show the stream going by as well as twenty, and each update relays out, repaints and rasterises the whole
// table (a frame or two of the main thread on a busy two-core machine), which the page's input and ingest need more
// there. Each update is a frame that may miss its vsync, so their number is what the page's late frames scale with.
const FAST_RATE = 10_000;
const FAST_PUBLISH_MS = 250;

/**
 * Turns the view's per-batch changes into throttled table updates, and keeps the event rate. Started by startEngine;
 * the table reports back what each update cost (tableRendered), which sets the next interval.
 */
export class Publisher {
  /** What the event table last put on screen (read by the benchmarks: "shown" means drawn, not merely buffered). */
  readonly tableStats: { rows: number; lastSeq: number; newestSeq: number | null } = { rows: 0, lastSeq: 0, newestSeq: null };
  private rateWindow: { t: number; received: number }[] = [];
  private lastRate = 0;
  private lastPublish = -Infinity;
  private trailing: ReturnType<typeof setTimeout> | undefined;
  private publishStartedAt: number | undefined;
  private renderCostMs = 0;
  private sink: PublishSink | null = null;

  constructor(
    private readonly log: EventLog,
    private readonly view: EventView,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Publishes to `sink` from now on; returns the stop function. */
  start(sink: PublishSink): () => void {
    this.sink = sink;
    const unsubscribe = this.view.subscribe(this.schedule);
    const decay = setInterval(this.decayRate, 1000);
    return () => {
      unsubscribe();
      clearInterval(decay);
      clearTimeout(this.trailing);
      this.trailing = undefined;
      this.sink = null;
    };
  }

  private interval(): number {
    const floor = this.lastRate >= FAST_RATE ? FAST_PUBLISH_MS : MIN_PUBLISH_MS;
    return Math.min(MAX_PUBLISH_MS, Math.max(floor, this.renderCostMs / RENDER_SHARE));
  }

  private schedule = (): void => {
    if (this.trailing !== undefined) return;
    const wait = this.lastPublish + this.interval() - this.now();
    const run = () => {
      this.trailing = undefined;
      this.lastPublish = this.now();
      this.publishStartedAt = this.lastPublish;
      this.publishNow();
    };
    if (wait <= 0) run();
    else this.trailing = setTimeout(run, wait);
  };

  private publishNow(): void {
    const c = this.log.counters();
    const now = this.now();
    const w = this.rateWindow;
    w.push({ t: now, received: c.received });
    while (w.length > 2 && now - w[0].t > 1000) w.shift();
    const first = w[0];
    if (now - first.t > 200) this.lastRate = Math.round(((c.received - first.received) * 1000) / (now - first.t));
    this.sink?.publish({ received: c.received, dropped: c.dropped, queued: c.queued, buffered: c.buffered, shown: this.view.count, rate: this.lastRate });
  }

  /** The rate decays to 0 when the stream goes quiet, even without new batches. */
  private decayRate = (): void => {
    const last = this.rateWindow[this.rateWindow.length - 1];
    if (last && this.now() - last.t <= 1000) return;
    this.rateWindow = [{ t: this.now(), received: this.log.counters().received }];
    if (this.lastRate !== 0) {
      this.lastRate = 0;
      this.sink?.rate(0);
    }
  };

  /** Called by the event table once the rows of a render are committed and laid out. */
  tableRendered(rows: number, lastSeq: number, newestSeq = lastSeq): void {
    this.tableStats.rows = rows;
    this.tableStats.lastSeq = lastSeq;
    this.tableStats.newestSeq = newestSeq;
    if (this.publishStartedAt === undefined) return;
    const cost = this.now() - this.publishStartedAt;
    this.publishStartedAt = undefined;
    // A moving average: one slow frame (a GC, a resize) must not stretch the interval for long.
    this.renderCostMs = this.renderCostMs * 0.7 + cost * 0.3;
  }
}
