import type { Dialect, IncomingEvent, SettingValues } from '../types';
import { decodeTextFrame, decodeWsPayload } from '../../core/frames';
import { createReconnectingSocket } from '../../transport/reconnectingSocket';
import { withQuery } from '../../lib/secrets';
import { createTutumConventions, presetOf, TUTUM_SETTINGS, tutumQuery, UNAUTHORIZED_MESSAGE } from './tutum';
import { NOT_SENT_NOT_OPEN } from '../../core/errors';
import { jsonEntities } from './entityRules';

/** How long a server gets to close by itself after UNAUTHORIZED before the client closes, as python-tutum stops. */
export const REFUSED_GRACE_MS = 1000;

/**
 * Maps a Tutum-style event (type, action, resource_uri, parents, state) onto the table's columns. Any other JSON keeps
 * its value and gets a summary later.
 */
export function parseJsonEvent(raw: string): IncomingEvent {
  const e = decodeTextFrame(raw);
  const v = e.value;
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    if (typeof o.type === 'string') e.type = o.type;
    if (typeof o.action === 'string') e.action = o.action;
    const key = o.resource_uri ?? o.key ?? o.id ?? o.uuid;
    if (typeof key === 'string' || typeof key === 'number') e.key = String(key);
    if (typeof o.datetime === 'string') {
      const t = Date.parse(o.datetime);
      if (!Number.isNaN(t)) e.sourceTime = t;
    }
  }
  return e;
}

const stateOf = (v: unknown): unknown => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>).state : undefined);

export function buildJsonUrl(endpoint: string, settings: SettingValues): string {
  return withQuery(endpoint, {
    user: typeof settings.user === 'string' ? settings.user : undefined,
    token: typeof settings.token === 'string' ? settings.token : undefined,
    ...tutumQuery(settings),
  });
}

export const jsonDialect: Dialect = {
  id: 'json',
  label: 'JSON / text',
  description: 'Any WebSocket that sends JSON or text (Tutum Stream API conventions: type, action, resource_uri, parents, state).',
  defaultEndpoint: 'ws://127.0.0.1:8781/json',
  endpointPlaceholder: 'ws://host:port/path',
  settings: [
    { key: 'user', label: 'User', kind: 'text', placeholder: 'optional' },
    { key: 'token', label: 'Token', kind: 'password', secret: true, placeholder: 'optional' },
    ...TUTUM_SETTINGS,
  ],
  capabilities: { canSend: true },
  entities: jsonEntities,
  // Read from the value, not copied into fields: a copy per event was an object to index, store and clone to the
  // history writer, of what the frame already says.
  columns: [{ id: 'state', header: 'State', get: (e) => stateOf(e.value), width: 90, field: 'state' }],
  connect(options, sink) {
    const tutum = createTutumConventions(presetOf(options.settings));
    const rs = createReconnectingSocket({
      url: buildJsonUrl(options.endpoint, options.settings),
      sink,
      autoReconnect: options.autoReconnect,
      WebSocketImpl: options.WebSocketImpl,
      onOpen: () => tutum.reset(),
      onMessage: (data) =>
        decodeWsPayload(
          data,
          (e) => {
            const shown = tutum.apply(e);
            sink.emit(shown);
            // UNAUTHORIZED is definitive: retrying with the same credentials cannot help. Whether the server then
            // closes is not known (no server source is public), so a socket it leaves open is closed here.
            if (tutum.refused && shown !== e) {
              rs.stopRetrying(UNAUTHORIZED_MESSAGE);
              const ws = rs.socket;
              setTimeout(() => {
                if (ws && rs.socket === ws && ws.readyState <= 1) ws.close(1000, 'UNAUTHORIZED');
              }, REFUSED_GRACE_MS);
            }
          },
          parseJsonEvent,
        ),
      onClose: (code, _reason, wasOpen) => tutum.closeMessage(code, wasOpen),
      shouldReconnect: () => !tutum.refused,
    });
    return {
      capabilities: jsonDialect.capabilities,
      send(text) {
        const e = parseJsonEvent(text);
        e.dir = 'out';
        if (rs.send(text)) sink.emit(e);
        else sink.emit({ dir: 'system', kind: 'error', summary: NOT_SENT_NOT_OPEN });
      },
      close: () => rs.close(),
      reconnect: () => rs.reconnectNow(),
    };
  },
};
