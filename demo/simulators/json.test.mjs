import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { until, recordingSink, openRaw } from './testkit.mjs';
import * as json from './json.mjs';
import { jsonDialect } from '../../src/dialects/json/index.ts';

describe('json simulator: Tutum server conventions', () => {
  let sim;
  let base;
  beforeAll(async () => {
    sim = await json.start({ ports: { http: 0 }, args: { 'json-rate': 50 } });
    base = sim.urls.stream.replace(/\/json$/, '');
  });
  afterAll(() => sim.close());

  const firstFrames = async (url, n = 2) => {
    const { ws, got } = await openRaw(url);
    await until(() => got.length >= n || ws.readyState === WebSocket.CLOSED);
    ws.close();
    return got.slice(0, n).map((f) => JSON.parse(f));
  };

  it('keeps /json open without credentials', async () => {
    expect((await firstFrames(`${base}/json`))[0]).toEqual({ type: 'auth' });
  });

  it('accepts user+token, auth and the Authorization header on /v1/events, and refuses others with UNAUTHORIZED', async () => {
    const { user, apikey } = json.TUTUM_DEMO;
    for (const q of [`?user=${user}&token=${apikey}`, `?auth=${encodeURIComponent(`ApiKey ${user}:${apikey}`)}`, `/?auth=${encodeURIComponent(`Basic ${Buffer.from(`${user}:${apikey}`).toString('base64')}`)}`]) {
      const [first, second] = await firstFrames(`${base}/v1/events${q}`);
      expect(first).toEqual({ type: 'auth' });
      expect(second.resource_uri).toMatch(/^\/api\/v1\//);
    }
    const { ws, got } = await openRaw(`${base}/v1/events?user=${user}&token=nope`);
    const code = await new Promise((r) => ws.on('close', (c) => r(c)));
    expect(code).toBe(1008);
    expect(got.map((f) => JSON.parse(f))).toEqual([{ type: 'error', data: { errorMessage: 'UNAUTHORIZED' } }]);
  });

  it('serves the Docker Cloud form: 401 at the handshake, namespaced URIs with uuid and datetime, type filter', async () => {
    await expect(openRaw(`${base}/api/audit/v1/events`)).rejects.toMatchObject({ status: 401 });
    const frames = await firstFrames(`${base}/api/audit/v1/acme/events/?user=demo&token=demo-apikey&type=container`, 6);
    expect(frames[0]).toEqual({ type: 'auth' });
    for (const f of frames.slice(1)) {
      expect(f).toMatchObject({ type: 'container', uuid: expect.any(String), datetime: expect.stringMatching(/Z$/) });
      expect(f.resource_uri).toMatch(/^\/api\/app\/v1\/acme\/container\//);
    }
  });

  it('the json dialect shows UNAUTHORIZED as an auth failure and does not reconnect (server closes: the simulator default, an assumption)', async () => {
    const sink = recordingSink();
    const session = jsonDialect.connect({ endpoint: `${base}/v1/events`, settings: { user: 'demo', token: 'bad' }, autoReconnect: true, WebSocketImpl: WebSocket }, sink);
    await until(() => sink.statuses.some((s) => s.phase === 'closed' || s.phase === 'error'));
    await new Promise((r) => setTimeout(r, 1200));
    expect(sink.events.filter((e) => e.kind === 'connect')).toHaveLength(1);
    expect(sink.events.find((e) => e.kind === 'error')?.summary).toMatch(/UNAUTHORIZED/);
    expect(sink.statuses.at(-1)).toMatchObject({ message: expect.stringMatching(/Not reconnecting/) });
    expect(sink.statuses.some((s) => s.phase === 'retrying')).toBe(false);
    session.close();
  });
});

describe('json simulator: a Tutum server that keeps the socket open after UNAUTHORIZED', () => {
  it('the dialect stops retrying and closes the socket itself', async () => {
    const sim = await json.start({ ports: { http: 0 }, args: { 'json-rate': 50, 'json-unauthorized-close': 'false' } });
    const base = sim.urls.stream.replace(/\/json$/, '');
    try {
      const raw = await openRaw(`${base}/v1/events?user=demo&token=nope`);
      await until(() => raw.got.length === 1);
      await new Promise((r) => setTimeout(r, 300));
      expect(raw.ws.readyState).toBe(WebSocket.OPEN);
      expect(raw.got.map((f) => JSON.parse(f))).toEqual([{ type: 'error', data: { errorMessage: 'UNAUTHORIZED' } }]);
      raw.ws.close();

      const sink = recordingSink();
      const session = jsonDialect.connect({ endpoint: `${base}/v1/events`, settings: { user: 'demo', token: 'bad' }, autoReconnect: true, WebSocketImpl: WebSocket }, sink);
      await until(() => sink.statuses.some((s) => s.phase === 'error'));
      expect(sink.statuses.at(-1).message).toMatch(/UNAUTHORIZED.*Not reconnecting/);
      await until(() => sink.events.some((e) => e.kind === 'close'), 3000);
      expect(sink.events.find((e) => e.kind === 'close').fields).toMatchObject({ code: 1000, reason: 'UNAUTHORIZED' });
      await new Promise((r) => setTimeout(r, 1200));
      expect(sink.events.filter((e) => e.kind === 'connect')).toHaveLength(1);
      expect(sink.statuses.some((s) => s.phase === 'retrying')).toBe(false);
      expect(sink.statuses.at(-1)).toMatchObject({ phase: 'closed', message: expect.stringMatching(/Not reconnecting/) });
      session.close();
    } finally {
      await sim.close();
    }
  });
});
