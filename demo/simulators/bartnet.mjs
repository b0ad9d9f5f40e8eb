// Opsee bartnet streaming websocket simulator. REST and WS share one port, as in Jetty (core.clj: ring-jetty9-adapter
// `:websockets {"/stream" …}`); ws://host:port/stream, with or without a trailing slash. What it reproduces, per
// server generation, and where in opsee/bartnet each behaviour comes from:
// - Heartbeats (websocket.clj): {"command":"heartbeat"} every 10 s from connect, before auth too, never cancelled.
// - Gen B (660ee8a, 2015-06-15 → 2015-09-02; api.clj `authenticate/password`, auth.clj, websocket.clj):
//   POST /authenticate/password → 201, X-Auth-HMAC `<id>--<digest>` (SHA-1 of id ‖ secret, URL-safe base64 with
//   padding) and "token":"HMAC …". authenticate reads only lower-case `hmac`: right → ok; well-formed but wrong → no
//   reply (the if-and-let has no else); malformed (not <id>--<28 base64 chars>) → the decode throws and Jetty 9's
//   AbstractEventDriver.unhandled closes with 1011 and the exception's class name. A command before auth is echoed
//   with "state":"unauthenticated"; the June subscribe reply carries the server's own counter as in_reply_to.
// - Gen C (031e13a / 3e4519f, 2015-09-02 → 2015-11-05; auth.clj JWE, websocket.clj): authenticate reads only `token`
//   (an hmac gets bad-token), ok / bad-token / access-denied; no password endpoint (removed in 031e13a). subscribe
//   takes comma lists (split on ',', no trim), adds `<customer>.` and replies with every subscription. Any non-empty
//   unsubscribe_from crashes the handler ((stop! nil) → IllegalArgumentException): no reply, close 1011. A command
//   before auth is echoed with "state":"access-denied".
// - Gen D (6c4e0e1 → HEAD, nsq.clj, launch.clj): token only; subscribe ignored; every authenticated socket gets the
//   raw `_.launch` NSQ bodies (launch-bastion only, the 10 s launch heartbeat spelling `instance-id`) and nothing else;
//   each further successful authenticate replies ok and adds another subscription, so events arrive duplicated.
// - All generations (websocket.clj `on-text`, cheshire parse-string, no try/catch in ring-jetty9-adapter 0.8.1): a
//   text frame that is not JSON closes the socket with 1011 JsonParseException. A second authenticate on B/C gets no
//   reply. No generation publishes check_results. A launch ends with state ok and {"status":"success"}, after a
//   failed one too (launch.clj).
// - spec (websocket.md, never implemented): the envelope with id/version/sent and in_reply_to replies, `HMAC`.
//   --bartnet-gen c|b|d|spec     server generation (default c)
//   --bartnet-heartbeat-ms N     heartbeat period from connect (default 10000; 0 = none)
// Test control (in-process only, no endpoint): pauseHeartbeats() / resumeHeartbeats() on the returned handle stop
// and restart the heartbeats of every socket, as a real server stalled under load (its fixed-rate scheduler starved)
// goes quiet and then carries on; the sockets stay open.
//   --bartnet-event-ms N         scenario step period (default 2000)
// Demo credentials: token demo-token (ok), denied-token (access-denied); Gen B: email demo@opsee.co / password
// opsee-demo (login 1, customer cust1), and the HMAC for login 1 printed at start.
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

/** What Gen B's decode survives: an integer id, `--`, and 28 characters of URL-safe base64 with padding. */
const WELL_FORMED_HMAC = /^\d+--[A-Za-z0-9_-]{27}=$/;

/** cheshire's default java.util.Date format. */
const javaDate = (ms = Date.now()) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type, Authorization',
  'Access-Control-Expose-Headers': 'X-Auth-HMAC',
};

/**
 * The scenario: each step yields events {topic, state, instance, attributes, host, service, description}. A bastion
 * launch (launching with CloudFormation progress, then complete or failed, then ok with status success either way),
 * the bastion connecting, and discovery results throughout.
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
      else if (phase === 5) L('ok', { status: 'success' }); // launch.clj sends success even after a rollback
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
    // Only Gen B (and the spec's era) has the password login; 031e13a removed it.
    if (req.method === 'POST' && path === '/authenticate/password' && (gen === 'b' || gen === 'spec')) {
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
  let heartbeatsPaused = false;
  const send = (ws, obj) => {
    if (ws.readyState === 1) ws.send(JSON.stringify(obj));
  };

  wss.on('connection', (ws) => {
    const c = { ws, login: null, subs: new Set(), firehoses: 0 };
    clients.add(c);
    const hb = heartbeatMs > 0 ? setInterval(() => heartbeatsPaused || send(ws, { command: 'heartbeat' }), heartbeatMs) : undefined;
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
        // cheshire throws inside on-text; Jetty closes with the exception's simple class name.
        ws.close(1011, 'JsonParseException');
        return;
      }
      if (!msg || typeof msg !== 'object') return;
      const attrs = msg.attributes && typeof msg.attributes === 'object' ? msg.attributes : {};
      const specReply = (command, attributes, extra = {}) => ({ id: ++serverId, version: 1, command, sent: Date.now(), in_reply_to: msg.id, attributes, ...extra });

      if (msg.command === 'authenticate') {
        // A second authenticate: B and C stay silent; D replies ok and adds another subscription.
        if (c.login && (gen === 'b' || gen === 'c')) return;
        const token = typeof attrs.token === 'string' ? attrs.token : undefined;
        let outcome;
        if (gen === 'b') {
          const hmac = typeof attrs.hmac === 'string' ? attrs.hmac : undefined;
          if (hmac !== undefined && !WELL_FORMED_HMAC.test(hmac)) {
            ws.close(1011, 'IllegalArgumentException');
            return;
          }
          outcome = hmac === goodHmac ? 'ok' : 'silent';
        } else if (gen === 'spec') {
          const hmac = typeof attrs.HMAC === 'string' ? attrs.HMAC : typeof attrs.hmac === 'string' ? attrs.hmac : undefined;
          outcome = hmac === goodHmac || token === DEMO.token ? 'ok' : 'bad-token';
        } else outcome = token === DEMO.token ? 'ok' : token === DEMO.deniedToken ? 'access-denied' : 'bad-token';
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
        if (gen === 'c' && typeof attrs.unsubscribe_from === 'string' && attrs.unsubscribe_from !== '') {
          // (stop! nil) on a string-keyed map: the handler throws before it replies.
          ws.close(1011, 'IllegalArgumentException');
          return;
        }
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
        // Gen D consumes only `_.launch`: launch-bastion frames and nothing else.
        if (gen === 'd') {
          if (e.topic === 'launch-bastion') for (let i = 0; i < c.firehoses; i++) send(c.ws, frame);
        }
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
  log(gen === 'b' || gen === 'spec' ? `generation ${gen}; login ${DEMO.email} / ${DEMO.password}; HMAC ${goodHmac}` : `generation ${gen}; token ${DEMO.token}`);

  return {
    urls: { stream: `ws://${host}:${api.address().port}/stream`, login: `http://${host}:${api.address().port}/authenticate/password` },
    pauseHeartbeats() {
      heartbeatsPaused = true;
    },
    resumeHeartbeats() {
      heartbeatsPaused = false;
    },
    async close() {
      clearInterval(timer);
      for (const c of clients) c.ws.terminate();
      const done = new Promise((r) => api.close(r));
      api.closeAllConnections();
      await done;
    },
  };
}
