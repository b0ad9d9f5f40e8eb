import type { FromSocketWorker, ToSocketWorker } from './workerProtocol';

// A WebSocket look-alike whose real socket lives in a Web Worker (socket.worker.ts). Frames cross to the page in
// batches, so a firehose costs the main thread one task per batch rather than one browser event per frame; dialect
// code is unchanged because it only sees the WebSocket interface. Disable with ?worker=0 (e.g. for tools that
// intercept page WebSockets).

let worker: Worker | null = null;
let nextId = 1;
const instances = new Map<number, WorkerWebSocket>();

function getWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./socket.worker.ts', import.meta.url), { type: 'module', name: 'streamscope-sockets' });
    worker.onmessage = (ev: MessageEvent<FromSocketWorker>) => instances.get(ev.data.id)?.receive(ev.data);
  }
  return worker;
}

const post = (m: ToSocketWorker, transfer: Transferable[] = []) => getWorker().postMessage(m, transfer);

type Handler<E> = ((this: WebSocket, ev: E) => unknown) | null;

export class WorkerWebSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;

  readonly url: string;
  readonly id = nextId++;
  readyState = 0;
  protocol = '';
  extensions = '';
  bufferedAmount = 0;
  binaryType: BinaryType = 'arraybuffer';
  onopen: Handler<Event> = null;
  onmessage: Handler<MessageEvent> = null;
  onerror: Handler<Event> = null;
  onclose: Handler<CloseEvent> = null;

  constructor(url: string | URL, protocols?: string | string[]) {
    // Same synchronous failures as the real constructor, so callers see bad URLs at once.
    const u = new URL(String(url));
    if (u.protocol !== 'ws:' && u.protocol !== 'wss:') throw new SyntaxError(`The URL's scheme must be 'ws' or 'wss'; '${u.protocol.slice(0, -1)}' is not allowed.`);
    this.url = u.toString();
    instances.set(this.id, this);
    post({ t: 'open', id: this.id, url: this.url, protocols });
  }

  send(data: string | ArrayBuffer | ArrayBufferView | Blob): void {
    if (this.readyState === 0) throw new DOMException("Failed to execute 'send' on 'WebSocket': Still in CONNECTING state.", 'InvalidStateError');
    if (this.readyState !== 1) return;
    if (typeof data === 'string') post({ t: 'send', id: this.id, data });
    else if (data instanceof ArrayBuffer) post({ t: 'send', id: this.id, data: data.slice(0) });
    else if (ArrayBuffer.isView(data)) post({ t: 'send', id: this.id, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice().buffer });
    else throw new TypeError('Blob frames are not supported by the worker transport');
  }

  close(code?: number, reason?: string): void {
    if (this.readyState >= 2) return;
    this.readyState = 2;
    post({ t: 'close', id: this.id, code, reason });
  }

  /** Called with each message from the worker for this socket. */
  receive(m: FromSocketWorker): void {
    const self = this as unknown as WebSocket;
    switch (m.t) {
      case 'open':
        this.readyState = 1;
        this.protocol = m.protocol;
        this.extensions = m.extensions;
        this.onopen?.call(self, new Event('open'));
        break;
      case 'frames':
        // A closed socket drops late frames, as the real one would not deliver them either.
        if (this.readyState === 3) return;
        for (const data of m.frames) this.onmessage?.call(self, { data } as MessageEvent);
        break;
      case 'error':
        this.onerror?.call(self, new Event('error'));
        if (m.fatal) this.finish(1006, m.message, false);
        break;
      case 'close':
        this.finish(m.code, m.reason, m.wasClean);
        break;
    }
  }

  private finish(code: number, reason: string, wasClean: boolean): void {
    this.readyState = 3;
    instances.delete(this.id);
    this.onclose?.call(this as unknown as WebSocket, { code, reason, wasClean, type: 'close' } as CloseEvent);
  }

  addEventListener(): void {
    throw new Error('WorkerWebSocket supports the on* handlers only');
  }
}

let mode: 'worker' | 'main' = typeof Worker === 'function' ? 'worker' : 'main';

/** Chooses where sockets live: 'worker' (default where Workers exist) or 'main'. */
export function setSocketTransport(m: 'worker' | 'main'): void {
  mode = m === 'worker' && typeof Worker === 'function' ? 'worker' : 'main';
}

export function defaultWebSocketImpl(): typeof WebSocket {
  return (mode === 'worker' ? WorkerWebSocket : WebSocket) as unknown as typeof WebSocket;
}
