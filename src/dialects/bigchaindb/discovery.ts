// Finds a BigchainDB node's event stream from its HTTP root URL, the way the docs tell clients to:
// GET /api/v1/ → `streams` (1.x, 2.x), else `_links.streams_v1` (0.10), else GET / → `api.v1.streams`.

export interface DiscoveryResult {
  streamUrl: string;
  /** Which document and key held the link, e.g. "GET /api/v1/ → streams". */
  via: string;
  /** Server version from GET / (`version`), when the node says. */
  version?: string;
  software?: string;
  /** Set when the advertised stream host is loopback but the node was reached under another name. */
  warning?: string;
}

const LOOPBACK = /^(localhost|127(\.\d+){3}|\[::1\])$/i;

/**
 * Nodes advertise `wsserver.advertised_host`, which defaults to localhost: reached from another machine, that link
 * points at the viewer's own computer.
 */
export function advertisedHostWarning(streamUrl: string, root: URL): string | undefined {
  const host = new URL(streamUrl).hostname;
  if (!LOOPBACK.test(host) || LOOPBACK.test(root.hostname)) return undefined;
  return `The node advertises ${host} for its stream (the wsserver.advertised_host default), which from here means this computer. If the connection fails, enter ws://${root.hostname}:9985/… directly or fix the node's advertised host.`;
}

export class DiscoveryError extends Error {
  constructor(
    message: string,
    readonly reason: 'network' | 'cors' | 'not-found' | 'not-bigchaindb' | 'bad-url',
  ) {
    super(message);
    this.name = 'DiscoveryError';
  }
}

type Doc = Record<string, unknown>;
const isObj = (v: unknown): v is Doc => !!v && typeof v === 'object' && !Array.isArray(v);

/** The stream link inside GET /api/v1/'s document: `streams` (1.x+) or `_links.streams_v1` (0.10). */
export function streamLinkFromApiDoc(doc: unknown): { link: string; key: string } | undefined {
  if (!isObj(doc)) return undefined;
  if (typeof doc.streams === 'string' && doc.streams) return { link: doc.streams, key: 'streams' };
  if (isObj(doc._links) && typeof doc._links.streams_v1 === 'string' && doc._links.streams_v1) return { link: doc._links.streams_v1, key: '_links.streams_v1' };
  return undefined;
}

/** The stream link inside GET /'s document: `api.v1.streams` (1.x+); 0.10's root has none. */
export function streamLinkFromRootDoc(doc: unknown): { link: string; key: string } | undefined {
  if (!isObj(doc) || !isObj(doc.api) || !isObj(doc.api.v1)) return undefined;
  const s = doc.api.v1.streams;
  return typeof s === 'string' && s ? { link: s, key: 'api.v1.streams' } : undefined;
}

export function versionFromRootDoc(doc: unknown): { version?: string; software?: string } {
  if (!isObj(doc)) return {};
  return {
    version: typeof doc.version === 'string' ? doc.version : undefined,
    software: typeof doc.software === 'string' ? doc.software : undefined,
  };
}

/** Turns what the user typed (root URL, or the /api/v1/ URL) into the node's HTTP root, ending in '/'. */
export function httpRootOf(endpoint: string): URL {
  let u: URL;
  try {
    u = new URL(endpoint.trim());
  } catch {
    throw new DiscoveryError(`"${endpoint}" is not a URL. Enter the node's root URL, e.g. http://localhost:9984, or a ws:// stream URL.`, 'bad-url');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new DiscoveryError(`Discovery needs an http(s):// root URL, not ${u.protocol}//.`, 'bad-url');
  u.search = '';
  u.hash = '';
  u.pathname = u.pathname.replace(/\/api\/v1\/?$/, '/').replace(/\/?$/, '/');
  return u;
}

/** Resolves a stream link against the HTTP root; a relative or http(s) link becomes ws(s). */
export function resolveStreamUrl(link: string, root: URL): string {
  const u = new URL(link, root);
  if (u.protocol === 'http:') u.protocol = 'ws:';
  else if (u.protocol === 'https:') u.protocol = 'wss:';
  return u.toString();
}

async function getJson(fetchImpl: typeof fetch, url: string, signal?: AbortSignal): Promise<{ status: number; doc?: unknown }> {
  let res: Response;
  try {
    res = await fetchImpl(url, { headers: { Accept: 'application/json' }, signal });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    // The browser hides why a fetch failed. A no-cors request succeeds whenever the server answers at all, so its
    // success means the answer was there and CORS withheld it.
    const answered = await fetchImpl(url, { mode: 'no-cors', signal }).then(
      () => true,
      () => false,
    );
    if (answered) {
      throw new DiscoveryError(
        `${new URL(url).host} answered, but the browser blocked reading ${url} (CORS): the node's HTTP API does not allow cross-origin requests from this page. Allow this page's origin on the node or its proxy (Access-Control-Allow-Origin), or enter the ws:// stream URL directly.`,
        'cors',
      );
    }
    throw new DiscoveryError(
      `Could not fetch ${url}: the node is unreachable (down, wrong address or port, or an untrusted certificate). Check the address and port (the HTTP API is usually on 9984), or enter the ws:// stream URL directly.`,
      'network',
    );
  }
  if (!res.ok) return { status: res.status };
  try {
    return { status: res.status, doc: await res.json() };
  } catch {
    return { status: res.status };
  }
}

/** Runs the discovery recipe; throws a DiscoveryError whose message says what to try. */
export async function discoverStream(endpoint: string, fetchImpl: typeof fetch, signal?: AbortSignal): Promise<DiscoveryResult> {
  const root = httpRootOf(endpoint);
  const apiUrl = new URL('api/v1/', root).toString();
  const rootUrl = root.toString();
  const api = await getJson(fetchImpl, apiUrl, signal);
  // GET / gives the version; 0.10 needs it only for that, 1.x+ also as the fallback link.
  let rootRes: { status: number; doc?: unknown } | undefined;
  try {
    rootRes = await getJson(fetchImpl, rootUrl, signal);
  } catch (err) {
    if (api.doc === undefined) throw err;
  }
  const ver = versionFromRootDoc(rootRes?.doc);
  const found = (link: string, via: string): DiscoveryResult => {
    const streamUrl = resolveStreamUrl(link, root);
    const warning = advertisedHostWarning(streamUrl, root);
    return { streamUrl, via, ...ver, ...(warning ? { warning } : {}) };
  };
  const fromApi = streamLinkFromApiDoc(api.doc);
  if (fromApi) return found(fromApi.link, `GET /api/v1/ → ${fromApi.key}`);
  const fromRoot = streamLinkFromRootDoc(rootRes?.doc);
  if (fromRoot) return found(fromRoot.link, `GET / → ${fromRoot.key}`);
  if (api.status === 404 && (!rootRes || rootRes.status === 404)) {
    throw new DiscoveryError(`${apiUrl} and ${rootUrl} answered 404: this is not a BigchainDB HTTP API root. Use the node's root URL (port 9984 by default).`, 'not-found');
  }
  const what = ver.software ? `${ver.software}${ver.version ? ' ' + ver.version : ''}` : 'the server';
  const why =
    ver.software === 'BigchainDB'
      ? `${what} advertises no event stream (the Event Stream API needs BigchainDB 0.10 or later).`
      : `${what} does not look like a BigchainDB node: neither GET /api/v1/ (streams, _links.streams_v1) nor GET / (api.v1.streams) names a stream (HTTP ${api.status}${rootRes ? ` / ${rootRes.status}` : ''}).`;
  throw new DiscoveryError(`${why} You can also enter the ws:// stream URL directly.`, 'not-bigchaindb');
}
