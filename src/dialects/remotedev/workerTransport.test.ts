// The worker transport without a browser: workerHost.ts (the worker side) and createWorkerTransports (the page side)
// over a Node MessageChannel, which structured-clones like a worker's postMessage (a symbol key does not survive).
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { create } from 'socketcluster-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { IncomingEvent } from '../types';
import { openDirectTransport } from './directTransport';
import { connectRemotedev } from './index';
import { FRAME_SIZE, frameSizeOf, HOLD_MIN_CHARS, isHeldText, type FromWorker, type HeldText, type OpenTransport, type ScEvents, type ScTransport, type ToWorker, type WireItem } from './transport';
import { createTransportHost } from './workerHost';
import { createWorkerTransports, type PortLike } from './workerTransport';
import { freePorts, until } from '../../../demo/simulators/testkit.mjs';

const withSize = <T extends object>(o: T, size: number): T => Object.defineProperty(o, FRAME_SIZE, { value: size, enumerable: false });

/** A transport that records what it was asked and lets the test report events through `events`. */
function fakeTransports() {
  const opened: { events: ScEvents; log: unknown[][] }[] = [];
  const open: OpenTransport = (_options, events) => {
    const rec = { events, log: [] as unknown[][] };
    opened.push(rec);
    const t: ScTransport = {
      invoke: async (event, data) => {
        if (event === 'fail') throw Object.assign(new Error(`no ${String(data)}`), { name: 'InvalidActionError' });
        return `reply to ${String(data)}`;
      },
      subscribe: (ch) => void rec.log.push(['subscribe', ch]),
      transmit: (event, data) => (rec.log.push(['transmit', event, data]), true),
      state: () => 'open',
      close: (code, reason) => void rec.log.push(['close', code, reason]),
    };
    return t;
  };
  return { open, opened };
}

describe('workerHost: batching in the worker', () => {
  function host(opts: { maxMessages?: number; maxChars?: number } = {}) {
    const posts: FromWorker[] = [];
    const timers: (() => void)[] = [];
    const fake = fakeTransports();
    const h = createTransportHost({ post: (m) => posts.push(m), open: fake.open, setTimer: (fn) => timers.push(fn), ...opts });
    h.receive({ t: 'open', id: 7, options: { hostname: 'h', port: 1, secure: false, path: '/', protocolVersion: 2, autoReconnect: true } });
    const items = () => posts.flatMap((p) => (p.t === 'batch' ? p.items : []));
    return { h, posts, timers, fake, ev: fake.opened[0].events, items };
  }

  it('holds messages until the timer and sends each frame size alongside', () => {
    const { posts, timers, ev } = host();
    ev.onMessages('log', [withSize({ n: 1 }, 11)]);
    ev.onMessages('log', [withSize({ n: 2 }, 22), { n: 3 }]);
    expect(posts).toEqual([]);
    expect(timers).toHaveLength(1);
    timers[0]();
    expect(posts).toEqual([{ t: 'batch', items: [{ id: 7, e: 'messages', channel: 'log', data: [{ n: 1 }, { n: 2 }, { n: 3 }], sizes: [11, 22, -1] }] }]);
  });

  it('posts a status event at once, after the messages that came before it, keeping channels apart', () => {
    const { posts, ev, items } = host();
    ev.onConnect();
    ev.onMessages('log', [{ n: 1 }]);
    ev.onMessages('other', [{ n: 2 }]);
    ev.onMessages('log', [{ n: 3 }]);
    ev.onDown(1006, 'gone', true);
    expect(posts).toHaveLength(2);
    expect(items().map((i) => [i.e, 'channel' in i ? i.channel : undefined, 'data' in i ? i.data : undefined])).toEqual([
      ['connect', undefined, undefined],
      ['messages', 'log', [{ n: 1 }]],
      ['messages', 'other', [{ n: 2 }]],
      ['messages', 'log', [{ n: 3 }]],
      ['down', undefined, undefined],
    ]);
  });

  it('flushes early when a batch holds maxMessages messages or maxChars characters of frames', () => {
    const a = host({ maxMessages: 3 });
    for (let n = 0; n < 7; n++) a.ev.onMessages('log', [{ n }]);
    expect(a.posts.map((p) => (p.t === 'batch' ? p.items.map((i) => (i.e === 'messages' ? i.data.length : 0)) : []))).toEqual([[3], [3]]);
    const b = host({ maxChars: 100 });
    b.ev.onMessages('log', [withSize({ n: 1 }, 60)]);
    expect(b.posts).toHaveLength(0);
    b.ev.onMessages('log', [withSize({ n: 2 }, 60)]);
    expect(b.posts).toHaveLength(1);
  });

  it('answers invoke with the value or the error, forwards calls, and reports nothing after close', async () => {
    const { h, fake, ev, items } = host();
    h.receive({ t: 'invoke', id: 7, call: 1, event: 'login', data: 'monitor' });
    h.receive({ t: 'invoke', id: 7, call: 2, event: 'fail', data: 'x' });
    h.receive({ t: 'subscribe', id: 7, channel: 'log' });
    h.receive({ t: 'transmit', id: 7, event: 'respond', data: { type: 'START' } });
    await until(() => items().length === 2);
    expect(items()).toEqual([
      { id: 7, e: 'reply', call: 1, ok: true, value: 'reply to monitor' },
      { id: 7, e: 'reply', call: 2, ok: false, name: 'InvalidActionError', message: 'no x' },
    ]);
    h.receive({ t: 'close', id: 7, code: 1000, reason: 'bye' });
    expect(fake.opened[0].log).toEqual([['subscribe', 'log'], ['transmit', 'respond', { type: 'START' }], ['close', 1000, 'bye']]);
    ev.onMessages('log', [{ n: 1 }]);
    ev.onConnect();
    h.receive({ t: 'invoke', id: 7, call: 3, event: 'login', data: 'monitor' });
    expect(items().slice(2)).toEqual([{ id: 7, e: 'reply', call: 3, ok: false, name: 'BadConnectionError', message: 'The socket is closed.' }]);
  });
});

describe('workerHost: large ACTION states stay in the worker', () => {
  const big = (n: number) => `{"count":${n},"pad":"${'x'.repeat(HOLD_MIN_CHARS)}"}`;
  function host(maxHeldChars?: number) {
    const posts: FromWorker[] = [];
    const fake = fakeTransports();
    const h = createTransportHost({ post: (m) => posts.push(m), open: fake.open, setTimer: () => undefined, maxMessages: 1, maxHeldChars });
    h.receive({ t: 'open', id: 3, options: { hostname: 'h', port: 1, secure: false, path: '/', protocolVersion: 2, autoReconnect: true } });
    h.receive({ t: 'subscribe', id: 3, channel: 'log', holdPayloads: true });
    h.receive({ t: 'subscribe', id: 3, channel: 'other' });
    const items = () => posts.flatMap((p) => (p.t === 'batch' ? p.items : []));
    const data = () => items().flatMap((i) => (i.e === 'messages' ? i.data : [])) as Record<string, unknown>[];
    const take = (ref: number, call: number) => {
      h.receive({ t: 'take', id: 3, call, ref });
      return items().find((i): i is Extract<WireItem, { e: 'text' }> => i.e === 'text' && i.call === call);
    };
    return { h, ev: fake.opened[0].events, data, take };
  }

  it('sends a marker for a large payload on a holding channel, and the text once when it is taken', () => {
    const { ev, data, take } = host();
    ev.onMessages('log', [{ type: 'ACTION', action: '{"type":"A"}', payload: big(1) }]);
    ev.onMessages('log', [{ id: 'sock', data: { type: 'ACTION', action: '{"type":"B"}', payload: big(2) } }]);
    const [a, b] = data();
    expect(a.payload).toEqual({ $heldText: 1, length: big(1).length });
    expect((b.data as Record<string, unknown>).payload).toEqual({ $heldText: 2, length: big(2).length });
    expect(take(2, 10)).toEqual({ id: 3, e: 'text', call: 10, text: big(2) });
    expect(take(2, 11)).toEqual({ id: 3, e: 'text', call: 11, text: null });
  });

  it('keeps small payloads, batches of actions, other message types and other channels as they are', () => {
    const { ev, data } = host();
    const small = { type: 'ACTION', action: '{"type":"A"}', payload: '{"count":1}' };
    const batch = { type: 'ACTION', action: '[{"type":"A"},{"type":"B"}]', payload: `[${big(1)},${big(2)}]` };
    const state = { type: 'STATE', payload: big(3) };
    const elsewhere = { type: 'ACTION', action: '{"type":"A"}', payload: big(4) };
    ev.onMessages('log', [small, batch, state]);
    ev.onMessages('other', [elsewhere]);
    expect(data().map((m) => typeof m.payload)).toEqual(['string', 'string', 'string', 'string']);
  });

  it('frees released texts, the texts of a closed socket, and the oldest beyond maxHeldChars', () => {
    const { h, ev, take } = host(3 * (HOLD_MIN_CHARS + 20));
    for (let n = 1; n <= 4; n++) ev.onMessages('log', [{ type: 'ACTION', action: '{}', payload: big(n) }]);
    // Four texts do not fit in three texts' room: the first went.
    expect(take(1, 1)?.text).toBeNull();
    h.receive({ t: 'release', id: 3, refs: [2] });
    expect(take(2, 2)?.text).toBeNull();
    h.receive({ t: 'close', id: 3, code: 1000, reason: 'bye' });
    expect(take(3, 3)?.text).toBeNull();
    expect(take(4, 4)?.text).toBeNull();
  });
});

describe('worker transport over a MessageChannel (structured clone, as between a worker and the page)', () => {
  const ports: MessagePort[] = [];
  afterEach(() => {
    for (const p of ports.splice(0)) p.close();
  });
  /** The page's transports, talking to a host that runs `open` on the other end of a channel. */
  function pair(open: OpenTransport) {
    const { port1, port2 } = new MessageChannel();
    ports.push(port1, port2);
    const h = createTransportHost({ post: (m) => port2.postMessage(m), open });
    port2.on('message', (m: ToWorker) => h.receive(m));
    return createWorkerTransports(port1 as unknown as PortLike);
  }

  it('delivers events in order, puts frame sizes back, and tracks the socket state', async () => {
    const fake = fakeTransports();
    const seen: unknown[][] = [];
    const page = pair(fake.open);
    const t = page.open({ hostname: 'h', port: 1, secure: false, path: '/', protocolVersion: 2, autoReconnect: true }, {
      onConnect: () => seen.push(['connect']),
      onDown: (code, reason, wasOpen) => seen.push(['down', code, reason, wasOpen]),
      onConnecting: () => seen.push(['connecting']),
      onError: (m) => seen.push(['error', m]),
      onPing: (k) => seen.push(['ping', k]),
      onKeepAlive: (at) => seen.push(['keepalive', at]),
      onSubscribe: (ch) => seen.push(['subscribe', ch]),
      onSubscribeFail: (ch, m) => seen.push(['subscribeFail', ch, m]),
      onMessages: (ch, batch) => seen.push(['messages', ch, batch.map((m) => [m, frameSizeOf(m), Object.keys(m as object)])]),
    });
    expect(t.state()).toBe('connecting');
    expect(t.transmit('respond', {})).toBe(false);
    await until(() => fake.opened.length === 1);
    const ev = fake.opened[0].events;
    ev.onConnect();
    ev.onSubscribe('log');
    ev.onMessages('log', [withSize({ type: 'ACTION', n: 1 }, 40)]);
    ev.onMessages('log', [{ type: 'ACTION', n: 2 }]);
    ev.onPing(1);
    ev.onKeepAlive(1234);
    ev.onMessages('log', [withSize({ type: 'ACTION', n: 3 }, 42)]);
    ev.onSubscribeFail('x', 'denied');
    ev.onError('boom');
    ev.onDown(4000, 'bye', true);
    ev.onConnecting();
    await until(() => seen.length === 10);
    expect(seen).toEqual([
      ['connect'],
      ['subscribe', 'log'],
      ['messages', 'log', [[{ type: 'ACTION', n: 1 }, 40, ['type', 'n']], [{ type: 'ACTION', n: 2 }, undefined, ['type', 'n']]]],
      ['ping', 1],
      ['keepalive', 1234],
      ['messages', 'log', [[{ type: 'ACTION', n: 3 }, 42, ['type', 'n']]]],
      ['subscribeFail', 'x', 'denied'],
      ['error', 'boom'],
      ['down', 4000, 'bye', true],
      ['connecting'],
    ]);
    expect(t.state()).toBe('connecting');
    ev.onConnect();
    await until(() => t.state() === 'open');
    expect(t.transmit('respond', { type: 'START' })).toBe(true);
    await expect(t.invoke('login', 'monitor')).resolves.toBe('reply to monitor');
    await expect(t.invoke('fail', 'x')).rejects.toMatchObject({ name: 'InvalidActionError', message: 'no x' });
    t.close(1000, 'closed by user');
    expect(t.state()).toBe('closed');
    await until(() => fake.opened[0].log.length === 2);
    expect(fake.opened[0].log).toEqual([['transmit', 'respond', { type: 'START' }], ['close', 1000, 'closed by user']]);
    await expect(t.invoke('login', 'monitor')).rejects.toMatchObject({ name: 'BadConnectionError' });
  });

  it('hands the page a HeldText for a held state: take() fetches it once, release() frees it', async () => {
    const fake = fakeTransports();
    const got: unknown[] = [];
    const page = pair(fake.open);
    const noop = () => undefined;
    const t = page.open({ hostname: 'h', port: 1, secure: false, path: '/', protocolVersion: 2, autoReconnect: true }, { onConnect: noop, onDown: noop, onConnecting: noop, onError: noop, onPing: noop, onKeepAlive: noop, onSubscribe: noop, onSubscribeFail: noop, onMessages: (_ch, batch) => got.push(...batch) });
    t.subscribe('log', { holdPayloads: true });
    await until(() => fake.opened.length === 1);
    const text = (n: number) => 'y'.repeat(HOLD_MIN_CHARS + n);
    await until(() => fake.opened[0].log.some(([what]) => what === 'subscribe'));
    fake.opened[0].events.onMessages('log', [1, 2, 3].map((n) => ({ type: 'ACTION', action: '{}', payload: text(n) })));
    await until(() => got.length === 3);
    const held = got.map((m) => (m as { payload: unknown }).payload);
    expect(held.every(isHeldText)).toBe(true);
    const [a, b, c] = held as HeldText[];
    expect(a.length).toBe(HOLD_MIN_CHARS + 1);
    await expect(a.take()).resolves.toBe(text(1));
    await expect(a.take()).resolves.toBeNull();
    b.release();
    await expect(b.take()).resolves.toBeNull();
    t.close(1000, 'bye');
    await expect(c.take()).resolves.toBeNull();
  });

  it('a worker that never loaded takes its sockets down with an error row', async () => {
    const page = createWorkerTransports({ postMessage: () => undefined, onmessage: null });
    const rows: IncomingEvent[] = [];
    const statuses: string[] = [];
    const s = connectRemotedev('ws://127.0.0.1:1/socketcluster/', {}, false, { emit: (e) => rows.push(e), status: (st) => statuses.push(st.phase) }, page.open);
    page.fail('The remotedev socket worker could not start: blocked', true);
    expect(rows.map((r) => r.summary)).toContain('Socket error: The remotedev socket worker could not start: blocked');
    expect(statuses).toEqual(['connecting', 'error']);
    s.close();
  });

  it('gives connectRemotedev the same rows as the direct transport, in order and with frame sizes, from a real server', async () => {
    const sim = await import('../../../demo/simulators/remotedev.mjs');
    const [scPort] = await freePorts(1);
    const r = await sim.start({ host: '127.0.0.1', ports: { sc: scPort }, args: { 'remotedev-apps': 0 }, log: () => undefined });
    const settings = { advanced: true, credential: 'master', channels: 'log' };
    const viaWorker: IncomingEvent[] = [];
    const direct: IncomingEvent[] = [];
    const a = connectRemotedev(r.urls.sc, settings, true, { emit: (e) => viaWorker.push(e), status: () => undefined }, pair(openDirectTransport).open);
    const b = connectRemotedev(r.urls.sc, settings, true, { emit: (e) => direct.push(e), status: () => undefined }, openDirectTransport);
    const publisher = create({ hostname: '127.0.0.1', port: scPort, path: '/socketcluster/', autoReconnect: false });
    const N = 3000;
    try {
      const subscribed = (s: typeof a) => s.controller.state.get().subscriptions.some((x) => x.channel === 'log' && x.state === 'subscribed');
      await until(() => subscribed(a) && subscribed(b), 10000);
      await until(() => publisher.state === publisher.OPEN, 10000);
      for (let n = 0; n < N; n++) void publisher.transmit('log', { type: 'N', n, pad: 'x'.repeat(n % 37) });
      const messages = (rows: IncomingEvent[]) => rows.filter((e) => e.fields?.rowKind === 'channel');
      await until(() => messages(viaWorker).length === N && messages(direct).length === N, 20000);
      const shape = (rows: IncomingEvent[]) => messages(rows).map((e) => [(e.value as { n: number }).n, e.size]);
      expect(shape(viaWorker)).toEqual(shape(direct));
      expect(shape(viaWorker).map(([n]) => n)).toEqual([...Array(N).keys()]);
      expect(shape(viaWorker)[36][1]).toBe(JSON.stringify({ event: '#publish', data: { channel: 'log', data: { type: 'N', n: 36, pad: 'x'.repeat(36) } } }).length);
      const protocolRows = (rows: IncomingEvent[]) => rows.filter((e) => e.dir === 'system').map((e) => e.summary);
      expect(protocolRows(viaWorker)).toEqual(protocolRows(direct));
      expect(protocolRows(viaWorker)).toEqual([expect.stringMatching(/^Connected to/), 'Logged in as "master": the server returned channel "respond"', 'Subscribed to channel "log"']);
      // Advanced mode's transmit goes through the worker too.
      expect(a.transmit('respond', '{"type":"HELLO"}')).toEqual({ ok: true });
    } finally {
      publisher.disconnect();
      a.close();
      b.close();
      await r.close();
    }
  }, 30000);
});
