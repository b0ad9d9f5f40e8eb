#!/usr/bin/env node
/* global process, console, setTimeout, fetch, performance, document, MutationObserver */
// How long a jump takes to show, against the real @redux-devtools/cli 5 and a real @redux-devtools/remote app:
// the app dispatches N actions with states of SIZE bytes at maxAge 10 000, the page opens the first action in the
// inspector and presses Jump; measured in the page from the click until that row is marked current, and until the
// app's own state changed (polled over HTTP). A measurement, not a test: it prints medians of --runs jumps.
//   node e2e/support/remotedev-jump-bench.mjs [--dist dist] [--actions 1000] [--size 50000] [--runs 5]
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../../scripts/chromium.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const arg = (n, d) => (argv.includes(`--${n}`) ? argv[argv.indexOf(`--${n}`) + 1] : d);
const dist = path.resolve(arg('dist', 'dist'));
const actions = Number(arg('actions', 1000));
const size = Number(arg('size', 50_000));
const runs = Number(arg('runs', 5));
const CLI = 29961;
const APP = 29962;
const WEB = 29963;

const procs = [];
/** Starts a process and resolves once `url` answers (each peer serves HTTP on its port). */
async function start(cmd, args, url) {
  const p = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  procs.push(p);
  for (let t = 0; t < 600; t++) {
    if (p.exitCode !== null) throw new Error(`${path.basename(args[0])} exited with ${p.exitCode}`);
    if (await fetch(url).then((r) => r.ok, () => false)) return p;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error(`${url} did not answer`);
}
const stopAll = () => procs.forEach((p) => p.exitCode === null && p.kill('SIGKILL'));
process.on('exit', stopAll);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  await Promise.all([
    start(process.execPath, [path.join(here, 'remotedev-cli.mjs'), '--port', String(CLI)], `http://127.0.0.1:${CLI}/`),
    start(process.execPath, [path.resolve(here, '../../node_modules/vite/bin/vite.js'), 'preview', '--port', String(WEB), '--strictPort', '--outDir', dist], `http://127.0.0.1:${WEB}/`),
  ]);
  await start(process.execPath, [path.join(here, 'remotedev-app.mjs'), '--server-port', String(CLI), '--http-port', String(APP), '--max-age', '10000', '--name', 'JumpApp'], `http://127.0.0.1:${APP}/state`);
  const browser = await chromium.launch(chromiumLaunchOptions());
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`http://127.0.0.1:${WEB}/?autoconnect=0&dialect=remotedev&endpoint=${encodeURIComponent(`ws://127.0.0.1:${CLI}/socketcluster/`)}`);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByLabel('Instance status').filter({ hasText: 'JumpApp · connected' }).waitFor();
  await fetch(`http://127.0.0.1:${APP}/burst?n=${actions}&size=${size}`, { method: 'POST' });
  await page.getByLabel('Instance status').filter({ hasText: `${actions + 2} in history` }).waitFor({ timeout: 120_000 });
  await page.waitForTimeout(1000);
  const table = page.getByRole('table', { name: 'Events' });
  const row = (text) => table.getByRole('row').filter({ hasText: text }).first();
  const shown = [];
  const appChanged = [];
  for (let r = 0; r < runs; r++) {
    // Alternate between the first and the last action, so each jump moves.
    const target = r % 2 === 0 ? '{by: 1, i: 0}' : `{by: 1, i: ${actions - 1}}`;
    const expectCount = r % 2 === 0 ? 1 : actions;
    // The filter brings the row into the table (1 000 rows are virtualised).
    await page.getByLabel('Filter events').fill(`action.i:${r % 2 === 0 ? 0 : actions - 1}`);
    await row(target).click();
    await page.getByRole('tab', { name: 'State', exact: true }).click();
    const jump = page.getByRole('group', { name: 'Action controls' }).getByRole('button', { name: 'Jump', exact: true });
    await jump.waitFor();
    const t0 = Date.now();
    const inPage = page.evaluate(
      (text) =>
        new Promise((resolve) => {
          const started = performance.now();
          const done = () => {
            const rows = [...document.querySelectorAll('[aria-label="Events"] .tbody [role=row]')];
            return rows.some((x) => x.textContent.includes(text) && [...x.querySelectorAll('[role=cell]')].some((c) => c.textContent === 'current'));
          };
          const obs = new MutationObserver(() => {
            if (done()) {
              obs.disconnect();
              resolve(performance.now() - started);
            }
          });
          obs.observe(document.body, { subtree: true, childList: true, characterData: true });
          document.querySelector('[aria-label="Action controls"] button')?.click();
        }),
      target,
    );
    const appPoll = (async () => {
      for (;;) {
        // The app may be too busy writing its 50 MB STATE reply to answer: try again.
        const st = await fetch(`http://127.0.0.1:${APP}/state`).then((r) => r.json(), () => undefined);
        if (st?.counter.count === expectCount) return Date.now() - t0;
        await new Promise((res) => setTimeout(res, 10));
      }
    })();
    shown.push(await inPage);
    appChanged.push(await appPoll);
    // Let the STATE reply land before the next jump.
    await page.waitForTimeout(2500);
  }
  console.log(JSON.stringify({ actions, size, runs, jumpShownMs: { median: Math.round(median(shown)), all: shown.map(Math.round) }, appChangedMs: { median: median(appChanged), all: appChanged } }));
  await browser.close();
} finally {
  stopAll();
}
