#!/usr/bin/env node
// Finds a Chromium for the end-to-end tests, or gets one, before `npm test` needs it. In order:
//   1. STREAMSCOPE_CHROMIUM, when set (it must exist);
//   2. Playwright's own Chromium, when `npx playwright install chromium` has already been run;
//   3. Debian's /usr/bin/chromium;
//   4. `npx playwright install chromium` (works where Playwright's download host is reachable);
//   5. on Debian as root: `apt-get install chromium` (with a font, so pages render text);
//   6. otherwise one line saying what to install, and exit code 1.
// scripts/chromium.mjs then picks the same browser for Playwright and the benchmarks.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromiumExecutable } from './chromium.mjs';

const found = () => {
  const exe = chromiumExecutable();
  return exe === undefined ? "Playwright's own Chromium" : existsSync(exe) ? exe : undefined;
};
const say = (line) => console.log(`ensure-browser: ${line}`);

function attempt(what, cmd, args, timeoutMs) {
  say(`no Chromium found; trying ${what}…`);
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], timeout: timeoutMs, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return r.status === 0 && found();
}

if (process.env.STREAMSCOPE_CHROMIUM && !existsSync(process.env.STREAMSCOPE_CHROMIUM)) {
  console.error(`ensure-browser: STREAMSCOPE_CHROMIUM is set to ${process.env.STREAMSCOPE_CHROMIUM}, which does not exist.`);
  process.exit(1);
}

let browser = found();
if (!browser) browser = attempt('npx playwright install chromium', 'npx', ['playwright', 'install', 'chromium'], 300_000);
const debianRoot = existsSync('/etc/debian_version') && process.getuid?.() === 0;
if (!browser && debianRoot) {
  say('Playwright could not download its browser; installing Debian\'s chromium with apt-get…');
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  if (update.status === 0) browser = attempt("apt-get install chromium", 'apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-dejavu-core'], 600_000);
}
if (!browser) {
  console.error(
    "ensure-browser: no Chromium for the end-to-end tests. Install one: `sudo apt-get install chromium` (Debian/Ubuntu), or `npx playwright install chromium`, or set STREAMSCOPE_CHROMIUM to a Chromium binary.",
  );
  process.exit(1);
}
say(`using ${browser}`);
