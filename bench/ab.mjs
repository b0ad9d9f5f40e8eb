#!/usr/bin/env node
// Two builds of the app on the same stream, interleaved (A, B, A, B, …) in one browser: for each, the frames while a
// burst runs at a fixed rate. Frame figures on this shared machine swing from run to run by more than most changes
// move them; interleaving many short runs and comparing medians is what tells a change from the noise.
//
//   node bench/ab.mjs --a DIR --b DIR [--kind app|views] [--rate 24000] [--seconds 4] [--runs 6] [--prefill 200000]
//                     [--events N] (instead of rate × seconds; with --rate 0, as fast as the page takes them)
// DIR is a built app (npx vite build --outDir DIR); B defaults to dist/.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from '../demo/server.mjs';
import { launchChromium } from './cdp.mjs';
import { startFirehose } from './firehose.mjs';
import { burst, historySettled, openPage } from './pages.mjs';
import { median } from './stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = parseArgs(process.argv.slice(2));
const kind = String(args.kind ?? 'app');
const rate = Number(args.rate ?? 24_000);
const seconds = Number(args.seconds ?? 4);
const runs = Number(args.runs ?? 6);
const prefill = Number(args.prefill ?? 200_000);
const events = Number(args.events ?? rate * seconds);
const builds = { A: args.a, B: args.b ?? path.resolve(here, '..', 'dist') };

async function main() {
  if (!builds.A) throw new Error('--a DIR: the build to compare against');
  const servers = {};
  const dirs = [];
  for (const [name, dir] of Object.entries(builds)) {
    const appDir = await mkdtemp(path.join(os.tmpdir(), `streamscope-ab-${name}-`));
    await cp(path.resolve(dir), appDir, { recursive: true });
    dirs.push(appDir);
    servers[name] = await startFirehose({ appDir, benchDir: here });
  }
  const chrome = await launchChromium();
  const results = { A: [], B: [] };
  try {
    for (let i = 0; i < runs; i++) {
      for (const name of i % 2 ? ['B', 'A'] : ['A', 'B']) {
        const server = servers[name];
        const page = await openPage(chrome.browser, server, kind);
        try {
          if (prefill) await burst(page, server, kind, prefill, 0);
          // The stored history's writer catching up on the prefill would share the measured seconds.
          await historySettled(page, kind);
          await new Promise((r) => setTimeout(r, 500));
          const r = await burst(page, server, kind, events, rate, { record: true });
          results[name].push({ ...r.frames, eps: r.eps });
          console.error(`[ab] ${name} run ${i + 1}: ${Math.round(r.eps)} events/s, p95 ${r.frames.p95?.toFixed(1)} ms, ${(r.frames.lateShare * 100).toFixed(1)} % late, long tasks ${r.frames.longTaskTotal.toFixed(0)} ms (load ${os.loadavg()[0].toFixed(1)})`);
        } finally {
          await page.close();
        }
      }
    }
  } finally {
    await chrome.close();
    for (const s of Object.values(servers)) await s.close();
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  }
  for (const name of ['A', 'B']) {
    const r = results[name];
    console.log(
      `${name} (${builds[name]}), ${kind} at ${rate}/s, median of ${r.length}: late frames ${(median(r.map((x) => x.lateShare)) * 100).toFixed(1)} %, p95 ${median(r.map((x) => x.p95)).toFixed(1)} ms, long tasks ${median(r.map((x) => x.longTaskTotal)).toFixed(0)} ms, ${Math.round(median(r.map((x) => x.eps)))} events/s; late per run: ${r.map((x) => (x.lateShare * 100).toFixed(0)).join(' ')}`,
    );
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
