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
// --scrub: instead of a burst, the time scrubber's steps and jumps (bench/scrub.mjs) over a buffer of --prefill
// events (1 000 000 here), with the Entities view open; with --trace, each long task's work by kind.
// STREAMSCOPE_DIST=DIR profiles another build; build with `npx vite build --minify false --outDir DIR` for names.
// With --trace, STREAMSCOPE_TRACE_OUT=FILE also writes the raw trace (a Layout event's args say how many objects it
// laid out and from which root).
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from '../demo/server.mjs';
import { launchChromium } from './cdp.mjs';
import { startFirehose } from './firehose.mjs';
import { burst, openPage } from './pages.mjs';
import { openEntities, scrubSteps } from './scrub.mjs';

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
export function traceCpu(events, { longMs = Infinity } = {}) {
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
  // The long tasks, each with its work by kind (kinds nest: a timer's time includes the layout it forced).
  const long = [];
  for (const t of tasks) {
    if (t.dur / 1000 < longMs) continue;
    const kinds = {};
    for (const e of mt) if (e !== t && e.ts >= t.ts && e.ts < t.ts + t.dur && (TRACE_KINDS.includes(e.name) || e.name === 'FunctionCall')) kinds[e.name] = (kinds[e.name] ?? 0) + e.dur / 1000;
    long.push({ ms: t.dur / 1000, kinds });
  }
  return { cpuMs, byKind, long };
}

async function traced(page, fn) {
  const events = [];
  const offData = page.browser.on('Tracing.dataCollected', (p) => events.push(...p.value), page.sessionId);
  const complete = new Promise((r) => page.browser.on('Tracing.tracingComplete', r, page.sessionId));
  // STREAMSCOPE_TRACE_CATEGORIES adds categories (e.g. disabled-by-default-devtools.timeline.invalidationTracking).
  const extra = process.env.STREAMSCOPE_TRACE_CATEGORIES ? `,${process.env.STREAMSCOPE_TRACE_CATEGORIES}` : '';
  await page.send('Tracing.start', { categories: `devtools.timeline,disabled-by-default-devtools.timeline${extra}`, transferMode: 'ReportEvents' });
  const r = await fn();
  await page.send('Tracing.end');
  await complete;
  offData();
  // STREAMSCOPE_TRACE_OUT=FILE keeps the raw trace (chrome://tracing and DevTools' Performance panel open it).
  if (process.env.STREAMSCOPE_TRACE_OUT) await writeFile(process.env.STREAMSCOPE_TRACE_OUT, JSON.stringify({ traceEvents: events }));
  return { r, events };
}

function printProfile(profile) {
  const s = summarise(profile);
  console.log('\nself ms  function');
  for (const [k, ms] of s.self.slice(0, top)) console.log(`${ms.toFixed(1).padStart(7)}  ${k}`);
  console.log('\ninclusive ms  function');
  for (const [k, ms] of s.total.slice(0, top)) console.log(`${ms.toFixed(1).padStart(12)}  ${k}`);
  return s;
}

async function profileScrub(page) {
  const opened = await openEntities(page);
  const steps = Number(args.steps ?? 40);
  const report = (r) =>
    console.log(
      `scrub over ${opened.entities} entities (load ${os.loadavg()[0].toFixed(1)}): step p50 ${r.stepP50?.toFixed(1)} / p95 ${r.stepP95?.toFixed(1)} ms, jumps ${r.jumps?.map((j) => j.toFixed(0)).join(' / ')} ms, longest block ${r.maxBlock?.toFixed(0)} ms; the event's own handling (React included), steps p50 ${r.stepSyncP50?.toFixed(1)} ms, jumps ${r.jumpSync?.map((j) => j.toFixed(0)).join(' / ')} ms; list pass max ${r.listMax} ms; steps over 40 ms: ${r.steps.map((x, i) => (x > 40 ? `#${i + 1} ${x.toFixed(0)}` : '')).filter(Boolean).join(', ') || 'none'} (every tenth is a PageUp)`,
    );
  if (args.trace) {
    const { r, events } = await traced(page, () => scrubSteps(page, steps));
    if (args.out) await writeFile(String(args.out), JSON.stringify(events));
    report(r);
    const t = traceCpu(events, { longMs: 30 });
    console.log(`main-thread CPU ${t.cpuMs.toFixed(0)} ms: ` + Object.entries(t.byKind).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', '));
    for (const l of t.long) console.log(`  task ${l.ms.toFixed(0)} ms: ` + Object.entries(l.kinds).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', '));
    return;
  }
  await page.send('Profiler.enable');
  await page.send('Profiler.setSamplingInterval', { interval: 200 });
  await page.send('Profiler.start');
  const r = await scrubSteps(page, steps);
  const { profile } = await page.send('Profiler.stop');
  if (args.out) await writeFile(String(args.out), JSON.stringify(profile));
  report(r);
  printProfile(profile);
}

async function main() {
  const appDir = await mkdtemp(path.join(os.tmpdir(), 'streamscope-profile-dist-'));
  await cp(distDir, appDir, { recursive: true });
  const server = await startFirehose({ appDir, benchDir: here, port: Number(args.port ?? 0) });
  const chrome = await launchChromium();
  try {
    const cap = args.cap ? Number(args.cap) : args.scrub ? Number(args.prefill ?? 1_000_000) + 10_000 : undefined;
    const page = await openPage(chrome.browser, server, kind, { cap });
    await burst(page, server, kind, 5000, 0);
    const prefill = Number(args.prefill ?? (args.scrub ? 1_000_000 : 200_000));
    if (prefill > 0) await burst(page, server, kind, prefill, 0);
    if (args.scrub) return await profileScrub(page);
    if (args.trace) {
      const n = rate * seconds;
      const { r, events } = await traced(page, () => burst(page, server, kind, n, rate, { record: true }));
      await page.close();
      if (args.out) await writeFile(String(args.out), JSON.stringify(events));
      const t = traceCpu(events, { longMs: 30 });
      console.log(
        `${kind} at ${rate}/s for ${seconds} s (load ${os.loadavg()[0].toFixed(1)}): ${Math.round(r.eps)} events/s; main-thread CPU ${t.cpuMs.toFixed(0)} ms (${((t.cpuMs * 1000) / n).toFixed(1)} µs an event): ` +
          Object.entries(t.byKind).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', '),
      );
      for (const l of t.long) console.log(`  task ${l.ms.toFixed(0)} ms: ` + Object.entries(l.kinds).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', '));
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
    const f = r.frames;
    const s = summarise(profile);
    console.log(`${kind} at ${rate}/s for ${seconds} s (load ${os.loadavg()[0].toFixed(1)}): ${Math.round(r.eps)} events/s, frame p50 ${f.p50?.toFixed(1)} / p95 ${f.p95?.toFixed(1)} ms (${(f.lateShare * 100).toFixed(1)} % late), long tasks ${f.longTasks} totalling ${f.longTaskTotal.toFixed(0)} ms (max ${f.longTaskMax.toFixed(0)}), main-thread task time ${((cpu1 - cpu0) * 1000).toFixed(0)} ms, sampled busy ${s.busyMs.toFixed(0)} ms`);
    printProfile(profile);
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
