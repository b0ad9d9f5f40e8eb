/** Strings up to this long are remembered per query: keys, and the short values most streams repeat. */
const MEMO_LENGTH = 16;
const MEMO_ENTRIES = 8192;

/**
 * `test` with its answers for short strings remembered. A filter pass over a million events meets the same few keys,
 * types and states a million times each; each distinct one is tested once. Long strings (ids, paths, payloads) are
 * mostly unique and are tested every time. `test` must be pure (the filter's regexes never carry g or y).
 */
export function memoTest(test: (s: string) => boolean): (s: string) => boolean {
  const memo = new Map<string, boolean>();
  return (s) => {
    if (s.length > MEMO_LENGTH) return test(s);
    let m = memo.get(s);
    if (m === undefined) {
      m = test(s);
      if (memo.size < MEMO_ENTRIES) memo.set(s, m);
    }
    return m;
  };
}
