// Builds the client frames and performs the password login. Pure apart from the injected fetch.

/**
 * bartnet's server code changed three times, and the spec document describes a fourth protocol nobody implemented:
 * B (2015-06 → 09): lower-case `hmac`, from POST /authenticate/password; C (2015-09 → 11): `token` only, subscribe;
 * D (2015-11 → 2017): `token` only, no subscribe, launch-bastion frames only; spec: `HMAC` and the full envelope.
 */
export type Generation = 'b' | 'c' | 'd' | 'spec';
export type CredentialKind = 'token' | 'hmac' | 'password';

/** The generation setting; the older value `server` meant the default generation, C. */
export function generationOf(v: unknown): Generation {
  return v === 'b' || v === 'd' || v === 'spec' ? v : 'c';
}

export const GENERATION_NAMES: Record<Generation, string> = { b: 'Gen B', c: 'Gen C', d: 'Gen D', spec: 'the websocket.md spec' };

/** Which credential kinds each generation's authenticate accepts. */
export const GENERATION_CREDENTIALS: Record<Generation, readonly CredentialKind[]> = { b: ['hmac', 'password'], c: ['token'], d: ['token'], spec: ['hmac', 'password'] };

/** What Gen B's HMAC decode survives: an integer login id, `--`, 28 characters of URL-safe base64 with padding. */
export const WELL_FORMED_HMAC = /^\d+--[A-Za-z0-9_-]{27}=$/;

/** Topics a generation publishes to clients (check_results appears only in the spec document, and nobody sends it). */
export function topicsFor(gen: Generation): string[] {
  return gen === 'd' ? ['launch-bastion'] : ['discovery', 'connected', 'launch-bastion'];
}

/** Gen C's handler crashes (close 1011) on any non-empty unsubscribe_from. */
export const crashesOnUnsubscribe = (gen: Generation) => gen === 'c';
/** Gen D does not handle subscribe at all. */
export const hasSubscribe = (gen: Generation) => gen !== 'd';

/** Said before connecting when the chosen credential cannot work with the chosen generation. */
export function credentialWarning(gen: Generation, kind: CredentialKind, hmac = ''): string | undefined {
  if (!GENERATION_CREDENTIALS[gen].includes(kind)) {
    const what = kind === 'hmac' ? 'an HMAC' : 'email and password';
    return kind === 'password'
      ? `${GENERATION_NAMES[gen]} servers have no password login (POST /authenticate/password was removed on 2015-09-02): they take only a token.`
      : `${GENERATION_NAMES[gen]} servers take only a token: ${what} gets "bad-token".`;
  }
  if (gen === 'b' && kind === 'hmac' && hmac.trim() && !WELL_FORMED_HMAC.test(hmac.trim())) {
    return 'This HMAC is malformed (expected <id>--<28 characters of base64>, e.g. 1--iFplvAUtzi_veq_dMKPfnjtg_SQ=): a Gen B server closes the connection with 1011 on it.';
  }
  return undefined;
}

/** Why bartnet closed with 1011, in words: its handler threw, and Jetty closed with the exception's class name. */
export function internalErrorMessage(gen: Generation, reason: string, duringAuth: boolean): string {
  const cause =
    reason === 'JsonParseException'
      ? 'it was sent a text frame that is not JSON'
      : duringAuth && gen === 'b'
        ? 'the HMAC is malformed (expected <id>--<28 characters of base64>)'
        : gen === 'c'
          ? 'Gen C servers crash on any unsubscribe_from'
          : 'a command made it throw';
  return `The server closed the connection with 1011, an internal error${reason ? ` (${reason})` : ''}: bartnet's handler threw because ${cause}.`;
}

export interface OutFrame {
  command: string;
  attributes: Record<string, string>;
  id?: number;
  version?: number;
  sent?: number;
}

/** The real servers read only `command` and `attributes`; the spec adds `id`, `version` and `sent`. */
export function envelope(gen: Generation, id: number, command: string, attributes: Record<string, string>, now = Date.now()): OutFrame {
  return gen === 'spec' ? { id, version: 1, command, sent: now, attributes } : { command, attributes };
}

/**
 * The authenticate attributes: `token` (Gen C/D), lower-case `hmac` (Gen B: the code reads `:hmac`, so the spec's
 * `HMAC` never authenticates there), or the spec's `HMAC`.
 */
export function authAttributes(gen: Generation, kind: 'token' | 'hmac', secret: string): Record<string, string> {
  if (kind === 'token') return { token: secret };
  return gen === 'spec' ? { HMAC: secret } : { hmac: secret };
}

/** Comma-separated, no spaces: the server splits on ',' without trimming. */
export function topicList(topics: string[]): string {
  return topics.map((t) => t.trim()).filter(Boolean).join(',');
}

export function parseTopics(text: string): string[] {
  return [...new Set(text.split(',').map((t) => t.trim()).filter(Boolean))];
}

/** The same host and port as the stream, at POST /authenticate/password. */
export function loginUrlFor(endpoint: string): string {
  const u = new URL(endpoint);
  u.protocol = u.protocol === 'wss:' ? 'https:' : 'http:';
  u.pathname = '/authenticate/password';
  u.search = '';
  u.hash = '';
  return u.toString();
}

export class LoginError extends Error {}

/** Replaces every secret value in an outgoing frame so rows, exports and share links never hold it. */
export function maskFrame(frame: OutFrame, mask = '••••'): OutFrame {
  const attributes: Record<string, string> = {};
  for (const [k, v] of Object.entries(frame.attributes)) attributes[k] = /^(token|hmac)$/i.test(k) ? mask : v;
  return { ...frame, attributes };
}

/**
 * POST /authenticate/password → the HMAC `<id>--<digest>`, from the X-Auth-HMAC header or the body's
 * `token` ("HMAC <id>--<digest>").
 */
export async function loginWithPassword(url: string, email: string, password: string, fetchImpl: typeof fetch): Promise<string> {
  let res: Response;
  try {
    res = await fetchImpl(url, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify({ email, password }) });
  } catch {
    throw new LoginError(`Could not reach ${url}: the server is down, or it does not allow cross-origin requests from this page (CORS).`);
  }
  if (res.status === 401 || res.status === 403) throw new LoginError('Login failed: wrong email or password.');
  if (res.status === 404) throw new LoginError(`Login failed: ${url} answered 404. This server has no password login (bartnet removed POST /authenticate/password on 2015-09-02; Gen C and D take a token).`);
  if (!res.ok) throw new LoginError(`Login failed: ${url} answered HTTP ${res.status}.`);
  const header = res.headers.get('X-Auth-HMAC');
  if (header) return header.trim();
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  const token = body && typeof body === 'object' ? (body as Record<string, unknown>).token : undefined;
  if (typeof token === 'string' && token) return token.replace(/^HMAC\s+/i, '').trim();
  throw new LoginError('Login succeeded but the reply had no X-Auth-HMAC header (or it is not exposed to the page by CORS) and no token in its body.');
}

export interface HeartbeatView {
  text: string;
  late: boolean;
}

/** "last heartbeat N s ago", flagged when nothing came for `timeoutSec` since the later of open and the last beat. */
export function heartbeatStatus(s: { openedAt?: number; lastHeartbeatAt?: number; heartbeatTimeoutSec: number }, now: number): HeartbeatView {
  if (s.openedAt === undefined) return { text: s.lastHeartbeatAt ? `last heartbeat ${Math.floor((now - s.lastHeartbeatAt) / 1000)} s ago (not connected)` : 'no heartbeat (not connected)', late: false };
  const since = Math.max(s.openedAt, s.lastHeartbeatAt ?? 0);
  const late = now - since >= s.heartbeatTimeoutSec * 1000;
  if (s.lastHeartbeatAt === undefined || s.lastHeartbeatAt < s.openedAt) {
    return { text: late ? `no heartbeat for ${Math.floor((now - since) / 1000)} s` : 'waiting for the first heartbeat', late };
  }
  const ago = Math.max(0, Math.floor((now - s.lastHeartbeatAt) / 1000));
  return { text: `last heartbeat ${ago} s ago`, late };
}
