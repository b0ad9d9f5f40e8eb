#!/usr/bin/env node
// Memory soak and flood for the built app, driven over CDP like bench/run.mjs (Page, Runtime, Performance only; no
// Network domain, so frames are not copied to the driver). Not a test: it prints samples and writes a JSON report.
//
//   node bench/soak.mjs                                 1 h at 2 000 events/s, default cap, a sample every 60 s
//   node bench/soak.mjs --minutes 5 --sample 15         the shortened soak
//   node bench/soak.mjs --flood                         100 000 events/s for 10 s (cap 100 000), then drain
//   options: --rate N --seconds N --minutes N --cap N --sample SECONDS --port N (the firehose's, 0 = any free)
//            --history 0 (the stored history off; it is on by default, as for a user) --no-reload
//            --out FILE (the JSON report; a short text report is written beside it as FILE with .txt)
//
// Each sample: JS heap after a forced GC (Runtime.getHeapUsage after gc(), in the page and in each of its workers),
// the log's counters, the stored history's counters, main-thread round-trip (how long a trivial Runtime.evaluate
// takes to answer) and long tasks since the last sample. The soak passes when the heap stays within 20% of its first
// sample after the buffer filled. Both modes check that nothing is lost: the counters are exact at every sample
// (received = buffered + dropped by the cap + queued), everything sent was received, and, with the stored history on,
// everything received was stored (stored = min(received, keep), none skipped, nothing left unwritten). At the end
// the page is reloaded and the restore of the stored events timed (--no-reload skips it). The flood also clicks a row
// mid-flood and times how long the detail pane takes to show it.
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
const historyOn = args.history !== '0';
const port = Number(args.port ?? 0);
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

/**
 * Attaches to the page's workers as they start (the socket worker, the history's…), so their heaps are sampled too:
 * memory moved off the main thread is still memory.
 */
async function watchWorkers(page) {
  const workers = new Map(); // sessionId -> url
  page.browser.on('Target.attachedToTarget', (p) => {
    if (p.targetInfo.type !== 'worker') return;
    workers.set(p.sessionId, p.targetInfo.url);
  }, page.sessionId);
  page.browser.on('Target.detachedFromTarget', (p) => workers.delete(p.sessionId), page.sessionId);
  await page.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: true });
  return workers;
}

async function workerHeaps(page, workers) {
  const out = {};
  for (const [sessionId, url] of workers) {
    try {
      await page.browser.send('Runtime.evaluate', { expression: 'typeof gc === "function" && gc()' }, sessionId);
      const h = await page.browser.send('Runtime.getHeapUsage', {}, sessionId);
      const name = url.split('/').pop().replace(/[-.][\w-]*\.js$/, '') || sessionId;
      out[name] = (out[name] ?? 0) + mb(h.usedSize);
    } catch {
      /* the worker ended between listing and asking */
    }
  }
  return out;
}

async function sample(page, t0, workers) {
  const t = performance.now();
  await page.evaluate('1');
  const roundTripMs = Math.round(performance.now() - t);
  await page.evaluate('gc()');
  const heap = await page.send('Runtime.getHeapUsage');
  const workerMB = await workerHeaps(page, workers);
  const s = await page.evaluate(`(() => {
    const c = window.__streamscope.counters();
    const h = window.__streamscope.history();
    const l = window.__soak;
    const out = { ...c, history: { state: h.state, stored: h.stored, skipped: h.skipped, backlog: h.backlog, keep: h.keep },
      longCount: l.longCount, longTotal: Math.round(l.longTotal), longMax: Math.round(l.longMax) };
    l.longCount = 0; l.longTotal = 0; l.longMax = 0;
    return out;
  })()`);
  const pageMB = mb(heap.usedSize);
  const totalMB = Math.round((pageMB + Object.values(workerMB).reduce((a, b) => a + b, 0)) * 10) / 10;
  return { t: Math.round((Date.now() - t0) / 1000), heapMB: totalMB, pageHeapMB: pageMB, workerHeapMB: workerMB, roundTripMs, ...s, exact: s.received === s.buffered + s.dropped + s.queued };
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
  const server = await startFirehose({ appDir, benchDir: here, port });
  const chrome = await launchChromium();
  const url = `${server.origin}/app/index.html?dialect=json&endpoint=${encodeURIComponent(server.wsUrl)}${cap ? `&cap=${cap}` : ''}${historyOn ? '' : '&history=0'}`;
  const page = await CdpPage.open(chrome.browser, { initScript: probe });
  const workers = await watchWorkers(page);
  await page.goto(url);
  const report = {
    mode: flood ? 'flood' : 'soak',
    startedAt: new Date().toISOString(),
    chromium: chrome.version,
    rate,
    seconds,
    cap: cap ?? 'default (100 000)',
    storedHistory: historyOn,
    samples: [],
    clicks: [],
  };
  try {
    for (let i = 0; server.status().clients < 1; i++) {
      if (i > 200) throw new Error('the app did not connect to the firehose');
      await sleep(50);
    }
    if (historyOn) {
      // The stored history opens asynchronously; the soak is only meaningful once it is recording.
      for (let i = 0; ; i++) {
        const h = await page.evaluate('window.__streamscope.history()');
        if (h.state === 'on') break;
        if (h.state === 'failed' || h.state === 'off' || i > 200) throw new Error(`the stored history is ${h.state}, not recording`);
        await sleep(50);
      }
    }
    const t0 = Date.now();
    const before = await page.evaluate('window.__streamscope.counters().received');
    server.burst(Math.round(rate * seconds), rate);
    console.log(`${report.mode}: ${rate} events/s for ${seconds} s into ${url.split('?')[0]} (${chrome.version})`);
    console.log('   t/s  heapMB  received   buffered   dropped  queued exact    stored backlog  rtt/ms longtasks(max ms)');
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
      const s = await sample(page, t0, workers);
      report.samples.push(s);
      console.log(
        `${String(s.t).padStart(6)} ${String(s.heapMB).padStart(7)} ${String(s.received).padStart(9)} ${String(s.buffered).padStart(10)} ${String(s.dropped).padStart(9)} ${String(s.queued).padStart(7)} ${String(s.exact).padStart(5)} ${String(s.history.stored).padStart(9)} ${String(s.history.backlog).padStart(7)} ${String(s.roundTripMs).padStart(7)} ${s.longCount} (${s.longMax})`,
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
    // And, with the stored history on, until everything received is written.
    while (historyOn && Date.now() - drainStart < 180_000) {
      const h = await page.evaluate('window.__streamscope.history()');
      if (h.backlog === 0 || h.state !== 'on') break;
      await sleep(200);
    }
    report.drainSeconds = Math.round((Date.now() - drainStart) / 100) / 10;
    report.sent = sent;
    report.receivedFromBurst = last.received - before;
    report.final = await sample(page, t0, workers);
    report.lost = sent - report.receivedFromBurst;
    report.allExact = report.samples.every((s) => s.exact) && report.final.exact;
    const f = report.final;
    // Every row the log received (the burst and the few status rows) is either in the buffer or counted as dropped by
    // the cap; the stored history holds the newest `keep` of them.
    report.accounting = {
      received: f.received,
      buffered: f.buffered,
      droppedByCap: f.dropped,
      queued: f.queued,
      bufferedPlusDropped: f.buffered + f.dropped,
      exact: f.received === f.buffered + f.dropped + f.queued && f.queued === 0,
    };
    if (historyOn) {
      const expected = Math.min(f.history.keep, f.received);
      report.persisted = {
        state: f.history.state,
        stored: f.history.stored,
        keep: f.history.keep,
        expected,
        skipped: f.history.skipped,
        backlog: f.history.backlog,
        match: f.history.state === 'on' && f.history.stored === expected && f.history.skipped === 0 && f.history.backlog === 0,
      };
    }
    report.noEventLost = report.lost === 0 && report.allExact && report.accounting.exact && (!historyOn || report.persisted.match);
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
      const min = Math.min(...full.map((s) => s.heapMB));
      report.heap = {
        filledAtSeconds: full[0].t,
        baselineMB: base,
        maxMB: max,
        minMB: min,
        lastMB: lastFull,
        finalMB: report.final.heapMB,
        driftPct: Math.round(((report.final.heapMB - base) / base) * 1000) / 10,
        minGrowthPct: Math.round(((min - base) / base) * 1000) / 10,
        maxGrowthPct: Math.round(((max - base) / base) * 1000) / 10,
        flatWithin20pct: max <= base * 1.2,
        medianFirstHalfMB: firstHalf,
        medianSecondHalfMB: secondHalf,
        trendPct: Math.round(((secondHalf - firstHalf) / firstHalf) * 1000) / 10,
      };
    }
    if (historyOn && args['no-reload'] !== 'true') {
      // What was stored comes back: reload and time the restore (the newest that fit the buffer).
      const t = Date.now();
      await page.goto(url);
      report.reload = await page.evaluate(`new Promise((resolve) => {
        const t0 = performance.now();
        const check = () => {
          const s = window.__streamscope;
          const h = s && s.history();
          if (h && h.restored > 0 && h.restoreMs !== null) return resolve({ restored: h.restored, restoreMs: Math.round(h.restoreMs), state: h.state });
          if (h && (h.state === 'failed' || h.state === 'off')) return resolve({ restored: 0, state: h.state });
          if (performance.now() - t0 > 60000) return resolve({ timeout: true, restored: h ? h.restored : 0 });
          setTimeout(check, 20);
        };
        check();
      })`);
      report.reload.wallMs = Date.now() - t;
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
    report.finishedAt = new Date().toISOString();
    const out = path.resolve(args.out ?? path.join(root, 'bench', 'results', `${report.mode}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`));
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, JSON.stringify(report, null, 2));
    const text = textReport(report);
    await writeFile(out.replace(/\.json$/, '') + '.txt', text);
    console.log(text);
    console.log(`report: ${path.relative(process.cwd(), out)} (and .txt)`);
  } finally {
    await page.close();
    await chrome.close();
    await server.close();
  }
}

/** The few lines a person reads: the verdicts and the figures behind them. */
function textReport(r) {
  const n = (x) => (typeof x === 'number' ? x.toLocaleString('en') : String(x));
  const lines = [
    `streamscope ${r.mode}: ${n(r.rate)} events/s for ${r.seconds} s, buffer cap ${r.cap}, stored history ${r.storedHistory ? 'on' : 'off'}`,
    `${r.chromium}; ${r.startedAt} → ${r.finishedAt}`,
    `sent ${n(r.sent)} in ${r.sendSeconds} s (${n(r.effectiveRate)} events/s effective); received from the burst ${n(r.receivedFromBurst)}; lost ${n(r.lost)}`,
    `log: received ${n(r.accounting.received)} = buffered ${n(r.accounting.buffered)} + dropped by the cap ${n(r.accounting.droppedByCap)} + queued ${n(r.accounting.queued)}: ${r.accounting.exact ? 'exact' : 'NOT exact'}; counters exact at every sample: ${r.allExact}`,
  ];
  if (r.persisted) {
    const p = r.persisted;
    lines.push(`stored history: ${n(p.stored)} stored (expected min(received, keep ${n(p.keep)}) = ${n(p.expected)}), skipped ${n(p.skipped)}, unwritten ${n(p.backlog)}: ${p.match ? 'match' : 'MISMATCH'}`);
  }
  lines.push(`no event lost: ${r.noEventLost ? 'yes' : 'NO'}`);
  if (r.heap) {
    const h = r.heap;
    lines.push(
      `heap (page + workers, after GC): ${h.baselineMB} MB when the buffer filled (t=${h.filledAtSeconds} s); end ${h.finalMB} MB (drift ${h.driftPct >= 0 ? '+' : ''}${h.driftPct}%)`,
      `after filling: min ${h.minMB} MB (${h.minGrowthPct}%), max ${h.maxMB} MB (+${h.maxGrowthPct}%); median first half ${h.medianFirstHalfMB} MB, second half ${h.medianSecondHalfMB} MB (${h.trendPct >= 0 ? '+' : ''}${h.trendPct}%)`,
      `heap flat within 20%: ${h.flatWithin20pct ? 'yes' : 'NO'}`,
    );
  } else lines.push('the buffer never filled: heap flatness not judged');
  const rtt = r.samples.map((s) => s.roundTripMs).sort((a, b) => a - b);
  if (rtt.length) lines.push(`main-thread round trip: median ${rtt[rtt.length >> 1]} ms, max ${rtt.at(-1)} ms; long tasks: ${r.samples.reduce((a, s) => a + s.longCount, 0)}`);
  if (r.reload) lines.push(r.reload.timeout ? 'reload: the restore did not finish in 60 s' : `reload: ${n(r.reload.restored)} stored events restored in ${r.reload.restoreMs} ms (history ${r.reload.state})`);
  if (r.pageErrors?.length) lines.push(`page errors: ${r.pageErrors.slice(0, 3).join(' | ')}`);
  return lines.join('\n') + '\n';
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
