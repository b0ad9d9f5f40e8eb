// Opsee bartnet streaming websocket simulator, faithful to the server source (see shared/protocols/bartnet.md).
// REST and WS share one port, as in Jetty: POST /authenticate/password issues the HMAC, ws://host:port/stream
// (with or without a trailing slash) carries heartbeats, authenticate/subscribe and topic events.
//   --bartnet-gen c|b|d|spec     server generation (default c: token, ok/bad-token/access-denied, subscribe with
//                                comma lists and a `subscriptions` reply, 6-key event frames). b: lower-case hmac only,
//                                silent failure. d: subscribe ignored, raw NSQ launch messages. spec: websocket.md
//                                envelope with in_reply_to.
//   --bartnet-heartbeat-ms N     heartbeat period from connect (default 10000; 0 = none)
//   --bartnet-event-ms N         scenario step period (default 2000)
// Demo credentials: email demo@opsee.co / password opsee-demo (login 1, customer cust1); token demo-token
// (ok), denied-token (access-denied); the HMAC for login 1 is printed at start.
import http from 'node:http';
import { once } from 'node:events';
import { createHash } from 'node:crypto';
import { WebSocketServer } from 'ws';

export const id = 'bartnet';
export const describe = 'Opsee bartnet (POST /authenticate/password + /stream websocket)';
export const defaultPorts = { http: 8080 };

export const DEMO = {
  email: 'demo@opsee.co',
  password: 'opsee-demo',
  token: 'demo-token',
  deniedToken: 'denied-token',
  secret: 'bartnet-demo-secret',
};

const LOGIN = {
  id: 1,
  email: DEMO.email,
  customer_id: 'cust1',
  name: 'Demo User',
  admin: false,
  active: true,
  verified: true,
  created_at: '2015-06-01T09:00:00Z',
  updated_at: '2015-09-02T10:00:00Z',
};

/** `<id>--<digest>`: URL-safe base64 (with padding) of SHA-1(str(id) ‖ secret); a plain digest, not RFC 2104. */
export function hmacFor(loginId, secret = DEMO.secret) {
  const digest = createHash('sha1').update(String(loginId) + secret).digest('base64').replace(/\+/g, '-').replace(/\//g, '_');
  return `${loginId}--${digest}`;
}

/** cheshire's default java.util.Date format. */
const javaDate = (ms = Date.now()) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type, Authorization',
  'Access-Control-Expose-Headers': 'X-Auth-HMAC',
};

/**
 * The scenario: each step yields events {topic, state, instance, attributes, host, service, description, metric, ttl,
 * tags}. A bastion launch (launching with CloudFormation progress, then complete or failed, then ok), the bastion
 * connecting, and discovery and check results throughout.
 */
export function createScenario() {
  let step = 0;
  let launch = 0;
  let bastion = 'b-00000000';
  const groups = [
    { id: 'sg-1a2b3c4d', name: 'web', hosts: ['ec2-54-0-0-11.compute-1.amazonaws.com', 'ec2-54-0-0-12.compute-1.amazonaws.com'] },
    { id: 'sg-5e6f7a8b', name: 'api', hosts: ['ec2-54-0-0-21.compute-1.amazonaws.com'] },
    { id: 'sg-9c0d1e2f', name: 'db', hosts: ['ec2-54-0-0-31.compute-1.amazonaws.com'] },
  ];
  const cf = (type, status, logical) => ({ ResourceType: type, ResourceStatus: status, LogicalResourceId: logical });
  return {
    next() {
      const out = [];
      const phase = step % 8;
      if (phase === 0) {
        launch++;
        bastion = `b-${(0x5f3a0000 + launch).toString(16)}`;
      }
      const fails = launch % 4 === 0;
      const stack = `opsee-bastion-${bastion}`;
      const L = (state, attributes, extra = {}) => out.push({ topic: 'launch-bastion', state, instance: bastion, attributes, ...extra });
      if (phase === 0) L('launching', cf('AWS::CloudFormation::Stack', 'CREATE_IN_PROGRESS', stack));
      else if (phase === 1) L('launching', cf('AWS::EC2::SecurityGroup', 'CREATE_IN_PROGRESS', 'BastionSecurityGroup'));
      else if (phase === 2) L('launching', cf('AWS::EC2::SecurityGroup', 'CREATE_COMPLETE', 'BastionSecurityGroup'), { launchHeartbeat: true });
      else if (phase === 3) L('launching', cf('AWS::EC2::Instance', fails ? 'CREATE_FAILED' : 'CREATE_IN_PROGRESS', 'BastionInstance'));
      else if (phase === 4) L(fails ? 'failed' : 'complete', cf('AWS::CloudFormation::Stack', fails ? 'ROLLBACK_COMPLETE' : 'CREATE_COMPLETE', stack));
      else if (phase === 5) L('ok', { status: fails ? 'failure' : 'success' });
      else if (phase === 6 && !fails) out.push({ topic: 'connected', state: 'connected', instance: bastion, attributes: { bastion_id: bastion, ip: `10.0.${launch % 250}.10` }, description: 'bastion connected' });
      const g = groups[step % groups.length];
      out.push({
        topic: 'discovery',
        state: 'ok',
        instance: bastion,
        service: g.id,
        attributes: { group_id: g.id, group_name: g.name, instances: String(g.hosts.length) },
        description: `security group ${g.name}: ${g.hosts.length} instance${g.hosts.length === 1 ? '' : 's'}`,
      });
      const host = g.hosts[step % g.hosts.length];
      const down = step % 7 === 6;
      out.push({
        topic: 'check_results',
        state: down ? 'down' : 'up',
        instance: bastion,
        host,
        service: g.id,
        metric: down ? 0 : Math.round((20 + ((step * 37) % 180)) * 10) / 10,
        ttl: 30,
        tags: [g.name, 'prod'],
        description: down ? 'connection refused on :80' : 'HTTP 200',
        attributes: { check: `http-${g.name}`, port: '80' },
      });
      step++;
      return out;
    },
  };
}

export async function start({ host = '127.0.0.1', ports = defaultPorts, args = {}, log = () => {} } = {}) {
  const gen = ['b', 'c', 'd', 'spec'].includes(String(args['bartnet-gen'] ?? 'c').toLowerCase()) ? String(args['bartnet-gen'] ?? 'c').toLowerCase() : 'c';
  const heartbeatMs = Number(args['bartnet-heartbeat-ms'] ?? 10_000);
  const eventMs = Math.max(20, Number(args['bartnet-event-ms'] ?? 2000) || 2000);
  const goodHmac = hmacFor(LOGIN.id);
  let serverId = 1000;

  const api = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS).end();
      return;
    }
    if (req.method === 'POST' && path === '/authenticate/password') {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        let creds = {};
        try {
          creds = JSON.parse(body || '{}');
        } catch {
          creds = {};
        }
        if (creds.email !== DEMO.email || creds.password !== DEMO.password) {
          res.writeHead(401, { ...CORS, 'Content-Type': 'application/json' }).end(JSON.stringify({ error: 'unauthorized' }));
          return;
        }
        res
          .writeHead(201, { ...CORS, 'Content-Type': 'application/json', 'X-Auth-HMAC': goodHmac })
          .end(JSON.stringify({ ...LOGIN, token: `HMAC ${goodHmac}` }));
      });
      return;
    }
    res.writeHead(404, { ...CORS, 'Content-Type': 'application/json' }).end(JSON.stringify({ error: 'not found' }));
  });

  const wss = new WebSocketServer({ noServer: true });
  api.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/stream' && path !== '/stream/') {
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  const clients = new Set();
  const send = (ws, obj) => {
    if (ws.readyState === 1) ws.send(JSON.stringify(obj));
  };

  wss.on('connection', (ws) => {
    const c = { ws, login: null, subs: new Set(), firehoses: 0 };
    clients.add(c);
    const hb = heartbeatMs > 0 ? setInterval(() => send(ws, { command: 'heartbeat' }), heartbeatMs) : undefined;
    ws.on('close', () => {
      clearInterval(hb);
      clients.delete(c);
    });
    ws.on('error', () => {});
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      let msg;
      try {
        msg = JSON.parse(data.toString());
      } catch {
        log('ignored a frame that is not JSON');
        return;
      }
      if (!msg || typeof msg !== 'object') return;
      const attrs = msg.attributes && typeof msg.attributes === 'object' ? msg.attributes : {};
      const specReply = (command, attributes, extra = {}) => ({ id: ++serverId, version: 1, command, sent: Date.now(), in_reply_to: msg.id, attributes, ...extra });

      if (msg.command === 'authenticate') {
        const token = typeof attrs.token === 'string' ? attrs.token : undefined;
        const hmac = typeof attrs.hmac === 'string' ? attrs.hmac : gen === 'spec' && typeof attrs.HMAC === 'string' ? attrs.HMAC : undefined;
        let outcome;
        if (gen === 'b') outcome = hmac === goodHmac ? 'ok' : 'silent';
        else if (token !== undefined && gen !== 'b') outcome = token === DEMO.token ? 'ok' : token === DEMO.deniedToken ? 'access-denied' : 'bad-token';
        else if (hmac !== undefined && gen !== 'd') outcome = hmac === goodHmac ? 'ok' : 'bad-token';
        else outcome = 'bad-token';
        if (outcome === 'silent') return; // Gen B's if-and-let has no else branch
        if (outcome === 'ok') {
          c.login = LOGIN;
          if (gen === 'd') c.firehoses++; // every extra authenticate adds another subscription
        }
        if (gen === 'spec') send(ws, outcome === 'ok' ? specReply('authenticate', { authenticated: LOGIN.customer_id }) : specReply('authenticate', {}, { state: outcome }));
        else if (outcome === 'ok') send(ws, { command: 'authenticate', state: 'ok', attributes: { ...LOGIN } });
        else send(ws, { command: 'authenticate', state: outcome });
        return;
      }
      if (!c.login) {
        // Before auth: B echoes with unauthenticated, C with access-denied, D ignores.
        if (gen === 'b') send(ws, { ...msg, state: 'unauthenticated' });
        else if (gen === 'c') send(ws, { ...msg, state: 'access-denied' });
        else if (gen === 'spec') send(ws, specReply(String(msg.command), {}, { state: 'unauthenticated' }));
        return;
      }
      if (msg.command === 'subscribe' && gen !== 'd') {
        const prefix = `${c.login.customer_id}.`;
        const split = (v) => (typeof v === 'string' ? v.split(',').filter((t) => t !== '') : []);
        for (const t of split(attrs.subscribe_to)) c.subs.add(prefix + t);
        for (const t of split(attrs.unsubscribe_from)) c.subs.delete(prefix + t);
        const list = [...c.subs].join(',');
        if (gen === 'spec') send(ws, specReply('subscribe', { subscribed_to: [...c.subs].map((t) => t.slice(prefix.length)).join(',') }));
        else {
          const reply = { command: 'subscribe', sent: javaDate(), attributes: { subscriptions: list }, state: 'ok', instance_id: null, service: 'subscribe' };
          // The June 2015 build put its own counter in in_reply_to, not the client's id.
          send(ws, gen === 'b' ? { ...reply, in_reply_to: ++serverId } : reply);
        }
      }
      // Anything else after auth is republished internally: no reply.
    });
  });

  const frameFor = (e) => {
    if (gen === 'd') {
      if (e.launchHeartbeat) return { command: e.topic, customer_id: LOGIN.customer_id, 'instance-id': e.instance, state: e.state };
      return { command: e.topic, customer_id: LOGIN.customer_id, instance_id: e.instance, state: e.state, attributes: e.attributes };
    }
    if (gen === 'spec') {
      return {
        id: ++serverId,
        version: 1,
        command: e.topic,
        sent: Date.now(),
        attributes: e.attributes ?? {},
        customer_id: LOGIN.customer_id,
        instance_id: e.instance ?? null,
        host: e.host ?? null,
        service: e.service ?? e.topic,
        state: e.state,
        time: Date.now(),
        description: e.description ?? '',
        tags: e.tags ?? [],
        metric: e.metric ?? 0,
        ttl: e.ttl ?? 0,
      };
    }
    return { command: e.topic, sent: javaDate(), attributes: e.attributes ?? {}, state: e.state, instance_id: e.instance ?? null, service: e.topic };
  };

  const scenario = createScenario();
  const timer = setInterval(() => {
    for (const e of scenario.next()) {
      const frame = frameFor(e);
      const full = `${LOGIN.customer_id}.${e.topic}`;
      for (const c of clients) {
        if (!c.login) continue;
        if (gen === 'd') for (let i = 0; i < c.firehoses; i++) send(c.ws, frame);
        else if (c.subs.has(full)) send(c.ws, frame);
      }
    }
  }, eventMs);

  try {
    await once(api.listen(ports.http, host), 'listening');
  } catch (err) {
    clearInterval(timer);
    throw err;
  }
  log(`generation ${gen}; login ${DEMO.email} / ${DEMO.password}; token ${DEMO.token}; HMAC ${goodHmac}`);

  return {
    urls: { stream: `ws://${host}:${api.address().port}/stream`, login: `http://${host}:${api.address().port}/authenticate/password` },
    async close() {
      clearInterval(timer);
      for (const c of clients) c.ws.terminate();
      const done = new Promise((r) => api.close(r));
      api.closeAllConnections();
      await done;
    },
  };
}
