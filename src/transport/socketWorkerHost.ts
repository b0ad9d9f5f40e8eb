import type { FromSocketWorker, ToSocketWorker, WireFrame } from './workerProtocol';
import { createPostBatcher } from './postBatcher';
import { errorMessage } from '../core/errors';

/** Forward at least this often; a batch also goes out as soon as it holds MAX_BATCH frames. */
const FLUSH_MS = 4;
const MAX_BATCH = 2000;

/**
 * Owns real WebSockets (in the socket worker) and reports to the page: open, error and close at once, frames in
 * batches (createPostBatcher), and every frame received before a close ahead of that close.
 */
export function createSocketWorkerHost(o: {
  post(m: FromSocketWorker, transfer?: Transferable[]): void;
  WebSocketImpl?: typeof WebSocket;
  setTimer?: (fn: () => void, ms: number) => unknown;
}): { receive(m: ToSocketWorker): void } {
  const WS = o.WebSocketImpl ?? WebSocket;
  const sockets = new Map<number, WebSocket>();
  return {
    receive(m) {
      switch (m.t) {
        case 'open': {
          let ws: WebSocket;
          try {
            ws = new WS(m.url, m.protocols);
          } catch (err) {
            o.post({ t: 'error', id: m.id, message: errorMessage(err), fatal: true });
            return;
          }
          ws.binaryType = 'arraybuffer';
          sockets.set(m.id, ws);
          // A batch per socket: no object per frame to tag it with its socket, and no regrouping at each post.
          const frames = createPostBatcher<WireFrame>({
            flushMs: FLUSH_MS,
            maxItems: MAX_BATCH,
            setTimer: o.setTimer,
            post: (list) => o.post({ t: 'frames', id: m.id, frames: list }, list.filter((f): f is ArrayBuffer => f instanceof ArrayBuffer)),
          });
          ws.onopen = () => o.post({ t: 'open', id: m.id, protocol: ws.protocol, extensions: ws.extensions });
          ws.onmessage = (e) => frames.push(e.data as WireFrame);
          ws.onerror = () => o.post({ t: 'error', id: m.id, message: 'WebSocket error', fatal: false });
          ws.onclose = (e) => {
            frames.flush(); // frames received before the close stay ahead of it
            sockets.delete(m.id);
            o.post({ t: 'close', id: m.id, code: e.code, reason: e.reason, wasClean: e.wasClean });
          };
          break;
        }
        case 'send': {
          const ws = sockets.get(m.id);
          if (ws && ws.readyState === 1) ws.send(m.data);
          break;
        }
        case 'close': {
          const ws = sockets.get(m.id);
          if (ws) ws.close(m.code, m.reason);
          break;
        }
      }
    },
  };
}
