import type { IncomingEvent, SettingField, SettingValues } from '../types';

// Tutum Stream API conventions, as tutumcloud/python-tutum (tutum/api/events.py, base.py StreamingAPI) and the
// tutumcloud/api-docs pages (source/includes/tutum-events.md) give them: credentials in the query string (user + token, or one
// `auth` value), a first {"type":"auth"} frame after a good handshake, and
// {"type":"error","data":{"errorMessage":"UNAUTHORIZED"}} for bad credentials, after which official clients stop
// reconnecting. Docker Cloud adds type/object/parents query filters and refuses bad credentials with HTTP 401.

export type JsonPreset = 'tutum' | 'dockercloud' | 'plain';

export const TUTUM_SETTINGS: SettingField[] = [
  {
    key: 'preset',
    label: 'Preset',
    kind: 'select',
    default: 'tutum',
    options: [
      { value: 'tutum', label: 'Tutum Stream API' },
      { value: 'dockercloud', label: 'Docker Cloud events' },
      { value: 'plain', label: 'Plain JSON / text' },
    ],
    help: 'Tutum: wss://stream.tutum.co/v1/events?user=…&token=… — Docker Cloud: wss://ws.cloud.docker.com/api/audit/v1/[namespace/]events. Tutum and Docker Cloud show the auth frame as "authenticated" and stop reconnecting after UNAUTHORIZED.',
  },
  { key: 'auth', label: 'Auth (TUTUM_AUTH)', kind: 'password', secret: true, placeholder: 'instead of user + token', help: 'Sent as the single auth query value (API roles).' },
  { key: 'filterType', label: 'Filter: type', kind: 'text', placeholder: 'e.g. container', help: 'Docker Cloud query filter type=' },
  { key: 'filterObject', label: 'Filter: object', kind: 'text', placeholder: 'resource_uri', help: 'Docker Cloud query filter object=' },
  { key: 'filterParents', label: 'Filter: parents', kind: 'text', placeholder: 'uri,uri', help: 'Docker Cloud query filter parents= (comma-separated)' },
];

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

export function presetOf(settings: SettingValues): JsonPreset {
  const p = settings.preset;
  return p === 'dockercloud' || p === 'plain' ? p : 'tutum';
}

/** The query values beyond user/token: the single `auth` value and Docker Cloud's filters. */
export function tutumQuery(settings: SettingValues): Record<string, string | undefined> {
  return {
    auth: str(settings.auth),
    type: str(settings.filterType),
    object: str(settings.filterObject),
    parents: str(settings.filterParents)?.split(',').map((s) => s.trim()).filter(Boolean).join(','),
  };
}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

export function tutumFrameKind(value: unknown): 'auth' | 'unauthorized' | undefined {
  if (!isObj(value)) return undefined;
  if (value.type === 'auth') return 'auth';
  if (value.type === 'error' && isObj(value.data) && value.data.errorMessage === 'UNAUTHORIZED') return 'unauthorized';
  return undefined;
}

export const UNAUTHORIZED_MESSAGE = 'Authentication failed (UNAUTHORIZED): check the user and API key (or the auth value). Not reconnecting automatically; press Connect to try again.';

/** Per-connection state: whether this socket has seen its auth frame, and whether credentials were refused. */
export function createTutumConventions(preset: JsonPreset) {
  let sawAuth = false;
  let refused = false;
  return {
    get refused() {
      return refused;
    },
    /** Call on every (re)open. */
    reset() {
      sawAuth = false;
      refused = false;
    },
    /** Rewrites the first auth frame and the UNAUTHORIZED error into system rows; other events pass unchanged. */
    apply(e: IncomingEvent): IncomingEvent {
      if (preset === 'plain' || e.kind !== 'message') return e;
      const k = tutumFrameKind(e.value);
      if (k === 'auth' && !sawAuth) {
        sawAuth = true;
        return { ...e, dir: 'system', kind: 'notice', type: 'auth', summary: 'Authenticated: the stream accepted the credentials' };
      }
      if (k === 'unauthorized') {
        refused = true;
        return { ...e, dir: 'system', kind: 'error', type: 'error', action: 'auth', summary: UNAUTHORIZED_MESSAGE };
      }
      return e;
    },
    /** The close text: the auth failure when credentials were refused; Docker Cloud's 401 looks like 1006. */
    closeMessage(code: number, wasOpen: boolean): string | undefined {
      if (refused) return UNAUTHORIZED_MESSAGE;
      if (preset === 'dockercloud' && !wasOpen && code === 1006) return 'Handshake failed (1006): Docker Cloud refuses bad credentials with HTTP 401, which browsers report as 1006; the server may also be unreachable. Check the user and API key.';
      return undefined;
    },
  };
}
