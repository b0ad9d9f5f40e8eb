#!/usr/bin/env node
// Where the main thread's time goes while a stream runs: one kind of page (as in run.mjs) gets a burst at a fixed
// rate under the CDP sampling profiler, and the profile is summarised by self time per function and by inclusive
// time, with the page's long tasks. Wall-clock frame figures on a shared machine swing with the load; CPU time per
// function moves only with the code, so this is the figure to compare builds by.
//
//   node bench/profile.mjs [--kind app|views|app-nohistory|bare] [--rate 24000] [--seconds 4] [--port N]
//                          [--top 30] [--out FILE.cpuprofile] [--cap N] [--prefill N]
// --prefill (200000, as many as run.mjs sends before its fixed-rate phases) fills the buffer first at full speed.
// --trace: a timeline trace instead of the profiler, reporting the main thread's CPU time (thread time, which other
// processes on a busy machine do not inflate) in all and per kind of work (layout, paint, GC, timers, frames…).
// STREAMSCOPE_DIST=DIR profiles another build; build with `npx vite build --minify false --outDir DIR` for names.
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from '../demo/server.mjs';
import { launchChromium } from './cdp.mjs';
import { startFirehose } from './firehose.mjs';
import { burst, openPage } from './pages.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = parseArgs(process.argv.slice(2));
const kind = String(args.kind ?? 'app');
const rate = Number(args.rate ?? 24_000);
const seconds = Number(args.seconds ?? 4);
const top = Number(args.top ?? 30);
const distDir = path.resolve(here, '..', process.env.STREAMSCOPE_DIST ?? 'dist');

/** Self and inclusive time per function (ms), from the sampled call tree. */
export function summarise(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const hits = new Map();
  const dt = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) hits.set(profile.samples[i], (hits.get(profile.samples[i]) ?? 0) + (dt[i + 1] ?? dt[i] ?? 0) / 1000);
  const name = (n) => {
    const f = n.callFrame;
    const file = f.url ? f.url.split('/').pop() : '';
    return `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}`;
  };
  const self = new Map();
  const total = new Map();
  let all = 0;
  for (const [id, ms] of hits) {
    const n = byId.get(id);
    const k = name(n);
    self.set(k, (self.get(k) ?? 0) + ms);
    if (!['(idle)', '(program)', '(garbage collector)'].includes(n.callFrame.functionName)) all += ms;
    // Inclusive: each function once per sample, however often it recurs on the stack.
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const kk = name(byId.get(cur));
      if (seen.has(kk)) continue;
      seen.add(kk);
      total.set(kk, (total.get(kk) ?? 0) + ms);
    }
  }
  const sorted = (m) => [...m].sort((a, b) => b[1] - a[1]);
  return { self: sorted(self), total: sorted(total), busyMs: all };
}

const TRACE_KINDS = ['Layout', 'Paint', 'UpdateLayoutTree', 'PrePaint', 'Layerize', 'MinorGC', 'MajorGC', 'HandlePostMessage', 'FireAnimationFrame', 'TimerFire', 'EventDispatch'];

/** Main-thread CPU time from trace events: top-level tasks, and per kind of work. */
export function traceCpu(events) {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const mt = events.filter((e) => main && e.tid === main.tid && e.pid === main.pid && e.ph === 'X' && e.dur);
  const tasks = mt.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask').sort((a, b) => a.ts - b.ts);
  let end = 0;
  let cpuMs = 0;
  for (const e of tasks) {
    if (e.ts < end) continue; // nested
    end = e.ts + e.dur;
    cpuMs += (e.tdur ?? 0) / 1000;
  }
  const byKind = {};
  for (const e of mt) if (TRACE_KINDS.includes(e.name)) byKind[e.name] = (byKind[e.name] ?? 0) + (e.tdur ?? 0) / 1000;
  return { cpuMs, byKind };
}

async function traced(page, fn) {
  const events = [];
  const offData = page.browser.on('Tracing.dataCollected', (p) => events.push(...p.value), page.sessionId);
  const complete = new Promise((r) => page.browser.on('Tracing.tracingComplete', r, page.sessionId));
  await page.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  const r = await fn();
  await page.send('Tracing.end');
  await complete;
  offData();
  return { r, events };
}

async function main() {
  const appDir = await mkdtemp(path.join(os.tmpdir(), 'streamscope-profile-dist-'));
  await cp(distDir, appDir, { recursive: true });
  const server = await startFirehose({ appDir, benchDir: here, port: Number(args.port ?? 0) });
  const chrome = await launchChromium();
  try {
    const page = await openPage(chrome.browser, server, kind, { cap: args.cap ? Number(args.cap) : undefined });
    await burst(page, server, kind, 5000, 0);
    const prefill = Number(args.prefill ?? 200_000);
    if (prefill > 0) await burst(page, server, kind, prefill, 0);
    if (args.trace) {
      const n = rate * seconds;
      const { r, events } = await traced(page, () => burst(page, server, kind, n, rate, { record: true }));
      await page.close();
      const t = traceCpu(events);
      console.log(
        `${kind} at ${rate}/s for ${seconds} s (load ${os.loadavg()[0].toFixed(1)}): ${Math.round(r.eps)} events/s; main-thread CPU ${t.cpuMs.toFixed(0)} ms (${((t.cpuMs * 1000) / n).toFixed(1)} µs an event): ` +
          Object.entries(t.byKind).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', '),
      );
      return;
    }
    await page.send('Profiler.enable');
    await page.send('Profiler.setSamplingInterval', { interval: 200 });
    await page.send('Profiler.start');
    const cpu0 = (await page.metrics()).TaskDuration;
    const r = await burst(page, server, kind, rate * seconds, rate, { record: true });
    const cpu1 = (await page.metrics()).TaskDuration;
    const { profile } = await page.send('Profiler.stop');
    await page.close();
    if (args.out) await writeFile(String(args.out), JSON.stringify(profile));
    const s = summarise(profile);
    const f = r.frames;
    console.log(`${kind} at ${rate}/s for ${seconds} s (load ${os.loadavg()[0].toFixed(1)}): ${Math.round(r.eps)} events/s, frame p50 ${f.p50?.toFixed(1)} / p95 ${f.p95?.toFixed(1)} ms, long tasks ${f.longTasks} totalling ${f.longTaskTotal.toFixed(0)} ms (max ${f.longTaskMax.toFixed(0)}), main-thread task time ${((cpu1 - cpu0) * 1000).toFixed(0)} ms, sampled busy ${s.busyMs.toFixed(0)} ms`);
    console.log('\nself ms  function');
    for (const [k, ms] of s.self.slice(0, top)) console.log(`${ms.toFixed(1).padStart(7)}  ${k}`);
    console.log('\ninclusive ms  function');
    for (const [k, ms] of s.total.slice(0, top)) console.log(`${ms.toFixed(1).padStart(12)}  ${k}`);
  } finally {
    await chrome.close();
    await server.close();
    await rm(appDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
