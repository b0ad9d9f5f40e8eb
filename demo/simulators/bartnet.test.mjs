import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { until, recordingSink } from './testkit.mjs';
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

describe('bartnet simulator', () => {
  it('issues the SHA-1(id‖secret) HMAC with CORS headers the browser can read', async () => {
    expect(bn.hmacFor(1, 'secret')).toMatch(/^1--[A-Za-z0-9_-]{27}=$/);
    await withSim({}, async (sim) => {
      const pre = await fetch(sim.urls.login, { method: 'OPTIONS' });
      expect(pre.headers.get('access-control-expose-headers')).toMatch(/X-Auth-HMAC/i);
      const ok = await fetch(sim.urls.login, { method: 'POST', body: JSON.stringify({ email: bn.DEMO.email, password: bn.DEMO.password }) });
      expect(ok.status).toBe(201);
      expect(ok.headers.get('x-auth-hmac')).toBe(bn.hmacFor(1));
      expect((await ok.json()).token).toBe(`HMAC ${bn.hmacFor(1)}`);
      expect((await fetch(sim.urls.login, { method: 'POST', body: '{"email":"x","password":"y"}' })).status).toBe(401);
    });
  });
});

describe('bartnet dialect against the simulator', () => {
  it('gen C: password → HMAC → authenticate ok → subscriptions; subscribe/unsubscribe change what arrives; heartbeats fold', async () => {
    await withSim({}, async (sim) => {
      const { sink, session, st } = connect(sim, { credential: 'password', email: bn.DEMO.email, password: bn.DEMO.password, topics: 'discovery' });
      await until(() => st().auth === 'ok' && st().serverSubscriptions?.length === 1);
      expect(st()).toMatchObject({ customer: 'cust1', serverSubscriptions: ['cust1.discovery'] });
      const auth = sink.events.find((e) => e.dir === 'out' && e.fields?.topic === 'authenticate');
      expect(auth.raw).toBe('{"command":"authenticate","attributes":{"hmac":"••••"}}');
      await until(() => topicsIn(sink.events).has('discovery'));
      expect(topicsIn(sink.events)).toEqual(new Set(['discovery']));

      session.controller.subscribe(['check_results']);
      session.controller.unsubscribe(['discovery']);
      await until(() => st().serverSubscriptions?.join() === 'cust1.check_results');
      const mark = sink.events.length;
      await until(() => topicsIn(sink.events, mark).has('check_results'));
      await new Promise((r) => setTimeout(r, 100));
      expect(topicsIn(sink.events, mark)).toEqual(new Set(['check_results']));
      expect(sink.events.find((e) => e.dir === 'out' && e.raw?.includes('unsubscribe_from')).raw).toBe('{"command":"subscribe","attributes":{"unsubscribe_from":"discovery"}}');

      await until(() => st().heartbeats >= 2);
      expect(sink.events.some((e) => e.fields?.topic === 'heartbeat')).toBe(false);
      session.close();
    });
  });

  it('gen C: bad token and access-denied are shown', async () => {
    await withSim({}, async (sim) => {
      const a = connect(sim, { token: 'garbage' });
      const b = connect(sim, { token: bn.DEMO.deniedToken });
      await until(() => a.st().auth === 'bad-token' && b.st().auth === 'access-denied');
      expect(a.st().authMessage).toMatch(/Bad token/);
      a.session.close();
      b.session.close();
    });
  });

  it('gen B: a wrong HMAC gets no reply, shown after the timeout; the right one works with a bogus in_reply_to', async () => {
    await withSim({ 'bartnet-gen': 'b' }, async (sim) => {
      const bad = connect(sim, { credential: 'hmac', hmac: '1--wrong', replyTimeoutSeconds: 0.3 });
      await until(() => bad.st().auth === 'no-reply');
      expect(bad.st().authMessage).toMatch(/No reply in 0.3 s/);
      const good = connect(sim, { credential: 'hmac', hmac: bn.hmacFor(1), topics: 'connected,launch-bastion' });
      await until(() => good.st().serverSubscriptions?.length === 2);
      bad.session.close();
      good.session.close();
    });
  });

  it('gen D: subscribe is ignored, every topic arrives raw', async () => {
    await withSim({ 'bartnet-gen': 'd' }, async (sim) => {
      const c = connect(sim, { token: bn.DEMO.token, topics: 'discovery', replyTimeoutSeconds: 0.3 });
      await until(() => c.st().subscribeNote !== undefined && topicsIn(c.sink.events).size >= 3);
      expect(c.st().subscribeNote).toMatch(/ignore subscribe/);
      expect(c.sink.events.some((e) => e.fields?.customer === 'cust1' && e.fields?.topic === 'launch-bastion')).toBe(true);
      c.session.close();
    });
  });

  it('spec: HMAC key, envelope and in_reply_to replies', async () => {
    await withSim({ 'bartnet-gen': 'spec' }, async (sim) => {
      const c = connect(sim, { credential: 'hmac', hmac: bn.hmacFor(1), generation: 'spec', topics: 'check_results' });
      await until(() => c.st().serverSubscriptions?.join() === 'check_results');
      const out = JSON.parse(c.sink.events.find((e) => e.dir === 'out').raw);
      expect(out).toMatchObject({ id: 1, version: 1, command: 'authenticate', attributes: { HMAC: '••••' } });
      expect(c.st().customer).toBe('cust1');
      await until(() => c.sink.events.some((e) => e.fields?.topic === 'check_results' && e.fields.host && e.fields.ttl !== undefined));
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
