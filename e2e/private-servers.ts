// Servers a journey starts for itself, on free loopback ports: the json demo's /inject reaches every client of a
// server, so journeys that inject hostile or huge frames use their own instance and never disturb parallel tests.
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { WebSocketServer } from 'ws';
import { start as startJsonSim } from '../demo/simulators/json.mjs';

export async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}

export interface PrivateJson {
  ws: string;
  port: number;
  /** POSTs a frame to every client of this instance (?binary, ?repeat as the demo's /inject). */
  inject(body: string | Buffer, opts?: { binary?: boolean; repeat?: number }): Promise<{ clients: number; frames: number }>;
  close(): Promise<void>;
}

/** A json demo simulator with no background stream (rate 0): only what the journey injects. */
export async function startPrivateJson(rate = 0): Promise<PrivateJson> {
  const port = await freePort();
  const sim = await startJsonSim({ ports: { http: port }, args: { 'json-rate': rate } });
  return {
    ws: `ws://127.0.0.1:${port}/json`,
    port,
    async inject(body, opts = {}) {
      const q = new URLSearchParams();
      if (opts.binary) q.set('binary', '1');
      if (opts.repeat) q.set('repeat', String(opts.repeat));
      const res = await fetch(`http://127.0.0.1:${port}/inject?${q}`, { method: 'POST', body: typeof body === 'string' ? body : new Uint8Array(body) }).catch((err: Error) => {
        throw new Error(`inject to 127.0.0.1:${port} failed: ${err.message} (${(err.cause as Error | undefined)?.message ?? 'no cause'})`);
      });
      if (!res.ok) throw new Error(`inject failed: ${res.status}`);
      return res.json() as Promise<{ clients: number; frames: number }>;
    },
    close: () => sim.close(),
  };
}

/** A WebSocket server that accepts and then never sends a frame, unless `onConnection` does. */
export async function startSilentServer(onConnection?: (ws: import('ws').WebSocket) => void): Promise<{ ws: string; close(): Promise<void> }> {
  const port = await freePort();
  const wss = new WebSocketServer({ host: '127.0.0.1', port });
  if (onConnection) wss.on('connection', onConnection);
  await new Promise((r) => wss.once('listening', r));
  return {
    ws: `ws://127.0.0.1:${port}/quiet`,
    close: () =>
      new Promise<void>((r) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => r());
      }),
  };
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.map': 'application/json' };

/**
 * A plain static file server for dist/ under a sub-path (no SPA fallback, no rewriting): what a user's nginx does.
 * With `tls`, it serves https under `host` (a name the browser maps to 127.0.0.1).
 */
export async function serveStatic(root: string, prefix: string, opts: { tls?: { cert: string; key: string }; host?: string } = {}): Promise<{ url: string; requests: string[]; close(): Promise<void> }> {
  /** "<status> <path>" of every request served. */
  const requests: string[] = [];
  const handler: http.RequestListener = async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    res.on('finish', () => requests.push(`${res.statusCode} ${url.pathname}`));
    if (!url.pathname.startsWith(prefix)) return void res.writeHead(404).end('not found');
    let rel = decodeURIComponent(url.pathname.slice(prefix.length));
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.resolve(root, rel);
    if (!file.startsWith(path.resolve(root) + path.sep)) return void res.writeHead(403).end();
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(await readFile(file));
    } catch {
      res.writeHead(404).end('not found');
    }
  };
  const server = opts.tls ? https.createServer(opts.tls, handler) : http.createServer(handler);
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return {
    url: `${opts.tls ? 'https' : 'http'}://${opts.host ?? '127.0.0.1'}:${port}${prefix}`,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/**
 * An HTTP (or, with `tls`, https) server on loopback that answers every request with `body` but sends no CORS headers
 * (a node or proxy set up without them), and refuses every WebSocket upgrade with 401.
 */
export async function startNoCorsServer(body: unknown, opts: { tls?: { cert: string; key: string } } = {}): Promise<{ port: number; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const handler: http.RequestListener = (req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const server = opts.tls ? https.createServer(opts.tls, handler) : http.createServer(handler);
  server.on('upgrade', (req, socket) => {
    requests.push(`UPGRADE ${req.url}`);
    socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return {
    port,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/**
 * An https + WebSocket server on loopback with a fresh self-signed certificate the browser does not trust: every
 * wss:// handshake fails at TLS, before any protocol above it.
 */
export async function startUntrustedTlsServer(cert: { cert: string; key: string }): Promise<{ port: number; close(): Promise<void> }> {
  const server = https.createServer(cert, (_req, res) => res.writeHead(200).end('ok'));
  const wss = new WebSocketServer({ server });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return {
    port,
    close: () =>
      new Promise<void>((r) => {
        wss.close();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Accepts TCP connections on loopback and never answers: a WebSocket handshake to it never completes. */
export async function startHangingServer(): Promise<{ port: number; connections(): number; close(): Promise<void> }> {
  let count = 0;
  const held = new Set<net.Socket>();
  const server = net.createServer((s) => {
    count++;
    held.add(s);
    s.on('close', () => held.delete(s));
    s.on('error', () => held.delete(s));
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return {
    port,
    connections: () => count,
    close: () =>
      new Promise<void>((r) => {
        for (const s of held) s.destroy();
        server.close(() => r());
      }),
  };
}
