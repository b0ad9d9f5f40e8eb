// The benchmark's pages, shared by run.mjs and profile.mjs: one tab per kind of page (the bare page, the app, the app
// with its views open, the app without stored history), connected to the firehose, and a burst timed on it.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CdpPage } from './cdp.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Opens a fresh tab for one kind of page and waits until it is connected to the firehose. */
export async function openPage(browser, server, kind, { cap } = {}) {
  const probe = await readFile(path.join(here, 'probe.mjs'), 'utf8');
  const url =
    kind === 'bare'
      ? `${server.origin}/bare.html?ws=${encodeURIComponent(server.wsUrl)}`
      : `${server.origin}/app/index.html?dialect=json&endpoint=${encodeURIComponent(server.wsUrl)}${cap ? `&cap=${cap}` : ''}${kind === 'views' ? '&side=entities' : ''}${kind === 'app-nohistory' ? '&history=0' : ''}`;
  const page = await CdpPage.open(browser, { url, initScript: probe });
  const deadline = Date.now() + 15_000;
  while (server.status().clients < 1 || !(await page.evaluate('!!(window.__bench && window.__bench.read())'))) {
    if (Date.now() > deadline) {
      const hint = kind !== 'bare' ? ' (does the app expose window.__streamscope.counters() and honour ?endpoint=?)' : '';
      throw new Error(`The ${kind} page did not connect within 15 s${hint}. Page errors: ${page.consoleErrors.join(' | ') || 'none'}`);
    }
    await sleep(50);
  }
  await sleep(200); // let connect/notice rows settle so the baseline below is stable
  return page;
}

/** Sends `count` events at `rate` (0 = max) and waits until the last one is visible. */
export async function burst(page, server, kind, count, rate, { record = false, timeoutMs = 600_000 } = {}) {
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

/**
 * Waits until the app's stored history has caught up with what it was sent (its writer's backlog is empty; its work is
 * the page's too), at most a minute; returns how long that took in ms (0 for the bare page or with history off).
 */
export async function historySettled(page, kind) {
  if (kind === 'bare') return 0;
  return page.evaluate(`(async () => {
    const t0 = performance.now();
    let last = -1, since = performance.now();
    for (;;) {
      const h = window.__streamscope.history();
      if (h.state !== 'on' || h.backlog === 0) return performance.now() - t0;
      // A build without the backlog counter: settled once the stored count stops moving.
      if (h.stored !== last) { last = h.stored; since = performance.now(); }
      else if (performance.now() - since > 1500 || performance.now() - t0 > 60000) return performance.now() - t0;
      await new Promise((r) => setTimeout(r, 100));
    }
  })()`);
}
