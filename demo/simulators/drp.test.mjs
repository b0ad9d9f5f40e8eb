import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import crypto from 'node:crypto';
import * as drp from './drp.mjs';
import { recordingSink, until } from './testkit.mjs';

const CRED = 'rocketskates%3Ar0cketsk8ts';

/** Opens a socket and records every event; resolves once open or rejects with the HTTP status of a refused upgrade. */
function open(url, opts = {}) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, opts);
    const got = [];
    ws.on('message', (d) => got.push(JSON.parse(String(d))));
    ws.on('unexpected-response', (_req, res) => reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode, headers: res.headers })));
    ws.on('error', reject);
    ws.on('open', () => resolve({ ws, got }));
  });
}

const post = (base, event, auth = 'Basic ' + Buffer.from('rocketskates:r0cketsk8ts').toString('base64')) =>
  fetch(base, { method: 'POST', headers: { Authorization: auth, 'Content-Type': 'application/json' }, body: JSON.stringify(event) });

describe('drp simulator (plain ws, no generator)', () => {
  let sim;
  let wsUrl;
  beforeAll(async () => {
    // A pong may come late on a busy machine: a deadline of a few pings' time dropped the client that does pong.
    sim = await drp.start({ ports: { ws: 0 }, args: { 'drp-rate': 0, 'drp-ping-ms': 100, 'drp-pong-wait-ms': 1500 } });
    wsUrl = sim.urls.ws;
  });
  afterAll(() => sim.close());

  it('authenticates before the upgrade: 401 without, 403 wrong, lower-case token only', async () => {
    await expect(open(wsUrl)).rejects.toMatchObject({ status: 401, headers: { 'www-authenticate': 'dr-provision' } });
    await expect(open(`${wsUrl}?Token=${CRED}`)).rejects.toMatchObject({ status: 401 });
    await expect(open(`${wsUrl}?token=rocketskates%3Awrong`)).rejects.toMatchObject({ status: 403 });
    await expect(open(`${wsUrl}?token=nope`)).rejects.toMatchObject({ status: 403 });
    const a = await open(`${wsUrl}?token=drp-demo-token`);
    const b = await open(wsUrl, { headers: { Authorization: 'Bearer drp-demo-token' } });
    a.ws.close();
    b.ws.close();
  });

  it('echoes every command, stays silent on bad ones, and sends nothing before the first register', async () => {
    const { ws, got } = await open(`${wsUrl}?token=${CRED}`);
    await post(sim.urls.events, { Type: 'machines', Action: 'update', Key: 'm0' });
    ws.send('ping');
    ws.send('Register machines.*.*');
    ws.send('subscribe *.*.*');
    ws.send(Buffer.from('register *.*.*')); // binary frames are ignored
    ws.send('  register machines.*.*  ');
    ws.send('register machines.*.*'); // duplicate: echoed, stored once
    ws.send('deregister nothing.*.*'); // no-op: echoed
    await until(() => got.length === 3);
    await new Promise((r) => setTimeout(r, 50));
    expect(got.map((e) => `${e.Type} ${e.Action} ${e.Key}`)).toEqual(['websocket register machines.*.*', 'websocket register machines.*.*', 'websocket deregister nothing.*.*']);
    expect(got[0]).toEqual({ Time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$/), Type: 'websocket', Action: 'register', Key: 'machines.*.*', Principal: '', Object: null, Original: null });
    ws.close();
  });

  it('matches type.action.key with * or exact fields, OR across filters without duplicates', async () => {
    const { ws, got } = await open(`${wsUrl}?token=${CRED}`);
    for (const f of ['machines.*.*', '*.update.*', 'bootenvs.save.centos-8.3-install', 'mach*.*.*']) ws.send(`register ${f}`);
    await until(() => got.length === 4);
    const events = [
      { Type: 'machines', Action: 'update', Key: 'm1' }, // two filters match: delivered once
      { Type: 'profiles', Action: 'save', Key: 'global' }, // none
      { Type: 'bootenvs', Action: 'save', Key: 'centos-8.3-install', Object: { Name: 'centos-8.3-install' } },
      { Type: 'bootenvs', Action: 'save', Key: 'centos-8' }, // none
      { Type: 'jobs', Action: 'update', Key: 'j1' },
    ];
    for (const e of events) expect((await post(sim.urls.events, e)).status).toBe(204);
    await until(() => got.length === 7);
    await new Promise((r) => setTimeout(r, 50));
    const seen = got.slice(4);
    expect(seen.map((e) => `${e.Type}.${e.Action}.${e.Key}`)).toEqual(['machines.update.m1', 'bootenvs.save.centos-8.3-install', 'jobs.update.j1']);
    expect(seen[1]).toMatchObject({ Principal: 'user:rocketskates', Object: { Name: 'centos-8.3-install' }, Original: null });
    ws.send('deregister machines.*.*');
    ws.send('deregister *.update.*');
    await until(() => got.length === 9);
    await post(sim.urls.events, { Type: 'machines', Action: 'update', Key: 'm1' });
    await new Promise((r) => setTimeout(r, 80));
    expect(got.length).toBe(9);
    ws.close();
  });

  it('POST /api/v3/events needs auth and re-publishes exactly, with Principal set', async () => {
    expect((await post(sim.urls.events, {}, '')).status).toBe(401);
    expect((await post(sim.urls.events, {}, 'Bearer wrong')).status).toBe(403);
    const { ws, got } = await open(`${wsUrl}?token=drp-demo-token`);
    ws.send('register profiles.save.global');
    await until(() => got.length === 1);
    const e = { Time: '2026-01-02T03:04:05.123456789Z', Type: 'profiles', Action: 'save', Key: 'global', Principal: 'ignored', Object: { Name: 'global', Params: { a: 2 } }, Original: { Name: 'global', Params: { a: 1 } } };
    expect((await post(sim.urls.events, e)).status).toBe(204);
    await until(() => got.length === 2);
    expect(got[1]).toEqual({ ...e, Principal: 'user:rocketskates' });
    // No Time: Go's zero time. Not JSON: 400, nothing published.
    expect((await post(sim.urls.events, { Type: 'profiles', Action: 'save', Key: 'global' })).status).toBe(204);
    await until(() => got.length === 3);
    expect(got[2]).toMatchObject({ Time: '0001-01-01T00:00:00Z', Object: null, Original: null });
    const form = await fetch(sim.urls.events, { method: 'POST', headers: { Authorization: 'Bearer drp-demo-token', 'Content-Type': 'text/plain' }, body: JSON.stringify(e) });
    expect(form.status).toBe(400);
    expect((await post(sim.urls.events, { ...e, Time: 'yesterday' })).status).toBe(400);
    await new Promise((r) => setTimeout(r, 50));
    expect(got).toHaveLength(3);
    ws.close();
  });

  it('redirects the root to /ui/ and on to the RackN portal', async () => {
    const root = await fetch(sim.urls.events.replace('/api/v3/events', '/'), { redirect: 'manual' });
    expect(root.status).toBe(301);
    expect(root.headers.get('location')).toBe('/ui/');
    const ui = await fetch(sim.urls.events.replace('/api/v3/events', '/ui/'), { redirect: 'manual' });
    expect(ui.headers.get('location')).toBe('https://portal.rackn.io/');
  });

  it('closes the connection on a frame over 512 bytes', async () => {
    const { ws } = await open(`${wsUrl}?token=${CRED}`);
    const code = await new Promise((resolve) => {
      ws.on('close', (c) => resolve(c));
      ws.send('register machines.*.' + 'k'.repeat(520));
    });
    expect([1006, 1009]).toContain(code);
  });

  it('pings, and drops a client that does not pong', async () => {
    const good = await open(`${wsUrl}?token=${CRED}`);
    let pings = 0;
    good.ws.on('ping', () => pings++);
    const mute = await open(`${wsUrl}?token=${CRED}`, { autoPong: false });
    const code = await new Promise((resolve) => mute.ws.on('close', (c) => resolve(c)));
    expect(code).toBe(1006); // terminated without a close frame
    expect(pings).toBeGreaterThan(2);
    expect(good.ws.readyState).toBe(WebSocket.OPEN);
    good.ws.close();
  });
});

describe('drp simulator lab and TLS', () => {
  it('generates a believable lab at the requested rate over wss with a self-signed certificate', async () => {
    const sim = await drp.start({ ports: { ws: 0 }, args: { 'drp-tls': true, 'drp-rate': 200, 'drp-seed': 7 } });
    try {
      expect(sim.urls.ws).toMatch(/^wss:/);
      const { ws, got } = await open(`${sim.urls.ws}?token=${CRED}`, { rejectUnauthorized: false });
      ws.send('register *.*.*');
      await until(() => got.length > 150, 4000);
      ws.close();
      const types = new Set(got.map((e) => e.Type));
      for (const t of ['machines', 'jobs']) expect(types).toContain(t);
      const upd = got.find((e) => e.Type === 'machines' && e.Action === 'update');
      expect(upd.Object).toMatchObject({ Uuid: upd.Key, Stage: expect.any(String), BootEnv: expect.any(String), Runnable: expect.any(Boolean) });
      expect(upd.Original.Uuid).toBe(upd.Key);
      const created = got.find((e) => e.Type === 'jobs' && e.Action === 'create');
      expect(created.Original).toBeNull();
      expect(got.some((e) => e.Type === 'jobs' && e.Object.State === 'finished')).toBe(true);
    } finally {
      await sim.close();
    }
  });

  it('answers plain HTTP on the TLS port with Go\'s 400, and still serves TLS there', async () => {
    const sim = await drp.start({ ports: { ws: 0 }, args: { 'drp-tls': true, 'drp-rate': 0 } });
    try {
      const res = await fetch(`http://127.0.0.1:${sim.port}/api/v3/info`);
      expect(res.status).toBe(400);
      expect(await res.text()).toBe('Client sent an HTTP request to an HTTPS server.\n');
      await expect(open(`ws://127.0.0.1:${sim.port}/api/v3/ws?token=${CRED}`)).rejects.toMatchObject({ status: 400 });
      const { ws } = await open(`${sim.urls.ws}?token=${CRED}`, { rejectUnauthorized: false });
      ws.close();
    } finally {
      await sim.close();
    }
  });

  it('--drp-fatal-filters: a filter with fewer than two dots kills the server on the next event', async () => {
    const sim = await drp.start({ ports: { ws: 0 }, args: { 'drp-rate': 0, 'drp-fatal-filters': true } });
    try {
      const bystander = await open(`${sim.urls.ws}?token=${CRED}`);
      const culprit = await open(`${sim.urls.ws}?token=${CRED}`);
      const codes = [bystander, culprit].map(({ ws }) => new Promise((resolve) => ws.on('close', (c) => resolve(c))));
      bystander.ws.send('register machines.*.*');
      culprit.ws.send('register machines');
      await until(() => culprit.got.length === 1); // the reply goes straight to the session, before any broadcast
      expect(sim.crashed).toBeUndefined();
      await post(sim.urls.events, { Type: 'machines', Action: 'update', Key: 'm1' }).catch(() => {});
      expect(await Promise.all(codes)).toEqual([1006, 1006]);
      expect(sim.crashed).toMatch(/index out of range/);
      await expect(open(`${sim.urls.ws}?token=${CRED}`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    } finally {
      await sim.close();
    }
  });

  it('builds a valid self-signed certificate for 127.0.0.1 without dependencies', () => {
    const { cert } = drp.selfSignedCert();
    const x = new crypto.X509Certificate(cert);
    expect(x.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(x.verify(x.publicKey)).toBe(true);
    expect(x.checkIP('127.0.0.1')).toBe('127.0.0.1');
  });
});

describe('drp dialect against the simulator', () => {
  it('registers, confirms, re-registers after a server restart, and names wrong credentials', async () => {
    const { drpDialect } = await import('../../src/dialects/drp/index.ts');
    let sim = await drp.start({ ports: { ws: 0 }, args: { 'drp-rate': 0 } });
    const port = sim.port;
    const sink = recordingSink();
    const { events: rows, statuses } = sink;
    const session = drpDialect.connect({ endpoint: `ws://127.0.0.1:${port}`, settings: { username: 'rocketskates', password: 'r0cketsk8ts' }, autoReconnect: true, WebSocketImpl: WebSocket }, sink);
    const c = session.controller;
    try {
      await until(() => c.state.get().open);
      expect(c.register('machines.*.*')).toBeNull();
      await until(() => c.state.get().filters[0]?.status === 'confirmed');
      await post(sim.urls.events, { Type: 'machines', Action: 'update', Key: 'm1', Object: { Name: 'node-01', Stage: 'discover' } });
      await post(sim.urls.events, { Type: 'profiles', Action: 'save', Key: 'global' });
      await until(() => rows.some((r) => r.type === 'machines'));
      expect(rows.some((r) => r.type === 'profiles')).toBe(false);
      await until(() => c.state.get().filters[0].matched === 1, 1000);

      await sim.close();
      await until(() => !c.state.get().open);
      sim = await drp.start({ ports: { ws: port }, args: { 'drp-rate': 0 } });
      await until(() => c.state.get().filters[0]?.status === 'confirmed', 5000);
      expect(c.state.get().notice).toBe('Re-registered 1 filter after reconnect.');
      expect(rows.some((r) => r.kind === 'gap')).toBe(true);
      await post(sim.urls.events, { Type: 'machines', Action: 'create', Key: 'm2' });
      await until(() => rows.some((r) => r.type === 'machines' && r.key === 'm2'));
    } finally {
      session.close();
    }

    const bad = drpDialect.connect({ endpoint: `ws://127.0.0.1:${port}`, settings: { username: 'rocketskates', password: 'nope' }, autoReconnect: true, WebSocketImpl: WebSocket }, sink);
    try {
      await until(() => statuses.at(-1)?.message.startsWith('Wrong credentials'), 5000);
      expect(statuses.at(-1).phase).toBe('error'); // a first connect with wrong credentials stops retrying
    } finally {
      bad.close();
      await sim.close();
    }
  });

  it('never sends a filter that would kill the server, from the send box or from memory', async () => {
    const { drpDialect } = await import('../../src/dialects/drp/index.ts');
    const sim = await drp.start({ ports: { ws: 0 }, args: { 'drp-rate': 50, 'drp-fatal-filters': true } });
    const endpoint = `ws://127.0.0.1:${sim.port}`;
    const key = `streamscope:drp:filters:${endpoint}/api/v3/ws`;
    const store = new Map([[key, JSON.stringify(['machines', 'jobs.*.*', 'x'.repeat(600)])]]);
    globalThis.localStorage = { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => store.set(k, v) };
    const sink = recordingSink();
    const session = drpDialect.connect({ endpoint, settings: {}, autoReconnect: true, WebSocketImpl: WebSocket }, sink);
    const c = session.controller;
    try {
      expect(c.state.get().warning).toMatch(/^Not registered, to keep the server up: remembered "machines": A filter needs three parts/);
      expect(JSON.parse(store.get(key))).toEqual(['jobs.*.*']);
      await until(() => c.state.get().filters[0]?.status === 'confirmed');
      for (const text of ['register machines', '  register jobs  ', 'deregister machines.*', 'register ' + 'k'.repeat(600)]) {
        expect(session.vetSend(text)?.refuse).toMatch(/^Not sent/);
        session.send(text);
      }
      expect(session.vetSend('register profiles.save.global')).toBeNull();
      await until(() => sink.events.filter((e) => e.dir === 'in' && e.type === 'jobs').length > 5);
      expect(sim.crashed).toBeUndefined();
      expect(sink.events.filter((e) => e.dir === 'out').map((e) => e.raw)).toEqual(['register jobs.*.*']);
      expect(sink.events.filter((e) => e.kind === 'error' && /^Not sent/.test(e.summary ?? ''))).toHaveLength(4);
      expect(c.state.get().filters.map((f) => f.filter)).toEqual(['jobs.*.*']);
      expect(JSON.parse(store.get(key))).toEqual(['jobs.*.*']);
    } finally {
      session.close();
      delete globalThis.localStorage;
      await sim.close();
    }
  });

  it('says "this port speaks TLS" when plain ws reaches the TLS port, and stops retrying', async () => {
    const { drpDialect } = await import('../../src/dialects/drp/index.ts');
    const sim = await drp.start({ ports: { ws: 0 }, args: { 'drp-tls': true, 'drp-rate': 0 } });
    const sink = recordingSink();
    const session = drpDialect.connect({ endpoint: `ws://127.0.0.1:${sim.port}`, settings: {}, autoReconnect: true, WebSocketImpl: WebSocket }, sink);
    try {
      // The first close already says the port may speak TLS among other causes; the probe's verdict is what stops it.
      await until(() => sink.statuses.at(-1)?.phase === 'error', 5000);
      expect(sink.statuses.at(-1).message).toMatch(/this port speaks TLS/);
      expect(sink.statuses.at(-1).message).toContain(`use wss://127.0.0.1:${sim.port}`);
    } finally {
      session.close();
      await sim.close();
    }
  });
});
