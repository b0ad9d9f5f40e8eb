// Secrets travel in query strings (browsers cannot set WebSocket headers), so every place that shows or stores a
// URL goes through maskUrl. The list is deliberately broad: a false positive only hides a harmless value.
const SECRET_PARAMS = /^(token|auth|authorization|password|pass|passwd|secret|hmac|key|apikey|api_key|access_token|jwt|sig|signature)$/i;

export const MASK = '••••';

export function isSecretParam(name: string): boolean {
  return SECRET_PARAMS.test(name);
}

/** Replaces secret query values and URL userinfo passwords with a mask. Returns the input unchanged if it is not a URL. */
export function maskUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  if (u.password) u.password = 'xxxx';
  let changed = !!u.password;
  for (const [k, v] of [...u.searchParams]) {
    if (v && isSecretParam(k)) {
      u.searchParams.set(k, 'xxxx');
      changed = true;
    }
  }
  // URLSearchParams re-encodes; swap the placeholder for the visible mask last.
  return changed ? u.toString().replaceAll('xxxx', MASK) : url;
}

/** Adds query parameters to a ws:// URL, skipping empty values. */
export function withQuery(url: string, params: Record<string, string | undefined>): string {
  const u = new URL(url);
  for (const [k, v] of Object.entries(params)) if (v) u.searchParams.set(k, v);
  return u.toString();
}
