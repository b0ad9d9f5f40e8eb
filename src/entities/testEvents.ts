import type { IncomingEvent, StreamEvent } from '../core/events';

// Test support: numbers decoded events the way the log does (seq, receivedAt, connId, dialect).

let seq = 0;
let clock = Date.UTC(2026, 11, 1, 12, 0, 0);

export function resetTestEvents(startSeq = 0): void {
  seq = startSeq;
  clock = Date.UTC(2026, 11, 1, 12, 0, 0);
}

export function asStream(dialect: string, e: IncomingEvent, connId = 'c1'): StreamEvent {
  clock += 1000;
  return { ...e, seq: ++seq, receivedAt: clock, connId, dialect, size: e.size ?? 0 } as StreamEvent;
}
