// Helpers for the simulator tests (no `id`/`start`, so demo/server.mjs skips this module).
import WebSocket from 'ws';
import { createServer } from 'node:net';

/** Polls `cond` every 10 ms until it holds, or throws after `ms`. */
// 10 s: the simulators share two cores with builds and browsers when the whole suite runs.
export async function until(cond, ms = 10_000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** An EventSink that records what a dialect emits and the statuses it reports. */
export function recordingSink() {
  const events = [];
  const statuses = [];
  return { events, statuses, emit: (e) => events.push(e), status: (s) => statuses.push(s) };
}

/** Opens a raw socket recording text frames; rejects with the HTTP status of a refused upgrade. */
export function openRaw(url) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const got = [];
    ws.on('message', (d) => got.push(String(d)));
    ws.on('unexpected-response', (_req, res) => reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode })));
    ws.on('error', reject);
    ws.on('open', () => resolve({ ws, got }));
  });
}

/**
 * `n` distinct ports the system hands out (all held until every one is known), so tests that start servers never find
 * a port taken by another test file or by a second run of the tests in another checkout.
 */
export async function freePorts(n) {
  const servers = await Promise.all(
    Array.from({ length: n }, () => new Promise((resolve, reject) => {
      const s = createServer();
      s.once('error', reject);
      s.listen(0, '127.0.0.1', () => resolve(s));
    })),
  );
  const ports = servers.map((s) => s.address().port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}
