// Original-vs-Object for DRP update/save events, via jsondiffpatch. The delta is walked into flat rows (path, before,
// after) so the view shows exact old and new values without rendering library HTML.
import { create, type Delta } from 'jsondiffpatch';

export interface DiffRow {
  path: string;
  kind: 'added' | 'removed' | 'changed' | 'moved';
  before?: unknown;
  after?: unknown;
}

// DRP arrays hold names (Profiles, Tasks) or objects with a Uuid/Name: match items by that, not by position.
const differ = create({
  objectHash: (o: object) => {
    const r = o as Record<string, unknown>;
    const id = r.Uuid ?? r.Name ?? r.Id ?? r.Addr;
    return typeof id === 'string' ? id : JSON.stringify(o);
  },
  arrays: { detectMove: true, includeValueOnMove: false },
});

const join = (path: string, key: string, index: boolean) => (index ? `${path}[${key}]` : path ? `${path}.${key}` : key);

function walk(d: Delta, path: string, out: DiffRow[], limit: number): void {
  if (d === undefined || out.length >= limit) return;
  if (Array.isArray(d)) {
    if (d.length === 1) out.push({ path, kind: 'added', after: d[0] });
    else if (d.length === 2) out.push({ path, kind: 'changed', before: d[0], after: d[1] });
    else if (d[2] === 0) out.push({ path, kind: 'removed', before: d[0] });
    else if (d[2] === 3) out.push({ path, kind: 'moved', after: `to index ${d[1]}` });
    return;
  }
  const o = d as Record<string, Delta> & { _t?: string };
  const isArray = o._t === 'a';
  for (const key of Object.keys(o)) {
    if (key === '_t') continue;
    // In array deltas `_3` is old index 3 (removed or moved away), `3` is new index 3.
    const label = isArray && key.startsWith('_') ? key.slice(1) : key;
    walk(o[key], join(path, label, isArray), out, limit);
  }
}

/** Rows describing how `after` differs from `before`; at most `limit` rows (a huge object stays cheap to show). */
export function diffRows(before: unknown, after: unknown, limit = 500): DiffRow[] {
  const out: DiffRow[] = [];
  walk(differ.diff(before, after), '', out, limit);
  return out;
}
