#!/usr/bin/env node
/* global require, process, console, setInterval */
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose: SocketCluster 14 reads require.main */
// Starts remotedev-server 0.3.1 (SocketCluster 14, protocol 1) from the folder `scripts/prepare-test-peers.mjs`
// installs it into (test-peers/legacy), on 127.0.0.1 (0.3.1 honours its hostname option). CommonJS because SocketCluster 14
// reads require.main. Usage: node remotedev-legacy-server.cjs --dir <legacy peers dir> --port 28400
const path = require('node:path');
const { createRequire } = require('node:module');

const args = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const req = createRequire(path.join(path.resolve(arg('dir', '.')), 'package.json'));
const port = Number(arg('port', 8000));

req('remotedev-server')({ hostname: '127.0.0.1', port, logLevel: 1 }).then((sc) => {
  if (sc.portAlreadyUsed) {
    console.error(`remotedev-legacy-server: port ${port} is already in use`);
    process.exit(2);
  }
  sc.on('ready', () => console.log(`remotedev-legacy-server ready ws://127.0.0.1:${port}/socketcluster/`));
  // SocketCluster 14's workers and brokers exit when this master does.
  const stop = () => {
    try {
      sc.killWorkers?.();
      sc.killBrokers?.();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && stop(), 500).unref();
});
