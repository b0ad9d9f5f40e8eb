import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { until, recordingSink, openRaw } from './testkit.mjs';
import * as bdb from './bigchaindb.mjs';
import { bigchaindbDialect } from '../../src/dialects/bigchaindb/index.ts';

describe('bigchaindb simulator and dialect, per version', () => {
  const cases = [
    { version: '2.x', path: '/api/v1/streams/valid_transactions', via: 'GET /api/v1/ → streams', server: '2.2.2', keys: ['height', 'asset_id', 'transaction_id'] },
    { version: '1.x', path: '/api/v1/streams/valid_transactions', via: 'GET /api/v1/ → streams', server: '1.3.0', keys: ['block_id', 'asset_id', 'transaction_id'] },
    { version: '0.10', path: '/api/v1/streams/valid_tx', via: 'GET /api/v1/ → _links.streams_v1', server: '0.10.3', keys: ['block_id', 'asset_id', 'tx_id'] },
  ];
  for (const c of cases) {
    describe(c.version, () => {
      let sim;
      beforeAll(async () => {
        sim = await bdb.start({ ports: { http: 0, ws: 0 }, args: { 'bigchaindb-version': c.version, 'bigchaindb-rate': 40 } });
      });
      afterAll(() => sim.close());

      it('serves CORS discovery documents and 404 elsewhere', async () => {
        const root = await fetch(sim.urls.http);
        expect(root.headers.get('access-control-allow-origin')).toBe('*');
        expect((await root.json()).version).toBe(c.server);
        expect((await fetch(`${sim.urls.http}nope`)).status).toBe(404);
        expect(sim.urls.ws.endsWith(c.path)).toBe(true);
        const wsBase = sim.urls.ws.slice(0, -c.path.length);
        await expect(openRaw(`${wsBase}/api/v1/streams/other`)).rejects.toMatchObject({ status: 404 });
        // A plain GET on the stream path is aiohttp's 400, not a 404.
        const plain = await fetch(`http${sim.urls.ws.slice(2)}`);
        expect(plain.status).toBe(400);
        expect(await plain.text()).toMatch(/No WebSocket UPGRADE hdr/);
      });

      it('answers a client close with 1000 whatever code the client sent', async () => {
        const a = await openRaw(sim.urls.ws);
        const code = await new Promise((resolve) => {
          a.ws.on('close', (c) => resolve(c));
          a.ws.close(4000, 'bye');
        });
        expect(code).toBe(1000);
      });

      it('sends one python-json message per transaction in block order, the same to every client', async () => {
        const a = await openRaw(sim.urls.ws);
        const b = await openRaw(sim.urls.ws);
        await until(() => a.got.length >= 12 && b.got.length >= 12);
        a.ws.close();
        b.ws.close();
        const first = a.got[0];
        expect(first.startsWith(`{"${c.keys[0]}": `)).toBe(true);
        expect(Object.keys(JSON.parse(first))).toEqual(c.keys);
        // b may have joined a block later; from its first message on the sequences agree.
        const start = a.got.indexOf(b.got[0]);
        expect(start).toBeGreaterThanOrEqual(0);
        expect(b.got.slice(0, 8)).toEqual(a.got.slice(start, start + 8));
        // Inbound frames are ignored: no pong.
        expect(a.got).not.toContain('pong');
      });

      it('the dialect discovers the stream from the root URL and fills the columns', async () => {
        const sink = recordingSink();
        const session = bigchaindbDialect.connect({ endpoint: sim.urls.http.replace(/\/$/, ''), settings: {}, autoReconnect: false, WebSocketImpl: WebSocket }, sink);
        await until(() => sink.events.filter((e) => e.fields?.op).length >= 6);
        session.close();
        const st = session.controller.state.get();
        expect(st.discovery).toMatchObject({ phase: 'found', via: c.via, version: c.server, streamUrl: sim.urls.ws });
        expect(sink.events.find((e) => e.kind === 'notice' && e.type === 'discovery').summary).toContain(c.via);
        const txs = sink.events.filter((e) => e.fields?.op);
        // Every block's rows follow one separator row, and a CREATE opens each block.
        const seps = sink.events.filter((e) => e.type === 'block');
        expect(seps.length).toBeGreaterThanOrEqual(1);
        for (const sep of seps) {
          const i = sink.events.indexOf(sep);
          const next = sink.events[i + 1];
          if (next) expect(next.fields).toMatchObject({ block: sep.fields.block, op: 'CREATE' });
        }
        for (const t of txs) expect(t.fields.op === 'CREATE').toBe(t.fields.asset === t.fields.tx);
        for (const t of txs) expect(t.fields.opLabel).toMatch(/\(inferred\)$/);
      });
    });
  }

  it('1.x discovery has statuses but no blocks or metadata links', async () => {
    const sim = await bdb.start({ ports: { http: 0, ws: 0 }, args: { 'bigchaindb-version': '1.x' } });
    try {
      const v1 = (await (await fetch(sim.urls.http)).json()).api.v1;
      expect(Object.keys(v1).sort()).toEqual(['assets', 'docs', 'outputs', 'statuses', 'streams', 'transactions']);
      const index = await (await fetch(`${sim.urls.http}api/v1/`)).json();
      expect(index).not.toHaveProperty('blocks');
      expect(index).not.toHaveProperty('metadata');
    } finally {
      await sim.close();
    }
  });

  it('explains a server that is not BigchainDB', async () => {
    const sink = recordingSink();
    const other = await bdb.start({ ports: { http: 0, ws: 0 }, args: { 'bigchaindb-rate': 1 } });
    const url = other.urls.http;
    const session = bigchaindbDialect.connect({ endpoint: `${url}nothing-here/`, settings: {}, autoReconnect: false, WebSocketImpl: WebSocket }, sink);
    await until(() => session.controller.state.get().discovery.phase === 'failed');
    expect(session.controller.state.get().discovery.message).toMatch(/404/);
    session.close();
    await other.close();
  });
});

// A node discards every frame and never pings; its ping/pong is control frames only. So the dialect sends nothing
// on its own: no text pings a node would only discard, and no round-trip time it cannot measure.
describe('bigchaindb keep-alive', () => {
  it('sends no frame of its own to the node, however long it stays connected', async () => {
    const sim = await bdb.start({ ports: { http: 0, ws: 0 }, args: { 'bigchaindb-rate': 0 } });
    const sink = recordingSink();
    const session = bigchaindbDialect.connect({ endpoint: sim.urls.ws, settings: {}, autoReconnect: false, WebSocketImpl: WebSocket }, sink);
    await until(() => sink.statuses.some((s) => s.phase === 'open'));
    await new Promise((r) => setTimeout(r, 400));
    expect(sink.events.filter((e) => e.dir === 'out')).toEqual([]);
    expect(session.controller.state.get()).not.toHaveProperty('keepAlive');
    session.close();
    await sim.close();
  });
});
