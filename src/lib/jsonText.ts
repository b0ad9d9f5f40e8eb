import jsan from 'jsan';

/**
 * JSON text of any decoded value. Plain JSON.stringify first (the common case, and the fastest); a value it refuses,
 * a cycle (an action holding itself, an error with back-references) or a BigInt, goes through jsan, which writes a
 * repeated reference as `{"$jsan":"$.path"}`, the notation Redux DevTools itself uses, instead of throwing.
 */
export function jsonText(value: unknown, indent?: number): string {
  try {
    return JSON.stringify(value, null, indent) ?? String(value);
  } catch {
    try {
      return jsan.stringify(value, (_k: string, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v), indent, { refs: true }) ?? String(value);
    } catch (err) {
      return `(could not be written as text: ${(err as Error).message})`;
    }
  }
}
