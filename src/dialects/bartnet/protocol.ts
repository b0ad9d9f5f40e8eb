// Builds the client frames and performs the password login. Pure apart from the injected fetch.

export type Generation = 'server' | 'spec';
export type CredentialKind = 'token' | 'hmac' | 'password';

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
