import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { until, recordingSink, openRaw } from './testkit.mjs';
import * as bn from './bartnet.mjs';
import { bartnetDialect } from '../../src/dialects/bartnet/index.ts';

const topicsIn = (events, since = 0) => new Set(events.slice(since).filter((e) => e.dir === 'in' && e.fields?.topic && !['authenticate', 'subscribe'].includes(e.fields.topic)).map((e) => e.fields.topic));

async function withSim(args, fn) {
  const sim = await bn.start({ ports: { http: 0 }, args: { 'bartnet-event-ms': 30, 'bartnet-heartbeat-ms': 100, ...args } });
  try {
    await fn(sim);
  } finally {
    await sim.close();
  }
}

const connect = (sim, settings, extra = {}) => {
  const sink = recordingSink();
  const session = bartnetDialect.connect({ endpoint: sim.urls.stream, settings, autoReconnect: false, WebSocketImpl: WebSocket, ...extra }, sink);
  return { sink, session, st: () => session.controller.state.get() };
};

/** A raw socket: JSON frames received, and how it closed. */
async function raw(sim) {
  const r = await openRaw(sim.urls.stream);
  const closed = new Promise((resolve) => r.ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  const frames = () => r.got.map((t) => JSON.parse(t)).filter((f) => f.command !== 'heartbeat');
  const send = (o) => r.ws.send(typeof o === 'string' ? o : JSON.stringify(o));
  return { ...r, closed, frames, send };
}
const quiet = (ms = 150) => new Promise((r) => setTimeout(r, ms));
const WELL_FORMED_BUT_WRONG = bn.hmacFor(1, 'not-the-secret');

describe('bartnet simulator', () => {
  it('Gen B issues the SHA-1(id‖secret) HMAC with CORS headers the browser can read; Gen C and D have no password login', async () => {
    expect(bn.hmacFor(1, 'secret')).toMatch(/^1--[A-Za-z0-9_-]{27}=$/);
    await withSim({ 'bartnet-gen': 'b' }, async (sim) => {
      const pre = await fetch(sim.urls.login, { method: 'OPTIONS' });
      expect(pre.headers.get('access-control-expose-headers')).toMatch(/X-Auth-HMAC/i);
      const ok = await fetch(sim.urls.login, { method: 'POST', body: JSON.stringify({ email: bn.DEMO.email, password: bn.DEMO.password }) });
      expect(ok.status).toBe(201);
      expect(ok.headers.get('x-auth-hmac')).toBe(bn.hmacFor(1));
      expect((await ok.json()).token).toBe(`HMAC ${bn.hmacFor(1)}`);
      expect((await fetch(sim.urls.login, { method: 'POST', body: '{"email":"x","password":"y"}' })).status).toBe(401);
    });
    for (const gen of ['c', 'd']) {
      await withSim({ 'bartnet-gen': gen }, async (sim) => {
        expect((await fetch(sim.urls.login, { method: 'POST', body: JSON.stringify({ email: bn.DEMO.email, password: bn.DEMO.password }) })).status).toBe(404);
      });
    }
  });

  it('Gen C: token only (an HMAC gets bad-token), a second authenticate is silent, any unsubscribe_from closes 1011', async () => {
    await withSim({}, async (sim) => {
      const a = await raw(sim);
      a.send({ command: 'authenticate', attributes: { hmac: bn.hmacFor(1) } });
      await until(() => a.frames().length === 1);
      expect(a.frames()[0]).toEqual({ command: 'authenticate', state: 'bad-token' });
      a.send({ command: 'authenticate', attributes: { token: bn.DEMO.token } });
      await until(() => a.frames().length === 2);
      expect(a.frames()[1]).toMatchObject({ command: 'authenticate', state: 'ok', attributes: { customer_id: 'cust1' } });
      a.send({ command: 'authenticate', attributes: { token: bn.DEMO.token } });
      a.send({ command: 'subscribe', attributes: { subscribe_to: 'discovery,connected' } });
      await until(() => a.frames().some((f) => f.command === 'subscribe'));
      expect(a.frames().filter((f) => f.command === 'authenticate')).toHaveLength(2);
      expect(a.frames().find((f) => f.command === 'subscribe').attributes.subscriptions).toBe('cust1.discovery,cust1.connected');
      const replies = a.frames().filter((f) => f.command === 'subscribe').length;
      a.send({ command: 'subscribe', attributes: { unsubscribe_from: 'connected' } });
      expect(await a.closed).toEqual({ code: 1011, reason: 'IllegalArgumentException' });
      expect(a.frames().filter((f) => f.command === 'subscribe')).toHaveLength(replies);
    });
  });

  it('every generation closes 1011 JsonParseException on text that is not JSON', async () => {
    for (const gen of ['b', 'c', 'd', 'spec']) {
      await withSim({ 'bartnet-gen': gen }, async (sim) => {
        const a = await raw(sim);
        a.send('hello');
        expect(await a.closed).toEqual({ code: 1011, reason: 'JsonParseException' });
      });
    }
  });

  it('Gen B: a malformed HMAC closes 1011, a well-formed wrong one gets no reply, the right one works; unsubscribe works', async () => {
    await withSim({ 'bartnet-gen': 'b' }, async (sim) => {
      const bad = await raw(sim);
      bad.send({ command: 'authenticate', attributes: { hmac: '1--wrong' } });
      expect(await bad.closed).toEqual({ code: 1011, reason: 'IllegalArgumentException' });
      const a = await raw(sim);
      a.send({ command: 'authenticate', attributes: { token: bn.DEMO.token } });
      a.send({ command: 'authenticate', attributes: { hmac: WELL_FORMED_BUT_WRONG } });
      await quiet();
      expect(a.frames()).toEqual([]);
      a.send({ command: 'authenticate', attributes: { hmac: bn.hmacFor(1) } });
      a.send({ command: 'subscribe', attributes: { subscribe_to: 'discovery,connected', unsubscribe_from: 'connected' } });
      await until(() => a.frames().some((f) => f.command === 'subscribe'));
      expect(a.frames()[0]).toMatchObject({ command: 'authenticate', state: 'ok' });
      expect(a.frames().find((f) => f.command === 'subscribe')).toMatchObject({ attributes: { subscriptions: 'cust1.discovery' }, in_reply_to: expect.any(Number) });
      a.ws.close();
    });
  });

  it('Gen D: only launch-bastion frames; each extra authenticate replies ok and duplicates them', async () => {
    await withSim({ 'bartnet-gen': 'd' }, async (sim) => {
      const a = await raw(sim);
      a.send({ command: 'authenticate', attributes: { hmac: bn.hmacFor(1) } });
      a.send({ command: 'authenticate', attributes: { token: bn.DEMO.token } });
      a.send({ command: 'authenticate', attributes: { token: bn.DEMO.token } });
      a.send({ command: 'subscribe', attributes: { subscribe_to: 'discovery' } });
      await until(() => a.frames().length > 12);
      const f = a.frames();
      expect(f.slice(0, 3).map((x) => x.state)).toEqual(['bad-token', 'ok', 'ok']);
      expect(new Set(f.slice(3).map((x) => x.command))).toEqual(new Set(['launch-bastion']));
      expect(f[3]).toEqual(f[4]); // two subscriptions: every frame twice
      a.ws.close();
    });
  });

  it('no generation publishes check_results; every launch ends ok with status success, a failed one too', () => {
    const s = bn.createScenario();
    const launches = new Map();
    for (let i = 0; i < 40; i++) {
      for (const e of s.next()) {
        expect(e.topic).not.toBe('check_results');
        if (e.topic === 'launch-bastion') launches.set(e.instance, [...(launches.get(e.instance) ?? []), e]);
      }
    }
    const ends = [...launches.values()].filter((l) => l.length >= 6);
    expect(ends.some((l) => l.some((e) => e.state === 'failed'))).toBe(true);
    for (const l of ends) expect(l.at(-1)).toMatchObject({ state: 'ok', attributes: { status: 'success' } });
  });
});

describe('bartnet dialect against the simulator', () => {
  it('gen C: token → ok → subscriptions; subscribe adds; unsubscribe reconnects instead of sending unsubscribe_from; heartbeats fold', async () => {
    await withSim({}, async (sim) => {
      const { sink, session, st } = connect(sim, { token: bn.DEMO.token, topics: 'discovery' }, { autoReconnect: true });
      await until(() => st().auth === 'ok' && st().serverSubscriptions?.length === 1);
      expect(st()).toMatchObject({ customer: 'cust1', serverSubscriptions: ['cust1.discovery'] });
      expect(sink.events.find((e) => e.dir === 'out' && e.fields?.topic === 'authenticate').raw).toBe('{"command":"authenticate","attributes":{"token":"••••"}}');
      await until(() => topicsIn(sink.events).has('discovery'));

      session.controller.subscribe(['launch-bastion']);
      await until(() => st().serverSubscriptions?.join() === 'cust1.discovery,cust1.launch-bastion');
      session.controller.unsubscribe(['discovery']);
      expect(st().subscribeNote).toMatch(/Gen C servers crash on unsubscribe_from \(close 1011\), so it was not sent: reconnected and subscribed to launch-bastion instead/);
      await until(() => st().serverSubscriptions?.join() === 'cust1.launch-bastion');
      const mark = sink.events.length;
      await until(() => topicsIn(sink.events, mark).has('launch-bastion'));
      await quiet(200);
      expect(topicsIn(sink.events, mark)).toEqual(new Set(['launch-bastion']));
      expect(sink.events.some((e) => e.dir === 'out' && e.raw?.includes('unsubscribe_from'))).toBe(false);
      expect(sink.events.some((e) => e.kind === 'close' && e.fields?.code === 1011)).toBe(false);

      await until(() => st().heartbeats >= 2);
      expect(sink.events.some((e) => e.fields?.topic === 'heartbeat')).toBe(false);
      session.close();
    });
  });

  it('gen C: bad token, access-denied, an HMAC (warned, then "wants a token"), and a password (no such endpoint)', async () => {
    await withSim({}, async (sim) => {
      const a = connect(sim, { token: 'garbage' });
      const b = connect(sim, { token: bn.DEMO.deniedToken });
      const h = connect(sim, { credential: 'hmac', hmac: bn.hmacFor(1) });
      const p = connect(sim, { credential: 'password', email: bn.DEMO.email, password: bn.DEMO.password });
      await until(() => a.st().auth === 'bad-token' && b.st().auth === 'access-denied' && h.st().auth === 'bad-token' && p.st().auth === 'login-failed');
      expect(a.st().authMessage).toMatch(/^Bad token: the server could not read/);
      expect(bartnetDialect.settingsWarning({ credential: 'hmac' })).toBe('Gen C servers take only a token: an HMAC gets "bad-token".');
      expect(h.sink.events[0].summary).toBe('Warning: Gen C servers take only a token: an HMAC gets "bad-token".');
      expect(h.st().authMessage).toMatch(/this server generation wants a token/);
      expect(p.st().authMessage).toMatch(/answered 404\. This server has no password login/);
      for (const c of [a, b, h, p]) c.session.close();
    });
  });

  it('gen B: password → HMAC → ok and a working unsubscribe; a wrong HMAC times out; a malformed one is a named 1011', async () => {
    await withSim({ 'bartnet-gen': 'b' }, async (sim) => {
      const good = connect(sim, { generation: 'b', credential: 'password', email: bn.DEMO.email, password: bn.DEMO.password, topics: 'connected,launch-bastion' });
      await until(() => good.st().serverSubscriptions?.length === 2);
      expect(good.sink.events.find((e) => e.dir === 'out' && e.fields?.topic === 'authenticate').raw).toBe('{"command":"authenticate","attributes":{"hmac":"••••"}}');
      good.session.controller.unsubscribe(['connected']);
      await until(() => good.st().serverSubscriptions?.join() === 'cust1.launch-bastion');
      expect(good.sink.events.find((e) => e.dir === 'out' && e.raw?.includes('unsubscribe_from')).raw).toBe('{"command":"subscribe","attributes":{"unsubscribe_from":"connected"}}');

      const silent = connect(sim, { generation: 'b', credential: 'hmac', hmac: WELL_FORMED_BUT_WRONG, replyTimeoutSeconds: 0.3 });
      await until(() => silent.st().auth === 'no-reply');
      expect(silent.st().authMessage).toMatch(/No reply in 0.3 s/);

      expect(bartnetDialect.settingsWarning({ generation: 'b', credential: 'hmac', hmac: '1--wrong' })).toMatch(/malformed.*1011/);
      const crash = connect(sim, { generation: 'b', credential: 'hmac', hmac: '1--wrong' }, { autoReconnect: true });
      await until(() => crash.sink.statuses.at(-1)?.phase === 'closed');
      expect(crash.sink.statuses.at(-1).message).toBe("The server closed the connection with 1011, an internal error (IllegalArgumentException): bartnet's handler threw because the HMAC is malformed (expected <id>--<28 characters of base64>).");
      expect(crash.st().auth).toBe('bad-token');
      await quiet(300);
      expect(crash.sink.events.filter((e) => e.kind === 'connect')).toHaveLength(1); // no reconnect loop
      for (const c of [good, silent, crash]) c.session.close();
    });
  });

  it('gen D: no subscribe is sent; only launch-bastion arrives', async () => {
    await withSim({ 'bartnet-gen': 'd' }, async (sim) => {
      const c = connect(sim, { generation: 'd', token: bn.DEMO.token, topics: 'discovery' });
      await until(() => c.st().auth === 'ok' && c.sink.events.filter((e) => e.dir === 'in' && e.fields?.topic === 'launch-bastion').length >= 3);
      expect(c.st().subscribeNote).toMatch(/Gen D servers have no subscribe/);
      expect(c.sink.events.filter((e) => e.dir === 'out').map((e) => e.fields?.topic)).toEqual(['authenticate']);
      expect(topicsIn(c.sink.events)).toEqual(new Set(['launch-bastion']));
      c.session.close();
    });
  });

  it('spec: HMAC key, envelope and in_reply_to replies', async () => {
    await withSim({ 'bartnet-gen': 'spec' }, async (sim) => {
      const c = connect(sim, { credential: 'hmac', hmac: bn.hmacFor(1), generation: 'spec', topics: 'discovery' });
      await until(() => c.st().serverSubscriptions?.join() === 'discovery');
      const out = JSON.parse(c.sink.events.find((e) => e.dir === 'out').raw);
      expect(out).toMatchObject({ id: 1, version: 1, command: 'authenticate', attributes: { HMAC: '••••' } });
      expect(c.st().customer).toBe('cust1');
      await until(() => c.sink.events.some((e) => e.fields?.topic === 'discovery' && e.fields.customer === 'cust1'));
      c.session.close();
    });
  });

  it('warns before sending text that is not JSON, and names the 1011 close it causes', async () => {
    await withSim({}, async (sim) => {
      const c = connect(sim, { token: bn.DEMO.token });
      await until(() => c.st().auth === 'ok');
      expect(c.session.vetSend('{"command":"subscribe","attributes":{"subscribe_to":"connected"}}')).toBeNull();
      expect(c.session.vetSend('{"command":"subscribe","attributes":{"unsubscribe_from":"connected"}}').warn).toMatch(/Gen C servers crash on any unsubscribe_from/);
      expect(c.session.vetSend('hello').warn).toMatch(/^bartnet closes the connection \(1011 JsonParseException\)/);
      c.session.send('hello');
      await until(() => c.sink.statuses.at(-1)?.phase === 'closed');
      expect(c.sink.statuses.at(-1).message).toMatch(/^The server closed the connection with 1011, an internal error \(JsonParseException\): .*not JSON\.$/);
      c.session.close();
    });
  });

  it('re-sends authenticate and the subscriptions after a reconnect', async () => {
    const sim = await bn.start({ ports: { http: 0 }, args: { 'bartnet-event-ms': 30 } });
    const port = Number(new URL(sim.urls.stream).port);
    const sink = recordingSink();
    const session = bartnetDialect.connect({ endpoint: sim.urls.stream, settings: { token: bn.DEMO.token, topics: 'discovery' }, autoReconnect: true, WebSocketImpl: WebSocket }, sink);
    const st = () => session.controller.state.get();
    await until(() => st().serverSubscriptions?.length === 1);
    session.controller.subscribe(['connected']);
    await until(() => st().serverSubscriptions?.length === 2);
    await sim.close();
    await until(() => st().serverSubscriptions === undefined);
    const again = await bn.start({ ports: { http: port }, args: { 'bartnet-event-ms': 30 } });
    await until(() => st().auth === 'ok' && st().serverSubscriptions?.length === 2, 8000);
    expect(st().serverSubscriptions).toEqual(['cust1.discovery', 'cust1.connected']);
    session.close();
    await again.close();
  }, 15_000);
});
