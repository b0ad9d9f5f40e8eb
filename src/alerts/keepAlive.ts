import type { IncomingEvent, StreamEvent } from '../core/events';

// Keep-alive per connection: a dialect whose server sends a keep-alive at a known rate says which events those are.
// When none has come for more than 1.5 intervals, a system row says so (once), and again when they resume.

export interface KeepAliveSpec {
  /** What the user reads: "heartbeat". */
  name: string;
  /** The server's interval, as its source sets it; used until the gaps seen say otherwise. */
  intervalMs: number;
  /**
   * How the gaps seen refine the interval: `faster` (the interval is fixed in the server's code: a faster one seen is
   * believed, a slower one is what lateness means) or `any` (the interval is a server option: the gaps seen are it).
   */
  learn: 'faster' | 'any';
}

/**
 * The keep-alives the app can see; the dialect reports each one (EventSink.keepAlive → beat), as it folds them out of
 * the table. bartnet sends {"command":"heartbeat"} every 10 s from connect, on every generation, and never stops.
 * SocketCluster (remotedev) pings every pingInterval (8 s on both servers, an option of theirs), and the client
 * library answers it. DRP's and BigchainDB's are WebSocket control frames, which a browser answers without telling
 * the page.
 */
export const KEEP_ALIVES: Record<string, KeepAliveSpec> = {
  bartnet: { name: 'heartbeat', intervalMs: 10_000, learn: 'faster' },
  remotedev: { name: 'SocketCluster ping', intervalMs: 8_000, learn: 'any' },
};

/** Gaps kept per connection (for the sparkline and the learned interval). */
export const GAPS_KEPT = 40;
/** The learned interval is the median of this many latest gaps, once there are MIN_GAPS. */
const LEARN_FROM = 5;
const MIN_GAPS = 2;

/** Late means more than this many intervals without one. */
export const LATE_FACTOR = 1.5;

interface Watched {
  dialect: string;
  spec: KeepAliveSpec;
  /** When the last keep-alive (or the connect) was received. */
  last: number;
  late: boolean;
  /** Milliseconds between keep-alives (the first from the connect), oldest first; a gap that was late included. */
  gaps: number[];
}

/** What the sparkline shows for one connection. */
export interface KeepAliveSeries {
  name: string;
  gaps: readonly number[];
  expectedMs: number;
  late: boolean;
}

/** The interval a connection's keep-alive is held to: the spec's, refined by the gaps seen. */
export function expectedInterval(spec: KeepAliveSpec, gaps: readonly number[]): number {
  if (gaps.length < MIN_GAPS) return spec.intervalMs;
  const recent = gaps.slice(-LEARN_FROM).sort((a, b) => a - b);
  const median = recent[recent.length >> 1];
  return spec.learn === 'faster' ? Math.min(spec.intervalMs, median) : median;
}

const secs = (ms: number) => (ms < 10_000 ? (Math.round(ms / 100) / 10).toString() : Math.round(ms / 1000).toString());

export interface KeepAliveAlert {
  connId: string;
  dialect: string;
  event: IncomingEvent;
}

export class KeepAliveWatch {
  private conns = new Map<string, Watched>();
  /** Connections closed since: their gaps, for the sparkline and for a reconnect to carry on. */
  private closed = new Map<string, Watched>();
  /** Bumped when a keep-alive arrives or goes late. */
  version = 0;

  constructor(
    private readonly emit: (alert: KeepAliveAlert) => void,
    private readonly specs: Record<string, KeepAliveSpec> = KEEP_ALIVES,
  ) {}

  /** Connections whose keep-alive is late now, with how long it has been. */
  lateNow(now: number): { connId: string; dialect: string; name: string; silentMs: number }[] {
    return [...this.conns].filter(([, w]) => w.late).map(([connId, w]) => ({ connId, dialect: w.dialect, name: w.spec.name, silentMs: now - w.last }));
  }

  onEvents(batch: readonly StreamEvent[]): void {
    for (const e of batch) {
      const spec = this.specs[e.dialect];
      if (!spec) continue;
      if (e.dir === 'system' && (e.kind === 'close' || e.kind === 'error')) {
        // A closed connection sends nothing: that is its status's news, not a late keep-alive. Its gaps stay drawn.
        const w = this.conns.get(e.connId);
        if (w) this.closed.set(e.connId, w);
        this.conns.delete(e.connId);
        continue;
      }
      if (e.dir === 'system' && e.kind === 'connect') {
        this.conns.set(e.connId, { dialect: e.dialect, spec, last: e.receivedAt, late: false, gaps: this.closed.get(e.connId)?.gaps ?? [] });
        this.closed.delete(e.connId);
      }
    }
  }

  /** One keep-alive of connection `connId`, received at `at`. */
  beat(connId: string, dialect: string, at: number): void {
    const spec = this.specs[dialect];
    if (!spec) return;
    const w = this.conns.get(connId);
    if (!w) {
      // Reported before the connection's connect row was appended: count from here.
      this.conns.set(connId, { dialect, spec, last: at, late: false, gaps: [] });
      return;
    }
    const gap = at - w.last;
    if (gap < 0) return; // the connect row came after it (a beat reported out of band)
    if (w.late) {
      this.emit({ connId, dialect, event: { dir: 'system', kind: 'notice', type: 'keep-alive', action: 'resumed', summary: `The ${spec.name} resumed after ${secs(gap)} s without one.` } });
    }
    w.gaps.push(gap);
    if (w.gaps.length > GAPS_KEPT) w.gaps.shift();
    w.last = at;
    w.late = false;
    this.version++;
  }

  /** Called about once a second: says so when a keep-alive is late (once per silence). */
  tick(now: number): void {
    for (const [connId, w] of this.conns) {
      const expected = expectedInterval(w.spec, w.gaps);
      if (w.late || now - w.last <= expected * LATE_FACTOR) continue;
      w.late = true;
      this.version++;
      this.emit({
        connId,
        dialect: w.dialect,
        event: { dir: 'system', kind: 'notice', type: 'keep-alive', action: 'late', summary: `No ${w.spec.name} for ${secs(now - w.last)} s (expected every ${secs(expected)} s): the server or the network may be stalled.` },
      });
    }
  }

  /** The gaps between a connection's keep-alives so far, or null when its dialect has none the app can see. */
  seriesOf(connId: string): KeepAliveSeries | null {
    const w = this.conns.get(connId) ?? this.closed.get(connId);
    if (!w) return null;
    return { name: w.spec.name, gaps: w.gaps, expectedMs: expectedInterval(w.spec, w.gaps), late: w.late };
  }
}
