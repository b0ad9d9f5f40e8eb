import { sanitizePortable, toPortable, type ConnectionShape, type PortableConnection } from './savedConnections';

// Share links carry a connection in the URL's hash fragment, which browsers never send to a server:
//   #dialect=drp&endpoint=wss%3A%2F%2Fhost%3A8092&name=lab&set.username=ops&ask=password&x.rf=machines.*.*
// `set.<key>` are non-secret settings, `ask` names the secrets the link leaves out (opening it asks for them), and
// `x.<key>` are extras other modules contribute (filter query, columns, register filters). Secrets never go in.

const SET = 'set.';
const EXTRA = 'x.';

export function encodeShare(p: PortableConnection): string {
  const q = new URLSearchParams();
  q.set('dialect', p.dialect);
  q.set('endpoint', p.endpoint);
  if (p.name) q.set('name', p.name);
  for (const [k, v] of Object.entries(p.settings)) if (v !== undefined && v !== '') q.set(SET + k, String(v));
  if (p.ask.length) q.set('ask', p.ask.join(','));
  for (const [k, v] of Object.entries(p.extras)) q.set(EXTRA + k, v);
  // URLSearchParams writes spaces as "+"; %20 reads the same and survives copy-paste into chat tools better.
  return '#' + q.toString().replaceAll('+', '%20');
}

/** The connection a share link's hash describes, or null when it has none (or names something that cannot open). */
export function parseShare(hash: string): PortableConnection | null {
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!h || h.length > 100_000) return null;
  const q = new URLSearchParams(h);
  if (!q.has('dialect') || !q.has('endpoint')) return null;
  const settings: Record<string, string> = {};
  const extras: Record<string, string> = {};
  for (const [k, v] of q) {
    if (k.startsWith(SET)) settings[k.slice(SET.length)] = v;
    else if (k.startsWith(EXTRA)) extras[k.slice(EXTRA.length)] = v;
  }
  // Secrets are never read from a link, even a hand-made one: sanitizePortable drops secret settings.
  return sanitizePortable({
    dialect: q.get('dialect'),
    endpoint: q.get('endpoint'),
    name: q.get('name') ?? undefined,
    settings,
    ask: (q.get('ask') ?? '').split(',').filter(Boolean),
    extras,
  });
}

/** A link to this page (without its query string) that reopens `conn`, secrets left out. */
export function shareLink(conn: ConnectionShape, base: { origin: string; pathname: string } = location): string {
  return base.origin + base.pathname + encodeShare(toPortable(conn, false));
}
