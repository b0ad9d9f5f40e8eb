import type { ConnectionStatus, Dialect, EventSink } from '../types';
import { decodeWsPayload } from '../../core/frames';
import { createReconnectingSocket } from '../../transport/reconnectingSocket';
import { createDrpController, localFilterMemory, outRow, type DrpController } from './controller';
import { parseDrpEvent } from './decode';
import { buildDrpUrl, diagnoseHandshake, drpCredential, drpHttpOrigin, drpSocketUrl, handshakeMessage } from './handshake';
import { NOT_SENT_NOT_OPEN } from '../../core/errors';
import { drpEntities } from './entityRules';

export type { DrpController, DrpState, DrpFilterEntry, FilterStatus } from './controller';
// What the UI may use of this dialect; components import nothing deeper.
export { localFilterMemory } from './controller';
export { hasDiff } from './decode';
export { DRP_ACTIONS, DRP_PRESETS, DRP_TYPES, partitionFilters, validateFilter } from './filters';
export { drpSocketUrl } from './handshake';

export const drpDialect: Dialect<DrpController> = {
  id: 'drp',
  label: 'Digital Rebar Provision',
  description: 'DRP event websocket (/api/v3/ws): register type.action.key filters; token or username/password in the token query parameter.',
  // The real API port is TLS-only; the bundled demo server speaks plain ws unless started with --drp-tls.
  defaultEndpoint: 'wss://127.0.0.1:8092',
  demoEndpoint: 'ws://127.0.0.1:8092',
  endpointPlaceholder: 'wss://host:8092 (the app adds /api/v3/ws)',
  settings: [
    { key: 'username', label: 'Username', kind: 'text', default: 'rocketskates', placeholder: 'rocketskates' },
    { key: 'password', label: 'Password', kind: 'password', secret: true, default: 'r0cketsk8ts' },
    { key: 'token', label: 'Token', kind: 'password', secret: true, placeholder: 'optional; used instead of username/password', help: 'A DRP access token (drpcli users token …). When set, the username and password are not sent.' },
    { key: 'register', label: 'Register on connect', kind: 'text', placeholder: 'e.g. machines.*.*, jobs.*.*', help: 'Comma-separated filters registered after connecting, besides the ones remembered for this endpoint.' },
  ],
  demoSettings: { register: '*.*.*' },
  capabilities: { canSend: true, hasRegisterFilters: true },
  entities: drpEntities,
  // Time shows the server's Time; the Summary column carries the Object summary (Name, Stage/BootEnv/Runnable…).
  columns: [{ id: 'principal', header: 'Principal', get: (e) => e.fields?.Principal, width: 160, field: 'Principal' }],
  connect(options, sink) {
    // A field the user never touched is undefined: it means the default shown in the form.
    const settings = { ...options.settings };
    for (const f of drpDialect.settings) if (settings[f.key] === undefined && f.default !== undefined) settings[f.key] = f.default;
    const credential = drpCredential(settings);
    const socketUrl = drpSocketUrl(options.endpoint);
    const url = buildDrpUrl(options.endpoint, settings);
    const tls = socketUrl.startsWith('wss:');
    const helpUrl = tls ? drpHttpOrigin(socketUrl) : undefined;
    const fetchImpl = options.fetchImpl ?? (typeof fetch === 'function' ? fetch.bind(globalThis) : undefined);

    // Failed handshakes get a link to accept the certificate and, once the server has been asked, a precise reason.
    let handshakeFailed = false;
    let last: ConnectionStatus | undefined;
    let everOpened = false;
    const wrapped: EventSink = {
      emit: (e) => sink.emit(e),
      status(s) {
        if (s.phase === 'open' || s.phase === 'connecting') handshakeFailed = false;
        else if (handshakeFailed && helpUrl) s = { ...s, helpUrl };
        last = s;
        sink.status(s);
      },
    };

    const controller = createDrpController({
      sink,
      memory: localFilterMemory(socketUrl),
      initial: String(options.settings.register ?? '')
        .split(',')
        .map((f) => f.trim())
        .filter(Boolean),
      sendFrame: (text) => rs.send(text),
    });

    const rs = createReconnectingSocket({
      url,
      sink: wrapped,
      autoReconnect: options.autoReconnect,
      WebSocketImpl: options.WebSocketImpl,
      onOpen(_ws, reconnected) {
        everOpened = true;
        controller.opened(reconnected);
      },
      onMessage: (data) =>
        decodeWsPayload(
          data,
          (e) => {
            controller.observe(e);
            sink.emit(e);
          },
          parseDrpEvent,
        ),
      onClose(code, _reason, wasOpen) {
        controller.closed();
        if (wasOpen || code !== 1006) return;
        handshakeFailed = true;
        // Once the session has been open, the credentials and certificate are known to be fine: a refused
        // reconnect is a restart or an outage, and retrying is all there is to do.
        if (fetchImpl && !everOpened) {
          void diagnoseHandshake(socketUrl, credential, fetchImpl).then((d) => {
            if (!handshakeFailed || !last || last.phase === 'open' || last.phase === 'connecting') return;
            const message = handshakeMessage(socketUrl, d, !!credential);
            // Wrong credentials or the wrong scheme will not fix themselves: stop hammering the server.
            if (d === 'bad-credentials' || d === 'speaks-tls') rs.stopRetrying(message);
            else wrapped.status({ ...last, message });
          });
        }
        return handshakeMessage(socketUrl, 'unknown', !!credential);
      },
    });

    return {
      capabilities: drpDialect.capabilities,
      controller,
      vetSend(text) {
        const refuse = controller.vetRaw(text);
        return refuse ? { refuse } : null;
      },
      send(text) {
        // The send box shows the reason before this; this guard keeps any other caller from crashing the server.
        const refused = controller.vetRaw(text);
        if (refused) {
          sink.emit({ dir: 'system', kind: 'error', summary: refused });
          return;
        }
        if (rs.send(text)) {
          sink.emit(outRow(text));
          controller.sentRaw(text);
        } else sink.emit({ dir: 'system', kind: 'error', summary: NOT_SENT_NOT_OPEN });
      },
      close() {
        controller.dispose();
        rs.close();
      },
      reconnect: () => rs.reconnectNow(),
    };
  },
};
