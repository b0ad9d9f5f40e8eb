import { useState } from 'react';
import { ExactNumber } from '../../core/exactJson';

/** Children shown per page: a 100 000-key object opens instantly and pages on demand. */
const PAGE = 100;

function preview(v: unknown): string {
  if (Array.isArray(v)) return `Array(${v.length})`;
  if (v && typeof v === 'object') {
    const keys = Object.keys(v);
    return `{${keys.slice(0, 3).join(', ')}${keys.length > 3 ? ', …' : ''}}`;
  }
  return '';
}

function Scalar({ value }: { value: unknown }) {
  if (value === null) return <span className="j-null">null</span>;
  if (value instanceof ExactNumber) return <span className="j-num">{value.source}</span>;
  switch (typeof value) {
    case 'string': {
      const s = value.length > 2000 ? value.slice(0, 2000) + `… (${value.length} chars)` : value;
      return <span className="j-str">{JSON.stringify(s)}</span>;
    }
    case 'number':
    case 'bigint':
      return <span className="j-num">{String(value)}</span>;
    case 'boolean':
      return <span className="j-bool">{String(value)}</span>;
    case 'undefined':
      return <span className="j-null">undefined</span>;
    default:
      return <span>{String(value)}</span>;
  }
}

interface NodeProps {
  name: string | number | null;
  value: unknown;
  depth: number;
  defaultOpenDepth: number;
}

/**
 * A collapsible JSON tree that renders only what is expanded, and wide nodes a page at a time, so huge or deeply
 * nested values never freeze the page. Keys and values are rendered as text: event content is data, never markup.
 */
function JsonNode({ name, value, depth, defaultOpenDepth }: NodeProps) {
  const isObj = value !== null && typeof value === 'object' && !(value instanceof ExactNumber);
  const [open, setOpen] = useState(depth < defaultOpenDepth);
  const [limit, setLimit] = useState(PAGE);
  const label = name === null ? null : <span className="j-key">{typeof name === 'number' ? name : name}</span>;
  if (!isObj) {
    return (
      <div className="j-row" role="treeitem" aria-selected={false}>
        {label}
        {label && <span className="j-colon">: </span>}
        <Scalar value={value} />
      </div>
    );
  }
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? (value as unknown[]).slice(0, open ? limit : 0).map((v, i) => [i, v])
    : open
      ? Object.keys(value as object)
          .slice(0, limit)
          .map((k) => [k, (value as Record<string, unknown>)[k]])
      : [];
  const total = Array.isArray(value) ? value.length : open ? Object.keys(value as object).length : 0;
  return (
    <div className="j-node" role="treeitem" aria-expanded={open} aria-selected={false}>
      <button type="button" className="j-toggle" onClick={() => setOpen(!open)} aria-label={`${open ? 'Collapse' : 'Expand'} ${name ?? 'root'}`}>
        {open ? '▾' : '▸'}
      </button>
      {label}
      {label && <span className="j-colon">: </span>}
      <span className="j-preview">{preview(value)}</span>
      {open && (
        <div className="j-children" role="group">
          {entries.map(([k, v]) => (
            <JsonNode key={k} name={k} value={v} depth={depth + 1} defaultOpenDepth={defaultOpenDepth} />
          ))}
          {total > limit && (
            <button type="button" className="j-more" onClick={() => setLimit(limit + PAGE * 10)}>
              Show more ({total - limit} left)
            </button>
          )}
        </div>
      )}
    </div>
  );
}

export function JsonTree({ value, label = 'JSON tree', defaultOpenDepth = 2 }: { value: unknown; label?: string; defaultOpenDepth?: number }) {
  return (
    <div className="json-tree" role="tree" aria-label={label}>
      <JsonNode name={null} value={value} depth={0} defaultOpenDepth={defaultOpenDepth} />
    </div>
  );
}
