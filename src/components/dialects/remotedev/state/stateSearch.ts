// Search of a decoded state's keys and values for the State tab: every node whose key or leaf text contains the
// query, in the order the tree draws them, so "next" goes down the tree. Bounded, so a 5 MB state answers in one go.

import { leafText } from '../../../../dialects/remotedev';
import { childrenOf, keyCollator as collator, type KeyOrder, type Seg } from './statePath';

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

/** A search that runs in slices (`step`), so a state of many megabytes never holds the main thread for long. */
export interface StateSearch {
  /** Works for about `ms` milliseconds; true once the search is complete. */
  step(ms: number): boolean;
  result(): SearchResult;
}

/**
 * Nodes under `root` whose key or leaf value contains `query` (case-insensitive). A node is visited once even when
 * the state holds it at several places (shared references, cycles), and at most `budget` nodes are visited.
 */
export function startSearch(root: unknown, query: string, o: { order?: KeyOrder; limit?: number; budget?: number } = {}): StateSearch {
  const q = query.trim().toLowerCase();
  const hits: Seg[][] = [];
  const limit = o.limit ?? 5000;
  let budget = o.budget ?? 1_000_000;
  let truncated = false;
  const seen = new WeakSet<object>();
  // Depth-first with an explicit stack (a state can be thousands of levels deep), children pushed in reverse; a node
  // links to its parent, and a path is spelled out only for a hit.
  type Node = { parent: Node | null; key: Seg } | null;
  const pathOf = (n: Node) => {
    const p: Seg[] = [];
    for (let x = n; x; x = x.parent) p.push(x.key);
    return p.reverse();
  };
  const stack: { node: Node; value: unknown }[] = q ? [{ node: null, value: root }] : [];
  // Arrays and plain objects (nearly all of a Redux state) are read directly; other types through the tree's shapes.
  const pushChildren = (value: object, node: Node): boolean => {
    seen.add(value);
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ node: { parent: node, key: i }, value: value[i] });
      return true;
    }
    const proto = Object.getPrototypeOf(value);
    if (proto === Object.prototype || proto === null) {
      const keys = Object.keys(value);
      if (o.order === 'az') keys.sort(collator.compare);
      const rec = value as Record<string, unknown>;
      for (let i = keys.length - 1; i >= 0; i--) stack.push({ node: { parent: node, key: keys[i] }, value: rec[keys[i]] });
      return true;
    }
    const kids = childrenOf(value, o.order);
    if (!kids) return false;
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: { parent: node, key: kids[i][0] }, value: kids[i][1] });
    return true;
  };
  return {
    step(ms) {
      const until = performance.now() + ms;
      let n = 0;
      while (stack.length) {
        if (--budget < 0 || hits.length >= limit) {
          truncated = true;
          stack.length = 0;
          break;
        }
        // The clock is read every 1024 nodes: reading it per node would cost more than the search.
        if ((++n & 1023) === 0 && performance.now() > until) return false;
        const { node, value } = stack.pop()!;
        const keyHit = node !== null && String(node.key).toLowerCase().includes(q);
        if (typeof value === 'object' && value !== null && !seen.has(value) && pushChildren(value, node)) {
          if (keyHit) hits.push(pathOf(node));
        } else if (keyHit || leafSearchText(value)?.toLowerCase().includes(q)) hits.push(pathOf(node));
      }
      return true;
    },
    result: () => ({ hits, truncated }),
  };
}

/** The whole search at once (tests, small states). */
export function searchState(root: unknown, query: string, o: { order?: KeyOrder; limit?: number; budget?: number } = {}): SearchResult {
  const s = startSearch(root, query, o);
  s.step(Infinity);
  return s.result();
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
