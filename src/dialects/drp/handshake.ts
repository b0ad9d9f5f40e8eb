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
  | 'reachable'
  /**
   * Plain HTTP reached a TLS port: Go answers "400 Bad Request" (Client sent an HTTP request to an HTTPS server),
   * without CORS headers, so a page sees it as a readable opaque answer and a failed CORS request.
   */
  | 'speaks-tls';

/**
 * Asks the server what went wrong. A CORS request with the same credentials (DRP serves CORS for its web UX, on 401s
 * too) tells wrong credentials from anything else. When that fails, a no-cors request tells a server that answered
 * without CORS (Go's TLS-port 400 to plain HTTP) from one that could not be reached at all (down, or TLS failed on an
 * untrusted certificate). Redirects are never followed: `GET /` redirects to /ui/ and on to portal.rackn.io, which an
 * offline lab cannot reach. Browsers refuse redirect: 'manual' on a cross-origin no-cors request, so that probe asks
 * the API path, which answers by itself and never redirects.
 */
export async function diagnoseHandshake(socketUrl: string, credential: string | undefined, fetchImpl: typeof fetch, timeoutMs = 4000): Promise<HandshakeDiagnosis> {
  const origin = drpHttpOrigin(socketUrl);
  const plain = new URL(socketUrl).protocol === 'ws:';
  const probe = (init: RequestInit) => {
    const ctl = new AbortController();
    const t = setTimeout(() => ctl.abort(), timeoutMs);
    return fetchImpl(origin + '/api/v3/info', { ...init, cache: 'no-store', signal: ctl.signal }).finally(() => clearTimeout(t));
  };
  try {
    const r = await probe({ mode: 'cors', redirect: 'manual', headers: credential ? { Authorization: authorizationHeader(credential) } : {} });
    if (r.status === 401 || r.status === 403) return 'bad-credentials';
    // Readable outside a browser, where CORS does not apply.
    if (plain && r.status === 400) return 'speaks-tls';
    return r.ok ? 'credentials-ok' : 'reachable';
  } catch {
    // No readable answer: none at all, or one without CORS headers.
  }
  try {
    await probe({ mode: 'no-cors' });
  } catch {
    return 'unreachable';
  }
  return plain ? 'speaks-tls' : 'reachable';
}

/** What to tell the user after the handshake failed, before and after the diagnosis. */
export function handshakeMessage(socketUrl: string, d: HandshakeDiagnosis | 'unknown', hasCredential: boolean): string {
  const u = new URL(socketUrl);
  const tls = u.protocol === 'wss:';
  const accept = `open ${drpHttpOrigin(socketUrl)} once in a tab, accept the certificate, then reconnect`;
  switch (d) {
    case 'unknown':
      return `The DRP server refused or dropped the handshake (1006). Likely causes: wrong username/password or token${tls ? `, or an untrusted self-signed certificate (${accept})` : ', or the port speaks TLS (use wss://)'}, or the server is down.`;
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
    case 'speaks-tls':
      return `${u.host} answered plain HTTP with an error and no CORS headers: this port speaks TLS (a DRP server's API port is TLS-only), so use wss://${u.host}${u.pathname === DRP_WS_PATH ? '' : u.pathname}.`;
    case 'reachable':
      return `${u.host} answered but refused the event socket, and the browser blocked the credentials check (CORS: the server or a proxy in front of it does not allow cross-origin requests from this page), so the cause cannot be told for sure: most likely the username/password or token is wrong (DRP answers 401/403 before the upgrade; browsers only show 1006).`;
  }
}
