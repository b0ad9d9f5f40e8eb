import type { ColumnContext, Dialect, EventSink, Session, StreamEvent } from '../types';
import { describeClose, refusedHandshake } from '../../transport/reconnectingSocket';
import { createConnectionJournal } from '../../transport/connectionJournal';
import { errorMessage, NOT_SENT_NOT_OPEN } from '../../core/errors';
import { defaultWebSocketImpl, WorkerWebSocket } from '../../transport/workerWebSocket';
import { utf8Length } from '../../lib/format';
import { createController, type ProtocolVersion, type RemotedevController, type SubscriptionInfo } from './controller';
import { openDirectTransport } from './directTransport';
import type { OpenTransport, ScTransport } from './transport';
import { openWorkerTransport } from './workerTransport';
import { remotedevRowScope } from './rowScope';

// The dialect's public surface for its UI (src/components/dialects/remotedev): the controller and its view, the text
// of decoded values, RTK Query's slices in a state, and the reducer-test generator.
export type { InstanceSummary, RemotedevController, RemotedevView } from './controller';
export { serializedTypeOf } from './decode';
export { diffLabelOf, labelled, leafText, mapKeyText, TypedLeaf, typedText } from './typedText';
export { apiCounts, findRtkApis, tagText, type RtkApi, type RtkRequest } from './rtkQuery';
export { BUILT_IN_TEMPLATES, generateReducerTest, templateProblem, type TestStep, type TestTemplate } from './reducerTest';

/** Where to connect, from a ws:// URL: SocketCluster clients take host, port, secure and path separately. */
export function parseEndpoint(endpoint: string): { hostname: string; port: number; secure: boolean; path: string } {
  const u = new URL(endpoint.includes('://') ? endpoint : `ws://${endpoint}`);
  const secure = u.protocol === 'wss:' || u.protocol === 'https:';
  return { hostname: u.hostname.replace(/^\[|\]$/g, ''), port: u.port ? Number(u.port) : secure ? 443 : 80, secure, path: u.pathname && u.pathname !== '/' ? u.pathname : '/socketcluster/' };
}

export interface RemotedevSession extends Session<RemotedevController> {
  readonly controller: RemotedevController;
  /** Advanced mode: transmits an event by name with a JSON body. */
  transmit(event: string, bodyText: string): { ok: boolean; error?: string };
}

/** Milliseconds since the instance's previous action: "+12", or "-40" when the app's clock or order went back. */
export const deltaText = (d: unknown) => (typeof d === 'number' && Number.isFinite(d) ? (d < 0 ? `${d}` : `+${d}`) : undefined);

/** The row's session's controller and instance, when the row is an action row. */
const actionRowOf = (e: StreamEvent, ctx: ColumnContext) => {
  const f = e.fields;
  if (!f || f.rowKind !== 'action') return undefined;
  const c = ctx.session(e.connId)?.controller as RemotedevController | undefined;
  const i = c?.instanceByUid?.(f.uid);
  return i ? { c: c!, key: i.key, id: f.actionId as number, token: f.token as number | undefined, epoch: f.epoch as number | undefined } : undefined;
};

/**
 * current / skipped, asked of the row's own session: it changes after the row was logged. Rows that no longer stand
 * for the app's history are dimmed instead (rowMarks.ts), and why is said once, by a marker row (historyNotes.ts).
 */
const stateOf = (e: StreamEvent, ctx: ColumnContext) => {
  const r = actionRowOf(e, ctx);
  const mark = r?.c.rowState(r.key, r.id, r.token, r.epoch);
  return mark === 'current' || mark === 'skipped' ? mark : undefined;
};

/**
 * Which instance a row came from: its app's name, and its instance id too when two instances share the name (an app
 * restarted, or two tabs of it).
 */
const instanceOf = (e: StreamEvent, ctx: ColumnContext) => {
  const f = e.fields;
  if (!f || f.instance === undefined) return undefined;
  const c = ctx.session(e.connId)?.controller as RemotedevController | undefined;
  const i = c?.instanceByUid?.(f.uid);
  if (!i) return e.key;
  const twins = c!.instances().some((x) => x !== i && x.name === i.name);
  return twins ? `${i.name} · ${(i.instanceId ?? i.socketId).slice(0, 8)}` : i.name;
};

export const remotedevDialect: Dialect<RemotedevController> = {
  id: 'remotedev',
  label: 'Redux DevTools (remotedev)',
  description:
    'Redux DevTools remote monitor over SocketCluster (@redux-devtools/cli 5, remotedev-server 0.3): channel login, instances, time travel, dispatch.',
  defaultEndpoint: 'ws://127.0.0.1:8000/socketcluster/',
  endpointPlaceholder: 'ws://host:8000/socketcluster/',
  settings: [
    { key: 'credential', label: 'Login credential', kind: 'text', default: 'monitor', help: 'Sent with the login procedure; the server answers with the channel to watch ("log" for a monitor).' },
    {
      key: 'protocol',
      label: 'SocketCluster protocol',
      kind: 'select',
      default: 'auto',
      options: [
        { value: 'auto', label: 'Auto-detect' },
        { value: '2', label: '2 (@redux-devtools/cli 5, SocketCluster 15+)' },
        { value: '1', label: '1 (remotedev-server 0.3, SocketCluster 14)' },
      ],
    },
    { key: 'advanced', label: 'Advanced: any channels', kind: 'checkbox', default: false, help: 'Watch any SocketCluster server: subscribe to the channels below and log every message.' },
    { key: 'channels', label: 'Channels (comma separated)', kind: 'text', placeholder: 'e.g. log, chat', help: 'Advanced mode only. Empty: the channel the login returns.' },
  ],
  capabilities: { canSend: true, hasTimeTravel: true, hasSubscriptions: true },
  // "#" is the table's own row number; the app's action id is named for what it is.
  columns: [
    { id: 'rdInstance', header: 'App', get: instanceOf, width: 96, live: true, severalStreams: true },
    { id: 'rdActionId', header: 'Action id', get: (e) => e.fields?.actionId, field: 'actionId', width: 72 },
    { id: 'rdDelta', header: 'Δ ms', get: (e) => deltaText(e.fields?.delta), field: 'delta', width: 56 },
    { id: 'rdState', header: 'State', get: stateOf, width: 76, live: true },
  ],
  // Action rows leave Action empty and put the instance's name in Key; Dir tells only protocol rows apart (listed
  // on request). Hidden, they leave room for the Summary (the action itself) beside the inspector.
  hiddenColumns: ['dir', 'action', 'key'],
  rowScope: remotedevRowScope,
  // An action's place in the app's run, not the table's arrival count; the app's own id has its column.
  rowNumber(e, ctx) {
    const r = actionRowOf(e, ctx);
    if (!r) return e.fields?.rowKind === 'action' ? (e.fields.number as number | undefined) : '';
    return r.c.rowNumber(r.key, r.id, r.token, e.fields!.number as number | undefined);
  },
  connect(options, sink) {
    return connectRemotedev(options.endpoint, options.settings, options.autoReconnect, sink);
  },
};

/** Sockets live where the page's other sockets live: in a worker unless ?worker=0 (or no Worker, e.g. Node). */
function defaultTransport(): OpenTransport {
  return typeof Worker === 'function' && (defaultWebSocketImpl() as unknown) === WorkerWebSocket ? openWorkerTransport : openDirectTransport;
}

export function connectRemotedev(endpoint: string, settings: Record<string, unknown>, autoReconnect: boolean, sink: EventSink, openTransport: OpenTransport = defaultTransport()): RemotedevSession {
  const where = parseEndpoint(endpoint);
  const shown = `${where.secure ? 'wss' : 'ws'}://${where.hostname}:${where.port}${where.path}`;
  const credential = typeof settings.credential === 'string' ? settings.credential : 'monitor';
  const advanced = settings.advanced === true || settings.advanced === 'true';
  const extraChannels =
    advanced && typeof settings.channels === 'string'
      ? settings.channels
          .split(',')
          .map((c) => c.trim())
          .filter(Boolean)
      : [];
  const setting: 'auto' | ProtocolVersion = settings.protocol === '1' || settings.protocol === 1 ? 1 : settings.protocol === '2' || settings.protocol === 2 ? 2 : 'auto';
  let version: ProtocolVersion = setting === 'auto' ? 2 : setting;

  let socket: ScTransport | null = null;
  let generation = 0;
  let closed = false;
  // Connect, close and gap rows and the status line, in the words every transport uses; SocketCluster retries by
  // itself, so each attempt it starts after a drop is reported as one.
  const journal = createConnectionJournal(sink, shown);
  let retrying = false;
  let switching = false;
  // The current socket's channels: whether each is the monitor channel (login reply), and which are subscribed now.
  let asked = new Map<string, boolean>();
  let subscribedNow = new Set<string>();

  const controller = createController(
    {
      sink,
      transmit: (channel, data) => !!socket && socket.transmit(channel, data),
    },
    { credential, advanced, protocol: setting, activeProtocol: version },
  );

  const subs = new Map<string, SubscriptionInfo>();
  const publishSubs = () => controller.setConnection({ subscriptions: [...subs.values()] });

  function onPing(kind: 1 | 2, gen: number) {
    if (gen !== generation || switching || kind === version) return;
    const protocol = controller.state.get().protocol;
    if (setting !== 'auto') {
      if (!protocol.note) controller.setConnection({ protocol: { ...protocol, detected: kind, note: `The server speaks protocol ${kind} but protocol ${version} is forced: it will drop this connection every 20–30 s.` } });
      return;
    }
    // Wrong ping dialect: the server will time us out in 20-30 s. Reconnect speaking its protocol.
    switching = true;
    version = kind;
    controller.setConnection({ protocol: { setting, active: kind, detected: kind, note: kind === 1 ? 'Found an old server (SocketCluster 14, remotedev-server 0.3): its "#1" ping. Reconnected with protocol 1.' : 'Found a protocol-2 server (SocketCluster 15+): its empty ping. Reconnected with protocol 2.' } });
    sink.emit({ dir: 'system', kind: 'notice', summary: `SocketCluster protocol ${kind} detected (${kind === 1 ? '"#1" ping' : 'empty ping'}); reconnecting with protocolVersion ${kind}.` });
    queueMicrotask(() => {
      open(true);
      switching = false;
    });
  }

  async function login(t: ScTransport, gen: number) {
    let channel: string | undefined;
    if (credential !== '' || !advanced) {
      controller.setConnection({ login: { credential, state: 'pending' } });
      try {
        const reply = await t.invoke('login', credential);
        if (gen !== generation) return;
        channel = typeof reply === 'string' ? reply : undefined;
        controller.setConnection({ login: { credential, state: 'ok', channel } });
        sink.emit({ dir: 'system', kind: 'notice', summary: `Logged in as "${credential}": the server returned channel "${String(reply)}"`, fields: { rowKind: 'protocol' } });
      } catch (err) {
        if (gen !== generation) return;
        const msg = errorMessage(err);
        controller.setConnection({ login: { credential, state: 'failed', error: msg } });
        sink.emit({ dir: 'system', kind: 'error', summary: `Login as "${credential}" failed: ${msg}` });
        if (!advanced) return;
      }
    } else controller.setConnection({ login: { credential, state: 'skipped' } });
    const channels = extraChannels.length ? extraChannels : channel ? [channel] : [];
    for (const ch of channels) subscribe(t, ch, ch === channel);
  }

  function subscribe(t: ScTransport, ch: string, isMonitorChannel: boolean) {
    if (asked.has(ch)) {
      // SocketCluster resubscribes by itself after a reconnect; its messages still come to onMessages.
      const on = subscribedNow.has(ch);
      subs.set(ch, { channel: ch, state: on ? 'subscribed' : 'pending' });
      publishSubs();
      if (on && isMonitorChannel) controller.subscribed();
      return;
    }
    asked.set(ch, isMonitorChannel);
    subs.set(ch, { channel: ch, state: 'pending' });
    publishSubs();
    // The monitor channel's states stay in the socket worker until the inspector opens one.
    t.subscribe(ch, { holdPayloads: isMonitorChannel });
  }

  function open(isSwitch = false) {
    const gen = ++generation;
    const live = () => gen === generation;
    socket?.close(1000, isSwitch ? 'switching protocol' : 'closed');
    subs.clear();
    asked = new Map();
    subscribedNow = new Set();
    let lastErr = '';
    const t: ScTransport = openTransport(
      { hostname: where.hostname, port: where.port, secure: where.secure, path: where.path, protocolVersion: version, autoReconnect },
      {
        onConnect() {
          if (!live()) return;
          retrying = false;
          journal.opened({ note: ` (protocol ${version})`, gapNote: '; history kept' });
          controller.setConnection({ connected: true });
          void login(t, gen);
        },
        onDown(code, reason, wasOpen) {
          if (!live()) return;
          const refused = !wasOpen && code === 1006 ? refusedHandshake(shown) : undefined;
          const text = refused?.message ?? describeClose(code, reason ?? '');
          journal.closed(code, reason ?? '', wasOpen, text);
          if (wasOpen) {
            controller.setConnection({ connected: false });
            subscribedNow.clear();
            for (const [ch, v] of subs) subs.set(ch, { ...v, state: 'pending' });
            publishSubs();
          }
          if (closed) journal.ended({ byUser: true, wasOpen, code, reason });
          else if (autoReconnect) {
            retrying = true;
            journal.retrying(text, code, reason, undefined, refused?.helpUrl);
          } else journal.ended({ byUser: false, wasOpen, text, code, reason, helpUrl: refused?.helpUrl });
        },
        onConnecting() {
          if (live() && retrying) journal.connecting();
        },
        onError(message) {
          // Socket errors repeat on every retry; log each distinct one once.
          if (!live() || message === lastErr) return;
          lastErr = message;
          sink.emit({ dir: 'system', kind: 'error', summary: `Socket error: ${message}` });
        },
        onPing: (kind) => onPing(kind, gen),
        onKeepAlive: (at) => gen === generation && sink.keepAlive?.(at),
        onSubscribe(ch) {
          if (!live()) return;
          subscribedNow.add(ch);
          subs.set(ch, { channel: ch, state: 'subscribed' });
          publishSubs();
          sink.emit({ dir: 'system', kind: 'notice', summary: `Subscribed to channel "${ch}"`, fields: { rowKind: 'protocol' } });
          // A monitor announces itself with START once it can hear the answers.
          if (asked.get(ch)) controller.subscribed();
        },
        onSubscribeFail(ch, message) {
          if (!live()) return;
          asked.delete(ch);
          subscribedNow.delete(ch);
          subs.set(ch, { channel: ch, state: 'failed', error: message });
          publishSubs();
          sink.emit({ dir: 'system', kind: 'error', summary: `Subscribing to "${ch}" failed: ${message}` });
        },
        onMessages(ch, batch) {
          // The login channel carries the apps' messages; any other channel (advanced mode) is logged as it comes.
          const isMonitorChannel = asked.get(ch) === true;
          for (const data of batch) {
            if (!live()) return;
            try {
              if (isMonitorChannel) controller.handle(data, ch);
              else controller.channelMessage(data, ch);
            } catch (err) {
              sink.emit({ dir: 'system', kind: 'error', summary: `Could not handle a "${ch}" message: ${errorMessage(err)}` });
            }
          }
        },
      },
    );
    socket = t;
    journal.connecting();
  }

  open();

  return {
    capabilities: remotedevDialect.capabilities,
    controller,
    rowOrder: controller.rowOrder,
    sendHint: 'JSON to transmit on "respond", which every connected app hears, e.g. {"type":"START"} (Enter sends)',
    focus: {
      get: () => controller.state.get().selected,
      subscribe(listener) {
        let last = controller.state.get().selected;
        return controller.state.subscribe(() => {
          const now = controller.state.get().selected;
          if (now !== last) {
            last = now;
            listener();
          }
        });
      },
    },
    send(text: string) {
      // The send box transmits JSON on `respond` (what the apps listen to), e.g. {"type":"START"}.
      let v: unknown;
      try {
        v = JSON.parse(text);
      } catch (err) {
        sink.emit({ dir: 'system', kind: 'error', summary: `Not sent: ${errorMessage(err)}` });
        return;
      }
      const ok = !!socket && socket.transmit('respond', v);
      sink.emit(ok ? { dir: 'out', kind: 'message', raw: text, value: v, size: utf8Length(text), type: (v as { type?: string })?.type, fields: { rowKind: 'protocol', channel: 'respond' } } : { dir: 'system', kind: 'error', summary: NOT_SENT_NOT_OPEN });
    },
    transmit(event: string, bodyText: string) {
      if (!event.trim()) return { ok: false, error: 'Name the event to transmit.' };
      let body: unknown;
      try {
        body = bodyText.trim() ? JSON.parse(bodyText) : undefined;
      } catch (err) {
        return { ok: false, error: `The body is not JSON: ${errorMessage(err)}` };
      }
      if (!socket || !socket.transmit(event.trim(), body)) return { ok: false, error: NOT_SENT_NOT_OPEN };
      sink.emit({ dir: 'out', kind: 'message', type: event.trim(), value: body, raw: bodyText, fields: { rowKind: 'channel', channel: event.trim() } });
      return { ok: true };
    },
    close() {
      closed = true;
      generation++;
      controller.dispose();
      if (socket) {
        const s = socket;
        socket = null;
        s.close(1000, 'closed by user');
      }
      controller.setConnection({ connected: false });
      journal.ended({ byUser: true, wasOpen: false });
    },
    reconnect() {
      if (!socket || socket.state() === 'closed') {
        closed = false;
        open();
      }
    },
  };
}
