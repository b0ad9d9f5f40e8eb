// The State tab's tree as a flat list of the rows it draws: only open nodes' children are listed, a wide node a page
// at a time, so the list stays as long as what a person opened, whatever the size of the state; the list is then
// virtualised. Open and closed are kept by path, so they hold when another action's state is shown.

import { childrenOf, pathId, type KeyOrder, type Seg } from './statePath';

/** Children listed per page of a wide node ("Show more" lists the next ones). */
export const PAGE = 500;

export type FlatRow =
  | { kind: 'node'; id: string; path: Seg[]; depth: number; key: Seg | null; value: unknown; branch: boolean; open: boolean }
  | { kind: 'more'; id: string; parentId: string; depth: number; left: number };

export interface TreeOpenState {
  /** Nodes the user opened or closed, by path id; the rest are open down to `defaultDepth`. */
  toggled: Map<string, boolean>;
  /** Children listed per node beyond the first page. */
  limits: Map<string, number>;
  defaultDepth: number;
}

export const isOpen = (s: TreeOpenState, id: string, depth: number) => s.toggled.get(id) ?? depth < s.defaultDepth;

/** The rows drawn for `root` (shown at `base`, the pinned path) with the given open state and key order. */
export function flattenTree(root: unknown, base: readonly Seg[], s: TreeOpenState, order: KeyOrder, maxRows = 200_000): FlatRow[] {
  const rows: FlatRow[] = [];
  // Depth-first with an explicit stack, children pushed in reverse so they come out in order.
  const stack: ({ t: 'node'; path: Seg[]; depth: number; key: Seg | null; value: unknown } | FlatRow)[] = [{ t: 'node', path: [...base], depth: 0, key: null, value: root }];
  const onPath = new Set<object>();
  const leaving: { depth: number; value: object }[] = [];
  while (stack.length && rows.length < maxRows) {
    const item = stack.pop()!;
    if ('kind' in item) {
      rows.push(item);
      continue;
    }
    // A node already open above this one (a cycle) is shown closed, so the list ends.
    while (leaving.length && leaving[leaving.length - 1].depth >= item.depth) onPath.delete(leaving.pop()!.value);
    const id = pathId(item.path);
    const kids = childrenOf(item.value, order);
    const cyclic = kids !== undefined && onPath.has(item.value as object);
    const open = kids !== undefined && !cyclic && isOpen(s, id, item.depth);
    rows.push({ kind: 'node', id, path: item.path, depth: item.depth, key: item.key, value: item.value, branch: kids !== undefined, open });
    if (!open || !kids) continue;
    onPath.add(item.value as object);
    leaving.push({ depth: item.depth, value: item.value as object });
    const shown = Math.min(kids.length, s.limits.get(id) ?? PAGE);
    if (shown < kids.length) stack.push({ kind: 'more', id: `${id}:more`, parentId: id, depth: item.depth + 1, left: kids.length - shown });
    for (let i = shown - 1; i >= 0; i--) stack.push({ t: 'node', path: [...item.path, kids[i][0]], depth: item.depth + 1, key: kids[i][0], value: kids[i][1] });
  }
  return rows;
}

/**
 * The open state with everything above `rel` (a path under the shown root) open and listed far enough to draw it:
 * a search hit inside a closed node or past a wide node's first page gets a row.
 */
export function revealPath(s: TreeOpenState, root: unknown, base: readonly Seg[], rel: readonly Seg[], order: KeyOrder): TreeOpenState {
  const toggled = new Map(s.toggled);
  const limits = new Map(s.limits);
  let value = root;
  const path: Seg[] = [...base];
  for (const seg of rel) {
    const id = pathId(path);
    toggled.set(id, true);
    const kids = childrenOf(value, order) ?? [];
    const at = kids.findIndex(([k]) => k === seg);
    if (at < 0) break;
    if (at >= (limits.get(id) ?? PAGE)) limits.set(id, (Math.floor(at / PAGE) + 1) * PAGE);
    value = kids[at][1];
    path.push(seg);
  }
  return { ...s, toggled, limits };
}
