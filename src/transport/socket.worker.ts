/// <reference lib="webworker" />
// Owns real WebSockets off the main thread. The browser delivers every frame to this worker's event loop; frames
// are forwarded to the page in batches, so the page pays one message event per batch instead of one per frame.
import type { ToWorker, FromWorker, WireFrame } from './workerProtocol';
import { errorMessage } from '../core/errors';

declare const self: DedicatedWorkerGlobalScope;

const sockets = new Map<number, WebSocket>();
const pending = new Map<number, WireFrame[]>();
let flushScheduled = false;
/** Forward at least this often; a batch also goes out as soon as it holds MAX_BATCH frames. */
const FLUSH_MS = 4;
const MAX_BATCH = 2000;

function post(msg: FromWorker, transfer: Transferable[] = []) {
  self.postMessage(msg, transfer);
}

function flush() {
  flushScheduled = false;
  for (const [id, frames] of pending) {
    if (!frames.length) continue;
    const transfer = frames.filter((f): f is ArrayBuffer => f instanceof ArrayBuffer);
    post({ t: 'frames', id, frames }, transfer);
  }
  pending.clear();
}

function queueFrame(id: number, data: WireFrame) {
  let q = pending.get(id);
  if (!q) pending.set(id, (q = []));
  q.push(data);
  if (q.length >= MAX_BATCH) flush();
  else if (!flushScheduled) {
    flushScheduled = true;
    setTimeout(flush, FLUSH_MS);
  }
}

self.onmessage = (ev: MessageEvent<ToWorker>) => {
  const m = ev.data;
  switch (m.t) {
    case 'open': {
      let ws: WebSocket;
      try {
        ws = new WebSocket(m.url, m.protocols);
      } catch (err) {
        post({ t: 'error', id: m.id, message: errorMessage(err), fatal: true });
        return;
      }
      ws.binaryType = 'arraybuffer';
      sockets.set(m.id, ws);
      ws.onopen = () => post({ t: 'open', id: m.id, protocol: ws.protocol, extensions: ws.extensions });
      ws.onmessage = (e) => queueFrame(m.id, e.data as WireFrame);
      ws.onerror = () => post({ t: 'error', id: m.id, message: 'WebSocket error', fatal: false });
      ws.onclose = (e) => {
        flush(); // frames received before the close stay ahead of it
        sockets.delete(m.id);
        post({ t: 'close', id: m.id, code: e.code, reason: e.reason, wasClean: e.wasClean });
      };
      break;
    }
    case 'send': {
      const ws = sockets.get(m.id);
      if (ws && ws.readyState === WebSocket.OPEN) ws.send(m.data);
      break;
    }
    case 'close': {
      const ws = sockets.get(m.id);
      if (ws) ws.close(m.code, m.reason);
      break;
    }
  }
};
