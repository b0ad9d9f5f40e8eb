import type { FilterNode } from './ast';
import { parseQuery } from './parse';
import { ExactNumber } from '../core/exactJson';

// Click-to-filter: turn a cell's (field, value) into query text and merge it into the current query, so the filter
// box always shows exactly what is applied.

const FIELD_NAME = /^[A-Za-z_$@][\w$@.-]*$/;
const BARE_VALUE = /^[^\s()"'*\\/<>=-][^\s()"'*\\]*$/;

/** Query text for a value: bare when it reads back unchanged, otherwise quoted (quotes also make `*` literal). */
export function quoteValue(value: string): string {
  if (BARE_VALUE.test(value) && !/^(AND|OR|NOT)$/.test(value)) return value;
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

/** `field:value` (or `-field:value`) for a cell, or undefined when the value cannot be expressed as one term. */
export function fieldTerm(field: string, value: unknown, exclude = false): string | undefined {
  if (!FIELD_NAME.test(field)) return undefined;
  let text: string;
  if (typeof value === 'string') text = quoteValue(value);
  else if (typeof value === 'number' && Number.isFinite(value)) text = String(value);
  else if (value instanceof ExactNumber) text = value.source;
  else if (typeof value === 'boolean' || value === null) text = String(value);
  else if (value === undefined) return `${exclude ? '' : '-'}${field}:*`; // "filter to this" on an empty cell: rows without it
  else return undefined;
  return `${exclude ? '-' : ''}${field}:${text}`;
}

function topLevelItems(ast: FilterNode | null): FilterNode[] {
  if (!ast) return [];
  return ast.type === 'and' ? ast.items : [ast];
}

/**
 * Adds `term` to `query` with AND. A top-level OR is wrapped in parentheses first, so the new term narrows the whole
 * query; an existing top-level term that says the opposite (`type:x` vs `-type:x`) or the same is replaced, not
 * duplicated. A query that does not parse is kept as typed and the term appended, so nothing the user wrote is lost.
 */
export function addTerm(query: string, term: string): string {
  const q = query.trim();
  if (!q) return term;
  const parsed = parseQuery(q);
  if (!parsed.ok) return `${q} ${term}`;
  const opposite = term.startsWith('-') ? term.slice(1) : `-${term}`;
  const items = topLevelItems(parsed.ast);
  if (parsed.ast?.type === 'or') return `(${q}) ${term}`;
  const kept = items.map((n) => q.slice(n.pos, n.end)).filter((t) => t !== term && t !== opposite);
  return [...kept, term].join(' ');
}

/**
 * Sets the query's one top-level `field:` term to `term` (null removes it), keeping everything else as typed: a brushed
 * time range replaces the previous one instead of piling up. A query that does not parse gets the term appended.
 */
export function replaceFieldTerm(query: string, field: string, term: string | null): string {
  const q = query.trim();
  const parsed = parseQuery(q);
  if (!parsed.ok) return term ? `${q} ${term}` : q;
  if (parsed.ast?.type === 'or') return term ? `(${q}) ${term}` : q;
  const name = field.toLowerCase();
  const kept = topLevelItems(parsed.ast)
    .filter((n) => !(n.type === 'field' && n.field.toLowerCase() === name))
    .map((n) => q.slice(n.pos, n.end));
  return [...kept, ...(term ? [term] : [])].join(' ');
}
