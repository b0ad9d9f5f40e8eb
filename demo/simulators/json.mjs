// A Tutum-like JSON event stream (see shared/protocols/tutum.md): services, containers, nodes, stacks and actions with
// parents, resource_uri and state, at a steady rate.
//   ws://host:8781/json?rate=20      the stream (rate in events/s, also --json-rate)
//   ws://host:8781/v1/events          the same, Tutum's path
//   POST http://host:8781/inject      sends the request body verbatim to every client as one frame (tests use it);
//                                     ?binary=1 sends it as a binary frame, ?repeat=N sends it N times
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { WebSocketServer } from 'ws';

export const id = 'json';
export const describe = 'Tutum-like JSON stream';
export const defaultPorts = { http: 8781 };

const pick = (a) => a[Math.floor(Math.random() * a.length)];
const uri = (type, uuid) => `/api/v1/${type}/${uuid}/`;

/** A small world whose objects go through believable lifecycles. */
export function createTutumWorld(random = Math.random) {
  const nodeclusters = [randomUUID(), randomUUID()];
  const nodes = Array.from({ length: 4 }, (_, i) => ({ uuid: randomUUID(), cluster: nodeclusters[i % 2] }));
  const stacks = [randomUUID(), randomUUID()];
  const services = [];
  const containers = [];
  const queue = [];

  const step = () => {
    if (queue.length) return queue.shift();
    const r = random();
    if (r < 0.25 || services.length === 0) {
      const svc = { uuid: randomUUID(), stack: pick(stacks) };
      services.push(svc);
      if (services.length > 12) services.shift();
      queue.push({ type: 'service', action: 'create', parents: [uri('stack', svc.stack)], resource_uri: uri('service', svc.uuid), state: 'Starting' });
      const n = 1 + Math.floor(random() * 3);
      for (let i = 0; i < n; i++) {
        const node = pick(nodes);
        const c = { uuid: randomUUID(), svc, node };
        containers.push(c);
        if (containers.length > 40) containers.shift();
        const parents = [uri('service', svc.uuid), uri('stack', svc.stack), uri('node', node.uuid), uri('nodecluster', node.cluster)];
        queue.push({ type: 'container', action: 'create', parents, resource_uri: uri('container', c.uuid), state: 'Starting' });
        queue.push({ type: 'container', action: 'update', parents, resource_uri: uri('container', c.uuid), state: 'Running' });
      }
      queue.push({ type: 'service', action: 'update', parents: [uri('stack', svc.stack)], resource_uri: uri('service', svc.uuid), state: 'Running' });
    } else if (r < 0.55) {
      const c = pick(containers);
      const parents = [uri('service', c.svc.uuid), uri('stack', c.svc.stack), uri('node', c.node.uuid), uri('nodecluster', c.node.cluster)];
      const action = randomUUID();
      queue.push({ type: 'action', action: 'create', parents: [uri('container', c.uuid)], resource_uri: uri('action', action), state: 'Pending' });
      queue.push({ type: 'container', action: 'update', parents, resource_uri: uri('container', c.uuid), state: 'Stopping' });
      queue.push({ type: 'action', action: 'update', parents: [uri('container', c.uuid)], resource_uri: uri('action', action), state: 'In progress' });
      queue.push({ type: 'container', action: 'update', parents, resource_uri: uri('container', c.uuid), state: 'Starting' });
      queue.push({ type: 'container', action: 'update', parents, resource_uri: uri('container', c.uuid), state: 'Running' });
      queue.push({ type: 'action', action: 'update', parents: [uri('container', c.uuid)], resource_uri: uri('action', action), state: random() < 0.9 ? 'Success' : 'Failed' });
    } else if (r < 0.75) {
      const n = pick(nodes);
      queue.push({ type: 'node', action: 'update', parents: [uri('nodecluster', n.cluster)], resource_uri: uri('node', n.uuid), state: pick(['Deployed', 'Unreachable', 'Deployed']) });
    } else if (r < 0.9) {
      const s = pick(stacks);
      queue.push({ type: 'stack', action: 'update', parents: [], resource_uri: uri('stack', s), state: pick(['Running', 'Partly running', 'Redeploying']) });
    } else {
      const svc = pick(services);
      queue.push({ type: 'service', action: 'update', parents: [uri('stack', svc.stack)], resource_uri: uri('service', svc.uuid), state: pick(['Scaling', 'Redeploying', 'Running']) });
    }
    return queue.shift();
  };
  return { next: step };
}

export async function start({ host = '127.0.0.1', ports = defaultPorts, args = {}, log = () => {} } = {}) {
  const defaultRate = Number(args['json-rate'] ?? 20);
  const clients = new Set();

  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    res.setHeader('Access-Control-Allow-Origin', '*');
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'POST, GET');
      res.setHeader('Access-Control-Allow-Headers', 'content-type');
      res.writeHead(204).end();
      return;
    }
    if (req.method === 'POST' && url.pathname === '/inject') {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const repeat = Math.max(1, Math.min(1_000_000, Number(url.searchParams.get('repeat') ?? 1)));
        const binary = url.searchParams.get('binary') === '1';
        const payload = binary ? body : body.toString('utf8');
        let sent = 0;
        for (const ws of clients) {
          for (let i = 0; i < repeat; i++) ws.send(payload, { binary });
          sent++;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ clients: sent, frames: sent * repeat }));
      });
      return;
    }
    if (url.pathname === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, clients: clients.size }));
      return;
    }
    res.writeHead(404).end('not found');
  });

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url, 'http://x');
    if (!['/json', '/v1/events', '/v1/events/'].includes(url.pathname)) {
      socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const rate = Math.max(0, Math.min(100_000, Number(url.searchParams.get('rate') ?? defaultRate)));
      const world = createTutumWorld();
      clients.add(ws);
      ws.send(JSON.stringify({ type: 'auth' }));
      let timer;
      if (rate > 0) {
        // Send in small bursts so high rates do not need sub-millisecond timers.
        const tickMs = Math.max(10, Math.round(1000 / rate));
        const perTick = Math.max(1, Math.round((rate * tickMs) / 1000));
        timer = setInterval(() => {
          if (ws.bufferedAmount > 4 * 1024 * 1024) return; // a slow client skips ticks rather than growing memory
          for (let i = 0; i < perTick; i++) ws.send(JSON.stringify(world.next()));
        }, tickMs);
      }
      ws.on('message', () => {
        // Tutum ignores inbound text; the monitor's sent frames are just shown on its side.
      });
      ws.on('close', () => {
        clearInterval(timer);
        clients.delete(ws);
      });
    });
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(ports.http, host, resolve);
  });
  log(`listening on ${host}:${ports.http}`);
  return {
    urls: { stream: `ws://${host}:${ports.http}/json`, inject: `http://${host}:${ports.http}/inject` },
    async close() {
      for (const ws of clients) ws.terminate();
      wss.close();
      const closed = new Promise((r) => server.close(r));
      server.closeAllConnections?.();
      await closed;
    },
  };
}
