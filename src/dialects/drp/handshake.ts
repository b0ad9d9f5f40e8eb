// URLs, credentials and handshake diagnosis for the DRP event socket. Browsers cannot set headers on a WebSocket, so
// the only way in is the lower-case `token` query parameter (the server ignores `Token`). A rejected upgrade (401/403)
// and an untrusted certificate both surface as close 1006, so after a failed handshake we ask the server over HTTP
// which one it was.
import { withQuery } from '../../lib/secrets';

export const DRP_WS_PATH = '/api/v3/ws';

/** The socket URL without credentials: https→wss, http→ws, no scheme→wss, and `/api/v3/ws` when there is no path. */
export function drpSocketUrl(endpoint: string): string {
  let s = endpoint.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) s = 'wss://' + s;
  const u = new URL(s);
  if (u.protocol === 'https:') u.protocol = 'wss:';
  else if (u.protocol === 'http:') u.protocol = 'ws:';
  if (u.pathname === '' || u.pathname === '/') u.pathname = DRP_WS_PATH;
  return u.toString();
}

export interface DrpCredentials {
  token?: unknown;
  username?: unknown;
  password?: unknown;
}

/** `token` if set, else `user:pass` (the server turns a value with a colon into Basic auth). */
export function drpCredential(s: DrpCredentials): string | undefined {
  const token = typeof s.token === 'string' ? s.token.trim() : '';
  if (token) return token;
  const user = typeof s.username === 'string' ? s.username.trim() : '';
  if (!user) return undefined;
  return `${user}:${typeof s.password === 'string' ? s.password : ''}`;
}

export function buildDrpUrl(endpoint: string, s: DrpCredentials): string {
  return withQuery(drpSocketUrl(endpoint), { token: drpCredential(s) });
}

/** The server's own https/http origin: where a self-signed certificate is accepted and the HTTP API lives. */
export function drpHttpOrigin(socketUrl: string): string {
  const u = new URL(socketUrl);
  return `${u.protocol === 'wss:' ? 'https:' : 'http:'}//${u.host}`;
}

function base64(text: string): string {
  let bin = '';
  for (const b of new TextEncoder().encode(text)) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** The Authorization header the Go client would send for the same credential. */
export function authorizationHeader(credential: string): string {
  return credential.includes(':') ? `Basic ${base64(credential)}` : `Bearer ${credential}`;
}

export type HandshakeDiagnosis =
  /** No HTTP answer at all: the server is down, or TLS failed (untrusted certificate). */
  | 'unreachable'
  /** The server answered 401/403 to the same credentials. */
  | 'bad-credentials'
  /** The server answered and accepted the credentials, so the socket failed for another reason (path, proxy). */
  | 'credentials-ok'
  /** The server answered, but would not say more (no CORS): most likely the credentials. */
  | 'reachable';

/**
 * Asks the server what went wrong. A no-cors request succeeds whenever TCP and TLS do; a CORS request with the same
 * credentials (DRP serves CORS for its web UX) then tells wrong credentials from anything else.
 */
export async function diagnoseHandshake(socketUrl: string, credential: string | undefined, fetchImpl: typeof fetch, timeoutMs = 4000): Promise<HandshakeDiagnosis> {
  const origin = drpHttpOrigin(socketUrl);
  const withTimeout = (path: string, init: RequestInit) => {
    const ctl = new AbortController();
    const t = setTimeout(() => ctl.abort(), timeoutMs);
    return fetchImpl(origin + path, { ...init, cache: 'no-store', signal: ctl.signal }).finally(() => clearTimeout(t));
  };
  try {
    // The root answers without credentials (the UX redirect), so this probe adds no 401 to the console.
    await withTimeout('/', { mode: 'no-cors' });
  } catch {
    return 'unreachable';
  }
  if (!credential) return 'bad-credentials';
  try {
    const r = await withTimeout('/api/v3/info', { mode: 'cors', headers: { Authorization: authorizationHeader(credential) } });
    if (r.status === 401 || r.status === 403) return 'bad-credentials';
    return r.ok ? 'credentials-ok' : 'reachable';
  } catch {
    return 'reachable';
  }
}

/** What to tell the user after the handshake failed, before and after the diagnosis. */
export function handshakeMessage(socketUrl: string, d: HandshakeDiagnosis | 'unknown', hasCredential: boolean): string {
  const u = new URL(socketUrl);
  const tls = u.protocol === 'wss:';
  const accept = `open ${drpHttpOrigin(socketUrl)} once in a tab, accept the certificate, then reconnect`;
  switch (d) {
    case 'unknown':
      return `The DRP server refused or dropped the handshake (1006). Likely causes: wrong username/password or token${tls ? `, or an untrusted self-signed certificate (${accept})` : ''}, or the server is down.`;
    case 'unreachable':
      return tls
        ? `Cannot reach ${u.host} over TLS: the server's self-signed certificate is probably not trusted yet (${accept}), or the server is down.`
        : `Cannot reach ${u.host}: the server is down or the address is wrong.`;
    case 'bad-credentials':
      return hasCredential
        ? `Wrong credentials: ${u.host} rejected the username/password or token (DRP answers 401/403 before the upgrade; browsers only show 1006).`
        : `No credentials: enter a username and password or a token (DRP answers 401 before the upgrade; browsers only show 1006).`;
    case 'credentials-ok':
      return `${u.host} accepts these credentials but refused the event socket at ${u.pathname}: check the path (${DRP_WS_PATH}) and any proxy in between.`;
    case 'reachable':
      return `${u.host} answered but refused the event socket: the username/password or token is most likely wrong (DRP answers 401/403 before the upgrade; browsers only show 1006).`;
  }
}
