// The worker side of workerTransport.ts: runs transports (the direct one, in sc.worker.ts) and forwards what they
// report. Channel messages are batched (one post per FLUSH_MS, or sooner once a batch is big); every other event and
// every invoke reply is posted at once together with the messages before it, so the page sees one ordered stream.
import { appMessageOf, frameSizeOf, HOLD_MIN_CHARS, type FromWorker, type HeldMarker, type OpenTransport, type ScEvents, type ScTransport, type ToWorker, type WireItem } from './transport';

export interface HostOptions {
  post(message: FromWorker): void;
  open: OpenTransport;
  setTimer?: (fn: () => void, ms: number) => unknown;
  /** Post pending messages at least this often (default 4 ms). */
  flushMs?: number;
  /** ...or as soon as this many are pending (default 250: the page handles a batch in ~10 ms, never a long task)... */
  maxMessages?: number;
  /** ...or once their frames add up to this many characters (default 1 MB). */
  maxChars?: number;
  /** Held payload characters kept at most, all transports together; beyond it the oldest go (default 512 M). */
  maxHeldChars?: number;
}

/**
 * Keeps an ACTION's state text here and puts a marker in its place (see HeldText). A batch of actions (the action
 * text is an array) keeps its states, since the page splits them as it arrives.
 */
function holdPayload(m: unknown, hold: (text: string) => HeldMarker): void {
  const o = appMessageOf(m);
  if (!o || o.type !== 'ACTION' || typeof o.payload !== 'string' || o.payload.length < HOLD_MIN_CHARS) return;
  if (typeof o.action === 'string' && o.action.charCodeAt(0) === 91) return;
  o.payload = hold(o.payload);
}

export function createTransportHost(o: HostOptions): { receive(m: ToWorker): void } {
  const setTimer = o.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const flushMs = o.flushMs ?? 4;
  const maxMessages = o.maxMessages ?? 250;
  const maxChars = o.maxChars ?? 1_000_000;
  const maxHeld = o.maxHeldChars ?? 512 * 1024 * 1024;
  const transports = new Map<number, ScTransport>();
  const alive = new Set<number>();
  /** Channels whose ACTION payloads are held, per transport. */
  const holding = new Map<number, Set<string>>();
  /** Held texts by ref, oldest first, and which transport each belongs to. */
  const held = new Map<number, { id: number; text: string }>();
  let heldChars = 0;
  let nextRef = 1;
  const forget = (ref: number) => {
    const h = held.get(ref);
    if (!h) return undefined;
    held.delete(ref);
    heldChars -= h.text.length;
    return h.text;
  };
  let items: WireItem[] = [];
  let count = 0;
  let chars = 0;
  let timerSet = false;

  function flush() {
    if (!items.length) return;
    const out = items;
    items = [];
    count = chars = 0;
    try {
      o.post({ t: 'batch', items: out });
    } catch {
      // Only JSON reaches here, but a value that cannot be cloned must not stop the stream.
      o.post(JSON.parse(JSON.stringify({ t: 'batch', items: out })) as FromWorker);
    }
  }
  const onTimer = () => {
    timerSet = false;
    flush();
  };
  /** A status event or reply: goes out now, after the messages that came before it. */
  function now(item: WireItem) {
    items.push(item);
    flush();
  }

  function events(id: number): ScEvents {
    const live = () => alive.has(id);
    return {
      onConnect: () => live() && now({ id, e: 'connect' }),
      onDown: (code, reason, wasOpen) => live() && now({ id, e: 'down', code, reason, wasOpen }),
      onConnecting: () => live() && now({ id, e: 'connecting' }),
      onError: (message) => live() && now({ id, e: 'error', message }),
      onPing: (kind) => live() && now({ id, e: 'ping', kind }),
      onKeepAlive: (at) => live() && now({ id, e: 'keepalive', at }),
      onSubscribe: (channel) => live() && now({ id, e: 'subscribe', channel }),
      onSubscribeFail: (channel, message) => live() && now({ id, e: 'subscribeFail', channel, message }),
      onMessages(channel, batch) {
        if (!live()) return;
        let last = items[items.length - 1];
        if (!last || last.e !== 'messages' || last.id !== id || last.channel !== channel) items.push((last = { id, e: 'messages', channel, data: [], sizes: [] }));
        const hold = holding.get(id)?.has(channel);
        let kept = 0;
        const keep = (text: string): HeldMarker => {
          const ref = nextRef++;
          held.set(ref, { id, text });
          heldChars += text.length;
          kept += text.length;
          // The page caps what it keeps per instance; this only guards against a page that stopped releasing.
          for (const r of held.keys()) {
            if (heldChars <= maxHeld) break;
            forget(r);
          }
          return { $heldText: ref, length: text.length };
        };
        for (const m of batch) {
          const size = frameSizeOf(m);
          if (hold) holdPayload(m, keep);
          last.data.push(m);
          last.sizes.push(size ?? -1);
          chars += size ?? 0;
        }
        chars -= kept;
        count += batch.length;
        if (count >= maxMessages || chars >= maxChars) flush();
        else if (!timerSet) {
          timerSet = true;
          setTimer(onTimer, flushMs);
        }
      },
    };
  }

  return {
    receive(m: ToWorker) {
      if (m.t === 'open') {
        // Alive before open() runs, so nothing it reports is dropped.
        alive.add(m.id);
        transports.set(m.id, o.open(m.options, events(m.id)));
        return;
      }
      const t = transports.get(m.id);
      if (m.t === 'take') {
        now({ id: m.id, e: 'text', call: m.call, text: forget(m.ref) ?? null });
        return;
      }
      if (m.t === 'release') {
        for (const ref of m.refs) forget(ref);
        return;
      }
      if (!t) {
        if (m.t === 'invoke') now({ id: m.id, e: 'reply', call: m.call, ok: false, name: 'BadConnectionError', message: 'The socket is closed.' });
        return;
      }
      switch (m.t) {
        case 'invoke':
          t.invoke(m.event, m.data).then(
            (value) => alive.has(m.id) && now({ id: m.id, e: 'reply', call: m.call, ok: true, value }),
            (err: unknown) => alive.has(m.id) && now({ id: m.id, e: 'reply', call: m.call, ok: false, name: (err as Error)?.name ?? 'Error', message: (err as Error)?.message ?? String(err) }),
          );
          break;
        case 'subscribe':
          if (m.holdPayloads) {
            let set = holding.get(m.id);
            if (!set) holding.set(m.id, (set = new Set()));
            set.add(m.channel);
          }
          t.subscribe(m.channel);
          break;
        case 'transmit':
          t.transmit(m.event, m.data);
          break;
        case 'close':
          alive.delete(m.id);
          transports.delete(m.id);
          holding.delete(m.id);
          for (const [ref, h] of held) if (h.id === m.id) forget(ref);
          t.close(m.code, m.reason);
          break;
      }
    },
  };
}
