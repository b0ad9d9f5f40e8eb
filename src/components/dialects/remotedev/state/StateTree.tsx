import { useEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { typedShape } from '../typedValue';
import { matchSpans, leafSearchText } from './stateSearch';
import { pathText, type Seg } from './statePath';
import type { FlatRow } from './flatTree';
import { useDismiss } from '../../../filters/useDismiss';

export const TREE_ROW_HEIGHT = 20;

/** `text` with the parts that match `query` marked (as elements, never markup from the content). */
function Marked({ text, query }: { text: string; query: string }) {
  const spans = matchSpans(text, query);
  if (!spans.length) return <>{text}</>;
  const out: React.ReactNode[] = [];
  let at = 0;
  for (const [a, b] of spans) {
    if (a > at) out.push(text.slice(at, a));
    out.push(<mark key={a}>{text.slice(a, b)}</mark>);
    at = b;
  }
  out.push(text.slice(at));
  return <>{out}</>;
}

export interface NodeAction {
  path: Seg[];
  value: unknown;
}

interface Props {
  rows: FlatRow[];
  query: string;
  hitIds: Set<string>;
  currentHitId?: string;
  onToggle(row: FlatRow & { kind: 'node' }): void;
  onMore(parentId: string): void;
  onCopy(n: NodeAction): void;
  onCopyPath(n: NodeAction): void;
  onPin(n: NodeAction): void;
  label: string;
}

/**
 * The state as a virtualised tree: only the rows in view are drawn, so an opened 10 000-entry node scrolls as fast
 * as a small one. Right-click a row (or its ⋯ button) to copy its value or path, or pin the tree to it.
 */
export function StateTree({ rows, query, hitIds, currentHitId, onToggle, onMore, onCopy, onCopyPath, onPin, label }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => TREE_ROW_HEIGHT, overscan: 12 });
  const [menu, setMenu] = useState<{ x: number; y: number; node: NodeAction } | null>(null);
  const currentIndex = useMemo(() => (currentHitId === undefined ? -1 : rows.findIndex((r) => r.id === currentHitId)), [rows, currentHitId]);
  useEffect(() => {
    if (currentIndex >= 0) v.scrollToIndex(currentIndex, { align: 'auto' });
  }, [currentIndex, v]);
  const openMenu = (e: React.MouseEvent, row: FlatRow & { kind: 'node' }) => {
    e.preventDefault();
    const r = (e.currentTarget as HTMLElement).getBoundingClientRect();
    setMenu({ x: e.type === 'contextmenu' ? e.clientX : r.right, y: e.type === 'contextmenu' ? e.clientY : r.bottom, node: { path: row.path, value: row.value } });
  };
  return (
    <div className="st-scroll" ref={scrollRef}>
      <div className="json-tree st-tree" role="tree" aria-label={label} style={{ height: v.getTotalSize() }}>
        {v.getVirtualItems().map((it) => {
          const row = rows[it.index];
          const style = { transform: `translateY(${it.start}px)`, paddingLeft: row.depth * 14 };
          if (row.kind === 'more')
            return (
              <div key={row.id} className="st-row" style={style}>
                <button type="button" className="j-more" onClick={() => onMore(row.parentId)}>
                  Show more ({row.left} left)
                </button>
              </div>
            );
          const shape = typedShape(row.value);
          const name = row.key === null ? null : String(row.key);
          const text = shape.kind === 'leaf' ? (typeof row.value === 'string' ? shape.text : (leafSearchText(row.value) ?? shape.text)) : shape.label;
          const cls = `st-row${hitIds.has(row.id) ? ' st-hit' : ''}${row.id === currentHitId ? ' st-current' : ''}`;
          return (
            <div key={row.id} className={cls} style={style} role="treeitem" aria-level={row.depth + 1} aria-expanded={row.branch ? row.open : undefined} aria-selected={row.id === currentHitId} aria-label={`${pathText(row.path)}: ${text.slice(0, 80)}`} onContextMenu={(e) => openMenu(e, row)}>
              {row.branch ? (
                <button type="button" className="j-toggle" onClick={() => onToggle(row)} aria-label={`${row.open ? 'Collapse' : 'Expand'} ${name ?? 'root'}`}>
                  {row.open ? '▾' : '▸'}
                </button>
              ) : (
                <span className="st-spacer" />
              )}
              {name !== null && (
                <>
                  <span className="j-key">
                    <Marked text={name} query={query} />
                  </span>
                  <span className="j-colon">: </span>
                </>
              )}
              <span className={shape.kind === 'leaf' ? shape.className || undefined : 'j-preview'} title={text.length > 60 ? text.slice(0, 2000) : undefined}>
                {shape.kind === 'leaf' ? <Marked text={text} query={query} /> : text}
              </span>
              <button type="button" className="st-node-menu" aria-label={`Actions for ${pathText(row.path)}`} title="Copy or pin this node (or right-click it)" onClick={(e) => openMenu(e, row)} />
            </div>
          );
        })}
      </div>
      {menu && <NodeMenu {...menu} close={() => setMenu(null)} onCopy={onCopy} onCopyPath={onCopyPath} onPin={onPin} />}
    </div>
  );
}

function NodeMenu({ x, y, node, close, onCopy, onCopyPath, onPin }: { x: number; y: number; node: NodeAction; close(): void } & Pick<Props, 'onCopy' | 'onCopyPath' | 'onPin'>) {
  const ref = useRef<HTMLDivElement>(null);
  useDismiss(ref, true, close);
  useEffect(() => ref.current?.querySelector<HTMLButtonElement>('[role=menuitem]')?.focus(), []);
  const what = pathText(node.path);
  const pick = (f: (n: NodeAction) => void) => () => {
    f(node);
    close();
  };
  return (
    <div ref={ref} className="cell-menu" role="menu" aria-label={`Actions for ${what}`} style={{ position: 'fixed', left: Math.min(x, window.innerWidth - 240), top: Math.min(y, window.innerHeight - 100) }}>
      <button type="button" role="menuitem" onClick={pick(onCopy)} title={`Copy the value at ${what} as JSON`}>
        Copy value
      </button>
      <button type="button" role="menuitem" onClick={pick(onCopyPath)} title="Copy the path as code writes it">
        Copy path <code>{what}</code>
      </button>
      <button type="button" role="menuitem" onClick={pick(onPin)} title="Show only this part of the state, for this action and the next ones">
        Pin this subtree
      </button>
    </div>
  );
}
