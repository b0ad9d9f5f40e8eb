import type { WorldRow } from './worldList';

export interface TreeNode {
  row: WorldRow;
  children: TreeNode[];
  depth: number;
}

/**
 * Entities that name their parents (Tutum: a container's are its service, stack, node and node cluster; a service's
 * its stack) as a tree: each hangs under its first parent that is listed, so stack → service → container. An entity
 * whose parents are not among the rows is a root. Order within a level is the rows' order.
 */
export function buildTree(rows: readonly WorldRow[]): TreeNode[] {
  const byKey = new Map<string, TreeNode>();
  const nodes = rows.map((row) => {
    const n: TreeNode = { row, children: [], depth: 0 };
    byKey.set(`${row.ent.connId}\u0000${row.ent.key}`, n);
    return n;
  });
  const roots: TreeNode[] = [];
  for (const n of nodes) {
    const parents = n.row.info.parents ?? [];
    let parent: TreeNode | undefined;
    for (const p of parents) {
      const cand = byKey.get(`${n.row.ent.connId}\u0000${p}`);
      if (cand && cand !== n && !isDescendant(cand, n)) {
        parent = cand;
        break;
      }
    }
    if (parent) parent.children.push(n);
    else roots.push(n);
  }
  const setDepth = (list: TreeNode[], d: number) => {
    for (const n of list) {
      n.depth = d;
      setDepth(n.children, d + 1);
    }
  };
  setDepth(roots, 0);
  return roots;
}

/** Whether `a` already sits under `b` (a cycle in the data must not make a loop). */
function isDescendant(a: TreeNode, b: TreeNode): boolean {
  const stack = [...b.children];
  while (stack.length) {
    const n = stack.pop()!;
    if (n === a) return true;
    stack.push(...n.children);
  }
  return false;
}

/** The tree flattened in display order (parents before their children). */
export function flattenTree(roots: readonly TreeNode[]): TreeNode[] {
  const out: TreeNode[] = [];
  const visit = (list: readonly TreeNode[]) => {
    for (const n of list) {
      out.push(n);
      visit(n.children);
    }
  };
  visit(roots);
  return out;
}
