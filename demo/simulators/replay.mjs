// Replays a capture (an NDJSON or HAR file exported by streamscope, a Chrome DevTools HAR, or any NDJSON of JSON
// frames) as a live stream, so a bug report becomes a runnable repro:
//   node demo/server.mjs --replay capture.ndjson [--replay-speed 2] [--replay-loop] [--replay-max-gap 5000]
//   ws://host:8790/replay        every received frame of every connection in the file, at the recorded pace
//   ws://host:8790/replay/2      only the 2nd connection's frames
// Each client gets its own replay from the start. --replay-speed 0 sends as fast as backpressure allows; gaps longer
// than --replay-max-gap ms (default 5000) are shortened to it; lines without a time are spaced --replay-interval ms.
// Without --replay this simulator starts nothing.
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { WebSocketServer } from 'ws';

export const id = 'replay';
export const describe = 'replays a capture file (--replay FILE)';
export const defaultPorts = { ws: 8790 };

/**
 * Reads the frames a client received in a capture: [{ conn, t (ms or null), data (string | Buffer) }] plus the
 * connection names. Frames the client sent and system rows are not part of what a server sends, so they are skipped.
 */
export function loadCapture(text) {
  const frames = [];
  const conns = [];
  const connIndex = (key, name) => {
    let i = conns.findIndex((c) => c.key === key);
    if (i < 0) i = conns.push({ key, name }) - 1;
    return i;
  };
  const head = text.trimStart().slice(0, 200);
  if (/^\{\s*"log"\s*:/.test(head)) {
    const har = JSON.parse(text);
    (har.log?.entries ?? []).forEach((entry, i) => {
      if (!Array.isArray(entry._webSocketMessages)) return;
      const conn = connIndex(`har${i}`, entry._streamscope?.name ?? entry.request?.url ?? `connection ${i + 1}`);
      for (const m of entry._webSocketMessages) {
        if (m.type !== 'receive') continue;
        frames.push({ conn, t: Number(m.time) * 1000, data: m.opcode === 2 ? Buffer.from(String(m.data), 'base64') : String(m.data) });
      }
    });
    frames.sort((a, b) => a.t - b.t);
    return { frames, conns };
  }
  for (const line of text.split('\n')) {
    const s = line.trim();
    if (!s) continue;
    let v;
    try {
      v = JSON.parse(s);
    } catch {
      frames.push({ conn: connIndex('', 'imported'), t: null, data: s }); // a text frame as it was
      continue;
    }
    const isRecord = v && typeof v === 'object' && typeof v.dir === 'string' && ('raw' in v || 'base64' in v || 'kind' in v);
    if (!isRecord) {
      frames.push({ conn: connIndex('', 'imported'), t: null, data: s });
      continue;
    }
    if (v.dir !== 'in') continue;
    const conn = connIndex(String(v.connId ?? v.conn ?? ''), String(v.conn ?? v.connId ?? 'imported'));
    const t = typeof v.ts === 'number' ? v.ts : typeof v.time === 'string' ? Date.parse(v.time) : null;
    if (typeof v.base64 === 'string') frames.push({ conn, t, data: Buffer.from(v.base64, 'base64') });
    else if (typeof v.raw === 'string') frames.push({ conn, t, data: v.raw });
  }
  return { frames, conns };
}

/** Delay before each frame: recorded gaps ÷ speed, long gaps shortened, untimed frames evenly spaced. */
export function schedule(frames, { speed = 1, maxGap = 5000, interval = 100 } = {}) {
  const delays = [];
  for (let i = 0; i < frames.length; i++) {
    const prev = frames[i - 1];
    const cur = frames[i];
    let gap = i === 0 ? 0 : cur.t !== null && prev.t !== null && Number.isFinite(cur.t - prev.t) ? Math.max(0, cur.t - prev.t) : interval;
    gap = Math.min(gap, maxGap);
    delays.push(speed > 0 ? gap / speed : 0);
  }
  return delays;
}

export async function start({ host = '127.0.0.1', ports = defaultPorts, args = {}, log = () => {} } = {}) {
  if (typeof args.replay !== 'string') return { close: async () => {}, urls: {} };
  const { frames, conns } = loadCapture(await readFile(args.replay, 'utf8'));
  const opts = { speed: Number(args['replay-speed'] ?? 1), maxGap: Number(args['replay-max-gap'] ?? 5000), interval: Number(args['replay-interval'] ?? 100) };
  const loop = args['replay-loop'] === true || args['replay-loop'] === 'true';
  log(`${frames.length} received frames from ${conns.length} connection(s) in ${args.replay}; speed ${opts.speed || 'max'}${loop ? ', looping' : ''}`);

  const server = http.createServer((_req, res) => res.writeHead(426).end('WebSocket only: ws://…/replay'));
  const wss = new WebSocketServer({ server, perMessageDeflate: false });
  const timers = new Set();
  wss.on('connection', (ws, req) => {
    const m = /^\/replay(?:\/(\d+))?\/?$/.exec(new URL(req.url, 'http://x').pathname);
    if (!m) return ws.close(1008, 'Use /replay or /replay/<connection number>');
    const only = m[1] ? Number(m[1]) - 1 : -1;
    const list = only >= 0 ? frames.filter((f) => f.conn === only) : frames;
    const delays = schedule(list, opts);
    let i = 0;
    let timer;
    const HIGH = 1 << 20;
    // Sends frame i and every frame due at the same moment, then waits for the next one's delay.
    const next = () => {
      timers.delete(timer);
      if (ws.readyState !== ws.OPEN || list.length === 0) return;
      let budget = 1000; // yield now and then at --replay-speed 0
      do {
        if (ws.bufferedAmount > HIGH) break;
        ws.send(list[i++].data);
        if (i >= list.length) {
          if (!loop) return;
          i = 0;
        }
      } while (delays[i] === 0 && --budget > 0);
      timer = setTimeout(next, ws.bufferedAmount > HIGH ? 5 : delays[i]);
      timers.add(timer);
    };
    timer = setTimeout(next, 0);
    timers.add(timer);
    ws.on('close', () => {
      clearTimeout(timer);
      timers.delete(timer);
    });
  });
  await new Promise((resolve) => server.listen(ports.ws, host, resolve));
  return {
    urls: { replay: `ws://${host}:${ports.ws}/replay` },
    async close() {
      for (const t of timers) clearTimeout(t);
      for (const c of wss.clients) c.terminate();
      wss.close();
      await new Promise((r) => server.close(r));
    },
  };
}
