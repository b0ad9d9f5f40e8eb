// BigchainDB Event Stream API simulator. What it reproduces, and where in bigchaindb/bigchaindb (v0.10.0, v1.3.0,
// v2.2.2, dev f23faaa6) each behaviour comes from:
// - Two listeners (web/server.py, web/websocket_server.py): the HTTP API with CORS (flask_cors.CORS(app)) on 9984
//   serving the discovery documents of the chosen version (web/views/info.py, web/views/base.py `base_ws_uri`;
//   1.x has `statuses` and no `blocks`/`metadata` links, plus top-level public_key/keyring; the v1 index's HTTP links
//   use prefix '/'), and a separate aiohttp app on 9985 routing only the exact stream path
//   (`app.router.add_get(EVENTS_ENDPOINT, …)`): 404 elsewhere, 400 for a GET there that is not an upgrade
//   (aiohttp WebSocketResponse.prepare).
// - No auth; every inbound frame is discarded (websocket_server.py `websocket_handler` loops on receive()); no
//   server pings (aiohttp heartbeat=None) and PINGs answered by aiohttp's autoping; a client close answered with
//   1000 (aiohttp autoclose, WebSocketResponse.close() default code).
// - One frame per committed transaction, json.dumps layout (", " / ": ") in the code's key order (websocket_server.py
//   `Dispatcher.publish`): 2.x `height, asset_id, transaction_id`; 1.x `block_id, asset_id, transaction_id`; 0.10
//   `block_id, asset_id, tx_id`; dev `blockid, assetid, txid`. asset_id is the asset's id for a TRANSFER, else the
//   transaction's own id. Empty blocks send nothing; every client gets the same sequence; no history.
//   --bigchaindb-version 2.x|1.x|0.10|dev   message shape, path and discovery documents (default 2.x = 2.2.2)
//   --bigchaindb-rate N                     blocks committed per second (default 1)
import http from 'node:http';
import { once } from 'node:events';
import { createHash } from 'node:crypto';
import { WebSocketServer } from 'ws';

export const id = 'bigchaindb';
export const describe = 'BigchainDB node (HTTP discovery API + Event Stream API)';
export const defaultPorts = { http: 9984, ws: 9985 };

const VERSIONS = {
  dev: { version: '0.10.0.dev', path: '/api/v1/streams/', keys: ['blockid', 'assetid', 'txid'] },
  '0.10': { version: '0.10.3', path: '/api/v1/streams/valid_tx', keys: ['block_id', 'asset_id', 'tx_id'] },
  '1.x': { version: '1.3.0', path: '/api/v1/streams/valid_transactions', keys: ['block_id', 'asset_id', 'transaction_id'] },
  '2.x': { version: '2.2.2', path: '/api/v1/streams/valid_transactions', keys: ['height', 'asset_id', 'transaction_id'] },
};

export function versionKey(v) {
  const s = String(v ?? '2');
  if (s === 'dev') return 'dev';
  if (s.startsWith('0')) return '0.10';
  if (s.startsWith('1')) return '1.x';
  return '2.x';
}

export const sha3 = (s) => createHash('sha3-256').update(s).digest('hex');

/** Python's json.dumps layout (", " and ": "), keys in the server's order. */
export function pyDumps(entries) {
  return '{' + entries.map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(', ') + '}';
}

/** The discovery documents a node of version `vk` serves, for its HTTP root and advertised stream URL. */
export function discoveryDocs(vk, httpRoot, streamUrl) {
  const { version } = VERSIONS[vk];
  const docs = `https://docs.bigchaindb.com/projects/server/en/v${version}/`;
  const apiDocs = `${docs}http-client-server-api.html`;
  const pubKey = 'NC8c8rYcAhyKVpx1PCV65CBmyq4YUbLysy3Rqrg8L8mz';
  if (vk === '0.10' || vk === 'dev') {
    return {
      '/': { _links: { api_v1: `${httpRoot}api/v1/`, docs }, keyring: [], public_key: pubKey, software: 'BigchainDB', version },
      '/api/v1/': {
        _links: { docs: apiDocs, self: `${httpRoot}api/v1/`, statuses: `${httpRoot}api/v1/statuses/`, streams_v1: streamUrl, transactions: `${httpRoot}api/v1/transactions/` },
      },
    };
  }
  const v1 = (prefix) => {
    // 1.x has no blocks or metadata links; it has statuses.
    const o = vk === '1.x' ? { assets: `${prefix}assets/`, docs: apiDocs, outputs: `${prefix}outputs/`, statuses: `${prefix}statuses/` } : { assets: `${prefix}assets/`, blocks: `${prefix}blocks/`, docs: apiDocs, metadata: `${prefix}metadata/`, outputs: `${prefix}outputs/` };
    o.streams = streamUrl;
    o.transactions = `${prefix}transactions/`;
    if (vk === '2.x') o.validators = `${prefix}validators`;
    return o;
  };
  const root = { api: { v1: v1('/api/v1/') }, docs, software: 'BigchainDB', version };
  if (vk === '1.x') Object.assign(root, { keyring: [], public_key: pubKey });
  // The code mounts the v1 index with prefix '/', so its HTTP links come out without /api/v1.
  return { '/': root, '/api/v1/': v1('/') };
}

/** A small deterministic PRNG so every run (and every client) sees the same chain. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The chain: block h holds 0..4 transactions, a CREATE first, then TRANSFERs of earlier assets. */
export function createChain(seed = 9984) {
  const rnd = mulberry32(seed);
  const assets = [];
  let height = 0;
  return {
    next() {
      height++;
      const r = rnd();
      const n = r < 0.2 ? 0 : 1 + Math.floor(rnd() * 4);
      const txs = [];
      for (let i = 0; i < n; i++) {
        const txId = sha3(`tx-${seed}-${height}-${i}`);
        if (i === 0 || assets.length === 0) {
          txs.push({ id: txId, assetId: txId, op: 'CREATE' });
        } else {
          const asset = assets[Math.floor(rnd() * assets.length)];
          txs.push({ id: txId, assetId: asset, op: 'TRANSFER' });
        }
      }
      for (const t of txs) if (t.op === 'CREATE') assets.push(t.id);
      return { height, id: sha3(`block-${seed}-${height}`), txs };
    },
  };
}

export function formatTx(vk, block, tx) {
  switch (vk) {
    case '2.x':
      return pyDumps([['height', block.height], ['asset_id', tx.assetId], ['transaction_id', tx.id]]);
    case '1.x':
      return pyDumps([['block_id', block.id], ['asset_id', tx.assetId], ['transaction_id', tx.id]]);
    case '0.10':
      return pyDumps([['block_id', block.id], ['asset_id', tx.assetId], ['tx_id', tx.id]]);
    default:
      return pyDumps([['blockid', block.id], ['assetid', tx.assetId], ['txid', tx.id]]);
  }
}

const CORS = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'Content-Type', 'Access-Control-Allow-Methods': 'GET, POST, OPTIONS' };

export async function start({ host = '127.0.0.1', ports = defaultPorts, args = {}, log = () => {} } = {}) {
  const vk = versionKey(args['bigchaindb-version']);
  const spec = VERSIONS[vk];
  const rate = Number(args['bigchaindb-rate'] ?? 1) || 1;
  // Filled in once both ports are bound (port 0 picks a free one, as the tests do).
  let httpRoot = '';
  let streamUrl = '';
  let docs = {};

  const api = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'OPTIONS') {
      res.writeHead(200, CORS).end();
      return;
    }
    const doc = req.method === 'GET' ? (docs[path] ?? (path === '/api/v1' ? docs['/api/v1/'] : undefined)) : undefined;
    if (!doc) {
      res.writeHead(404, { ...CORS, 'Content-Type': 'application/json' }).end(JSON.stringify({ message: 'The requested URL was not found on the server.', status: 404 }));
      return;
    }
    res.writeHead(200, { ...CORS, 'Content-Type': 'application/json' }).end(JSON.stringify(doc, null, 4));
  });

  // aiohttp routes only the exact stream path; everything else is a 404 before any upgrade.
  const wsHttp = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === spec.path && req.method === 'GET') {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`400: No WebSocket UPGRADE hdr: ${req.headers.upgrade ?? 'None'}\n Can "Upgrade" only to "WebSocket".`);
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('404: Not Found');
  });
  const wss = new WebSocketServer({ noServer: true });
  wsHttp.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== spec.path) {
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 14\r\nConnection: close\r\n\r\n404: Not Found');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws) => {
    // aiohttp answers a client's close frame with its own default, 1000, not an echo of the client's code.
    const close = ws.close.bind(ws);
    ws.close = (code, reason) => close(1000, typeof reason === 'string' ? reason : '');
    // A real node discards every inbound frame, text "ping" included: there is no application-level ping/pong.
    ws.on('message', () => {});
    ws.on('error', () => {});
  });

  const chain = createChain();
  const commit = () => {
    const block = chain.next();
    // Empty blocks produce nothing; one publisher sends each message to every subscriber in turn.
    for (const tx of block.txs) {
      const msg = formatTx(vk, block, tx);
      for (const c of wss.clients) if (c.readyState === 1) c.send(msg);
    }
  };
  const timer = setInterval(commit, Math.max(20, Math.round(1000 / rate)));

  // once() rejects on 'error' (e.g. the port is taken).
  try {
    await once(api.listen(ports.http, host), 'listening');
    await once(wsHttp.listen(ports.ws, host), 'listening');
  } catch (err) {
    clearInterval(timer);
    api.close();
    wsHttp.close();
    throw err;
  }
  httpRoot = `http://${host}:${api.address().port}/`;
  streamUrl = `ws://${host}:${wsHttp.address().port}${spec.path}`;
  docs = discoveryDocs(vk, httpRoot, streamUrl);
  log(`version ${spec.version}, ${rate} block/s`);

  return {
    urls: { http: httpRoot, ws: streamUrl },
    async close() {
      clearInterval(timer);
      for (const c of wss.clients) c.terminate();
      const done = Promise.all([new Promise((r) => api.close(r)), new Promise((r) => wsHttp.close(r))]);
      api.closeAllConnections();
      wsHttp.closeAllConnections();
      await done;
    },
  };
}
