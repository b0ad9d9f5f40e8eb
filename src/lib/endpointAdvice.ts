// What the browser will do to a connection before it is tried. A page served over https may not open ws:// or
// fetch http:// (mixed content) except to loopback, which browsers treat as secure; the attempt fails with no
// detail (a bare SecurityError or close 1006), so the reason is said up front. Chrome also asks the user before a
// page on a public address reaches a private or loopback one (Local Network Access); a user who misses or blocks
// that prompt sees only a failed connection.

export type AddressSpace = 'loopback' | 'private' | 'public' | 'unknown';

export interface EndpointAdvice {
  /** Set when the browser will refuse the connection: connecting is pointless, say this instead. */
  blocked?: string;
  /** Worth knowing before connecting; the connection may still work. */
  notes: string[];
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Where a host name or literal address lives, judged from its text alone (names are not resolved). */
export function addressSpace(hostname: string): AddressSpace {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (!h) return 'unknown';
  if (h === 'localhost' || h.endsWith('.localhost') || h === '::1') return 'loopback';
  const v4 = IPV4.exec(h);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    if (a === 127) return 'loopback';
    if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127) || a === 0) return 'private';
    return 'public';
  }
  if (h.includes(':')) {
    if (/^(fc|fd)/.test(h) || /^fe[89ab]/.test(h)) return 'private';
    if (h.startsWith('::ffff:')) return addressSpace(h.slice(7));
    return 'public';
  }
  // Names that only a local resolver answers: mDNS, the home and lab conventions, and single labels.
  if (/\.(local|lan|home|internal|intranet|corp|home\.arpa)$/.test(h) || !h.includes('.')) return 'private';
  return 'unknown';
}

/** The endpoint's scheme as typed (undefined when the dialect adds one itself), its host, and how to show it. */
function schemeOf(endpoint: string): { scheme?: string; host?: string; display: string } {
  const s = endpoint.trim();
  const m = /^([a-z][a-z0-9+.-]*):\/\//i.exec(s);
  try {
    const u = new URL(m ? s : `ws://${s}`);
    return { scheme: m ? u.protocol.slice(0, -1).toLowerCase() : undefined, host: u.hostname, display: m ? `${u.protocol}//${u.host}` : u.host };
  } catch {
    return { display: s };
  }
}

const RUN_LOCALLY = 'run streamscope on your own computer (npm start in its folder, or serve its dist/ folder on localhost, e.g. npx vite preview) and open it over http://localhost';

/** Advice for connecting from the page at `page` (location) to `endpoint` as typed. */
export function endpointAdvice(page: { protocol: string; hostname: string }, endpoint: string): EndpointAdvice {
  const notes: string[] = [];
  const { scheme, host, display } = schemeOf(endpoint);
  if (!host) return { notes };
  const target = addressSpace(host);
  let blocked: string | undefined;
  if (page.protocol === 'https:' && (scheme === 'ws' || scheme === 'http') && target !== 'loopback') {
    const secure = scheme === 'ws' ? 'wss' : 'https';
    blocked =
      `This page is served over https, so the browser blocks ${display} as mixed content (an unencrypted ${scheme}:// connection from a secure page) and will not even try it. ` +
      `Use ${secure}:// if the server offers TLS, or ${RUN_LOCALLY}, where ${scheme}:// is allowed.`;
  }
  const from = addressSpace(page.hostname);
  if (!blocked && (target === 'private' || target === 'loopback') && (from === 'public' || from === 'unknown')) {
    const where = target === 'loopback' ? 'apps on this device' : 'devices on your local network';
    notes.push(
      `${host} is a ${target === 'loopback' ? 'loopback' : 'private-network'} address and this page is not: Chrome may ask whether this site may reach ${where}. Click Allow. ` +
        `If you clicked Block, open the site settings (the icon left of the address bar), set Local network access to Allow, reload and connect again.`,
    );
  }
  return { blocked, notes };
}
