import { create, type AGClientSocket } from 'socketcluster-client';
import { FRAME_SIZE, type OpenTransport, type ScState } from './transport';

/**
 * A SocketCluster codec that is JSON like the default one, but sees every frame first: it spots the protocol-1 ping
 * (`#1`, SocketCluster <= 14, remotedev-server 0.3) on a protocol-2 socket and the protocol-2 ping (empty frame) on a
 * protocol-1 socket, and it tags each published message with its frame size for the size column.
 */
function makeCodec(onPing: (kind: 1 | 2) => void) {
  return {
    decode(message: unknown) {
      if (message === null || message === undefined) return null;
      const s = typeof message === 'string' ? message : String(message);
      if (s === '#1' || s === '#2') {
        if (s === '#1') onPing(1);
        return s;
      }
      if (s === '') {
        onPing(2);
        return s;
      }
      const c = s.charCodeAt(0);
      if (c !== 123 && c !== 91) return s;
      let packet: unknown;
      try {
        packet = JSON.parse(s);
      } catch {
        return s;
      }
      // {"event":"#publish","data":{"channel":"log","data":{…}}}: remember how big the frame was.
      const p = packet as { event?: unknown; data?: { data?: unknown } };
      if (p && p.event === '#publish' && p.data && typeof p.data.data === 'object' && p.data.data !== null) {
        Object.defineProperty(p.data.data, FRAME_SIZE, { value: s.length, enumerable: false });
      }
      return packet;
    },
    encode(object: unknown) {
      return JSON.stringify(object);
    },
  };
}

/** socketcluster-client on the calling thread: the page with ?worker=0, Node (peers.test.ts), and the worker itself. */
export const openDirectTransport: OpenTransport = (o, ev) => {
  const s = create({
    hostname: o.hostname,
    port: o.port,
    secure: o.secure,
    path: o.path,
    protocolVersion: o.protocolVersion,
    autoConnect: true,
    autoReconnect: o.autoReconnect,
    autoReconnectOptions: { initialDelay: 500, randomness: 500, multiplier: 1.5, maxDelay: 5000 },
    connectTimeout: 10000,
    ackTimeout: 10000,
    codecEngine: makeCodec((k) => ev.onPing(k)) as never,
  } as AGClientSocket.ClientOptions);
  // Channels with a consumer loop: a channel resubscribed after subscribeFail keeps its one loop (the data stream is
  // per channel name, so a second loop would see every message twice).
  const consuming = new Set<string>();

  // The library answers each ping itself and tells no one, but it notes when one came (to time the server out):
  // read that once a second instead of listening to every frame. The note is also reset by the handshake, which
  // the connect takes as its starting point.
  type PingNote = { transport?: { lastPingTimestamp?: number } };
  let pingSeen = 0;
  const pingPoll = setInterval(() => {
    const at = (s as unknown as PingNote).transport?.lastPingTimestamp;
    if (s.state !== s.OPEN || at === undefined || at <= pingSeen) return;
    pingSeen = at;
    ev.onKeepAlive(at);
  }, 1000);
  void (async () => {
    for await (const _ of s.listener('connect')) {
      pingSeen = (s as unknown as PingNote).transport?.lastPingTimestamp ?? Date.now();
      ev.onConnect();
    }
  })();
  void (async () => {
    for await (const { code, reason } of s.listener('disconnect')) ev.onDown(code, reason, true);
  })();
  void (async () => {
    for await (const { code, reason } of s.listener('connectAbort')) ev.onDown(code, reason, false);
  })();
  void (async () => {
    for await (const _ of s.listener('connecting')) ev.onConnecting();
  })();
  void (async () => {
    for await (const { error } of s.listener('error')) ev.onError(error.message);
  })();
  void (async () => {
    for await (const { channel } of s.listener('subscribe')) ev.onSubscribe(channel);
  })();
  void (async () => {
    for await (const { channel, error } of s.listener('subscribeFail')) ev.onSubscribeFail(channel, error.message);
  })();

  return {
    invoke: (event, data) => s.invoke(event, data),
    subscribe(ch) {
      const channel = s.subscribe(ch);
      if (consuming.has(ch)) return;
      consuming.add(ch);
      void (async () => {
        for await (const data of channel) ev.onMessages(ch, [data]);
      })();
    },
    transmit(event, data) {
      if (s.state !== s.OPEN) return false;
      void s.transmit(event, data).catch(() => undefined);
      return true;
    },
    state: (): ScState => (s.state === s.OPEN ? 'open' : s.state === s.CONNECTING ? 'connecting' : 'closed'),
    close(code, reason) {
      clearInterval(pingPoll);
      s.killAllListeners();
      s.closeAllChannels();
      s.disconnect(code, reason);
    },
  };
};
