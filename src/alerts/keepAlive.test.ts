import { describe, expect, it } from 'vitest';
import { KeepAliveWatch, type KeepAliveAlert } from './keepAlive';
import type { StreamEvent } from '../core/events';

let seq = 0;
const ev = (t: number, e: Partial<StreamEvent>, connId = 'b1', dialect = 'bartnet'): StreamEvent => ({ seq: ++seq, receivedAt: t, connId, dialect, dir: 'in', kind: 'message', size: 0, ...e });
/** A heartbeat the bartnet dialect reports (it folds them: they are no rows). */
const heartbeat = (t: number, connId = 'b1') => ({ beat: t, connId });
type Item = StreamEvent | ReturnType<typeof heartbeat>;
function feed(w: KeepAliveWatch, items: Item[]) {
  for (const i of items) {
    if ('beat' in i) w.beat(i.connId, 'bartnet', i.beat);
    else w.onEvents([i]);
  }
}
const connect = (t: number, connId?: string) => ev(t, { dir: 'system', kind: 'connect' }, connId);

function watch() {
  const alerts: KeepAliveAlert[] = [];
  return { w: new KeepAliveWatch((a) => alerts.push(a)), alerts, said: () => alerts.map((a) => `${a.connId} ${a.event.action}: ${a.event.summary}`) };
}

describe('KeepAliveWatch (bartnet heartbeat every 10 s)', () => {
  it('says nothing while heartbeats come on time, or within 1.5 intervals', () => {
    const { w, alerts } = watch();
    feed(w, [connect(0), heartbeat(10_000), heartbeat(20_000)]);
    for (let t = 20_000; t <= 35_000; t += 1000) w.tick(t);
    expect(alerts).toEqual([]);
  });

  it('a late heartbeat is said once, and again when they resume', () => {
    const { w, said, alerts } = watch();
    feed(w, [connect(0), heartbeat(10_000)]);
    for (let t = 10_000; t <= 40_000; t += 1000) w.tick(t);
    expect(said()).toEqual(['b1 late: No heartbeat for 16 s (expected every 10 s): the server or the network may be stalled.']);
    expect(w.lateNow(40_000)).toEqual([{ connId: 'b1', dialect: 'bartnet', name: 'heartbeat', silentMs: 30_000 }]);
    feed(w, [heartbeat(41_000)]);
    expect(said()[1]).toBe('b1 resumed: The heartbeat resumed after 31 s without one.');
    expect(alerts[0].event).toMatchObject({ dir: 'system', kind: 'notice', type: 'keep-alive' });
    expect(w.lateNow(41_000)).toEqual([]);
  });

  it('counts from the connect (the first heartbeat comes 10 s after it), per connection; a closed one is not late', () => {
    const { w, said } = watch();
    feed(w, [connect(0, 'a'), connect(0, 'b'), heartbeat(10_000, 'a'), ev(12_000, { dir: 'system', kind: 'close' }, 'b')]);
    w.tick(15_500);
    w.tick(26_000);
    expect(said()).toEqual(['a late: No heartbeat for 16 s (expected every 10 s): the server or the network may be stalled.']);
  });

  it('ignores dialects without a keep-alive it can see', () => {
    const { w, alerts } = watch();
    feed(w, [ev(0, { dir: 'system', kind: 'connect' }, 'd', 'drp'), ev(0, { dir: 'system', kind: 'connect' }, 'j', 'json')]);
    w.tick(100_000);
    expect(alerts).toEqual([]);
  });
});

describe('KeepAliveWatch: the interval seen, and keep-alives without a frame', () => {
  it('a bartnet server heartbeating faster than 10 s is held to its own pace; a slower one is late at 15 s', () => {
    const { w, said } = watch();
    feed(w, [connect(0, 'fast'), heartbeat(1000, 'fast'), heartbeat(2000, 'fast'), heartbeat(3000, 'fast')]);
    w.tick(4400);
    expect(said()).toEqual([]);
    w.tick(4600);
    expect(said()).toEqual(['fast late: No heartbeat for 1.6 s (expected every 1 s): the server or the network may be stalled.']);
    const slow = watch();
    feed(slow.w, [connect(0, 's'), heartbeat(14_000, 's'), heartbeat(28_000, 's'), heartbeat(42_000, 's')]);
    slow.w.tick(57_100);
    expect(slow.said()).toEqual(['s late: No heartbeat for 15 s (expected every 10 s): the server or the network may be stalled.']);
  });

  it('SocketCluster pings (reported by the dialect) are held to the interval they keep, 8 s until two gaps are seen', () => {
    const { w, said } = watch();
    feed(w, [ev(0, { dir: 'system', kind: 'connect' }, 'r', 'remotedev')]);
    w.tick(12_100);
    expect(said()).toEqual(['r late: No SocketCluster ping for 12 s (expected every 8 s): the server or the network may be stalled.']);
    w.beat('r', 'remotedev', 13_000);
    expect(said()[1]).toBe('r resumed: The SocketCluster ping resumed after 13 s without one.');
    w.beat('r', 'remotedev', 33_000);
    w.beat('r', 'remotedev', 53_000);
    // A server configured to ping every 20 s: that is its interval.
    w.tick(80_000);
    expect(said()).toHaveLength(2);
    w.tick(83_100);
    expect(said()[2]).toBe('r late: No SocketCluster ping for 30 s (expected every 20 s): the server or the network may be stalled.');
    expect(w.seriesOf('r')).toMatchObject({ name: 'SocketCluster ping', gaps: [13_000, 20_000, 20_000], expectedMs: 20_000, late: true });
  });

  it('keeps the gaps of a closed connection for its sparkline, and carries them over a reconnect', () => {
    const { w } = watch();
    feed(w, [connect(0, 'b'), heartbeat(10_000, 'b'), ev(12_000, { dir: 'system', kind: 'close' }, 'b')]);
    expect(w.seriesOf('b')?.gaps).toEqual([10_000]);
    feed(w, [connect(20_000, 'b'), heartbeat(30_000, 'b')]);
    expect(w.seriesOf('b')?.gaps).toEqual([10_000, 10_000]);
    expect(w.seriesOf('nobody')).toBeNull();
  });
});
