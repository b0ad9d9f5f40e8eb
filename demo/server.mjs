#!/usr/bin/env node
// The demo stream server: starts every simulator in demo/simulators/ on loopback. Each simulator module exports
//   id: string, describe: string, defaultPorts: Record<string, number>,
//   start({ host, ports, args, log }): Promise<{ close(): Promise<void>, urls: Record<string,string> }>
// so adding a dialect's simulator is one new file. `--port-offset N` shifts every port (the e2e tests use 20000),
// `--only a,b` starts a subset, and any `--name=value` flag is passed to the simulators as args.
import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));

export function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) continue;
    const eq = a.indexOf('=');
    if (eq > 0) args[a.slice(2, eq)] = a.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) args[a.slice(2)] = argv[++i];
    else args[a.slice(2)] = true;
  }
  return args;
}

export async function loadSimulators() {
  const dir = path.join(here, 'simulators');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.mjs') && !f.includes('.test.')).sort();
  const mods = [];
  for (const f of files) mods.push(await import(pathToFileURL(path.join(dir, f)).href));
  return mods.filter((m) => m.id && m.start);
}

export async function startDemo({ host = '127.0.0.1', portOffset = 0, only, args = {}, log = console.log } = {}) {
  const sims = (await loadSimulators()).filter((m) => !only || only.includes(m.id));
  const running = [];
  for (const sim of sims) {
    const ports = Object.fromEntries(Object.entries(sim.defaultPorts).map(([k, p]) => [k, p + portOffset]));
    const r = await sim.start({ host, ports, args, log: (...m) => log(`[${sim.id}]`, ...m) });
    running.push({ id: sim.id, ...r });
    log(`[${sim.id}] ${sim.describe}: ${Object.values(r.urls).join('  ')}`);
  }
  return {
    running,
    async close() {
      await Promise.all(running.map((r) => r.close()));
    },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = parseArgs(process.argv.slice(2));
  const demo = await startDemo({
    host: '127.0.0.1', // loopback only: the demo has no auth worth the name
    portOffset: Number(args['port-offset'] ?? 0),
    only: typeof args.only === 'string' ? args.only.split(',') : undefined,
    args,
  });
  const stop = async () => {
    await demo.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
