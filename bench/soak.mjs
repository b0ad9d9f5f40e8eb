#!/usr/bin/env node
// Memory soak and flood for the built app, driven over CDP like bench/run.mjs (Page, Runtime, Performance only; no
// Network domain, so frames are not copied to the driver). Not a test: it prints samples and writes a JSON report.
//
//   node bench/soak.mjs                                 1 h at 2 000 events/s, default cap, a sample every 60 s
//   node bench/soak.mjs --minutes 5 --sample 15         the shortened soak
//   node bench/soak.mjs --flood                         100 000 events/s for 10 s (cap 100 000), then drain
//   options: --rate N --seconds N --minutes N --cap N --sample SECONDS --out FILE
//
// Each sample: JS heap after a forced GC (Runtime.getHeapUsage after gc()), the log's counters, main-thread
// round-trip (how long a trivial Runtime.evaluate takes to answer) and long tasks since the last sample. The soak
// passes when the heap stays within 20% of its first sample after the buffer filled. Both modes check that the
// counters are exact (received = buffered + dropped + queued) and that everything sent was received; the flood also
// clicks a row mid-flood and times how long the detail pane takes to show it.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, CdpPage } from './cdp.mjs';
import { startFirehose } from './firehose.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

function parseArgs(argv) {
  const a = {};
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i].replace(/^--/, '');
    const v = argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[++i] : 'true';
    a[k] = v;
  }
  return a;
}

const args = parseArgs(process.argv.slice(2));
const flood = args.flood === 'true';
const rate = Number(args.rate ?? (flood ? 100_000 : 2000));
const seconds = args.seconds ? Number(args.seconds) : args.minutes ? Number(args.minutes) * 60 : flood ? 10 : 3600;
const cap = args.cap ? Number(args.cap) : undefined;
const sampleMs = Number(args.sample ?? (flood ? 1 : 60)) * 1000;
const appDir = path.resolve(root, process.env.STREAMSCOPE_DIST ?? 'dist');

// Long tasks and the detail pane's answer to a click, recorded in the page.
const probe = `
  window.__soak = { longCount: 0, longTotal: 0, longMax: 0 };
  try {
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) {
        __soak.longCount++; __soak.longTotal += e.duration; __soak.longMax = Math.max(__soak.longMax, e.duration);
      }
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
`;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const mb = (n) => Math.round((n / 1024 / 1024) * 10) / 10;

async function sample(page, t0) {
  const t = performance.now();
  await page.evaluate('1');
  const roundTripMs = Math.round(performance.now() - t);
  await page.evaluate('gc()');
  const heap = await page.send('Runtime.getHeapUsage');
  const s = await page.evaluate(`(() => {
    const c = window.__streamscope.counters();
    const l = window.__soak;
    const out = { ...c, longCount: l.longCount, longTotal: Math.round(l.longTotal), longMax: Math.round(l.longMax) };
    l.longCount = 0; l.longTotal = 0; l.longMax = 0;
    return out;
  })()`);
  return { t: Math.round((Date.now() - t0) / 1000), heapMB: mb(heap.usedSize), roundTripMs, ...s, exact: s.received === s.buffered + s.dropped + s.queued };
}

/**
 * Clicks the middle visible row with real input events and times, from the press, until the detail pane shows the
 * row that was under the pointer. The pointer moves there first: the table holds still under a moving pointer.
 */
async function clickRow(page) {
  const pos = await page.evaluate(`(() => {
    const b = document.querySelector('.tbody-scroll').getBoundingClientRect();
    return { x: b.left + 40, y: b.top + b.height / 2 };
  })()`);
  await page.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x: pos.x, y: pos.y });
  await sleep(100);
  const seq = await page.evaluate(`document.elementFromPoint(${pos.x}, ${pos.y})?.closest('[role=row]')?.querySelector('[role=cell]')?.textContent ?? null`);
  if (!seq) return null;
  const t = performance.now();
  await page.send('Input.dispatchMouseEvent', { type: 'mousePressed', x: pos.x, y: pos.y, button: 'left', clickCount: 1 });
  await page.send('Input.dispatchMouseEvent', { type: 'mouseReleased', x: pos.x, y: pos.y, button: 'left', clickCount: 1 });
  // With a full buffer the oldest rows are evicted every frame, so rows slide under a still pointer: the row the
  // press selects may differ from the one read a moment before, and it soon slides out of view. The answer counted is
  // the detail pane showing the event the press selected (the pane was empty before).
  const answer = await page.evaluate(
    `new Promise((resolve) => {
      const t = performance.now();
      const check = () => {
        const s = document.querySelector('[aria-label="Event detail"] .detail-title strong');
        if (s) resolve({ shown: true, selected: Number(s.textContent.slice(1)) });
        else if (performance.now() - t > 10000) resolve({ shown: false, selected: null });
        else requestAnimationFrame(check);
      };
      check();
    })`,
  );
  return { seq: Number(seq), ms: Math.round(performance.now() - t), shown: answer.shown, selected: answer.selected, movedUnderPointer: answer.selected !== Number(seq) };
}

async function main() {
  const server = await startFirehose({ appDir, benchDir: here });
  const chrome = await launchChromium();
  const url = `${server.origin}/app/index.html?dialect=json&endpoint=${encodeURIComponent(server.wsUrl)}${cap ? `&cap=${cap}` : ''}`;
  const page = await CdpPage.open(chrome.browser, { url, initScript: probe });
  const report = { mode: flood ? 'flood' : 'soak', chromium: chrome.version, rate, seconds, cap: cap ?? 'default (100 000)', samples: [], clicks: [] };
  try {
    for (let i = 0; server.status().clients < 1; i++) {
      if (i > 200) throw new Error('the app did not connect to the firehose');
      await sleep(50);
    }
    const t0 = Date.now();
    const before = await page.evaluate('window.__streamscope.counters().received');
    server.burst(Math.round(rate * seconds), rate);
    console.log(`${report.mode}: ${rate} events/s for ${seconds} s into ${url.split('?')[0]} (${chrome.version})`);
    console.log('   t/s  heapMB  received   buffered   dropped  queued exact  rtt/ms longtasks(max ms)');
    let clickAt = flood ? Math.round(seconds / 2) * 1000 : Infinity;
    while (server.status().burst?.finishedAt === 0) {
      await sleep(Math.min(sampleMs, 1000));
      if (Date.now() - t0 >= clickAt) {
        const c = await clickRow(page);
        // No row under the pointer yet (the table is still short): try again a second later.
        clickAt = c ? Infinity : Date.now() - t0 + 1000;
        if (c) report.clicks.push({ t: Math.round((Date.now() - t0) / 1000), ...c });
        if (c) console.log(`  click mid-flood: detail shown ${c.shown ? `after ${c.ms} ms` : 'NOT within 10 s'}${c.movedUnderPointer ? ` (pointer was on #${c.seq}, the press selected #${c.selected})` : ''}`);
      }
      const due = report.samples.length === 0 || Date.now() - t0 - report.samples.at(-1).t * 1000 >= sampleMs;
      if (!due) continue;
      const s = await sample(page, t0);
      report.samples.push(s);
      console.log(
        `${String(s.t).padStart(6)} ${String(s.heapMB).padStart(7)} ${String(s.received).padStart(9)} ${String(s.buffered).padStart(10)} ${String(s.dropped).padStart(9)} ${String(s.queued).padStart(7)} ${String(s.exact).padStart(5)} ${String(s.roundTripMs).padStart(7)} ${s.longCount} (${s.longMax})`,
      );
    }
    const sent = server.status().burst.sent;
    report.sendSeconds = Math.round((server.status().burst.finishedAt - t0) / 100) / 10;
    // Drain: everything sent must arrive and be counted.
    const drainStart = Date.now();
    let last;
    for (;;) {
      last = await page.evaluate('window.__streamscope.counters()');
      if (last.received - before >= sent || Date.now() - drainStart > 120_000) break;
      await sleep(200);
    }
    report.drainSeconds = Math.round((Date.now() - drainStart) / 100) / 10;
    report.sent = sent;
    report.receivedFromBurst = last.received - before;
    report.final = await sample(page, t0);
    report.lost = sent - report.receivedFromBurst;
    report.allExact = report.samples.every((s) => s.exact) && report.final.exact;
    report.effectiveRate = Math.round(sent / ((Date.now() - t0) / 1000));
    if (flood && report.clicks.length === 0) {
      const c = await clickRow(page);
      if (c) report.clicks.push({ t: Math.round((Date.now() - t0) / 1000), ...c, afterFlood: true });
    }
    // Heap flatness after the buffer filled (the first sample at capacity is the baseline).
    const capacity = await page.evaluate(`document.querySelector('select[aria-label="Buffer cap"]').value`);
    const full = report.samples.filter((s) => s.buffered >= Number(capacity));
    if (full.length >= 2) {
      const base = full[0].heapMB;
      const max = Math.max(...full.map((s) => s.heapMB));
      const lastFull = full.at(-1).heapMB;
      // One sample can catch a batch in flight on a busy machine: the medians of the first and second half say
      // whether the heap trends up.
      const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
      const half = Math.ceil(full.length / 2);
      const firstHalf = median(full.slice(0, half).map((s) => s.heapMB));
      const secondHalf = median(full.slice(half).map((s) => s.heapMB)) ?? firstHalf;
      report.heap = {
        baselineMB: base,
        maxMB: max,
        lastMB: lastFull,
        maxGrowthPct: Math.round(((max - base) / base) * 1000) / 10,
        flatWithin20pct: max <= base * 1.2,
        medianFirstHalfMB: firstHalf,
        medianSecondHalfMB: secondHalf,
        trendPct: Math.round(((secondHalf - firstHalf) / firstHalf) * 1000) / 10,
      };
    }
    report.pageErrors = page.consoleErrors;
    console.log(`sent ${sent} in ${report.sendSeconds} s; received ${report.receivedFromBurst} (lost ${report.lost}) after a ${report.drainSeconds} s drain; counters exact at every sample: ${report.allExact}`);
    if (report.heap) {
      const h = report.heap;
      console.log(`heap after the buffer filled: ${h.baselineMB} MB → max ${h.maxMB} MB, last ${h.lastMB} MB (max +${h.maxGrowthPct}%): ${h.flatWithin20pct ? 'flat within 20%' : 'a sample exceeded +20%'}`);
      console.log(`median heap, first half ${h.medianFirstHalfMB} MB → second half ${h.medianSecondHalfMB} MB (${h.trendPct >= 0 ? '+' : ''}${h.trendPct}%)`);
    }
    else console.log('the buffer never filled: run longer (or with a smaller --cap) to judge heap flatness');
    for (const c of report.clicks) {
      const moved = c.movedUnderPointer ? ` (row #${c.seq} was under the pointer, #${c.selected} by the press: evictions slide rows)` : '';
      console.log(`click at ${c.t} s: ${c.shown ? `${c.ms} ms` : 'no answer in 10 s'}${moved}${c.afterFlood ? ' (after the flood)' : ''}`);
    }
    if (page.consoleErrors.length) console.log('page errors:', page.consoleErrors.slice(0, 5));
    const out = args.out ?? path.join(root, 'bench', 'results', `${report.mode}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, JSON.stringify(report, null, 2));
    console.log(`report: ${path.relative(process.cwd(), out)}`);
  } finally {
    await page.close();
    await chrome.close();
    await server.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
