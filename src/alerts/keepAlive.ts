import type { IncomingEvent, StreamEvent } from '../core/events';

// Keep-alive per connection: a dialect whose server sends a keep-alive at a known rate says which events those are.
// When none has come for more than 1.5 intervals, a system row says so (once), and again when they resume.

export interface KeepAliveSpec {
  /** What the user reads: "heartbeat". */
  name: string;
  intervalMs: number;
  /** Whether an event is one of the keep-alives. */
  match(e: StreamEvent): boolean;
}

/**
 * The keep-alives the app can see. bartnet sends {"command":"heartbeat"} every 10 s from connect, on every generation,
 * and never stops. (DRP's and BigchainDB's are WebSocket control frames, which a browser answers without telling the
 * page; remotedev's SocketCluster ping is answered inside its worker.)
 */
export const KEEP_ALIVES: Record<string, KeepAliveSpec> = {
  bartnet: { name: 'heartbeat', intervalMs: 10_000, match: (e) => e.dir === 'in' && e.type === 'heartbeat' },
};

/** Late means more than this many intervals without one. */
export const LATE_FACTOR = 1.5;

interface Watched {
  dialect: string;
  spec: KeepAliveSpec;
  /** When the last keep-alive (or the connect) was received. */
  last: number;
  late: boolean;
}

export interface KeepAliveAlert {
  connId: string;
  dialect: string;
  event: IncomingEvent;
}

export class KeepAliveWatch {
  private conns = new Map<string, Watched>();

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
        // A closed connection sends nothing: that is its status's news, not a late keep-alive.
        this.conns.delete(e.connId);
        continue;
      }
      const w = this.conns.get(e.connId);
      if (e.dir === 'system' && e.kind === 'connect') {
        this.conns.set(e.connId, { dialect: e.dialect, spec, last: e.receivedAt, late: false });
        continue;
      }
      if (!spec.match(e)) continue;
      if (w?.late) {
        const gap = Math.round((e.receivedAt - w.last) / 1000);
        this.emit({ connId: e.connId, dialect: e.dialect, event: { dir: 'system', kind: 'notice', type: 'keep-alive', action: 'resumed', summary: `The ${spec.name} resumed after ${gap} s without one.` } });
      }
      this.conns.set(e.connId, { dialect: e.dialect, spec, last: e.receivedAt, late: false });
    }
  }

  /** Called about once a second: says so when a keep-alive is late (once per silence). */
  tick(now: number): void {
    for (const [connId, w] of this.conns) {
      if (w.late || now - w.last <= w.spec.intervalMs * LATE_FACTOR) continue;
      w.late = true;
      const secs = Math.round((now - w.last) / 1000);
      this.emit({
        connId,
        dialect: w.dialect,
        event: { dir: 'system', kind: 'notice', type: 'keep-alive', action: 'late', summary: `No ${w.spec.name} for ${secs} s (expected every ${w.spec.intervalMs / 1000} s): the server or the network may be stalled.` },
      });
    }
  }
}
