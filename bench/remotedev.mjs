#!/usr/bin/env node
// The remotedev benchmark (issue 4, Performance): a real Redux app with @redux-devtools/remote dispatches N actions
// as fast as it can through the real @redux-devtools/cli 5 server to the built app in headless Chromium (raw CDP).
// For each state size and maxAge it reports the time from the app's last dispatch until the last action row is
// shown, the largest backlog (actions dispatched but not yet shown, sampled every 50 ms; also for the bare Node
// monitor, and how far the page was behind that monitor in each half of the run), main-thread long-task
// total and the JS heap after the run.
//   node bench/remotedev.mjs [--actions 20000] [--sizes 0,50000] [--max-ages 30,10000] [--out bench/results/remotedev.json]
//     [--worker 1,0] (sockets in the worker, then on the main thread with ?worker=0: an A/B on one build) [--rounds 2]
//     [--dist dist] [--port-base 28350] (another build and other ports, to run beside someone else's bench)
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from '../demo/server.mjs';
import { launchChromium, CdpPage } from './cdp.mjs';
import { create as createScClient } from 'socketcluster-client';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const args = parseArgs(process.argv.slice(2));
const opt = {
  actions: Number(args.actions ?? 20_000),
  sizes: String(args.sizes ?? '0,50000').split(',').map(Number),
  maxAges: String(args['max-ages'] ?? '30,10000').split(',').map(Number),
  out: path.resolve(root, String(args.out ?? 'bench/results/remotedev.json')),
  workers: String(args.worker ?? '1').split(',').map((w) => w.trim() !== '0'),
  rounds: Number(args.rounds ?? 1),
  dist: path.resolve(root, String(args.dist ?? 'dist')),
};
const CLI_PORT = Number(args['port-base'] ?? 28_350);
const APP_PORT = CLI_PORT + 1;
const WEB_PORT = CLI_PORT + 2;
const log = (...m) => console.error('[bench:remotedev]', ...m);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function start(script, argv, ready) {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [path.join(root, script), ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const on = (d) => {
      out += d;
      if (ready.test(out)) resolve(p);
    };
    p.stdout.on('data', on);
    p.stderr.on('data', on);
    p.once('exit', (c) => reject(new Error(`${script} exited ${c}: ${out}`)));
  });
}

/** dist/ on loopback (the app uses relative asset paths). */
function serveDist() {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json' };
  const server = http.createServer(async (req, res) => {
    const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\/+/, '') || 'index.html';
    const file = path.join(opt.dist, path.normalize(rel));
    if (!file.startsWith(opt.dist)) return res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((r) => server.listen(WEB_PORT, '127.0.0.1', () => r(server)));
}

// In the page: waits until `target` rows are shown, sampling the backlog against the app's dispatch timeline.
const WAITER = `(target, t0, timeoutMs) => new Promise((resolve) => {
  const samples = [];
  const read = () => window.__streamscope.counters();
  const deadline = Date.now() + timeoutMs;
  const timer = setInterval(() => {
    const c = read();
    // Drawn by the table, not merely in the view model (older builds report only the latter).
    const shown = c.rendered ?? c.shown;
    samples.push([Date.now(), shown, c.received, c.queued]);
    if (shown >= target || Date.now() > deadline) {
      clearInterval(timer);
      resolve({ ok: shown >= target, shownAt: Date.now(), samples });
    }
  }, 50);
})`;

/**
 * The baseline measured in the same run: a bare monitor in Node (socketcluster-client, login, subscribe, count ACTION
 * messages; no decoding, no UI). It hears what the server relays as soon as it is relayed, so its lag is the floor
 * that the server, the app and this machine set for any monitor.
 */
async function startNodeMonitor(port) {
  const s = createScClient({ hostname: '127.0.0.1', port, path: '/socketcluster/', autoReconnect: false });
  const channel = await s.invoke('login', 'monitor');
  const ch = s.subscribe(channel);
  await ch.listener('subscribe').once();
  // samples: [time, actions heard] every 50 ms, to tell the backlog upstream of any monitor from the page's own.
  const m = { actions: 0, lastAt: 0, samples: [], close: () => (clearInterval(timer), s.disconnect()) };
  const timer = setInterval(() => m.samples.push([Date.now(), m.actions]), 50);
  void (async () => {
    for await (const data of ch) {
      const msg = data && data.type === undefined && data.data ? data.data : data;
      if (msg?.type !== 'ACTION') continue;
      // A batched ACTION carries an array of actions.
      m.actions += typeof msg.action === 'string' && msg.action.startsWith('[') ? JSON.parse(msg.action).length : 1;
      m.lastAt = Date.now();
    }
  })();
  return m;
}

async function scenario(browser, size, maxAge, worker) {
  const app = await start('e2e/support/remotedev-app.mjs', ['--server-port', String(CLI_PORT), '--http-port', String(APP_PORT), '--name', `bench-${size}-${maxAge}`, '--max-age', String(maxAge)], /ready/);
  const page = await CdpPage.open(browser, { url: `http://127.0.0.1:${WEB_PORT}/index.html?dialect=remotedev&endpoint=${encodeURIComponent(`ws://127.0.0.1:${CLI_PORT}/socketcluster/`)}${worker ? '' : '&worker=0'}`, initScript: await readFile(path.join(here, 'probe.mjs'), 'utf8') });
  try {
    // Connected, logged in, the app's STATE arrived (its @@INIT row is shown).
    const deadline = Date.now() + 20_000;
    while (!(await page.evaluate('!!window.__streamscope && window.__streamscope.counters().shown >= 2'))) {
      if (Date.now() > deadline) throw new Error(`the monitor did not show the app: ${page.consoleErrors.join(' | ')}`);
      await sleep(100);
    }
    await sleep(800);
    const base = await page.evaluate('(({ rendered, shown }) => rendered ?? shown)(window.__streamscope.counters())');
    if (args.profile) {
      await page.send('Profiler.enable');
      await page.send('Profiler.start');
    }
    const baseReceived = await page.evaluate('window.__streamscope.counters().received');
    const monitor = await startNodeMonitor(CLI_PORT);
    await page.evaluate('__bench.startRecording()');
    const target = base + opt.actions + 1; // + the PAD action that sets the state size
    const waiting = page.evaluate(`(${WAITER})(${target}, Date.now(), 300000)`, { timeoutMs: 310_000 });
    const burst = await (await fetch(`http://127.0.0.1:${APP_PORT}/burst?n=${opt.actions}&size=${size}`, { method: 'POST' })).json();
    const seen = await waiting;
    const frames = await page.evaluate('__bench.stopRecording()');
    for (const until = Date.now() + 30_000; monitor.actions < opt.actions + 1 && Date.now() < until; ) await sleep(50);
    monitor.close();
    if (args.profile) {
      const { profile } = await page.send('Profiler.stop');
      if (typeof args.profile === 'string' && args.profile.endsWith('.cpuprofile')) await writeFile(args.profile, JSON.stringify(profile));
      // Self time per function, top 25: where the main thread went.
      const self = new Map();
      const dt = profile.timeDeltas;
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      for (let k = 0; k < profile.samples.length; k++) {
        const n = byId.get(profile.samples[k]);
        const f = n.callFrame;
        const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}:${f.columnNumber}`;
        self.set(key, (self.get(key) ?? 0) + (dt[k] ?? 0) / 1000);
      }
      console.error([...self].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${v.toFixed(0).padStart(6)} ms  ${k}`).join('\n'));
      // Inclusive time per function (a function counted once per stack): which entry points the time hangs under.
      const selfById = new Map();
      for (let k = 0; k < profile.samples.length; k++) selfById.set(profile.samples[k], (selfById.get(profile.samples[k]) ?? 0) + (dt[k] ?? 0) / 1000);
      const keyOf = (n) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}`;
      const total = new Map();
      const walk = (n, onStack) => {
        let t = selfById.get(n.id) ?? 0;
        const k = keyOf(n);
        const fresh = !onStack.has(k);
        if (fresh) onStack.add(k);
        for (const c of n.children ?? []) t += walk(byId.get(c), onStack);
        if (fresh) {
          onStack.delete(k);
          total.set(k, (total.get(k) ?? 0) + t);
        }
        return t;
      };
      walk(profile.nodes[0], new Set());
      console.error('inclusive:\n' + [...total].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([k, v]) => `${v.toFixed(0).padStart(6)} ms  ${k}`).join('\n'));
    }
    await page.evaluate('__bench.settle()');
    const heapMB = (await page.metrics()).JSHeapUsedSize / 1024 / 1024;
    // Backlog: what the app had dispatched by each sample (linear over its dispatch window) minus what was shown.
    const span = Math.max(1, burst.lastDispatchAt - burst.startedAt);
    let backlog = 0;
    let queuedMax = 0;
    // When the log had received every action (socket, worker, page, dialect), as opposed to when the table drew it.
    const receivedAll = seen.samples.find(([, , received]) => received - baseReceived >= opt.actions + 1);
    const dispatchedAt = (t) => (t <= burst.startedAt ? 0 : t >= burst.lastDispatchAt ? opt.actions + 1 : Math.round(((t - burst.startedAt) / span) * (opt.actions + 1)));
    // What the bare Node monitor had heard at time t (its last sample before t).
    let k = 0;
    const heardAt = (t) => {
      while (k + 1 < monitor.samples.length && monitor.samples[k + 1][0] <= t) k++;
      return monitor.samples[k]?.[0] <= t ? monitor.samples[k][1] : 0;
    };
    // Behind the floor: actions the Node monitor had heard and the page had not yet drawn, largest in each half of the
    // run (a backlog that grows shows up as a second half larger than the first).
    const behind = [0, 0];
    const mid = (seen.samples[0]?.[0] + seen.shownAt) / 2;
    for (const [t, shown, , queued] of seen.samples) {
      backlog = Math.max(backlog, dispatchedAt(t) - (shown - base));
      queuedMax = Math.max(queuedMax, queued);
      const h = t < mid ? 0 : 1;
      behind[h] = Math.max(behind[h], heardAt(t) - (shown - base));
    }
    let nodeBacklog = 0;
    for (const [t, heard] of monitor.samples) nodeBacklog = Math.max(nodeBacklog, dispatchedAt(t) - heard);
    const r = {
      worker,
      stateBytes: size,
      maxAge,
      actions: opt.actions,
      ok: seen.ok,
      dispatchSeconds: span / 1000,
      appActionsPerSecond: Math.round((opt.actions / span) * 1000),
      lastShownAfterLastDispatchMs: seen.shownAt - burst.lastDispatchAt,
      lastReceivedAfterLastDispatchMs: receivedAll ? receivedAll[0] - burst.lastDispatchAt : null,
      nodeMonitorLastAfterLastDispatchMs: monitor.actions >= opt.actions + 1 ? monitor.lastAt - burst.lastDispatchAt : null,
      largestBacklog: backlog,
      nodeMonitorLargestBacklog: nodeBacklog,
      largestBehindNodeMonitor: behind,
      largestQueued: queuedMax,
      longTaskTotalMs: Math.round(frames.longTaskTotal),
      longTaskMaxMs: Math.round(frames.longTaskMax),
      frameP95Ms: frames.p95,
      heapMB: Math.round(heapMB),
      errors: page.consoleErrors,
    };
    log(JSON.stringify(r));
    return r;
  } finally {
    await page.close();
    app.kill('SIGKILL');
  }
}

if (!existsSync(path.join(opt.dist, 'index.html'))) {
  console.error(`Build first: npx vite build${args.dist ? ` --outDir ${opt.dist}` : ''}`);
  process.exit(2);
}
const cli = await start('e2e/support/remotedev-cli.mjs', ['--port', String(CLI_PORT)], /ready/);
const web = await serveDist();
const chrome = await launchChromium();
const browser = chrome.browser;
const results = [];
try {
  for (let round = 0; round < opt.rounds; round++)
    for (const size of opt.sizes) for (const maxAge of opt.maxAges) for (const worker of opt.workers) results.push(await scenario(browser, size, maxAge, worker));
} finally {
  await chrome.close();
  web.close();
  cli.kill('SIGKILL');
}
await mkdir(path.dirname(opt.out), { recursive: true });
await writeFile(opt.out, JSON.stringify({ at: new Date().toISOString(), opt, results }, null, 2));
console.table(results.map(({ errors: _e, ...r }) => r));
process.exit(0);
