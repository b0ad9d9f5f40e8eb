#!/usr/bin/env node
/* global process, console, setInterval */
// Starts the real @redux-devtools/cli 5 server on 127.0.0.1 only. The cli calls `httpServer.listen(port)`, which
// listens on every interface, and its --hostname flag only builds the --open URL (the cli's src/index.ts), so this wrapper
// pins http servers to loopback before the cli creates its own. Usage: node remotedev-cli.mjs --port 28000
import http from 'node:http';
import { pathToFileURL } from 'node:url';
import { CURRENT_DIR, requireFrom } from '../../test-peers/paths.mjs';

const args = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const port = Number(arg('port', 8000));
const host = '127.0.0.1';

const listen = http.Server.prototype.listen;
http.Server.prototype.listen = function (...a) {
  // listen(port[, cb]) -> listen(port, '127.0.0.1'[, cb]); calls that already name a host are left alone.
  if (typeof a[0] === 'number' && typeof a[1] !== 'string') return listen.call(this, a[0], host, ...a.slice(1));
  if (a[0] && typeof a[0] === 'object' && !a[0].host) return listen.call(this, { ...a[0], host }, ...a.slice(1));
  return listen.apply(this, a);
};

// The cli is a test peer in test-peers/current (scripts/prepare-test-peers.mjs), not a dependency of the app.
const { default: startServer } = await import(pathToFileURL(requireFrom(CURRENT_DIR).resolve('@redux-devtools/cli')).href);
const r = await startServer({ port, hostname: host, logLevel: 1 });
if (r.portAlreadyUsed) {
  console.error(`remotedev-cli: port ${port} is already in use`);
  process.exit(2);
}
await r.ready;
console.log(`remotedev-cli ready ws://${host}:${port}/socketcluster/`);
const stop = () => process.exit(0);
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// Die with the test runner: a killed Playwright worker must not leave servers holding the test ports.
const parent = process.ppid;
setInterval(() => process.ppid !== parent && stop(), 500).unref();
