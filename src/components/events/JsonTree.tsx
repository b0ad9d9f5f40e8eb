import { useState } from 'react';
import { ExactNumber } from '../../core/exactJson';

/** Children shown per page: a 100 000-key object opens instantly and pages on demand. */
const PAGE = 100;

/**
 * How the tree draws a value: a leaf (text and its class), or a branch (a label, and its entries a page at a time).
 * The default knows JSON; a dialect whose values carry more types (Map, Set, Date…) passes its own.
 */
export type TreeShape =
  | { kind: 'leaf'; text: string; className: string }
  | { kind: 'branch'; label: string; size: number; entries(limit: number): [key: string | number, value: unknown][] };

function preview(v: object): string {
  if (Array.isArray(v)) return `Array(${v.length})`;
  const keys = Object.keys(v);
  return `{${keys.slice(0, 3).join(', ')}${keys.length > 3 ? ', …' : ''}}`;
}

/** A string for a leaf: quoted (so "NaN" the string never looks like NaN the number) and cut at 2 000 characters. */
export const quotedText = (value: string) => JSON.stringify(value.length > 2000 ? value.slice(0, 2000) + `… (${value.length} chars)` : value);

export function jsonShape(value: unknown): TreeShape {
  if (value === null) return { kind: 'leaf', text: 'null', className: 'j-null' };
  if (value instanceof ExactNumber) return { kind: 'leaf', text: value.source, className: 'j-num' };
  switch (typeof value) {
    case 'string':
      return { kind: 'leaf', text: quotedText(value), className: 'j-str' };
    case 'number':
    case 'bigint':
      return { kind: 'leaf', text: String(value), className: 'j-num' };
    case 'boolean':
      return { kind: 'leaf', text: String(value), className: 'j-bool' };
    case 'undefined':
      return { kind: 'leaf', text: 'undefined', className: 'j-null' };
    case 'object': {
      if (Array.isArray(value)) return { kind: 'branch', label: preview(value), size: value.length, entries: (n) => value.slice(0, n).map((v, i) => [i, v]) };
      const o = value as Record<string, unknown>;
      return { kind: 'branch', label: preview(o), size: Object.keys(o).length, entries: (n) => Object.keys(o).slice(0, n).map((k) => [k, o[k]]) };
    }
    default:
      return { kind: 'leaf', text: String(value), className: '' };
  }
}

interface NodeProps {
  name: string | number | null;
  value: unknown;
  depth: number;
  defaultOpenDepth: number;
  shapeOf: (v: unknown) => TreeShape;
}

/**
 * A collapsible JSON tree that renders only what is expanded, and wide nodes a page at a time, so huge or deeply
 * nested values never freeze the page. Keys and values are rendered as text: event content is data, never markup.
 */
function JsonNode({ name, value, depth, defaultOpenDepth, shapeOf }: NodeProps) {
  const shape = shapeOf(value);
  const [open, setOpen] = useState(depth < defaultOpenDepth);
  const [limit, setLimit] = useState(PAGE);
  const label = name === null ? null : <span className="j-key">{name}</span>;
  if (shape.kind === 'leaf') {
    return (
      <div className="j-row" role="treeitem" aria-selected={false}>
        {label}
        {label && <span className="j-colon">: </span>}
        <span className={shape.className || undefined}>{shape.text}</span>
      </div>
    );
  }
  const entries = open ? shape.entries(limit) : [];
  return (
    <div className="j-node" role="treeitem" aria-expanded={open} aria-selected={false}>
      <button type="button" className="j-toggle" onClick={() => setOpen(!open)} aria-label={`${open ? 'Collapse' : 'Expand'} ${name ?? 'root'}`}>
        {open ? '▾' : '▸'}
      </button>
      {label}
      {label && <span className="j-colon">: </span>}
      <span className="j-preview">{shape.label}</span>
      {open && (
        <div className="j-children" role="group">
          {entries.map(([k, v], i) => (
            <JsonNode key={`${i}:${k}`} name={k} value={v} depth={depth + 1} defaultOpenDepth={defaultOpenDepth} shapeOf={shapeOf} />
          ))}
          {shape.size > limit && (
            <button type="button" className="j-more" onClick={() => setLimit(limit + PAGE * 10)}>
              Show more ({shape.size - limit} left)
            </button>
          )}
        </div>
      )}
    </div>
  );
}

export function JsonTree({ value, label = 'JSON tree', defaultOpenDepth = 2, shape = jsonShape }: { value: unknown; label?: string; defaultOpenDepth?: number; shape?: (v: unknown) => TreeShape }) {
  return (
    <div className="json-tree" role="tree" aria-label={label}>
      <JsonNode name={null} value={value} depth={0} defaultOpenDepth={defaultOpenDepth} shapeOf={shape} />
    </div>
  );
}
