// A Digital Rebar Provision event websocket. What it reproduces, and where in the real v3 server (dr-provision
// frontend/ and its pinned olahol/melody) each behaviour comes from:
// - /api/v3/ws with auth before the upgrade (frontend/frontend.go `userAuth`): an Authorization header (Basic or
//   Bearer) or the lower-case `token` query parameter (gin `c.Query` is case-sensitive); a value with a colon is
//   user:password. 401 + `WWW-Authenticate: dr-provision` without credentials, 403 when they are wrong.
// - Commands (frontend/websocket.go `websocketHandler`): text frames only, trimmed and split at the first space; only
//   `register`/`deregister`; anything else is ignored without a reply; every command is answered with a `websocket`
//   Event written straight to the session; deregister removes the exact same string.
// - Matching (frontend/websocket.go `wsFilterFunction`): SplitN(filter, ".", 3), each field `*` or exact, the key takes
//   the rest; OR across a session's filters, each event sent once; no events before the first register.
// - A filter with fewer than two dots: the real hub indexes the missing third field and panics, unrecovered, on the
//   next published event, so the whole process exits. `--drp-fatal-filters` reproduces that (every socket dropped
//   without a close frame, 1006, then connections refused until the simulator is started again); without the flag
//   such a filter simply never matches, a stand-in that keeps the demo up.
// - melody (config.go, session.go, hub.go): 512-byte MaxMessageSize (a larger frame closes the socket, 1009), a
//   256-message outbound buffer per session (events dropped silently when full), a ping every 54 s and a drop
//   without close frame after 60 s without pong.
// - Events (models/event.go `Event`, no json tags): Capitalised keys, always present, null Object/Original.
// - `POST /api/v3/events` (frontend/events.go): needs a JSON content type (400 otherwise), re-publishes the Event as
//   sent with Principal set to the poster, keeps Time as sent, and an Event without Time carries Go's zero time.
// - `GET /` redirects (301) to /ui/, which redirects to https://portal.rackn.io (frontend/frontend.go, the UX routes).
// - `--drp-tls` serves https/wss with a freshly generated self-signed certificate, TLS-only like the real API port
//   (`ListenAndServeTLS`): a plain-HTTP request there gets Go net/http's "400 Bad Request" ("Client sent an HTTP
//   request to an HTTPS server"), written without headers. Plain ws by default, for the demo.
//
// Args (all optional): --drp-tls, --drp-fatal-filters, --drp-rate <events/s, 0 = none> (5), --drp-seed <n>,
// --drp-ping-ms (54000), --drp-pong-wait-ms (60000), --drp-user / --drp-password (rocketskates / r0cketsk8ts),
// --drp-token (a valid bearer token), --drp-machines (6).
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import crypto from 'node:crypto';
import { WebSocketServer } from 'ws';

export const id = 'drp';
export const describe = 'Digital Rebar Provision events (/api/v3/ws; token=rocketskates:r0cketsk8ts; POST /api/v3/events)';
export const defaultPorts = { ws: 8092 };

const MAX_MESSAGE = 512; // melody MaxMessageSize
const OUTBOUND_LIMIT = 256; // melody MessageBufferSize: further events are dropped silently
/** Go's time.Time zero value as encoding/json writes it. */
export const GO_ZERO_TIME = '0001-01-01T00:00:00Z';
/** What Go's net/http writes, without headers, when plain HTTP reaches a TLS listener. */
export const GO_PLAIN_HTTP_ON_TLS = 'HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n';

// ---------------------------------------------------------------------------------------------------------------
// Protocol pieces (exported for tests)

/** Go's time.RFC3339Nano: nanoseconds with trailing zeros trimmed. JS has milliseconds; the rest comes from hrtime. */
let lastNs = 0n;
export function rfc3339Nano(ms) {
  let ns;
  if (ms === undefined) {
    // strictly increasing, like the server's clock as seen through one hub
    ns = BigInt(Date.now()) * 1000000n + (process.hrtime.bigint() % 1000000n);
    if (ns <= lastNs) ns = lastNs + 1n;
    lastNs = ns;
  } else ns = BigInt(Math.round(ms)) * 1000000n;
  const iso = new Date(Number(ns / 1000000n)).toISOString(); // 2026-11-23T18:00:00.123Z
  const frac = String(ns % 1000000000n).padStart(9, '0').replace(/0+$/, '');
  return iso.slice(0, 19) + (frac ? '.' + frac : '') + 'Z';
}

export function makeEvent(Type, Action, Key, Object = null, Original = null, Principal = '') {
  return { Time: rfc3339Nano(), Type, Action, Key, Principal, Object, Original };
}

/** Whether the v3 wsFilterFunction would index past the end of SplitN(filter, ".", 3): fewer than two dots. */
export const isFatalFilter = (filter) => filter.split('.').length < 3;

/** v3 wsFilterFunction: SplitN(filter, ".", 3); a fatal filter never matches here (see --drp-fatal-filters). */
export function filterMatches(filter, e) {
  const a = filter.indexOf('.');
  const b = a < 0 ? -1 : filter.indexOf('.', a + 1);
  if (b < 0) return false;
  const f = (p, v) => p === '*' || p === v;
  return f(filter.slice(0, a), e.Type) && f(filter.slice(a + 1, b), e.Action) && f(filter.slice(b + 1), e.Key);
}

/** Trim, split at the first space; only `register`/`deregister` are commands. */
export function parseCommand(text) {
  const t = text.trim();
  const sp = t.indexOf(' ');
  if (sp < 0) return null;
  const verb = t.slice(0, sp);
  return verb === 'register' || verb === 'deregister' ? { verb, filter: t.slice(sp + 1) } : null;
}

/** v3 userAuth. Returns { principal } or { status, body, headers }. */
export function authenticate(req, users, tokens) {
  const header = req.headers.authorization;
  let kind;
  let value;
  if (header) {
    const m = /^(Basic|Bearer) (.+)$/.exec(header);
    if (!m) return deny(401);
    kind = m[1];
    value = m[1] === 'Basic' ? Buffer.from(m[2], 'base64').toString('utf8') : m[2];
  } else {
    value = new URL(req.url, 'http://x').searchParams.get('token'); // lower case only, like gin's c.Query
    if (!value) return deny(401);
    kind = value.includes(':') ? 'Basic' : 'Bearer';
  }
  if (kind === 'Basic') {
    const i = value.indexOf(':');
    const user = value.slice(0, i);
    return users.get(user) === value.slice(i + 1) && i > 0 ? { principal: `user:${user}` } : deny(403);
  }
  const who = tokens.get(value);
  return who ? { principal: `user:${who}` } : deny(403);
}

function deny(status) {
  return status === 401
    ? { status, headers: { 'WWW-Authenticate': 'dr-provision' }, body: { Type: 'API_ERROR', Code: 401, Messages: ['No authentication provided'] } }
    : { status, headers: {}, body: { Type: 'AUTH', Code: 403, Messages: ['Failed authentication'] } };
}

// ---------------------------------------------------------------------------------------------------------------
// A self-signed certificate from node:crypto alone: a P-256 key and a hand-built X.509 v3 DER (no dependency).

const der = {
  len(n) {
    if (n < 128) return Buffer.from([n]);
    const bytes = [];
    for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
    return Buffer.from([0x80 | bytes.length, ...bytes]);
  },
  tlv(tag, body) {
    return Buffer.concat([Buffer.from([tag]), der.len(body.length), body]);
  },
  seq: (...items) => der.tlv(0x30, Buffer.concat(items)),
  set: (...items) => der.tlv(0x31, Buffer.concat(items)),
  int(buf) {
    let b = Buffer.from(buf);
    while (b.length > 1 && b[0] === 0 && !(b[1] & 0x80)) b = b.subarray(1);
    return der.tlv(0x02, b[0] & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
  },
  oid(s) {
    const [a, b, ...rest] = s.split('.').map(Number);
    const out = [40 * a + b];
    for (const n of rest) {
      const enc = [n & 0x7f];
      for (let v = n >> 7; v > 0; v >>= 7) enc.unshift(0x80 | (v & 0x7f));
      out.push(...enc);
    }
    return der.tlv(0x06, Buffer.from(out));
  },
  utf8: (s) => der.tlv(0x0c, Buffer.from(s, 'utf8')),
  time(d) {
    const s = d.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
    return der.tlv(0x17, Buffer.from(s, 'ascii')); // UTCTime, fine until 2049
  },
  bits: (buf) => der.tlv(0x03, Buffer.concat([Buffer.from([0]), buf])),
  octets: (buf) => der.tlv(0x04, buf),
  explicit: (n, body) => der.tlv(0xa0 + n, body),
};

export function selfSignedCert({ commonName = 'DRP simulator', dnsNames = ['localhost'], ips = ['127.0.0.1'], days = 30 } = {}) {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const ecdsaSha256 = der.seq(der.oid('1.2.840.10045.4.3.2'));
  const name = der.seq(der.set(der.seq(der.oid('2.5.4.3'), der.utf8(commonName))));
  const now = Date.now();
  const san = der.seq(
    ...dnsNames.map((d) => der.tlv(0x82, Buffer.from(d, 'ascii'))),
    ...ips.map((ip) => der.tlv(0x87, Buffer.from(ip.split('.').map(Number)))),
  );
  const extensions = der.explicit(
    3,
    der.seq(
      der.seq(der.oid('2.5.29.17'), der.octets(san)),
      der.seq(der.oid('2.5.29.19'), der.tlv(0x01, Buffer.from([0xff])), der.octets(der.seq())), // basicConstraints, critical, CA:false
    ),
  );
  const tbs = der.seq(
    der.explicit(0, der.int([2])),
    der.int(crypto.randomBytes(16)),
    ecdsaSha256,
    name,
    der.seq(der.time(new Date(now - 3600_000)), der.time(new Date(now + days * 86400_000))),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    extensions,
  );
  const signature = crypto.sign('sha256', tbs, { key: privateKey, dsaEncoding: 'der' });
  const certDer = der.seq(tbs, ecdsaSha256, der.bits(signature));
  const b64 = certDer.toString('base64').replace(/(.{64})/g, '$1\n').trim();
  return {
    cert: `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`,
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// A believable lab: machines walk through stages running jobs; profiles get params saved; leases come and go.

/** Park–Miller minimal standard generator: deterministic per seed, plenty for a demo lab. */
function seededRandom(seed) {
  let a = (Math.abs(Math.trunc(seed)) % 2147483646) + 1;
  return () => (a = (a * 48271) % 2147483647) / 2147483647;
}

const PIPELINE = [
  { stage: 'discover', bootenv: 'sledgehammer', tasks: ['gohai', 'inventory-minimal'] },
  { stage: 'sledgehammer-wait', bootenv: 'sledgehammer', tasks: [] },
  { stage: 'raid-configure', bootenv: 'sledgehammer', tasks: ['raid-tools-install', 'raid-configure'] },
  { stage: 'centos-8-install', bootenv: 'centos-8-install', tasks: ['centos-drp-only-repos', 'set-hostname'] },
  { stage: 'finish-install', bootenv: 'local', tasks: ['ssh-access', 'drp-agent'] },
  { stage: 'complete', bootenv: 'local', tasks: [] },
];

export function createLab({ seed = 1, machines = 6, publish }) {
  const rnd = seededRandom(seed);
  const pick = (a) => a[Math.floor(rnd() * a.length)];
  const uuid = () => {
    const h = Array.from({ length: 32 }, () => Math.floor(rnd() * 16).toString(16)).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[Math.floor(rnd() * 4)]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  };
  const clone = (o) => structuredClone(o);
  const base = () => ({ Validated: true, Available: true, Errors: [], ReadOnly: false, Meta: {} });
  let serial = 0;
  const mac = () => Array.from({ length: 6 }, (_, i) => (i === 0 ? 0x52 : Math.floor(rnd() * 256)).toString(16).padStart(2, '0')).join(':');

  const fleet = [];
  const jobs = new Map();
  const profiles = new Map();
  profiles.set('global', { ...base(), Name: 'global', Description: 'Global profile attached automatically to all machines.', Params: { 'kernel-console': 'console=ttyS1,115200' }, Meta: { color: 'blue', icon: 'world', title: 'Digital Rebar Provision' } });
  profiles.set('lab-defaults', { ...base(), Name: 'lab-defaults', Description: 'Defaults for the lab rack', Params: { 'ntp-servers': ['10.0.0.1'] } });

  const newMachine = () => {
    const n = ++serial;
    const m = {
      ...base(),
      Uuid: uuid(),
      Name: `node-${String(n).padStart(2, '0')}.lab.local`,
      Description: '',
      Address: `10.0.1.${10 + n}`,
      HardwareAddrs: [mac()],
      Stage: 'discover',
      BootEnv: 'sledgehammer',
      Workflow: 'discover-base',
      Profiles: ['lab-defaults'],
      Params: {},
      Tasks: [...PIPELINE[0].tasks],
      CurrentTask: -1,
      CurrentJob: '',
      Runnable: true,
      Locked: false,
    };
    return { m, step: 0, taskIdx: 0, job: null, dwell: 0 };
  };

  const emitMachine = (action, slot, mutate) => {
    const before = clone(slot.m);
    mutate?.(slot.m);
    publish(makeEvent('machines', action, slot.m.Uuid, clone(slot.m), action === 'update' || action === 'save' ? before : null, action === 'create' ? 'user:rocketskates' : `runner:${slot.m.Uuid}`));
  };

  const advance = (slot) => {
    const p = PIPELINE[slot.step];
    if (slot.job) {
      // running -> finished, then the machine moves to the next task
      const j = jobs.get(slot.job);
      const before = clone(j);
      if (j.State === 'created') {
        j.State = 'running';
        j.StartTime = rfc3339Nano();
      } else {
        j.State = rnd() < 0.05 ? 'failed' : 'finished';
        j.EndTime = rfc3339Nano();
        j.ExitState = j.State === 'failed' ? 'failed' : 'complete';
        slot.job = null;
        if (j.State === 'failed') {
          publish(makeEvent('jobs', 'update', j.Uuid, clone(j), before, `runner:${slot.m.Uuid}`));
          emitMachine('update', slot, (m) => (m.Runnable = false));
          slot.dwell = 4;
          return;
        }
        slot.taskIdx++;
      }
      publish(makeEvent('jobs', 'update', j.Uuid, clone(j), before, `runner:${slot.m.Uuid}`));
      return;
    }
    if (!slot.m.Runnable) {
      if (slot.dwell-- > 0) return;
      emitMachine('update', slot, (m) => (m.Runnable = true)); // an operator retried it
      return;
    }
    if (slot.taskIdx < p.tasks.length) {
      const j = {
        ...base(),
        Uuid: uuid(),
        Machine: slot.m.Uuid,
        Task: p.tasks[slot.taskIdx],
        Stage: p.stage,
        BootEnv: p.bootenv,
        State: 'created',
        Previous: slot.m.CurrentJob || '00000000-0000-0000-0000-000000000000',
        StartTime: '0001-01-01T00:00:00Z',
        EndTime: '0001-01-01T00:00:00Z',
        Archived: false,
        Current: true,
        ExitState: '',
      };
      jobs.set(j.Uuid, j);
      if (jobs.size > 200) jobs.delete(jobs.keys().next().value);
      slot.job = j.Uuid;
      publish(makeEvent('jobs', 'create', j.Uuid, clone(j), null, `runner:${slot.m.Uuid}`));
      emitMachine('update', slot, (m) => {
        m.CurrentJob = j.Uuid;
        m.CurrentTask = slot.taskIdx;
      });
      return;
    }
    if (slot.step < PIPELINE.length - 1) {
      slot.step++;
      slot.taskIdx = 0;
      const next = PIPELINE[slot.step];
      emitMachine('update', slot, (m) => {
        m.Stage = next.stage;
        m.BootEnv = next.bootenv;
        m.Tasks = [...next.tasks];
        m.CurrentTask = -1;
      });
      return;
    }
    // complete: sometimes the machine is recycled (deleted, a new one is discovered)
    if (rnd() < 0.3) {
      const i = fleet.indexOf(slot);
      publish(makeEvent('machines', 'delete', slot.m.Uuid, clone(slot.m), null, 'user:rocketskates'));
      const fresh = newMachine();
      fleet[i] = fresh;
      emitMachine('create', fresh);
    }
  };

  const sideEvents = [
    () => {
      const p = profiles.get(pick(['global', 'lab-defaults']));
      const before = clone(p);
      const key = pick(['ntp-servers', 'access-keys', 'kernel-console', 'dns-servers', 'provisioner-default-password-hash']);
      if (p.Params[key] !== undefined && rnd() < 0.4) delete p.Params[key];
      else p.Params[key] = key === 'kernel-console' ? `console=ttyS${Math.floor(rnd() * 2)},115200` : key.endsWith('servers') ? [`10.0.0.${1 + Math.floor(rnd() * 9)}`] : `v${Math.floor(rnd() * 1000)}`;
      publish(makeEvent('profiles', 'save', p.Name, clone(p), before, 'user:rocketskates'));
    },
    () => {
      const slot = pick(fleet);
      const lease = { ...base(), Addr: slot.m.Address, Token: slot.m.HardwareAddrs[0], Strategy: 'MAC', State: 'ACK', ExpireTime: rfc3339Nano(Date.now() + 7200_000) };
      publish(makeEvent('leases', rnd() < 0.5 ? 'create' : 'update', lease.Addr, lease, null, 'dhcp'));
    },
    () => {
      const name = `lab-param-${Math.floor(rnd() * 5)}`;
      publish(makeEvent('params', 'create', name, { ...base(), Name: name, Description: 'added by an operator', Schema: { type: 'string' }, Secure: false }, null, 'user:rocketskates'));
    },
  ];

  for (let i = 0; i < machines; i++) fleet.push(newMachine());
  // stagger the machines so the stream is not in lockstep
  for (const slot of fleet) slot.step = Math.floor(rnd() * 3);

  return {
    fleet,
    tick() {
      if (rnd() < 0.12) pick(sideEvents)();
      else advance(pick(fleet));
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------

const num = (v, d) => (v === undefined || v === true || Number.isNaN(Number(v)) ? d : Number(v));

export async function start({ host = '127.0.0.1', ports = defaultPorts, args = {}, log = () => {} } = {}) {
  const flag = (name) => args[name] === true || args[name] === 'true';
  const tls = flag('drp-tls');
  const fatalFilters = flag('drp-fatal-filters');
  const rate = num(args['drp-rate'], 5);
  const pingMs = num(args['drp-ping-ms'], 54_000);
  const pongWaitMs = num(args['drp-pong-wait-ms'], 60_000);
  const users = new Map([[String(args['drp-user'] ?? 'rocketskates'), String(args['drp-password'] ?? 'r0cketsk8ts')]]);
  const tokens = new Map([[String(args['drp-token'] ?? 'drp-demo-token'), [...users.keys()][0]]]);
  const sessions = new Set();
  let crashed;

  const publish = (event) => {
    if (crashed) return;
    if (fatalFilters) {
      const fatal = [...sessions].flatMap((s) => s.filters).find(isFatalFilter);
      if (fatal !== undefined) return crash(fatal);
    }
    const text = JSON.stringify(event);
    for (const s of sessions) {
      // OR across the session's filters, sent once; no filters means no events.
      if (!s.filters.some((f) => filterMatches(f, event))) continue;
      if (s.ws.readyState !== 1) continue;
      if (s.inFlight >= OUTBOUND_LIMIT) {
        s.dropped++;
        continue; // melody drops silently when the session's buffer is full
      }
      s.inFlight++;
      s.ws.send(text, () => s.inFlight--);
    }
  };

  const reply = (res, status, body, headers = {}) => {
    const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'Authorization, Content-Type', 'Access-Control-Allow-Methods': 'GET, POST, OPTIONS' };
    if (body === undefined) {
      res.writeHead(status, { ...cors, ...headers });
      res.end();
      return;
    }
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json', ...cors, ...headers });
    res.end(text);
  };

  const onRequest = (req, res) => {
    const url = new URL(req.url, 'http://x');
    if (req.method === 'OPTIONS') return reply(res, 204);
    // The UX routes: / → /ui/ → the RackN portal (a probe that follows them leaves the lab).
    if (url.pathname === '/' && req.method === 'GET') return reply(res, 301, undefined, { Location: '/ui/' });
    if (url.pathname === '/ui/' && req.method === 'GET') return reply(res, 301, undefined, { Location: 'https://portal.rackn.io/' });
    if (!url.pathname.startsWith('/api/v3/')) return reply(res, 404, { Type: 'API_ERROR', Code: 404, Messages: ['Not found'] });
    const auth = authenticate(req, users, tokens);
    if (!auth.principal) return reply(res, auth.status, auth.body, auth.headers);
    if (url.pathname === '/api/v3/info' && req.method === 'GET') {
      return reply(res, 200, { version: 'v4.8.0-simulator', id: 'drp-sim', api_port: ports.ws, features: ['websocket-register'] });
    }
    if (url.pathname === '/api/v3/events' && req.method === 'POST') {
      if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
        req.resume();
        return reply(res, 400, { Type: 'API_ERROR', Code: 400, Messages: ['Invalid content type: application/json required'] });
      }
      let size = 0;
      const chunks = [];
      req.on('data', (c) => {
        size += c.length;
        if (size <= 1 << 20) chunks.push(c);
      });
      req.on('end', () => {
        let e;
        try {
          e = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch (err) {
          return reply(res, 400, { Type: 'API_ERROR', Code: 400, Messages: [`Invalid event: ${err.message}`] });
        }
        if (!e || typeof e !== 'object' || Array.isArray(e)) return reply(res, 400, { Type: 'API_ERROR', Code: 400, Messages: ['Invalid event'] });
        // Go decodes Time into a time.Time: RFC 3339 or nothing (the zero time); anything else fails to bind.
        if (e.Time !== undefined && (typeof e.Time !== 'string' || Number.isNaN(Date.parse(e.Time)))) {
          return reply(res, 400, { Type: 'API_ERROR', Code: 400, Messages: [`parsing time ${JSON.stringify(e.Time)} as RFC 3339 failed`] });
        }
        // Re-published as-is, with Principal set to whoever posted it.
        publish({
          Time: e.Time ?? GO_ZERO_TIME,
          Type: String(e.Type ?? ''),
          Action: String(e.Action ?? ''),
          Key: String(e.Key ?? ''),
          Principal: auth.principal,
          Object: e.Object ?? null,
          Original: e.Original ?? null,
        });
        reply(res, 204);
      });
      return;
    }
    reply(res, 404, { Type: 'API_ERROR', Code: 404, Messages: ['Not found'] });
  };

  const app = tls ? https.createServer(selfSignedCert(), onRequest) : http.createServer(onRequest);
  // TLS-only like ListenAndServeTLS: a first byte that is not a TLS handshake record gets Go's plain 400.
  const server = tls
    ? net.createServer((socket) => {
        socket.on('error', () => {});
        socket.once('data', (first) => {
          socket.pause();
          if (first[0] !== 0x16) return socket.end(GO_PLAIN_HTTP_ON_TLS);
          socket.unshift(first);
          app.emit('connection', socket);
          process.nextTick(() => socket.resume());
        });
      })
    : app;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE, perMessageDeflate: false });

  app.on('upgrade', (req, socket, head) => {
    const refuse = (status, body, headers = {}) => {
      const text = JSON.stringify(body);
      socket.end(
        `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\n` +
          Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('') +
          `Connection: close\r\n\r\n${text}`,
      );
    };
    if (new URL(req.url, 'http://x').pathname !== '/api/v3/ws') return refuse(404, { Type: 'API_ERROR', Code: 404, Messages: ['Not found'] });
    const auth = authenticate(req, users, tokens);
    if (!auth.principal) return refuse(auth.status, auth.body, auth.headers);
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, auth.principal));
  });

  const onConnection = (ws, principal) => {
    const s = { ws, principal, filters: [], inFlight: 0, dropped: 0 };
    sessions.add(s);
    // melody: the read deadline is refreshed only by pong; data frames do not count.
    let deadline;
    const armDeadline = () => {
      clearTimeout(deadline);
      deadline = setTimeout(() => ws.terminate(), pongWaitMs); // no close frame: the client sees 1006
    };
    armDeadline();
    ws.on('pong', armDeadline);
    const pinger = setInterval(() => ws.readyState === 1 && ws.ping(), pingMs);
    ws.on('message', (data, isBinary) => {
      if (isBinary) return; // only text frames are handled
      const cmd = parseCommand(data.toString('utf8'));
      if (!cmd) {
        log(`warning: ignored command from ${principal}: ${JSON.stringify(data.toString('utf8').slice(0, 80))}`);
        return; // no reply
      }
      if (cmd.verb === 'register') {
        if (!s.filters.includes(cmd.filter)) s.filters.push(cmd.filter);
      } else {
        s.filters = s.filters.filter((f) => f !== cmd.filter); // exact string, not a pattern
      }
      // The reply goes straight to this session, bypassing the filters.
      if (ws.readyState === 1) ws.send(JSON.stringify(makeEvent('websocket', cmd.verb, cmd.filter)));
    });
    ws.on('close', () => {
      clearTimeout(deadline);
      clearInterval(pinger);
      sessions.delete(s);
    });
    ws.on('error', () => {}); // e.g. oversize frames: ws closes with 1009
  };

  // The unrecovered panic ends dr-provision: every socket drops without a close frame and nothing listens any more.
  let closing;
  const shutdown = () => {
    clearInterval(generator);
    for (const s of sessions) s.ws.terminate();
    wss.close();
    const closed = new Promise((resolve) => server.close(() => resolve()));
    app.closeAllConnections?.();
    return closed;
  };
  const crash = (filter) => {
    crashed = `panic: runtime error: index out of range [2] with length ${filter.split('.').length} (filter ${JSON.stringify(filter)})`;
    log(crashed);
    closing = shutdown();
  };

  const lab = createLab({ seed: num(args['drp-seed'], 1), machines: num(args['drp-machines'], 6), publish });
  const generator = rate > 0 ? setInterval(() => lab.tick(), Math.max(1, Math.round(1000 / rate))) : undefined;

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(ports.ws, host, resolve);
  });
  const port = server.address().port;
  const scheme = tls ? 'wss' : 'ws';
  return {
    urls: { ws: `${scheme}://${host}:${port}/api/v3/ws`, events: `${tls ? 'https' : 'http'}://${host}:${port}/api/v3/events` },
    port,
    sessions,
    publish,
    /** Why the server died (a fatal filter under --drp-fatal-filters), or undefined while it runs. */
    get crashed() {
      return crashed;
    },
    async close() {
      closing ??= shutdown();
      await closing;
    },
  };
}
