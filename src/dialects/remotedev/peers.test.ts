// The dialect against the real peers, in Node: @redux-devtools/cli 5 and a Redux app with @redux-devtools/remote 1.0
// (e2e/support). Checks the protocol side of each journey quickly; the browser journeys are in e2e/remotedev.spec.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import { freePorts } from '../../../demo/simulators/testkit.mjs';
import { CURRENT_DIR, LEGACY_DIR, peersReady } from '../../../test-peers/paths.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventSink, IncomingEvent } from '../types';
import { connectRemotedev, type RemotedevSession } from './index';

let SERVER = 0;
let APP_HTTP = 0;

function start(script: string, args: string[], ready: RegExp): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      if (ready.test(out)) resolve(p);
    };
    p.stdout!.on('data', onData);
    p.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    p.on('exit', (code) => reject(new Error(`${script} exited ${code}: ${out}`)));
    setTimeout(() => reject(new Error(`${script} not ready: ${out}`)), 15000);
  });
}

async function until<T>(fn: () => T | undefined | false | Promise<T | undefined | false>, ms = 8000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const getJson = async (path: string, init?: RequestInit) => (await fetch(`http://127.0.0.1:${APP_HTTP}${path}`, init)).json();

describe.skipIf(!peersReady(CURRENT_DIR))('remotedev against @redux-devtools/cli and @redux-devtools/remote', () => {
  let server: ChildProcess;
  let app: ChildProcess;
  let session: RemotedevSession;
  const rows: IncomingEvent[] = [];
  const sink: EventSink = { emit: (e) => rows.push(e), status: () => undefined };

  beforeAll(async () => {
    [SERVER, APP_HTTP] = await freePorts(2);
    server = await start('e2e/support/remotedev-cli.mjs', ['--port', String(SERVER)], /ready/);
    app = await start('e2e/support/remotedev-app.mjs', ['--server-port', String(SERVER), '--http-port', String(APP_HTTP), '--name', 'PeerApp'], /ready/);
    session = connectRemotedev(`ws://127.0.0.1:${SERVER}/socketcluster/`, { credential: 'monitor' }, true, sink);
  }, 30000);
  afterAll(() => {
    session?.close();
    app?.kill();
    server?.kill();
  });

  it('logs in, gets the STATE and streams actions; time travel and dispatch reach the app', async () => {
    const c = session.controller;
    const inst = await until(() => c.instances().find((i) => i.name === 'PeerApp' && i.hasState));
    expect(c.state.get().login).toMatchObject({ state: 'ok', channel: 'log' });
    for (let k = 1; k <= 3; k++) await getJson('/dispatch', { method: 'POST', body: JSON.stringify({ type: 'ADD', by: k }) });
    await until(() => inst.history.length >= 4);
    const ids = inst.history.staged.toArray();
    expect(rows.filter((r) => r.fields?.rowKind === 'action').map((r) => r.type)).toEqual(['@@INIT', 'ADD', 'ADD', 'ADD']);
    expect(c.detail(inst.key, ids[2])!.state).toMatchObject({ counter: { count: 3 } });

    c.jumpToAction(inst.key, ids[1]);
    await until(() => inst.history.currentStateIndex === 1);
    await expect.poll(async () => (await getJson('/state')).counter.count).toBe(1);

    c.jumpToAction(inst.key, ids[3]);
    await until(() => inst.history.currentStateIndex === 3);
    c.toggleAction(inst.key, ids[2]);
    await until(() => inst.history.skipped.has(ids[2]));
    await expect.poll(async () => (await getJson('/state')).counter.count).toBe(4);

    expect(c.dispatchText(inst.key, "{ type: 'ADD', by: 10 }")).toEqual({ ok: true });
    await until(() => inst.history.length >= 5);
    await expect.poll(async () => (await getJson('/state')).counter.count).toBe(14);

    const exported = (await c.exportState(inst.key))!;
    c.reset(inst.key);
    await until(() => inst.history.length === 1);
    expect(c.importState(inst.key, exported)).toEqual({ ok: true });
    await until(() => inst.history.length === 5);
    await expect.poll(async () => (await getJson('/state')).counter.count).toBe(14);
  }, 30000);

  it('imports a Redux DevTools export {payload: actions, preloadedState}: the app replays them from that state; STATE rows keep their payload', async () => {
    const c = session.controller;
    const inst = c.instances().find((i) => i.name === 'PeerApp')!;
    const preloadedState = { counter: { count: 100, history: [] }, todos: [], pad: '', kept: null, typed: null, deep: null, labelled: null };
    const file = JSON.stringify({ payload: JSON.stringify([{ type: 'ADD', by: 2 }, { type: 'ADD', by: 3 }]), preloadedState: JSON.stringify(preloadedState) });
    const before = rows.length;
    expect(c.importState(inst.key, file)).toEqual({ ok: true });
    await until(async () => (await getJson('/state')).counter.count === 105);
    const lifted = await getJson('/lifted');
    // Raw is the lifted state the app sent, not a summary made here. The monitor shows a jump at once, before the app
    // answers, so wait for the STATE that carries the app's history as it now stands.
    const same = (r: IncomingEvent) => JSON.stringify(JSON.parse(r.raw!).stagedActionIds) === JSON.stringify(lifted.stagedActionIds);
    const stateRow = await until(() => rows.slice(before).find((r) => r.type === 'STATE' && same(r)));
    expect(JSON.parse(stateRow.raw!)).toMatchObject({ stagedActionIds: lifted.stagedActionIds, committedState: { counter: { count: 100 } } });
  }, 30000);
});

describe('remotedev rows after the app reuses action ids (Commit, Reset, Pause and Resume, Import)', () => {
  let PORT = 0;
  let HTTP = 0;
  let server: ChildProcess;
  let app: ChildProcess;
  let session: RemotedevSession;
  const rows: IncomingEvent[] = [];
  beforeAll(async () => {
    [PORT, HTTP] = await freePorts(2);
    server = await start('e2e/support/remotedev-cli.mjs', ['--port', String(PORT)], /ready/);
    app = await start('e2e/support/remotedev-app.mjs', ['--server-port', String(PORT), '--http-port', String(HTTP), '--name', 'IdApp'], /ready/);
    session = connectRemotedev(`ws://127.0.0.1:${PORT}/socketcluster/`, { credential: 'monitor' }, true, { emit: (e) => rows.push(e), status: () => undefined });
  }, 30000);
  afterAll(() => {
    session?.close();
    app?.kill();
    server?.kill();
  });
  const get = async (p: string, init?: RequestInit) => (await fetch(`http://127.0.0.1:${HTTP}${p}`, init)).json();
  const dispatch = (a: object) => get('/dispatch', { method: 'POST', body: JSON.stringify(a) });

  it('the rows that stand for the history, the current marker and the inspector equal the app’s own lifted state', async () => {
    const c = session.controller;
    const inst = await until(() => c.instances().find((i) => i.name === 'IdApp' && i.hasState));
    type AppLifted = { stagedActionIds: number[]; skippedActionIds: number[]; currentStateIndex: number; actions: { id: number; type: string }[] };
    const live = () =>
      rows
        .filter((r) => r.fields?.rowKind === 'action' && r.fields.uid === inst.uid)
        .map((r) => ({ id: r.fields!.actionId as number, type: r.type, token: r.fields!.token as number, epoch: r.fields!.epoch as number }))
        .map((r) => ({ ...r, mark: c.rowState(inst.key, r.id, r.token, r.epoch) }))
        .filter((r) => r.mark !== 'committed' && r.mark !== 'swept' && r.mark !== 'replaced');
    /** Waits until the monitor has caught up with the app, then compares everything a user sees. */
    const matchesApp = async (step: string, o: { state?: boolean } = {}) => {
      let l: AppLifted | undefined;
      await until(async () => {
        l = (await get('/lifted')) as AppLifted;
        const mine = live();
        return mine.length === l.actions.length && mine.every((r, k) => r.id === l!.actions[k].id && r.type === l!.actions[k].type);
      }, 8000).catch(() => undefined);
      const mine = live();
      expect(mine.map((r) => [r.id, r.type]), step).toEqual(l!.actions.map((a) => [a.id, a.type]));
      expect(mine.filter((r) => r.mark === 'current').map((r) => r.id), step).toEqual([l!.stagedActionIds[l!.currentStateIndex]]);
      expect(mine.filter((r) => r.mark === 'skipped').map((r) => r.id), step).toEqual(l!.skippedActionIds);
      const cur = mine.find((r) => r.mark === 'current')!;
      if (o.state === false) return;
      const { kept: _kept, ...appState } = (await get('/state')) as Record<string, unknown>;
      expect(c.detail(inst.key, cur.id, cur.token, cur.epoch)?.state, step).toMatchObject(appState);
      // Every row that is history now refuses to stand for an action of the new ids.
      for (const r of rows.filter((e) => e.fields?.rowKind === 'action' && e.fields.uid === inst.uid && !mine.some((m) => m.token === e.fields!.token)))
        expect(c.detail(inst.key, r.fields!.actionId as number, r.fields!.token as number, r.fields!.epoch as number)?.committed, step).toBe(true);
    };
    for (const by of [1, 2, 3]) await dispatch({ type: 'ADD', by });
    await matchesApp('three actions');
    const exported = (await c.exportState(inst.key))!;
    await dispatch({ type: 'ADD', by: 4 });
    c.commit(inst.key);
    await until(() => inst.history.length === 1);
    await matchesApp('after Commit');
    await dispatch({ type: 'ADD', by: 5 });
    await matchesApp('an action after Commit (id 1 again)');
    c.reset(inst.key);
    await until(() => inst.history.length === 1);
    await matchesApp('after Reset');
    for (const by of [6, 7]) await dispatch({ type: 'ADD', by });
    c.toggleAction(inst.key, 1);
    await until(() => inst.history.skipped.size === 1);
    await matchesApp('a skipped action');
    c.pauseRecording(inst.key, true);
    await until(() => inst.history.isPaused);
    await dispatch({ type: 'ADD', by: 8 });
    // While paused the app sends nothing (its @@PAUSED entry's state moves silently): the list still matches.
    await matchesApp('paused, with an action dispatched', { state: false });
    c.pauseRecording(inst.key, false);
    await until(() => !inst.history.isPaused);
    await dispatch({ type: 'ADD', by: 9 });
    await matchesApp('after Resume');
    expect(c.importState(inst.key, exported)).toEqual({ ok: true });
    await until(() => inst.history.length === 4);
    await matchesApp('after Import');
    await dispatch({ type: 'ADD', by: 10 });
    await matchesApp('an action after Import');
  }, 40000);
});

describe('remotedev against the demo simulator (demo/simulators/remotedev.mjs)', () => {
  it('sees the bundled app stream, dispatches to it, gets ERROR for an action the app cannot run; advanced mode watches any channel', async () => {
    const sim = await import('../../../demo/simulators/remotedev.mjs');
    const r = await sim.start({ host: '127.0.0.1', ports: { sc: (await freePorts(1))[0] }, args: { 'remotedev-rate': 20 }, log: () => undefined });
    const rows: IncomingEvent[] = [];
    const s = connectRemotedev(r.urls.sc, {}, true, { emit: (e) => rows.push(e), status: () => undefined });
    try {
      const c = s.controller;
      const inst = await until(() => c.instances().find((i) => i.hasState && i.received > 3));
      expect(inst.name).toBe('Demo counter & todos');
      expect(inst.actionCreators?.map((a) => a.name)).toEqual(['increment', 'addTodo', 'setStep']);
      const before = inst.received;
      expect(c.dispatchCreator(inst.key, 2, ['7'])).toEqual({ ok: true });
      await until(() => rows.some((e) => e.type === 'SET_STEP'));
      expect(inst.received).toBeGreaterThan(before);
      expect(c.dispatchText(inst.key, '{ type: undefined }')).toMatchObject({ ok: false });
      // A creator the app does not have: the app's evalAction throws and it answers ERROR.
      c.dispatchCreator(inst.key, 99, []);
      await until(() => c.state.get().replies[inst.key]);
      expect(c.state.get().replies[inst.key].text).toMatch(/undefined|func/);
      // Advanced mode: log in as the app side ("master" -> respond) and watch the commands monitors send.
      const spyRows: IncomingEvent[] = [];
      const spy = connectRemotedev(r.urls.sc, { advanced: true, credential: 'master', channels: 'respond' }, true, { emit: (e) => spyRows.push(e), status: () => undefined });
      try {
        await until(() => spy.controller.state.get().subscriptions.some((x) => x.channel === 'respond' && x.state === 'subscribed'));
        expect(spy.controller.state.get().login).toMatchObject({ state: 'ok', channel: 'respond' });
        c.refresh(inst.key);
        await until(() => spyRows.some((e) => e.fields?.rowKind === 'channel' && e.type === 'UPDATE'));
        expect(spy.transmit('log', '{"type":"STOP","id":"x"}')).toEqual({ ok: true });
        expect(spy.transmit('log', '{bad')).toMatchObject({ ok: false });
      } finally {
        spy.close();
      }
    } finally {
      s.close();
      await r.close();
    }
  }, 20000);
});

// Protocol 1: remotedev-server 0.3.1 and remote-redux-devtools 0.5, test peers in test-peers/legacy
// (SocketCluster 14, sqlite3 4), installed by `node scripts/prepare-test-peers.mjs`, which `npm test` runs first.
const legacyReady = peersReady(LEGACY_DIR);

describe.skipIf(!legacyReady)('remotedev against remotedev-server 0.3 and remote-redux-devtools 0.5 (protocol 1)', () => {
  let PORT = 0;
  let HTTP = 0;
  beforeAll(async () => {
    [PORT, HTTP] = await freePorts(2);
  });
  let server: ChildProcess;
  let app: ChildProcess;
  afterAll(() => {
    app?.kill();
    server?.kill();
  });

  it('detects the old server by its "#1" ping, reconnects with protocol 1, and its commands reach the app via sc-<id>', async () => {
    server = await start('e2e/support/remotedev-legacy-server.cjs', ['--dir', LEGACY_DIR, '--port', String(PORT)], /ready/);
    app = await start('e2e/support/remotedev-app.mjs', ['--legacy', LEGACY_DIR, '--server-port', String(PORT), '--http-port', String(HTTP), '--name', 'OldApp'], /ready/);
    const rows: IncomingEvent[] = [];
    const s = connectRemotedev(`ws://127.0.0.1:${PORT}/socketcluster/`, {}, true, { emit: (e) => rows.push(e), status: () => undefined });
    const get = async (p: string, init?: RequestInit) => (await fetch(`http://127.0.0.1:${HTTP}${p}`, init)).json();
    try {
      const c = s.controller;
      // SocketCluster 14 pings every 8 s: detection takes up to that long.
      await until(() => c.state.get().protocol.active === 1, 15000);
      expect(c.state.get().protocol).toMatchObject({ detected: 1, active: 1 });
      const inst = await until(() => c.instances().find((i) => i.name === 'OldApp' && i.hasState && i.connected), 10000);
      expect(inst.legacy).toBe(true);
      for (const by of [1, 2]) await get('/dispatch', { method: 'POST', body: JSON.stringify({ type: 'ADD', by }) });
      await until(() => inst.history.length >= 3);
      expect(c.jumpToAction(inst.key, inst.history.staged.at(1)!)).toBe(true);
      expect(rows.filter((r) => r.dir === 'out').at(-1)?.fields?.channel).toBe(`sc-${inst.socketId}`);
      let count = 0;
      await until(() => {
        void get('/state').then((st) => (count = st.counter.count));
        return count === 1;
      });
      // Back to the end (a jumped app keeps showing the jumped state), then dispatch.
      c.jumpToAction(inst.key, inst.history.staged.at(-1)!);
      await until(() => {
        void get('/state').then((st) => (count = st.counter.count));
        return count === 3;
      });
      expect(c.dispatchText(inst.key, "{ type: 'ADD', by: 10 }")).toEqual({ ok: true });
      await until(() => {
        void get('/state').then((st) => (count = st.counter.count));
        return count === 13;
      });
      await until(() => rows.some((r) => r.type === 'ADD' && (r.value as { action: { by: number } }).action.by === 10));
    } finally {
      s.close();
    }
  }, 40000);
});
