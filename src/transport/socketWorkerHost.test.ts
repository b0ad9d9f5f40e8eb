import { describe, expect, it } from 'vitest';
import type { FromSocketWorker } from './workerProtocol';
import { createSocketWorkerHost } from './socketWorkerHost';

class FakeSocket {
  static last: FakeSocket;
  readyState = 0;
  protocol = '';
  extensions = '';
  binaryType = 'blob';
  sent: unknown[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onerror: (() => void) | null = null;
  onclose: ((e: { code: number; reason: string; wasClean: boolean }) => void) | null = null;
  constructor(readonly url: string) {
    if (!url.startsWith('ws')) throw new SyntaxError('bad scheme');
    FakeSocket.last = this;
  }
  send(d: unknown) {
    this.sent.push(d);
  }
  close() {}
}

/** A host over fake sockets: what it posts, and its flush timers to run by hand. */
function hostWithFakes() {
  const out: FromSocketWorker[] = [];
  const timers: (() => void)[] = [];
  const host = createSocketWorkerHost({ post: (m) => out.push(m), WebSocketImpl: FakeSocket as unknown as typeof WebSocket, setTimer: (fn) => timers.push(fn) });
  return { out, timers, host };
}

describe('socket worker host', () => {
  it('posts open at once, frames in batches, and every frame before the close that follows it', () => {
    const { out, timers, host } = hostWithFakes();
    host.receive({ t: 'open', id: 1, url: 'ws://h/' });
    const ws = FakeSocket.last;
    expect(ws.binaryType).toBe('arraybuffer');
    host.receive({ t: 'send', id: 1, data: 'early' });
    expect(ws.sent).toEqual([]); // not open yet
    ws.readyState = 1;
    ws.onopen!();
    expect(out).toEqual([{ t: 'open', id: 1, protocol: '', extensions: '' }]);
    ws.onmessage!({ data: 'a' });
    ws.onmessage!({ data: 'b' });
    expect(out).toHaveLength(1);
    timers.shift()!();
    expect(out[1]).toEqual({ t: 'frames', id: 1, frames: ['a', 'b'] });
    ws.onmessage!({ data: 'c' });
    ws.onclose!({ code: 1000, reason: 'bye', wasClean: true });
    expect(out.slice(2)).toEqual([
      { t: 'frames', id: 1, frames: ['c'] },
      { t: 'close', id: 1, code: 1000, reason: 'bye', wasClean: true },
    ]);
    host.receive({ t: 'open', id: 2, url: 'http://h/' });
    expect(out.at(-1)).toEqual({ t: 'error', id: 2, message: 'bad scheme', fatal: true });
  });

  it('batches each socket apart, in the order its frames came', () => {
    const { out, timers, host } = hostWithFakes();
    host.receive({ t: 'open', id: 1, url: 'ws://h/1' });
    const one = FakeSocket.last;
    host.receive({ t: 'open', id: 2, url: 'ws://h/2' });
    const two = FakeSocket.last;
    const bin = new ArrayBuffer(2);
    one.onmessage!({ data: 'a' });
    two.onmessage!({ data: 'x' });
    one.onmessage!({ data: bin });
    two.onmessage!({ data: 'y' });
    one.onmessage!({ data: 'b' });
    for (const t of timers.splice(0)) t();
    expect(out).toEqual([
      { t: 'frames', id: 1, frames: ['a', bin, 'b'] },
      { t: 'frames', id: 2, frames: ['x', 'y'] },
    ]);
  });
});
