// The worker side of workerTransport.ts: runs transports (the direct one, in sc.worker.ts) and forwards what they
// report. Channel messages are batched (one post per FLUSH_MS, or sooner once a batch is big); every other event and
// every invoke reply is posted at once together with the messages before it, so the page sees one ordered stream.
import { frameSizeOf, type FromWorker, type OpenTransport, type ScEvents, type ScTransport, type ToWorker, type WireItem } from './transport';

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
}

export function createTransportHost(o: HostOptions): { receive(m: ToWorker): void } {
  const setTimer = o.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const flushMs = o.flushMs ?? 4;
  const maxMessages = o.maxMessages ?? 250;
  const maxChars = o.maxChars ?? 1_000_000;
  const transports = new Map<number, ScTransport>();
  const alive = new Set<number>();
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
      onSubscribe: (channel) => live() && now({ id, e: 'subscribe', channel }),
      onSubscribeFail: (channel, message) => live() && now({ id, e: 'subscribeFail', channel, message }),
      onMessages(channel, batch) {
        if (!live()) return;
        let last = items[items.length - 1];
        if (!last || last.e !== 'messages' || last.id !== id || last.channel !== channel) items.push((last = { id, e: 'messages', channel, data: [], sizes: [] }));
        for (const m of batch) {
          const size = frameSizeOf(m);
          last.data.push(m);
          last.sizes.push(size ?? -1);
          chars += size ?? 0;
        }
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
          t.subscribe(m.channel);
          break;
        case 'transmit':
          t.transmit(m.event, m.data);
          break;
        case 'close':
          alive.delete(m.id);
          transports.delete(m.id);
          t.close(m.code, m.reason);
          break;
      }
    },
  };
}
