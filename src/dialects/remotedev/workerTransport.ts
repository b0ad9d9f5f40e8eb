// The page side of a SocketCluster socket that lives in a dedicated worker (sc.worker.ts). socketcluster-client's
// per-frame work (WebSocket event, JSON.parse, its consumable streams) happens there; the page gets one message
// event per batch of channel messages, with status events and invoke replies in order among them.
import { appMessageOf, setFrameSize, type FromWorker, type HeldMarker, type HeldText, type OpenTransport, type ScEvents, type ScState, type ToWorker, type WireItem } from './transport';

/** A Worker, or one end of a MessageChannel in tests. */
export interface PortLike {
  postMessage(message: ToWorker): void;
  onmessage: ((ev: MessageEvent<FromWorker>) => void) | null;
}

const isMarker = (v: unknown): v is HeldMarker => typeof v === 'object' && v !== null && typeof (v as HeldMarker).$heldText === 'number';

/** Swaps the worker's marker for a HeldText the controller can keep, take or release. */
function adoptHeld(m: unknown, make: (marker: HeldMarker) => HeldText): void {
  const o = appMessageOf(m);
  if (o && isMarker(o.payload)) o.payload = make(o.payload);
}

interface Client {
  receive(item: WireItem): void;
  fail(message: string, down: boolean): void;
}

/** Transports over `port`; all of them share it, each message names its transport. */
export function createWorkerTransports(port: PortLike): { open: OpenTransport; fail(message: string, down: boolean): void; readonly ready: boolean } {
  const clients = new Map<number, Client>();
  let nextId = 1;
  let ready = false;
  port.onmessage = (ev) => {
    ready = true;
    if (ev.data.t === 'batch') for (const item of ev.data.items) clients.get(item.id)?.receive(item);
  };

  const open: OpenTransport = (options, events: ScEvents) => {
    const id = nextId++;
    let state: ScState = 'connecting';
    let nextCall = 1;
    const calls = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
    // Releases go out together: committing excess actions releases one state per action.
    let releases: number[] = [];
    const flushReleases = () => {
      const refs = releases;
      releases = [];
      if (refs.length && clients.has(id)) post({ t: 'release', id, refs });
    };
    const makeHeld = (marker: HeldMarker): HeldText => {
      const ref = marker.$heldText;
      let done = false;
      return {
        length: marker.length,
        take() {
          if (done || !clients.has(id)) return Promise.resolve(null);
          done = true;
          return new Promise((resolve) => {
            const call = nextCall++;
            // The worker's copy goes with the socket: a take still waiting then finds nothing.
            calls.set(call, { resolve: (text) => resolve(text as string | null), reject: () => resolve(null) });
            post({ t: 'take', id, call, ref });
          });
        },
        release() {
          if (done) return;
          done = true;
          if (releases.push(ref) === 1) queueMicrotask(flushReleases);
        },
      };
    };
    const post = (m: ToWorker) => {
      try {
        port.postMessage(m);
      } catch {
        // Not structured-cloneable (a function somewhere in a value): send what JSON would have sent anyway.
        port.postMessage(JSON.parse(JSON.stringify(m)) as ToWorker);
      }
    };
    const settleAll = (message: string) => {
      for (const c of calls.values()) c.reject(Object.assign(new Error(message), { name: 'BadConnectionError' }));
      calls.clear();
    };
    clients.set(id, {
      receive(it) {
        switch (it.e) {
          case 'messages':
            for (let k = 0; k < it.data.length; k++) {
              if (it.sizes[k] >= 0) setFrameSize(it.data[k], it.sizes[k]);
              adoptHeld(it.data[k], makeHeld);
            }
            events.onMessages(it.channel, it.data);
            break;
          case 'connect':
            state = 'open';
            events.onConnect();
            break;
          case 'down':
            state = 'closed';
            events.onDown(it.code, it.reason, it.wasOpen);
            break;
          case 'connecting':
            state = 'connecting';
            events.onConnecting();
            break;
          case 'error':
            events.onError(it.message);
            break;
          case 'ping':
            events.onPing(it.kind);
            break;
          case 'keepalive':
            events.onKeepAlive(it.at);
            break;
          case 'subscribe':
            events.onSubscribe(it.channel);
            break;
          case 'subscribeFail':
            events.onSubscribeFail(it.channel, it.message);
            break;
          case 'text':
            calls.get(it.call)?.resolve(it.text);
            calls.delete(it.call);
            break;
          case 'reply': {
            const c = calls.get(it.call);
            calls.delete(it.call);
            if (!c) break;
            if (it.ok) c.resolve(it.value);
            else c.reject(Object.assign(new Error(it.message), { name: it.name }));
            break;
          }
        }
      },
      fail(message, down) {
        events.onError(message);
        if (!down || state === 'closed') return;
        const wasOpen = state === 'open';
        state = 'closed';
        settleAll(message);
        events.onDown(1006, message, wasOpen);
      },
    });
    post({ t: 'open', id, options });
    return {
      invoke(event, data) {
        if (!clients.has(id)) return Promise.reject(Object.assign(new Error('The socket is closed.'), { name: 'BadConnectionError' }));
        return new Promise((resolve, reject) => {
          const call = nextCall++;
          calls.set(call, { resolve, reject });
          post({ t: 'invoke', id, call, event, data });
        });
      },
      subscribe(channel, o) {
        if (clients.has(id)) post({ t: 'subscribe', id, channel, holdPayloads: o?.holdPayloads });
      },
      transmit(event, data) {
        if (state !== 'open') return false;
        post({ t: 'transmit', id, event, data });
        return true;
      },
      state: () => state,
      close(code, reason) {
        if (!clients.delete(id)) return;
        state = 'closed';
        settleAll('The socket was closed.');
        post({ t: 'close', id, code, reason });
      },
    };
  };

  return {
    open,
    /** Reports a worker error to every socket; `down`: the worker never loaded, so the sockets are down too. */
    fail(message, down) {
      for (const c of [...clients.values()]) c.fail(message, down);
    },
    /** True once the worker said anything (it says 'ready' when it starts). */
    get ready() {
      return ready;
    },
  };
}

let shared: ReturnType<typeof createWorkerTransports> | undefined;

/** The app's transport: one dedicated module worker, started on first use, holds every remotedev socket. */
export const openWorkerTransport: OpenTransport = (options, events) => {
  if (!shared) {
    // The literal `new Worker(new URL(…, import.meta.url))` is what Vite bundles as a worker chunk.
    const worker = new Worker(new URL('./sc.worker.ts', import.meta.url), { type: 'module', name: 'streamscope-remotedev' });
    const transports = createWorkerTransports(worker as unknown as PortLike);
    worker.onerror = (ev) => {
      ev.preventDefault();
      const message = `The remotedev socket worker ${transports.ready ? 'failed' : 'could not start'}: ${ev.message || 'no details'}`;
      // Before 'ready' the sockets never existed; later, the error was an exception the worker survives.
      transports.fail(message, !transports.ready);
    };
    shared = transports;
  }
  return shared.open(options, events);
};
