// Search of a decoded state's keys and values for the State tab: every node whose key or leaf text contains the
// query, in the order the tree draws them, so "next" goes down the tree. Bounded, so a 5 MB state answers in one go.

import { leafText } from '../../../../dialects/remotedev/typedText';
import { childrenOf, type KeyOrder, type Seg } from './statePath';

export interface SearchResult {
  /** Paths of the matching nodes, relative to the searched root, in tree order. */
  hits: Seg[][];
  /** Stopped early: more than `limit` hits, or more than `budget` nodes visited. */
  truncated: boolean;
}

/** The text a leaf is matched on: a string's own characters (not its quotes), a typed value's text (`Date 1970-…`). */
export function leafSearchText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (v === null || typeof v !== 'object') return typeof v === 'symbol' || typeof v === 'function' || typeof v === 'bigint' ? leafText(v)?.text : String(v);
  return leafText(v)?.text;
}

/**
 * Nodes under `root` whose key or leaf value contains `query` (case-insensitive). A node is visited once even when
 * the state holds it at several places (shared references, cycles), and at most `budget` nodes are visited.
 */
export function searchState(root: unknown, query: string, o: { order?: KeyOrder; limit?: number; budget?: number } = {}): SearchResult {
  const q = query.trim().toLowerCase();
  const hits: Seg[][] = [];
  if (!q) return { hits, truncated: false };
  const limit = o.limit ?? 5000;
  let budget = o.budget ?? 400_000;
  const seen = new WeakSet<object>();
  // Depth-first with an explicit stack (a state can be thousands of levels deep), children pushed in reverse; a node
  // links to its parent, and a path is spelled out only for a hit.
  type Node = { parent: Node | null; key: Seg } | null;
  const pathOf = (n: Node) => {
    const p: Seg[] = [];
    for (let x = n; x; x = x.parent) p.push(x.key);
    return p.reverse();
  };
  const stack: { node: Node; value: unknown }[] = [{ node: null, value: root }];
  while (stack.length) {
    if (--budget < 0 || hits.length >= limit) return { hits, truncated: true };
    const { node, value } = stack.pop()!;
    const keyHit = node !== null && String(node.key).toLowerCase().includes(q);
    const kids = typeof value === 'object' && value !== null && !seen.has(value) ? childrenOf(value, o.order) : undefined;
    if (kids) {
      seen.add(value as object);
      if (keyHit) hits.push(pathOf(node));
      for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: { parent: node, key: kids[i][0] }, value: kids[i][1] });
    } else if (keyHit || leafSearchText(value)?.toLowerCase().includes(q)) hits.push(pathOf(node));
  }
  return { hits, truncated: false };
}

/** Where `query` occurs in `text` (case-insensitive), for highlighting: [start, end) pairs. */
export function matchSpans(text: string, query: string): [number, number][] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const t = text.toLowerCase();
  const out: [number, number][] = [];
  for (let i = t.indexOf(q); i >= 0 && out.length < 50; i = t.indexOf(q, i + q.length)) out.push([i, i + q.length]);
  return out;
}
