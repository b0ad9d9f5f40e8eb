import { describe, expect, it } from 'vitest';
import { KeepAliveWatch, type KeepAliveAlert } from './keepAlive';
import type { StreamEvent } from '../core/events';

let seq = 0;
const ev = (t: number, e: Partial<StreamEvent>, connId = 'b1', dialect = 'bartnet'): StreamEvent => ({ seq: ++seq, receivedAt: t, connId, dialect, dir: 'in', kind: 'message', size: 0, ...e });
const heartbeat = (t: number, connId?: string) => ev(t, { type: 'heartbeat' }, connId);
const connect = (t: number, connId?: string) => ev(t, { dir: 'system', kind: 'connect' }, connId);

function watch() {
  const alerts: KeepAliveAlert[] = [];
  return { w: new KeepAliveWatch((a) => alerts.push(a)), alerts, said: () => alerts.map((a) => `${a.connId} ${a.event.action}: ${a.event.summary}`) };
}

describe('KeepAliveWatch (bartnet heartbeat every 10 s)', () => {
  it('says nothing while heartbeats come on time, or within 1.5 intervals', () => {
    const { w, alerts } = watch();
    w.onEvents([connect(0), heartbeat(10_000), heartbeat(20_000)]);
    for (let t = 20_000; t <= 35_000; t += 1000) w.tick(t);
    expect(alerts).toEqual([]);
  });

  it('a late heartbeat is said once, and again when they resume', () => {
    const { w, said, alerts } = watch();
    w.onEvents([connect(0), heartbeat(10_000)]);
    for (let t = 10_000; t <= 40_000; t += 1000) w.tick(t);
    expect(said()).toEqual(['b1 late: No heartbeat for 16 s (expected every 10 s): the server or the network may be stalled.']);
    expect(w.lateNow(40_000)).toEqual([{ connId: 'b1', dialect: 'bartnet', name: 'heartbeat', silentMs: 30_000 }]);
    w.onEvents([heartbeat(41_000)]);
    expect(said()[1]).toBe('b1 resumed: The heartbeat resumed after 31 s without one.');
    expect(alerts[0].event).toMatchObject({ dir: 'system', kind: 'notice', type: 'keep-alive' });
    expect(w.lateNow(41_000)).toEqual([]);
  });

  it('counts from the connect (the first heartbeat comes 10 s after it), per connection; a closed one is not late', () => {
    const { w, said } = watch();
    w.onEvents([connect(0, 'a'), connect(0, 'b'), heartbeat(10_000, 'a'), ev(12_000, { dir: 'system', kind: 'close' }, 'b')]);
    w.tick(15_500);
    w.tick(26_000);
    expect(said()).toEqual(['a late: No heartbeat for 16 s (expected every 10 s): the server or the network may be stalled.']);
  });

  it('ignores dialects without a keep-alive it can see', () => {
    const { w, alerts } = watch();
    w.onEvents([ev(0, { dir: 'system', kind: 'connect' }, 'd', 'drp'), ev(0, { dir: 'system', kind: 'connect' }, 'j', 'json')]);
    w.tick(100_000);
    expect(alerts).toEqual([]);
  });
});
