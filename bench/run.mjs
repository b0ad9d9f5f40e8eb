#!/usr/bin/env node
// `npm run bench`: the bare page (WebSocket, JSON.parse, push) against the built app on the same local firehose,
// in headless Chromium driven over raw CDP (Page, Runtime, Performance; never Network). Runs are interleaved
// (bare, app, bare, app, …) and medians reported, because this machine is noisy. Prints a table and writes
// bench/results/report.json.
//
// Options: --runs N (3)  --events N (200000)  --rate-seconds S (4)  --heap-runs N (1, 0 skips heap and filter)
//          --heap-events N (1000000)  --only bare|app  --build (rebuild dist/ first)  --out FILE
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from '../demo/server.mjs';
import { launchChromium, CdpPage } from './cdp.mjs';
import { startFirehose } from './firehose.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const args = parseArgs(process.argv.slice(2));
const opt = {
  runs: Number(args.runs ?? 3),
  events: Number(args.events ?? 200_000),
  rateSeconds: Number(args['rate-seconds'] ?? 4),
  heapRuns: Number(args['heap-runs'] ?? 1),
  heapEvents: Number(args['heap-events'] ?? 1_000_000),
  kinds: args.only ? [String(args.only)] : ['bare', 'app'],
  out: path.resolve(root, String(args.out ?? 'bench/results/report.json')),
  filterQuery: String(args.filter ?? 'type:service state:running'),
};

const TARGETS = {
  ingestRatio: 0.9, // app events/s ÷ bare events/s
  p95AtBareMax: 33, // ms
  heap1M: 600, // MB
  filter1M: 1000, // ms
  filterBlock: 50, // ms
  latency: 100, // ms
};

const log = (...m) => console.error('[bench]', ...m);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};

async function ensureBuild() {
  const index = path.join(root, 'dist/index.html');
  if (args.build || !existsSync(index)) {
    log('building the app (npx vite build)…');
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  }
}

/** Opens a fresh tab for one kind of page and waits until it is connected to the firehose. */
async function openPage(browser, server, kind, { cap } = {}) {
  const probe = await readFile(path.join(here, 'probe.mjs'), 'utf8');
  const url =
    kind === 'bare'
      ? `${server.origin}/bare.html?ws=${encodeURIComponent(server.wsUrl)}`
      : `${server.origin}/app/index.html?dialect=json&endpoint=${encodeURIComponent(server.wsUrl)}${cap ? `&cap=${cap}` : ''}`;
  const page = await CdpPage.open(browser, { url, initScript: probe });
  const deadline = Date.now() + 15_000;
  while (server.status().clients < 1 || !(await page.evaluate('!!(window.__bench && window.__bench.read())'))) {
    if (Date.now() > deadline) {
      const hint = kind === 'app' ? ' (does the app expose window.__streamscope.counters() and honour ?endpoint=?)' : '';
      throw new Error(`The ${kind} page did not connect within 15 s${hint}. Page errors: ${page.consoleErrors.join(' | ') || 'none'}`);
    }
    await sleep(50);
  }
  await sleep(200); // let connect/notice rows settle so the baseline below is stable
  return page;
}

/** Sends `count` events at `rate` (0 = max) and waits until the last one is visible. */
async function burst(page, server, kind, count, rate, { record = false, timeoutMs = 600_000 } = {}) {
  const before = await page.evaluate('__bench.read()');
  const target = kind === 'bare' ? server.status().seq + count : before.seq + count;
  if (record) await page.evaluate('__bench.startRecording()');
  const b = server.burst(count, rate);
  const seen = await page.evaluate(`__bench.waitForSeq(${target}, ${timeoutMs})`, { timeoutMs: timeoutMs + 5000 });
  const frames = record ? await page.evaluate('__bench.stopRecording()') : null;
  if (!seen.ok) throw new Error(`${kind}: only reached seq ${seen.seq} of ${target} in ${timeoutMs / 1000} s`);
  const seconds = (seen.at - b.startedAt) / 1000;
  return { eps: count / seconds, seconds, latency: seen.at - b.lastSentAt, frames };
}

async function streamRun(browser, server, kind, bareMax) {
  const page = await openPage(browser, server, kind);
  try {
    await burst(page, server, kind, 5000, 0); // warm up the JIT and the socket
    const max = await burst(page, server, kind, opt.events, 0, { record: true });
    log(`${kind}: ${Math.round(max.eps)} events/s over ${opt.events} events`);
    const at5k = await burst(page, server, kind, 5000 * opt.rateSeconds, 5000, { record: true });
    const rate = Math.round(bareMax ?? max.eps);
    const atBareMax = await burst(page, server, kind, rate * opt.rateSeconds, rate, { record: true });
    log(`${kind}: at 5k/s p95 ${at5k.frames.p95?.toFixed(1)} ms; at ${rate}/s p95 ${atBareMax.frames.p95?.toFixed(1)} ms, latency ${atBareMax.latency} ms`);
    return { max, at5k, atBareMax: { ...atBareMax, rate }, errors: page.consoleErrors };
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
    return { empty, heap100k, heap1M, filter100k, filter1M, errors: page.consoleErrors };
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
        latencyMs: pick(kind, (r) => r.atBareMax.latency),
      },
      heapMB: { empty: pickH(kind, (r) => r.empty), at100k: pickH(kind, (r) => r.heap100k), at1M: pickH(kind, (r) => r.heap1M) },
      filter: {
        ms100k: pickH(kind, (r) => r.filter100k?.ms),
        ms1M: pickH(kind, (r) => r.filter1M?.ms),
        maxBlockMs1M: pickH(kind, (r) => r.filter1M?.maxBlock),
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
  return [
    t('ingest app / bare', ratio, `>= ${TARGETS.ingestRatio}`, ratio >= TARGETS.ingestRatio, '×'),
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
    ['5k/s: p50 / p95 frame ms', (k) => `${f(s[k]?.at5k.p50)} / ${f(s[k]?.at5k.p95)}`],
    ['5k/s: long tasks ms', (k) => f(s[k]?.at5k.longTaskMs, 0)],
    ['5k/s: last event → visible ms', (k) => f(s[k]?.at5k.latencyMs, 0)],
    ['bare max rate (events/s)', (k) => f(s[k]?.atBareMax.rate, 0)],
    ['bare max: p50 / p95 frame ms', (k) => `${f(s[k]?.atBareMax.p50)} / ${f(s[k]?.atBareMax.p95)}`],
    ['bare max: long tasks ms', (k) => f(s[k]?.atBareMax.longTaskMs, 0)],
    ['bare max: last event → visible ms', (k) => f(s[k]?.atBareMax.latencyMs, 0)],
    ['JS heap empty MB', (k) => f(s[k]?.heapMB.empty)],
    ['JS heap 100k events MB', (k) => f(s[k]?.heapMB.at100k)],
    [`JS heap ${opt.heapEvents.toLocaleString('en')} events MB`, (k) => f(s[k]?.heapMB.at1M)],
    ['new filter over 100k ms', (k) => f(s[k]?.filter.ms100k)],
    [`new filter over ${opt.heapEvents.toLocaleString('en')} ms`, (k) => f(s[k]?.filter.ms1M)],
    ['  longest block during it ms', (k) => f(s[k]?.filter.maxBlockMs1M, 0)],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const line = (a, b, c) => `${a.padEnd(w0)}  ${b.padStart(14)}  ${c.padStart(14)}`;
  console.log(line('metric (median)', 'bare page', 'app'));
  console.log('-'.repeat(w0 + 32));
  for (const [name, get] of rows) console.log(line(name, get('bare'), get('app')));
  if (tg.length) {
    console.log('\ntargets (app)');
    for (const t of tg) console.log(`  ${t.pass === null ? '?   ' : t.pass ? 'PASS' : 'MISS'}  ${t.name}: ${f(t.value, t.unit === '×' ? 2 : 1)} ${t.unit} (target ${t.target})`);
  }
}

async function main() {
  if (opt.kinds.includes('app')) await ensureBuild();
  // A private copy of the build: other work on this machine may rebuild dist/ while the benchmark runs.
  const appDir = await mkdtemp(path.join(os.tmpdir(), 'streamscope-bench-dist-'));
  if (opt.kinds.includes('app')) await cp(path.join(root, 'dist'), appDir, { recursive: true });
  const server = await startFirehose({ appDir, benchDir: here });
  const chrome = await launchChromium();
  log(`${chrome.version}; firehose at ${server.wsUrl}; ${opt.runs} runs × ${opt.kinds.join(', ')}`);
  const runs = [];
  const heapRuns = [];
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
      for (const kind of opt.kinds) heapRuns.push({ run: r, kind, result: await heapRun(chrome.browser, server, kind) });
    }
  } finally {
    await chrome.close();
    await server.close();
    await rm(appDir, { recursive: true, force: true });
  }
  const summary = summarize(runs, heapRuns);
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
