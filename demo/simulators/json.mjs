// A Tutum-like JSON event stream (see shared/protocols/tutum.md): services, containers, nodes, stacks and actions with
// parents, resource_uri and state, at a steady rate.
//   ws://host:8781/json?rate=20      the stream (rate in events/s, also --json-rate)
//   ws://host:8781/v1/events          the same, Tutum's path
//   POST http://host:8781/inject      sends the request body verbatim to every client as one frame (tests use it);
//                                     ?binary=1 sends it as a binary frame, ?repeat=N sends it N times
// Tutum server conventions (shared/protocols/tutum.md) on the real paths; /json stays open to everyone:
//   /v1/events[/]?user=demo&token=demo-apikey   or ?auth=ApiKey%20demo:demo-apikey, or the header
//                                     Authorization: Basic base64(demo:demo-apikey). Good credentials get {"type":"auth"}
//                                     first; bad or missing ones get {"type":"error","data":{"errorMessage":"UNAUTHORIZED"}}
//                                     (python-tutum tutum/api/events.py `on_message` matches exactly that). What the
//                                     real server did next is not known: by default the simulator then closes with
//                                     1008, an assumption; --json-unauthorized-close=false keeps the socket open.
//   /api/audit/v1/[namespace/]events[/]   Docker Cloud: bad credentials are refused with HTTP 401 at the handshake;
//                                     events carry uuid + datetime and namespaced URIs; ?type=, ?object=, ?parents=
//                                     (comma-separated) filter the stream.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { WebSocketServer } from 'ws';

export const id = 'json';
export const describe = 'Tutum-like JSON stream';
export const defaultPorts = { http: 8781 };

export const TUTUM_DEMO = { user: 'demo', apikey: 'demo-apikey' };

/** Which credentials a handshake carries, checked against the demo account; undefined when none are given. */
export function tutumCredentialsOk(url, headers) {
  const q = url.searchParams;
  const good = (user, key) => user === TUTUM_DEMO.user && key === TUTUM_DEMO.apikey;
  const fromAuthValue = (v) => {
    const m = /^(ApiKey|Basic)\s+(.+)$/i.exec(v.trim());
    if (!m) return false;
    const pair = m[1].toLowerCase() === 'basic' ? Buffer.from(m[2], 'base64').toString('utf8') : m[2];
    const i = pair.indexOf(':');
    return i > 0 && good(pair.slice(0, i), pair.slice(i + 1));
  };
  if (q.has('user') || q.has('token')) return good(q.get('user'), q.get('token'));
  if (q.has('auth')) return fromAuthValue(q.get('auth'));
  if (headers.authorization) return fromAuthValue(headers.authorization);
  return undefined;
}

const DOCKER_CLOUD_PATH = /^\/api\/audit\/v1\/(?:([^/]+)\/)?events\/?$/;

/** Docker Cloud's event shape: namespaced URIs plus uuid and datetime. */
function dockerCloudEvent(e, ns) {
  const nsUri = (u) => u.replace(/^\/api\/v1\//, `/api/app/v1/${ns}/`);
  return { ...e, parents: e.parents.map(nsUri), resource_uri: nsUri(e.resource_uri), uuid: randomUUID(), datetime: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') };
}

/** Docker Cloud's query filters: type, object (a resource_uri) and parents (any of a comma-separated list). */
function matchesFilters(e, q) {
  if (q.get('type') && e.type !== q.get('type')) return false;
  if (q.get('object') && e.resource_uri !== q.get('object')) return false;
  const parents = (q.get('parents') ?? q.get('parent') ?? '').split(',').filter(Boolean);
  return !parents.length || parents.some((p) => e.parents.includes(p));
}

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
  const closeUnauthorized = !['false', '0', 'no'].includes(String(args['json-unauthorized-close'] ?? 'true'));
  const clients = new Set();
  const refused = new Set();

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
    const cloud = DOCKER_CLOUD_PATH.exec(url.pathname);
    const tutum = url.pathname === '/v1/events' || url.pathname === '/v1/events/';
    if (url.pathname !== '/json' && !tutum && !cloud) {
      socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
      return;
    }
    const authorized = url.pathname === '/json' || tutumCredentialsOk(url, req.headers) === true;
    if (cloud && !authorized) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: 27\r\nConnection: close\r\n\r\n{"detail":"Unauthorized."}\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (!authorized) {
        // Tutum answers bad credentials after the upgrade, then the connection ends.
        ws.send(JSON.stringify({ type: 'error', data: { errorMessage: 'UNAUTHORIZED' } }));
        if (closeUnauthorized) ws.close(1008, 'UNAUTHORIZED');
        else {
          // Left open and silent (no events, no injected frames); closed only when the simulator stops.
          refused.add(ws);
          ws.on('close', () => refused.delete(ws));
        }
        return;
      }
      const rate = Math.max(0, Math.min(100_000, Number(url.searchParams.get('rate') ?? defaultRate)));
      const tutumWorld = createTutumWorld();
      const ns = cloud?.[1] ?? TUTUM_DEMO.user;
      // Docker Cloud filters the stream server-side; a filter that matches little must not spin forever.
      const world = cloud
        ? {
            next: () => {
              for (let i = 0; i < 200; i++) {
                const e = tutumWorld.next();
                if (matchesFilters(e, url.searchParams)) return dockerCloudEvent(e, ns);
              }
              return undefined;
            },
          }
        : tutumWorld;
      clients.add(ws);
      ws.send(JSON.stringify({ type: 'auth' }));
      let timer;
      if (rate > 0) {
        // Send in small bursts so high rates do not need sub-millisecond timers.
        const tickMs = Math.max(10, Math.round(1000 / rate));
        const perTick = Math.max(1, Math.round((rate * tickMs) / 1000));
        timer = setInterval(() => {
          if (ws.bufferedAmount > 4 * 1024 * 1024) return; // a slow client skips ticks rather than growing memory
          for (let i = 0; i < perTick; i++) {
            const e = world.next();
            if (e) ws.send(JSON.stringify(e));
          }
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
    urls: { stream: `ws://${host}:${server.address().port}/json`, inject: `http://${host}:${server.address().port}/inject` },
    async close() {
      for (const ws of [...clients, ...refused]) ws.terminate();
      wss.close();
      const closed = new Promise((r) => server.close(r));
      server.closeAllConnections?.();
      await closed;
    },
  };
}
