#!/usr/bin/env node
// Makes the real Redux DevTools peers usable on a fresh machine:
//   1. @redux-devtools/cli 5 needs sqlite3's native binding (its reports live in sqlite :memory:). npm 11 does not run
//      install scripts unless allowed, so build it with node-gyp when it does not load.
//   2. With --legacy: installs remotedev-server 0.3.1 + remote-redux-devtools 0.5.16 (SocketCluster protocol 1) into
//      node_modules/.cache/streamscope-remotedev-legacy (ignored with node_modules, never in package.json) and builds
//      their sqlite3 4.2.0 binding too. e2e/remotedev-legacy.spec.ts and the peers unit test use it when present.
// Idempotent and quiet when everything already works. Exit code 1 only when step 1 fails (the cli cannot start).
//   node scripts/prepare-remotedev-peers.mjs [--legacy]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const LEGACY_DIR = path.join(root, 'node_modules', '.cache', 'streamscope-remotedev-legacy');
const env = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' };

/** node-gyp wants headers; use the installed ones (Debian's nodejs-dev puts them under /usr) instead of downloading. */
function nodedirArgs() {
  if (process.env.npm_config_nodedir) return [`--nodedir=${process.env.npm_config_nodedir}`];
  for (const dir of ['/usr', '/usr/local']) if (existsSync(path.join(dir, 'include', 'node', 'node_version.h'))) return [`--nodedir=${dir}`];
  return [];
}

function nodeGyp() {
  const local = path.join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  if (existsSync(local)) return [process.execPath, local];
  const npmBundled = path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  if (existsSync(npmBundled)) return [process.execPath, npmBundled];
  return ['npx', '--yes', 'node-gyp'];
}

function loads(requireFrom, id) {
  const probe = `try { require(${JSON.stringify(id)}); } catch (e) { console.error(e.message); process.exit(1); }`;
  return spawnSync(process.execPath, ['-e', probe], { cwd: requireFrom, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
}

function run(cmd, args, cwd) {
  console.log(`$ (cd ${path.relative(root, cwd) || '.'} && ${[cmd, ...args].join(' ')})`);
  const r = spawnSync(cmd, args, { cwd, env, stdio: 'inherit' });
  return r.status === 0;
}

function ensureSqlite(requireFrom, extraArgs = []) {
  const req = createRequire(path.join(requireFrom, 'noop.js'));
  let dir;
  try {
    dir = path.dirname(req.resolve('sqlite3/package.json'));
  } catch {
    console.error(`sqlite3 is not installed under ${requireFrom}`);
    return false;
  }
  if (loads(dir, './').status === 0) return true;
  // sqlite3 5 publishes N-API prebuilds: fetching one takes seconds, compiling takes minutes.
  const prebuild = path.join(root, 'node_modules', 'prebuild-install', 'bin.js');
  if (extraArgs.length === 0 && existsSync(prebuild) && run(process.execPath, [prebuild, '-r', 'napi'], dir) && loads(dir, './').status === 0) return true;
  const [cmd, ...pre] = nodeGyp();
  if (!run(cmd, [...pre, 'rebuild', ...nodedirArgs(), ...extraArgs], dir)) return false;
  const check = loads(dir, './');
  if (check.status !== 0) console.error(check.stderr);
  return check.status === 0;
}

const cliDir = path.dirname(createRequire(path.join(root, 'noop.js')).resolve('@redux-devtools/cli/package.json'));
if (!ensureSqlite(cliDir)) {
  console.error('prepare-remotedev-peers: sqlite3 for @redux-devtools/cli could not be built (needs python3, make and a C++ compiler).');
  process.exit(1);
}
console.log('prepare-remotedev-peers: @redux-devtools/cli is ready (sqlite3 loads).');

if (process.argv.includes('--legacy')) {
  mkdirSync(LEGACY_DIR, { recursive: true });
  const pkg = path.join(LEGACY_DIR, 'package.json');
  if (!existsSync(pkg)) writeFileSync(pkg, JSON.stringify({ name: 'streamscope-remotedev-legacy', private: true, description: 'Protocol-1 peers for tests; see scripts/prepare-remotedev-peers.mjs' }, null, 2));
  const installed = ['remotedev-server', 'remote-redux-devtools', 'redux'].every((m) => existsSync(path.join(LEGACY_DIR, 'node_modules', m, 'package.json')));
  if (!installed && !run('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--ignore-scripts', 'remotedev-server@0.3.1', 'remote-redux-devtools@0.5.16', 'redux@4.2.1'], LEGACY_DIR)) {
    console.error('prepare-remotedev-peers: installing the protocol-1 peers failed; the legacy journeys will be skipped.');
    process.exit(0);
  }
  // sqlite3 4.2.0 looks for lib/binding/node-v<ABI>-<platform>-<arch>/node_sqlite3.node (node-pre-gyp layout).
  const abi = `node-v${process.versions.modules}-${process.platform}-${process.arch}`;
  if (!ensureSqlite(LEGACY_DIR, ['--module_name=node_sqlite3', `--module_path=../lib/binding/${abi}`])) {
    console.error('prepare-remotedev-peers: sqlite3 4.2.0 for remotedev-server could not be built; the legacy journeys will be skipped.');
    process.exit(0);
  }
  console.log(`prepare-remotedev-peers: remotedev-server 0.3.1 + remote-redux-devtools 0.5.16 ready in ${path.relative(root, LEGACY_DIR)}`);
}
