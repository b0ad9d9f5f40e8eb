import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionStatus, IncomingEvent } from '../core/events';
import { backoffDelay, createReconnectingSocket, describeClose, refusedHandshake } from './reconnectingSocket';

describe('backoffDelay', () => {
  const o = { baseMs: 500, maxMs: 30_000, jitter: 0.3 };
  it('grows exponentially and is capped', () => {
    const mid = () => 0.5;
    expect(backoffDelay(1, o, mid)).toBe(Math.round(500 * 0.7 + 500 * 0.3 * 0.5));
    expect(backoffDelay(2, o, mid)).toBe(Math.round(1000 * 0.85));
    expect(backoffDelay(20, o, mid)).toBe(Math.round(30_000 * 0.85));
  });
  it('stays within the jitter band', () => {
    for (let i = 0; i < 100; i++) {
      const d = backoffDelay(3, o);
      expect(d).toBeGreaterThanOrEqual(1400);
      expect(d).toBeLessThanOrEqual(2000);
    }
  });
});

describe('describeClose', () => {
  it('names the likely causes of an opaque 1006', () => {
    expect(describeClose(1006, '')).toMatch(/refused the handshake|certificate/);
  });
  it('includes the reason when there is one', () => {
    expect(describeClose(4001, 'Client pong timed out')).toBe('Closed with code 4001 (Client pong timed out).');
  });
});

describe('refusedHandshake', () => {
  it('names TLS only for wss:// and DNS only for a host name, and links the https origin to accept a certificate', () => {
    const tls = refusedHandshake('wss://lab.example.com:8000/socketcluster/');
    expect(tls.message).toMatch(/TLS certificate is not trusted .*open https:\/\/lab\.example\.com:8000\/ in a tab/);
    expect(tls.message).toMatch(/host name lab\.example\.com does not resolve \(DNS\)/);
    expect(tls.message).toMatch(/refused the handshake \(wrong path or credentials\)\.$/);
    expect(tls.helpUrl).toBe('https://lab.example.com:8000');
    const plain = refusedHandshake('ws://127.0.0.1:8080/stream');
    expect(plain.message).not.toMatch(/TLS|DNS/);
    expect(plain.helpUrl).toBeUndefined();
  });
});

/** A WebSocket whose handshake never completes until the test says so; close() fails it as a browser does (1006). */
class HangingSocket {
  static last: HangingSocket;
  readyState = 0;
  binaryType = 'blob';
  onopen: (() => void) | null = null;
  onclose: ((ev: { code: number; reason: string }) => void) | null = null;
  onmessage: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {
    HangingSocket.last = this;
  }
  close() {
    this.readyState = 3;
    queueMicrotask(() => this.onclose?.({ code: 1006, reason: '' }));
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
}

describe('connect timeout', () => {
  afterEach(() => vi.useRealTimers());
  const start = (autoReconnect: boolean) => {
    const statuses: ConnectionStatus[] = [];
    const rows: IncomingEvent[] = [];
    const rs = createReconnectingSocket({
      url: 'ws://127.0.0.1:9/quiet',
      sink: { emit: (e) => rows.push(e), status: (s) => statuses.push(s) },
      autoReconnect,
      connectTimeoutMs: 3000,
      WebSocketImpl: HangingSocket as unknown as typeof WebSocket,
      onMessage: () => {},
    });
    return { rs, statuses, rows };
  };

  it('gives up a handshake that never completes, says so, and retries with backoff', async () => {
    vi.useFakeTimers();
    const { statuses, rows } = start(true);
    const first = HangingSocket.last;
    await vi.advanceTimersByTimeAsync(2999);
    expect(first.readyState).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(first.readyState).toBe(3);
    const s = statuses.at(-1)!;
    expect(s.phase).toBe('retrying');
    expect(s.message).toMatch(/^No answer from 127\.0\.0\.1:9 within 3 s: nothing completed the WebSocket handshake/);
    expect(rows.at(-1)).toMatchObject({ kind: 'error', summary: expect.stringMatching(/No answer from 127\.0\.0\.1:9/) });
    await vi.advanceTimersByTimeAsync(s.retryAt! - Date.now());
    expect(HangingSocket.last).not.toBe(first);
    expect(statuses.at(-1)).toMatchObject({ phase: 'connecting', attempts: 2, message: expect.stringMatching(/\(attempt 2\)… The last attempt: No answer from/) });
  });

  it('leaves a handshake that completes in time alone', async () => {
    vi.useFakeTimers();
    const { statuses } = start(false);
    await vi.advanceTimersByTimeAsync(1000);
    HangingSocket.last.open();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(HangingSocket.last.readyState).toBe(1);
    expect(statuses.at(-1)).toMatchObject({ phase: 'open' });
  });
});
