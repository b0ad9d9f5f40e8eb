#!/usr/bin/env node
// Installs the real Redux DevTools peers the tests run against (test-peers/current and test-peers/legacy, see
// test-peers/paths.mjs), so the app's own install never carries them: @redux-devtools/cli alone brings electron (whose
// postinstall downloads a binary) and sqlite3 (a native build).
//   - `npm ci --ignore-scripts` in each folder: no install script runs, so electron downloads nothing (the cli needs it
//     only for --open) and nothing else reaches beyond the npm registry.
//   - sqlite3's binding is then built here: sqlite3 5 (the cli) from its N-API prebuild when that can be fetched, else
//     with node-gyp (unoptimised, see below); sqlite3 4.2.0 (remotedev-server 0.3.1) with node-gyp into the node-pre-gyp layout it looks for.
//     node-gyp uses the Node headers already on the machine (npm's nodedir, or /usr/include/node) instead of downloading.
// Idempotent: a folder whose marker holds its lockfile's hash is left alone (well under a second when ready).
// Exit code 1 when a folder cannot be prepared, with the reason on one line.
//   node scripts/prepare-test-peers.mjs [--only current|legacy]
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CURRENT_DIR, LEGACY_DIR, READY_MARKER, requireFrom } from '../test-peers/paths.mjs';

const env = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', npm_config_audit: 'false', npm_config_fund: 'false' };
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;

function run(cmd, args, cwd) {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    p.on('error', (e) => resolve({ ok: false, out: `${out}${e.message}` }));
    p.on('exit', (code) => resolve({ ok: code === 0, out }));
  });
}

const loads = (dir) => run(process.execPath, ['-e', 'require("./")'], dir);

function nodeGyp() {
  const npmBundled = path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  return existsSync(npmBundled) ? [process.execPath, npmBundled] : ['npx', '--yes', 'node-gyp'];
}

function nodedirArgs() {
  if (process.env.npm_config_nodedir) return [`--nodedir=${process.env.npm_config_nodedir}`];
  for (const dir of ['/usr', '/usr/local']) if (existsSync(path.join(dir, 'include', 'node', 'node_version.h'))) return [`--nodedir=${dir}`];
  return [];
}

async function buildSqlite(folder, extraArgs, tryPrebuild) {
  const dir = path.dirname(requireFrom(folder).resolve('sqlite3/package.json'));
  if ((await loads(dir)).ok) return { ok: true };
  const prebuild = path.join(folder, 'node_modules', 'prebuild-install', 'bin.js');
  if (tryPrebuild && existsSync(prebuild) && (await run(process.execPath, [prebuild, '-r', 'napi'], dir)).ok && (await loads(dir)).ok) return { ok: true };
  const [cmd, ...pre] = nodeGyp();
  // --debug (-O0): the peers touch sqlite only for their report tables, and an optimised build of the amalgamation
  // takes minutes on two cores where this takes under half a minute.
  const built = await run(cmd, [...pre, 'rebuild', '--debug', ...nodedirArgs(), ...extraArgs], dir);
  if (!built.ok) return { ok: false, why: `node-gyp could not build sqlite3 in ${path.relative(process.cwd(), dir)} (it needs python3, make and a C++ compiler):\n${built.out.slice(-2000)}` };
  const check = await loads(dir);
  return check.ok ? { ok: true } : { ok: false, why: `sqlite3 was built but does not load:\n${check.out}` };
}

const abi = `node-v${process.versions.modules}-${process.platform}-${process.arch}`;
const folders = [
  { name: 'current', dir: CURRENT_DIR, sqlite: () => buildSqlite(CURRENT_DIR, [], true) },
  { name: 'legacy', dir: LEGACY_DIR, sqlite: () => buildSqlite(LEGACY_DIR, ['--module_name=node_sqlite3', `--module_path=../lib/binding/${abi}`], false) },
].filter((f) => !only || f.name === only);

async function prepare({ name, dir, sqlite }) {
  const marker = path.join(dir, READY_MARKER);
  const want = `${createHash('sha256').update(readFileSync(path.join(dir, 'package-lock.json'))).digest('hex')} ${abi}`;
  if (existsSync(marker) && readFileSync(marker, 'utf8') === want) return { name, ok: true, note: 'ready' };
  const t0 = Date.now();
  rmSync(marker, { force: true });
  const installed = await run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], dir);
  if (!installed.ok) return { name, ok: false, why: `npm ci in ${path.relative(process.cwd(), dir)} failed:\n${installed.out.slice(-2000)}` };
  const built = await sqlite();
  if (!built.ok) return { name, ok: false, why: built.why };
  writeFileSync(marker, want);
  return { name, ok: true, note: `installed in ${((Date.now() - t0) / 1000).toFixed(0)} s` };
}

// Both folders at once: each sqlite3 build is one large C file, so two builds keep both cores busy.
const results = await Promise.all(folders.map(prepare));
let failed = false;
for (const r of results) {
  if (r.ok) console.log(`prepare-test-peers: test-peers/${r.name} ${r.note}`);
  else {
    failed = true;
    console.error(`prepare-test-peers: test-peers/${r.name} could not be prepared. ${r.why}`);
  }
}
process.exit(failed ? 1 : 0);
