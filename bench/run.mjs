#!/usr/bin/env node
// `npm run bench`: the bare page (WebSocket, JSON.parse, push) against the built app on the same local firehose,
// in headless Chromium driven over raw CDP (Page, Runtime, Performance; never Network). Runs are interleaved
// (bare, app, bare, app, …) and medians reported, because this machine is noisy. Prints a table and writes
// bench/results/report.json.
//
// Options: --runs N (3)  --events N (200000)  --rate-seconds S (4)  --heap-runs N (1, 0 skips heap and filter)
//          --heap-events N (1000000)  --only bare|app|views|app-nohistory (or several, comma-separated)
//          --port N (the firehose's; 0, the default, takes any free port)  --build (rebuild dist/ first)  --out FILE
//          --scrub-steps N (40: steps of the time scrubber over the heap run's buffer, 0 skips them)
// "views" is the app opened on the Entities view with the Timeline (rate chart and scrubber) shown, in the same run
// as the app with them closed.
//          --history: also the app with its stored history off (?history=0), interleaved in the same run, and the
//          time to restore --restore-events N (100000) stored events after a reload, --restore-runs N times (1)
// STREAMSCOPE_DIST=DIR benchmarks another build than dist/ (e.g. the one before a change, for a same-machine A/B).
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from '../demo/server.mjs';
import { launchChromium } from './cdp.mjs';
import { burst, historySettled, openPage } from './pages.mjs';
import { startFirehose } from './firehose.mjs';
import { scrubRun } from './scrub.mjs';
import { median } from './stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const args = parseArgs(process.argv.slice(2));
const opt = {
  runs: Number(args.runs ?? 3),
  events: Number(args.events ?? 200_000),
  rateSeconds: Number(args['rate-seconds'] ?? 4),
  heapRuns: Number(args['heap-runs'] ?? 1),
  heapEvents: Number(args['heap-events'] ?? 1_000_000),
  kinds: args.only ? String(args.only).split(',') : ['bare', 'app', 'views', ...(args.history ? ['app-nohistory'] : [])],
  scrubSteps: Number(args['scrub-steps'] ?? 40),
  history: !!args.history,
  restoreEvents: Number(args['restore-events'] ?? 100_000),
  restoreRuns: Number(args['restore-runs'] ?? 1),
  out: path.resolve(root, String(args.out ?? 'bench/results/report.json')),
  port: Number(args.port ?? 0),
  filterQuery: String(args.filter ?? 'type:service state:running'),
};

const TARGETS = {
  ingestRatio: 0.9, // app events/s ÷ bare events/s
  viewsRatio: 0.95, // app with Entities + rate chart open ÷ app with them closed
  scrubStep: 50, // ms, one step of the time scrubber over the 1M-event buffer
  historyRatio: 0.9, // app events/s ÷ the same app with its stored history off
  restore: 2000, // ms to put back 100 000 stored events
  p95AtBareMax: 33, // ms
  heap1M: 300, // MB, the issue's bound for 1 000 000 small events
  filter1M: 100, // ms, a new filter over them
  filterBlock: 50, // ms
  latency: 100, // ms
};

const distDir = path.resolve(root, process.env.STREAMSCOPE_DIST ?? 'dist');
const log = (...m) => console.error('[bench]', ...m);

async function ensureBuild() {
  const index = path.join(distDir, 'index.html');
  if (args.build || !existsSync(index)) {
    log('building the app (npx vite build)…');
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  }
}

async function streamRun(browser, server, kind, bareMax) {
  const page = await openPage(browser, server, kind);
  try {
    await burst(page, server, kind, 5000, 0); // warm up the JIT and the socket
    const max = await burst(page, server, kind, opt.events, 0, { record: true });
    log(`${kind}: ${Math.round(max.eps)} events/s over ${opt.events} events`);
    // Each fixed-rate phase measures its own stream: the stored history's writer catching up on the burst before it
    // would share its seconds (as in ab.mjs). How long that catch-up takes is reported on its own.
    const catchUpMs = await historySettled(page, kind);
    const at5k = await burst(page, server, kind, 5000 * opt.rateSeconds, 5000, { record: true });
    const rate = Math.round(bareMax ?? max.eps);
    await historySettled(page, kind);
    const atBareMax = await burst(page, server, kind, rate * opt.rateSeconds, rate, { record: true });
    log(`${kind}: at 5k/s p95 ${at5k.frames.p95?.toFixed(1)} ms; at ${rate}/s p95 ${atBareMax.frames.p95?.toFixed(1)} ms (${(atBareMax.frames.lateShare * 100).toFixed(1)} % late), latency ${atBareMax.latency} ms`);
    return { max, catchUpMs, at5k, atBareMax: { ...atBareMax, rate }, errors: page.consoleErrors };
  } finally {
    await page.close();
  }
}

/** Applies the filter and waits until the whole buffer has been re-filtered; returns time and the longest block. */
async function applyFilter(page, kind, query) {
  if (kind === 'bare') return page.evaluate('__bench.bareFilter()');
  // The app: type into the filter box and wait for its state to say the re-filter finished.
  return page.evaluate(`(async () => {
    const input = document.querySelector('[data-filter-input]');
    const bar = document.querySelector('[data-filter-state]');
    if (!input || !bar) return null;
    const t0 = performance.now();
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
    setter.call(input, ${JSON.stringify(query)});
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await new Promise((r) => setTimeout(r, 0));
    while (bar.getAttribute('data-filter-state') !== 'done' || bar.getAttribute('data-filter-query') !== ${JSON.stringify(query)}) {
      await new Promise((r) => setTimeout(r, 5));
      if (performance.now() - t0 > 60000) return { timeout: true };
    }
    const ms = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 100));
    const lt = __bench.longTasksSince(t0);
    return { ms, maxBlock: lt.max, matched: Number(bar.getAttribute('data-filter-matched')) };
  })()`);
}

async function clearFilter(page, kind) {
  if (kind === 'bare') return;
  await applyFilter(page, kind, '');
}

async function heapRun(browser, server, kind) {
  const cap = opt.heapEvents + 10_000;
  const page = await openPage(browser, server, kind, { cap });
  const mb = (bytes) => bytes / 1024 / 1024;
  const heap = async () => {
    await page.evaluate('__bench.settle()');
    return mb((await page.metrics()).JSHeapUsedSize);
  };
  try {
    const empty = await heap();
    const first = Math.min(100_000, opt.heapEvents);
    await burst(page, server, kind, first, 0);
    const heap100k = await heap();
    const filter100k = await applyFilter(page, kind, opt.filterQuery);
    await clearFilter(page, kind);
    log(`${kind}: heap ${empty.toFixed(1)} MB empty, ${heap100k.toFixed(1)} MB at 100k; filter 100k ${filter100k?.ms?.toFixed(0)} ms`);
    let heap1M = null;
    let filter1M = null;
    if (opt.heapEvents > first) {
      await burst(page, server, kind, opt.heapEvents - first, 0);
      heap1M = await heap();
      filter1M = await applyFilter(page, kind, opt.filterQuery);
      log(`${kind}: heap ${heap1M.toFixed(1)} MB at ${opt.heapEvents}; filter ${filter1M?.ms?.toFixed(0)} ms (max block ${filter1M?.maxBlock?.toFixed?.(0)} ms)`);
    }
    let scrub = null;
    if (kind === 'app' && opt.scrubSteps > 0) {
      await clearFilter(page, kind);
      scrub = await scrubRun(page, opt.scrubSteps);
      const heapEntities = await heap();
      scrub = { ...scrub, heapMB: heapEntities };
      log(`${kind}: scrub over ${opt.heapEvents} events (${scrub.entities} entities, index read in ${scrub.indexMs?.toFixed(0)} ms): step p50 ${scrub.stepP50?.toFixed(1)} / p95 ${scrub.stepP95?.toFixed(1)} ms, jumps max ${scrub.jumpMax?.toFixed(1)} ms, list pass p50 ${scrub.listP50} ms, longest block ${scrub.maxBlock?.toFixed(0)} ms; heap with entities ${heapEntities.toFixed(0)} MB`);
    }
    return { empty, heap100k, heap1M, filter100k, filter1M, scrub, errors: page.consoleErrors };
  } finally {
    await page.close();
  }
}

/**
 * Fills the stored history with `n` events, reloads, and measures how long the page takes to put them back: from
 * navigation start until they are in the log and the table has drawn them, and the restore step alone.
 */
async function restoreRun(browser, server) {
  const n = opt.restoreEvents;
  const page = await openPage(browser, server, 'app', { cap: n + 10_000 });
  try {
    await burst(page, server, 'app', n, 0);
    // The writer finishes first: a reload while it writes would time the wait for its transaction too.
    await historySettled(page, 'app');
    const stored = await page.evaluate(`(async () => {
      const t0 = performance.now();
      while (window.__streamscope.history().stored < ${n}) {
        if (performance.now() - t0 > 300000) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      return { stored: window.__streamscope.history().stored, ms: performance.now() - t0 };
    })()`);
    log(`history: ${stored.stored} events stored ${stored.ms.toFixed(0)} ms after the burst was drawn`);
    const url = (await page.evaluate('location.href'));
    await page.goto(url);
    const r = await page.evaluate(`new Promise((resolve) => {
      const tick = () => {
        const s = window.__streamscope;
        const h = s && s.history();
        const c = s && s.counters();
        if (h && c && h.restored >= ${n} && c.lastRenderedSeq >= ${n}) return resolve({ drawnMs: performance.now(), restoreMs: h.restoreMs, restored: h.restored });
        if (performance.now() > 60000) return resolve({ timeout: true, restored: h ? h.restored : 0 });
        setTimeout(tick, 5);
      };
      tick();
    })`);
    log(`history: restored ${r.restored} events; in the log after ${r.restoreMs?.toFixed(0)} ms of restoring, drawn ${r.drawnMs?.toFixed(0)} ms after navigation`);
    return { stored: stored.stored, storedLagMs: stored.ms, ...r };
  } finally {
    await page.close();
  }
}

function summarize(runs, heapRuns) {
  const pick = (kind, f) => median(runs.filter((r) => r.kind === kind).map((r) => f(r.result)));
  const pickH = (kind, f) => median(heapRuns.filter((r) => r.kind === kind).map((r) => f(r.result)));
  const s = {};
  for (const kind of opt.kinds) {
    s[kind] = {
      eventsPerSecond: pick(kind, (r) => r.max.eps),
      maxRate: { p50: pick(kind, (r) => r.max.frames.p50), p95: pick(kind, (r) => r.max.frames.p95), longTaskMs: pick(kind, (r) => r.max.frames.longTaskTotal) },
      historyCatchUpMs: pick(kind, (r) => r.catchUpMs),
      at5k: {
        p50: pick(kind, (r) => r.at5k.frames.p50),
        p95: pick(kind, (r) => r.at5k.frames.p95),
        longTaskMs: pick(kind, (r) => r.at5k.frames.longTaskTotal),
        latencyMs: pick(kind, (r) => r.at5k.latency),
      },
      atBareMax: {
        rate: pick(kind, (r) => r.atBareMax.rate),
        p50: pick(kind, (r) => r.atBareMax.frames.p50),
        p95: pick(kind, (r) => r.atBareMax.frames.p95),
        longTaskMs: pick(kind, (r) => r.atBareMax.frames.longTaskTotal),
        // The share of intervals that missed a vsync: p95 moves only in whole frames, this moves with each one.
        lateShare: pick(kind, (r) => r.atBareMax.frames.lateShare),
        latencyMs: pick(kind, (r) => r.atBareMax.latency),
      },
      heapMB: { empty: pickH(kind, (r) => r.empty), at100k: pickH(kind, (r) => r.heap100k), at1M: pickH(kind, (r) => r.heap1M) },
      filter: {
        ms100k: pickH(kind, (r) => r.filter100k?.ms),
        ms1M: pickH(kind, (r) => r.filter1M?.ms),
        maxBlockMs1M: pickH(kind, (r) => r.filter1M?.maxBlock),
      },
      scrub: {
        entities: pickH(kind, (r) => r.scrub?.entities),
        indexMs: pickH(kind, (r) => r.scrub?.indexMs),
        stepP50: pickH(kind, (r) => r.scrub?.stepP50),
        stepP95: pickH(kind, (r) => r.scrub?.stepP95),
        jumpMax: pickH(kind, (r) => r.scrub?.jumpMax),
        listP50: pickH(kind, (r) => r.scrub?.listP50),
        maxBlock: pickH(kind, (r) => r.scrub?.maxBlock),
        heapMB: pickH(kind, (r) => r.scrub?.heapMB),
      },
    };
  }
  return s;
}

function targets(s) {
  const app = s.app;
  const bare = s.bare;
  if (!app) return [];
  const t = (name, value, target, pass, unit) => ({ name, value, target, unit, pass: value === null || value === undefined ? null : pass });
  const ratio = bare?.eventsPerSecond && app.eventsPerSecond ? app.eventsPerSecond / bare.eventsPerSecond : null;
  const views = s.views?.eventsPerSecond && app.eventsPerSecond ? s.views.eventsPerSecond / app.eventsPerSecond : null;
  const off = s['app-nohistory'];
  const historyRatio = off?.eventsPerSecond && app.eventsPerSecond ? app.eventsPerSecond / off.eventsPerSecond : null;
  const history = off
    ? [
        t('ingest with stored history / without', historyRatio, `>= ${TARGETS.historyRatio}`, historyRatio >= TARGETS.historyRatio, '×'),
        t(`restore ${opt.restoreEvents.toLocaleString('en')} stored events (navigation → drawn)`, s.restore?.drawnMs, `< ${TARGETS.restore}`, s.restore?.drawnMs < TARGETS.restore, 'ms'),
      ]
    : [];
  return [
    ...history,
    t('ingest app / bare', ratio, `>= ${TARGETS.ingestRatio}`, ratio >= TARGETS.ingestRatio, '×'),
    t('ingest with Entities + rate chart open / closed', views, `>= ${TARGETS.viewsRatio}`, views >= TARGETS.viewsRatio, '×'),
    t('p95 frame interval at bare max, views open', s.views?.atBareMax.p95, `<= ${TARGETS.p95AtBareMax}`, s.views?.atBareMax.p95 <= TARGETS.p95AtBareMax, 'ms'),
    t(`scrub step over ${opt.heapEvents.toLocaleString('en')} events, p95`, app.scrub.stepP95, `< ${TARGETS.scrubStep}`, app.scrub.stepP95 < TARGETS.scrubStep, 'ms'),
    t('longest block while scrubbing', app.scrub.maxBlock, `<= ${TARGETS.scrubStep}`, app.scrub.maxBlock <= TARGETS.scrubStep, 'ms'),
    t('p95 frame interval at bare max', app.atBareMax.p95, `<= ${TARGETS.p95AtBareMax}`, app.atBareMax.p95 <= TARGETS.p95AtBareMax, 'ms'),
    t('JS heap at 1M events', app.heapMB.at1M, `< ${TARGETS.heap1M}`, app.heapMB.at1M < TARGETS.heap1M, 'MB'),
    t('new filter over 1M events', app.filter.ms1M, `< ${TARGETS.filter1M}`, app.filter.ms1M < TARGETS.filter1M, 'ms'),
    t('longest block during that filter', app.filter.maxBlockMs1M, `<= ${TARGETS.filterBlock}`, app.filter.maxBlockMs1M <= TARGETS.filterBlock, 'ms'),
    t('last event to visible (5k/s)', app.at5k.latencyMs, `< ${TARGETS.latency}`, app.at5k.latencyMs < TARGETS.latency, 'ms'),
  ];
}

function printTable(s, tg) {
  const f = (v, d = 1) => (v === null || v === undefined ? '—' : typeof v === 'number' ? v.toFixed(d) : String(v));
  const rows = [
    ['events/s over ' + opt.events.toLocaleString('en'), (k) => f(s[k]?.eventsPerSecond, 0)],
    ['max rate: p50 / p95 frame ms', (k) => `${f(s[k]?.maxRate.p50)} / ${f(s[k]?.maxRate.p95)}`],
    ['max rate: long tasks ms', (k) => f(s[k]?.maxRate.longTaskMs, 0)],
    ['stored history: catch-up after it ms', (k) => f(s[k]?.historyCatchUpMs, 0)],
    ['5k/s: p50 / p95 frame ms', (k) => `${f(s[k]?.at5k.p50)} / ${f(s[k]?.at5k.p95)}`],
    ['5k/s: long tasks ms', (k) => f(s[k]?.at5k.longTaskMs, 0)],
    ['5k/s: last event → visible ms', (k) => f(s[k]?.at5k.latencyMs, 0)],
    ['bare max rate (events/s)', (k) => f(s[k]?.atBareMax.rate, 0)],
    ['bare max: p50 / p95 frame ms', (k) => `${f(s[k]?.atBareMax.p50)} / ${f(s[k]?.atBareMax.p95)}`],
    ['bare max: late frames %', (k) => f(s[k]?.atBareMax.lateShare == null ? null : s[k].atBareMax.lateShare * 100)],
    ['bare max: long tasks ms', (k) => f(s[k]?.atBareMax.longTaskMs, 0)],
    ['bare max: last event → visible ms', (k) => f(s[k]?.atBareMax.latencyMs, 0)],
    ['JS heap empty MB', (k) => f(s[k]?.heapMB.empty)],
    ['JS heap 100k events MB', (k) => f(s[k]?.heapMB.at100k)],
    [`JS heap ${opt.heapEvents.toLocaleString('en')} events MB`, (k) => f(s[k]?.heapMB.at1M)],
    ['new filter over 100k ms', (k) => f(s[k]?.filter.ms100k)],
    [`new filter over ${opt.heapEvents.toLocaleString('en')} ms`, (k) => f(s[k]?.filter.ms1M)],
    ['  longest block during it ms', (k) => f(s[k]?.filter.maxBlockMs1M, 0)],
    ['scrub: entities / index read ms', (k) => (s[k]?.scrub.entities == null ? '—' : `${f(s[k]?.scrub.entities, 0)} / ${f(s[k]?.scrub.indexMs, 0)}`)],
    ['scrub: step p50 / p95 ms', (k) => `${f(s[k]?.scrub.stepP50)} / ${f(s[k]?.scrub.stepP95)}`],
    ['scrub: jump max / list pass p50 ms', (k) => `${f(s[k]?.scrub.jumpMax)} / ${f(s[k]?.scrub.listP50)}`],
    ['scrub: longest block ms / heap MB', (k) => `${f(s[k]?.scrub.maxBlock, 0)} / ${f(s[k]?.scrub.heapMB, 0)}`],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const fourth = !!s['app-nohistory'];
  const line = (a, b, c, d, e) => `${a.padEnd(w0)}  ${b.padStart(14)}  ${c.padStart(14)}  ${d.padStart(16)}${fourth ? `  ${e.padStart(16)}` : ''}`;
  console.log(line('metric (median)', 'bare page', 'app', 'app, views open', 'app, no history'));
  console.log('-'.repeat(w0 + (fourth ? 68 : 50)));
  for (const [name, get] of rows) console.log(line(name, get('bare'), get('app'), get('views'), fourth ? get('app-nohistory') : ''));
  if (tg.length) {
    console.log('\ntargets (app)');
    for (const t of tg) console.log(`  ${t.pass === null ? '?   ' : t.pass ? 'PASS' : 'MISS'}  ${t.name}: ${f(t.value, t.unit === '×' ? 2 : 1)} ${t.unit} (target ${t.target})`);
  }
}

async function main() {
  const app = opt.kinds.some((k) => k !== 'bare');
  if (app) await ensureBuild();
  // A private copy of the build: other work on this machine may rebuild dist/ while the benchmark runs.
  const appDir = await mkdtemp(path.join(os.tmpdir(), 'streamscope-bench-dist-'));
  if (app) await cp(distDir, appDir, { recursive: true });
  const server = await startFirehose({ appDir, benchDir: here, port: opt.port });
  const chrome = await launchChromium();
  log(`${chrome.version}; firehose at ${server.wsUrl}; ${opt.runs} runs × ${opt.kinds.join(', ')}`);
  const runs = [];
  const heapRuns = [];
  let restore = null;
  try {
    for (let r = 0; r < opt.runs; r++) {
      let bareMax;
      for (const kind of opt.kinds) {
        const result = await streamRun(chrome.browser, server, kind, bareMax);
        if (kind === 'bare') bareMax = result.max.eps;
        runs.push({ run: r, kind, result });
      }
    }
    for (let r = 0; r < opt.heapRuns; r++) {
      // The views' cost on memory and scrubbing is measured on the app's own heap run (it opens the Entities view last).
      for (const kind of opt.kinds.filter((k) => k !== 'views')) heapRuns.push({ run: r, kind, result: await heapRun(chrome.browser, server, kind) });
    }
    if (opt.history) {
      const all = [];
      for (let r = 0; r < opt.restoreRuns; r++) {
        // A browser profile of its own each time, so the stored history holds exactly the events this run stored
        // (not also what the stream runs' pages left, which differs between builds that store at different speeds).
        const fresh = await launchChromium();
        try {
          all.push(await restoreRun(fresh.browser, server));
        } finally {
          await fresh.close();
        }
      }
      const m = (f) => median(all.map(f));
      restore = { drawnMs: m((x) => x.drawnMs), restoreMs: m((x) => x.restoreMs), restored: m((x) => x.restored), stored: m((x) => x.stored), runs: all };
    }
  } finally {
    await chrome.close();
    await server.close();
    await rm(appDir, { recursive: true, force: true });
  }
  const summary = { ...summarize(runs, heapRuns), ...(restore ? { restore } : {}) };
  const tg = targets(summary);
  printTable(summary, tg);
  const report = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memGB: Math.round(os.totalmem() / 2 ** 30), node: process.version, chromium: chrome.version },
    options: opt,
    summary,
    targets: tg,
    runs,
    heapRuns,
  };
  await mkdir(path.dirname(opt.out), { recursive: true });
  await writeFile(opt.out, JSON.stringify(report, null, 2));
  console.log(`\nreport: ${path.relative(root, opt.out)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
