import { MASK, maskUrl } from '../lib/secrets';

// Exports and shared files mask secrets by default: credentials travel in URLs (query strings, userinfo) and in
// handshake frames ({"token": "…"}, "password"). Masking works on the text so a frame keeps its exact shape.

// JSON field names that hold credentials. Narrower than URL parameters: a JSON "key" or "auth" is usually data.
const JSON_KEYS = 'token|password|passwd|secret|apikey|api_key|access_token|refresh_token|id_token|authorization|jwt|hmac|client_secret|private_key|credentials';
const URL_KEYS = 'token|auth|authorization|password|pass|passwd|secret|hmac|key|apikey|api_key|access_token|jwt|sig|signature';
const JSON_KEY = new RegExp(`^(?:${JSON_KEYS})$`, 'i');
// "token": "value" in JSON (or jsan) text, and token: "value" in summaries; only string values are masked.
const JSON_SECRET = new RegExp(`((?:"(?:${JSON_KEYS})"|\\b(?:${JSON_KEYS}))\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi');
// ?token=value / &password=value inside any text (URLs quoted in frames).
const QUERY_SECRET = new RegExp(`([?&](?:${URL_KEYS})=)[^&#\\s"']+`, 'gi');
// scheme://user:password@host
const USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@"']+:)[^@\s/"']+@/gi;

/** The text with secret values replaced by the mask; the same string object when nothing was found. */
export function maskSecretsInText(text: string): string {
  if (!/token|auth|pass|secret|hmac|key|jwt|sig|credential|@/i.test(text)) return text;
  const out = text.replace(JSON_SECRET, `$1"${MASK}"`).replace(QUERY_SECRET, `$1${MASK}`).replace(USERINFO, `$1${MASK}@`);
  return out === text ? text : out;
}

/**
 * A copy of a decoded value with secret-named string fields masked (the value itself when nothing changes). A value
 * met again below itself (a cycle) is left as it is: it is masked where it was first met.
 */
export function maskSecretsInValue(value: unknown, depth = 0, ancestors = new Set<object>()): unknown {
  if (depth > 64 || value === null || typeof value !== 'object') return typeof value === 'string' ? maskSecretsInText(value) : value;
  if (ancestors.has(value)) return value;
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      let changed = false;
      const out = value.map((v) => {
        const m = maskSecretsInValue(v, depth + 1, ancestors);
        if (m !== v) changed = true;
        return m;
      });
      return changed ? out : value;
    }
    let out: Record<string, unknown> | undefined;
    for (const [k, v] of Object.entries(value)) {
      const m = typeof v === 'string' && JSON_KEY.test(k) ? MASK : maskSecretsInValue(v, depth + 1, ancestors);
      if (m !== v) {
        out ??= { ...(value as Record<string, unknown>) };
        out[k] = m;
      }
    }
    return out ?? value;
  } finally {
    ancestors.delete(value);
  }
}

export { maskUrl };
