import { spawn, type ChildProcess } from 'node:child_process';
import { test, expect, type Page } from '@playwright/test';
import { clickAsPerson, openApp } from '../support';
import { LEGACY_DIR, peersReady } from '../../test-peers/paths.mjs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Real peers for the remotedev journeys: the @redux-devtools/cli 5 server (pinned to 127.0.0.1 by
// remotedev-cli.mjs) and a Redux app instrumented with @redux-devtools/remote (remotedev-app.mjs) whose state the
// test reads over loopback HTTP. Each runs as its own process so a test can kill and restart it.

const here = path.dirname(fileURLToPath(import.meta.url));

export interface Peer {
  proc: ChildProcess;
  stop(): Promise<void>;
}

function run(script: string, args: string[], ready: RegExp, timeoutMs = 45_000, nodeArgs: string[] = []): Promise<Peer> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [...nodeArgs, script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`${path.basename(script)} not ready after ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const onData = (d: Buffer) => {
      out += d.toString();
      if (ready.test(out)) {
        clearTimeout(timer);
        resolve({
          proc,
          stop: () =>
            new Promise<void>((r) => {
              if (proc.exitCode !== null || proc.signalCode !== null) return r();
              proc.once('exit', () => r());
              proc.kill('SIGKILL');
            }),
        });
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${path.basename(script)} exited with ${code}:\n${out}`));
    });
  });
}

/** The real @redux-devtools/cli 5 server on 127.0.0.1:port. */
export function startReduxDevtoolsCli(port: number): Promise<Peer> {
  return run(path.join(here, 'remotedev-cli.mjs'), ['--port', String(port)], /remotedev-cli ready/);
}

/** remotedev-server 0.3.1 and the protocol-1 app libraries, installed into test-peers/legacy by `npm test`. */
export { LEGACY_DIR };
export const legacyPeersReady = () => peersReady(LEGACY_DIR);

/** remotedev-server 0.3.1 (SocketCluster 14, protocol 1) on 127.0.0.1:port. */
export function startLegacyServer(port: number): Promise<Peer> {
  return run(path.join(here, 'remotedev-legacy-server.cjs'), ['--dir', LEGACY_DIR, '--port', String(port)], /remotedev-legacy-server ready/);
}

export interface AppOptions {
  serverPort: number;
  httpPort: number;
  name?: string;
  maxAge?: number;
  /** Dispatch an ADD every `interval` ms (0: only when told). */
  interval?: number;
  /** Use remote-redux-devtools 0.5 from LEGACY_DIR instead of @redux-devtools/remote 1.0. */
  legacy?: boolean;
  /** Create the store with trace on (each action carries the stack it was dispatched from). */
  trace?: boolean;
  /** Send values with their types, as Redux DevTools' `serialize` option does (see remotedev-app.mjs). */
  serialize?: boolean;
  /** Options for node itself, e.g. --stack-size=7000 for an app whose state is 20 000 levels deep. */
  nodeArgs?: string[];
}

/** The app's own lifted state, as GET /lifted reports it. */
export interface AppLifted {
  stagedActionIds: number[];
  skippedActionIds: number[];
  currentStateIndex: number;
  nextActionId: number;
  isPaused: boolean;
  isLocked: boolean;
  actions: { id: number; type: string; timestamp: number }[];
}

/** A Redux app with @redux-devtools/remote 1.0, exposing GET /state, GET /lifted and POST /dispatch on httpPort. */
export async function startReduxApp(o: AppOptions) {
  const peer = await run(path.join(here, 'remotedev-app.mjs'), ['--server-port', String(o.serverPort), '--http-port', String(o.httpPort), '--name', o.name ?? 'E2EApp', '--max-age', String(o.maxAge ?? 50), '--interval', String(o.interval ?? 0), ...(o.legacy ? ['--legacy', LEGACY_DIR] : []), ...(o.serialize ? ['--serialize'] : []), ...(o.trace ? ['--trace'] : [])], /remotedev-app ready/, 45_000, o.nodeArgs);
  const base = `http://127.0.0.1:${o.httpPort}`;
  return {
    ...peer,
    async state(): Promise<{ counter: { count: number; history: number[] }; todos: unknown[] }> {
      return (await fetch(`${base}/state`)).json();
    },
    async lifted(): Promise<AppLifted> {
      return (await fetch(`${base}/lifted`)).json();
    },
    /** Dispatches `action`; `cycle` gives it `self` (itself), `typed` a Date `at` and a Set `ids`. */
    async dispatch(action: Record<string, unknown>, o: { cycle?: boolean; typed?: boolean } = {}) {
      const q = new URLSearchParams(Object.entries({ cycle: o.cycle, typed: o.typed }).flatMap(([k, v]) => (v ? [[k, '1']] : [])));
      const r = await fetch(`${base}/dispatch?${q}`, { method: 'POST', body: JSON.stringify(action) });
      if (!r.ok) throw new Error(`dispatch failed: ${r.status}`);
    },
    /** PAD (the state gains `size` characters of padding), then `n` times {type: 'ADD', by: 1, i}. */
    async burst(n: number, size: number) {
      const r = await fetch(`${base}/burst?n=${n}&size=${size}`, { method: 'POST' });
      if (!r.ok) throw new Error(`burst failed: ${r.status}`);
    },
  };
}
export type ReduxApp = Awaited<ReturnType<typeof startReduxApp>>;

/** A MobX 5 store with mobx-remotedev 0.3.6 (remotedev 0.2.9) from test-peers/legacy; GET / gives its state. */
export async function startMobxApp(o: { serverPort: number; httpPort: number; name?: string }) {
  const peer = await run(path.join(here, 'remotedev-mobx-app.mjs'), ['--legacy', LEGACY_DIR, '--server-port', String(o.serverPort), '--http-port', String(o.httpPort), '--name', o.name ?? 'MobxStore'], /remotedev-mobx-app ready/);
  return { ...peer, state: async (): Promise<{ count: number; todos: string[] }> => (await fetch(`http://127.0.0.1:${o.httpPort}/`)).json() };
}

/**
 * A Redux Toolkit app whose store holds an RTK Query API ("api": getTodos, getTodo(id), addTodo(text); tag "Todo"),
 * with @redux-devtools/remote 1.0. POST /query and /mutate run its endpoints; GET /state and /lifted read it.
 */
export async function startRtkQueryApp(o: { serverPort: number; httpPort: number; name: string }) {
  const peer = await run(path.join(here, 'remotedev-rtk-app.mjs'), ['--server-port', String(o.serverPort), '--http-port', String(o.httpPort), '--name', o.name], /remotedev-rtk-app ready/);
  const base = `http://127.0.0.1:${o.httpPort}`;
  const post = async (p: string) => {
    const r = await fetch(base + p, { method: 'POST' });
    if (!r.ok) throw new Error(`${p} failed: ${r.status}`);
    return r.json();
  };
  return {
    ...peer,
    query: (endpoint: string, arg?: unknown) => post(`/query?endpoint=${endpoint}${arg === undefined ? '' : `&arg=${encodeURIComponent(JSON.stringify(arg))}`}`),
    mutate: (text: string) => post(`/mutate?text=${encodeURIComponent(text)}`),
    async state(): Promise<{ api: { queries: Record<string, { status: string; data?: unknown }>; subscriptions: Record<string, object> } }> {
      return (await fetch(`${base}/state`)).json();
    },
    async staged(): Promise<number> {
      return ((await (await fetch(`${base}/lifted`)).json()) as { staged: number }).staged;
    },
  };
}

/**
 * The peers a journey file against the real cli 5 shares: the cli started before its tests and stopped after them,
 * each test's apps stopped after it (so each journey starts from its own history), and the monitor connected to the
 * cli. Called once at the top of a spec file; each file has its own `cliPort` (see peerPort) and apps count up from
 * `firstAppPort`.
 */
export function useCliPeers(cliPort: number, firstAppPort: number) {
  let cli: Peer | undefined;
  let apps: Peer[] = [];
  let nextAppPort = firstAppPort;
  test.beforeAll(async () => {
    cli = await startReduxDevtoolsCli(cliPort);
  });
  test.afterEach(async () => {
    await Promise.all(apps.map((a) => a.stop()));
    apps = [];
  });
  test.afterAll(async () => {
    await cli?.stop();
  });
  const endpoint = `ws://127.0.0.1:${cliPort}/socketcluster/`;
  const own = <T extends Peer>(p: T) => {
    apps.push(p);
    return p;
  };
  return {
    endpoint,
    /** A Redux app with @redux-devtools/remote 1.0 on the cli, stopped after the test. */
    startApp: async (name: string, o: Omit<AppOptions, 'serverPort' | 'httpPort' | 'name'> = {}) => own(await startReduxApp({ ...o, serverPort: cliPort, httpPort: nextAppPort++, name })),
    /** The RTK Query app (see startRtkQueryApp) on the cli, stopped after the test. */
    startRtkQueryApp: async (name: string) => own(await startRtkQueryApp({ serverPort: cliPort, httpPort: nextAppPort++, name })),
    /** Opens the monitor on the cli (`query`: more of the page's options), connects, and waits for instance `name`. */
    async connect(page: Page, name: string, query: Record<string, string> = {}) {
      await openApp(page, { dialect: 'remotedev', endpoint, ...query });
      await clickAsPerson(page.getByRole('button', { name: 'Connect', exact: true }));
      await expect(page.getByLabel('Instance', { exact: true })).toContainText(`${name} — connected`);
    },
  };
}
