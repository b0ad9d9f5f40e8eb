// The benchmark's stream and file server, on loopback only. One port serves:
//   /bare.html               the bare page (bench/bare.html)
//   /app/…                   the built app (dist/)
//   ws://…/stream            the firehose: every connected client gets each burst
//   /burst?count=N&rate=R    starts a burst of N events (R events/s, 0 = as fast as backpressure allows)
//   /status                  JSON: clients, the current burst's progress, the last event's seq and send time
// Events are ~200-byte JSON objects, one per frame, each carrying its `seq` and the time it was sent (`sent`).
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { WebSocketServer } from 'ws';

const TYPES = ['container', 'service', 'node', 'stack', 'action'];
const ACTIONS = ['update', 'create', 'delete'];
const STATES = ['Running', 'Stopped', 'Starting', 'Redeploying'];
/** Bytes of socket buffer allowed before waiting for 'drain': enough that the page never starves, small enough to keep latency honest. */
const HIGH_WATER = 256 * 1024;

const hex8 = (n) => (n >>> 0).toString(16).padStart(8, '0');

/** One event of about 200 bytes. Cheap to build: the server must out-run the browser on the same two cores. */
export function makeEvent(seq, now = Date.now()) {
  const type = TYPES[seq % 5];
  const h = Math.imul(seq, 2654435761);
  return (
    `{"type":"${type}","action":"${ACTIONS[seq % 3]}","resource_uri":"/api/v1/${type}/${hex8(h)}/","state":"${STATES[seq % 4]}",` +
    `"seq":${seq},"sent":${now},"metric":${(h >>> 20) / 4096},"parents":["/api/v1/stack/${hex8(h ^ 0x5bd1e995)}/"],"node":"node-${seq % 16}"}`
  );
}

const MIME = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.map': 'application/json' };

export async function startFirehose({ host = '127.0.0.1', port = 0, appDir, benchDir }) {
  const clients = new Set();
  let seq = 0;
  let burst = null; // { count, rate, sent, startedAt, finishedAt, firstSeq, lastSeq, lastSentAt }

  async function serveFile(res, root, rel) {
    const file = path.resolve(root, '.' + path.posix.normalize('/' + rel));
    if (!file.startsWith(path.resolve(root))) return res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  }

  function json(res, value) {
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(value));
  }

  function runBurst(count, rate) {
    const b = { count, rate, sent: 0, startedAt: Date.now(), finishedAt: 0, firstSeq: seq + 1, lastSeq: seq, lastSentAt: 0 };
    burst = b;
    const start = performance.now();
    const pump = () => {
      if (burst !== b) return; // superseded
      let budget = 2000; // yield now and then so /status stays answerable
      while (b.sent < b.count) {
        if (clients.size === 0) return setTimeout(pump, 20);
        if (rate > 0 && b.sent >= Math.floor(((performance.now() - start) * rate) / 1000)) return setTimeout(pump, 1);
        for (const ws of clients) {
          if (ws.bufferedAmount > HIGH_WATER) {
            const sock = ws._socket;
            if (sock && !sock.destroyed) sock.once('drain', pump);
            else setTimeout(pump, 5);
            return;
          }
        }
        if (--budget === 0) return setImmediate(pump);
        const now = Date.now();
        const frame = makeEvent(++seq, now);
        for (const ws of clients) ws.send(frame);
        b.sent++;
        b.lastSeq = seq;
        b.lastSentAt = now;
      }
      b.finishedAt = Date.now();
    };
    pump();
    return b;
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/burst') {
      const b = runBurst(Number(url.searchParams.get('count') ?? 1000), Number(url.searchParams.get('rate') ?? 0));
      return json(res, { firstSeq: b.firstSeq, count: b.count });
    }
    if (url.pathname === '/status') return json(res, { clients: clients.size, seq, burst });
    if (url.pathname === '/bare.html') return serveFile(res, benchDir, 'bare.html');
    if (url.pathname.startsWith('/app/')) {
      const rel = url.pathname.slice('/app/'.length) || 'index.html';
      return serveFile(res, appDir, rel);
    }
    res.writeHead(404).end('not found');
  });
  const wss = new WebSocketServer({ server, path: '/stream', perMessageDeflate: false });
  wss.on('connection', (ws) => {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    ws.on('error', () => clients.delete(ws));
  });
  await new Promise((resolve) => server.listen(port, host, resolve));
  const { port: actual } = server.address();
  return {
    port: actual,
    origin: `http://${host}:${actual}`,
    wsUrl: `ws://${host}:${actual}/stream`,
    status: () => ({ clients: clients.size, seq, burst }),
    burst: runBurst,
    async close() {
      burst = null;
      for (const ws of clients) ws.terminate();
      wss.close();
      await new Promise((r) => server.close(r));
    },
  };
}
