// Where the real Redux DevTools peers live. They are test peers, not the app's dependencies: each folder has its own
// package.json and package-lock.json (committed) and a node_modules (ignored) that `node scripts/prepare-test-peers.mjs`
// installs; `npm test` runs it first.
//   current/  @redux-devtools/cli 5 (SocketCluster 17+, protocol 2), with its sqlite3 5 binding built here
//   legacy/   remotedev-server 0.3.1 (SocketCluster 14, protocol 1) and the protocol-1 apps' libraries:
//             remote-redux-devtools 0.5.16 + redux 4, remotedev 0.2.9, mobx-remotedev 0.3.6 + mobx 5
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PEERS_ROOT = path.dirname(fileURLToPath(import.meta.url));
export const CURRENT_DIR = path.join(PEERS_ROOT, 'current');
export const LEGACY_DIR = path.join(PEERS_ROOT, 'legacy');

/** A `require` that resolves from one peer folder, so a test app loads that folder's libraries and nothing else. */
export const requireFrom = (dir) => createRequire(path.join(dir, 'package.json'));

/** Written by the prepare script once a folder's install and native builds are complete. */
export const READY_MARKER = path.join('node_modules', '.streamscope-peers-ready');
export const peersReady = (dir) => existsSync(path.join(dir, READY_MARKER));
