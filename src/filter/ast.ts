// The filter language's syntax tree. Every node keeps the span of query text it came from, so the UI can point at
// a term (errors, click-to-filter edits) without re-parsing.
import type { TimeRange } from './time';

export interface Span {
  pos: number;
  end: number;
}

export type CompareOp = '>' | '>=' | '<' | '<=' | '=';

/** How a field's value is tested. */
export type ValueTest =
  /** Case-insensitive equality; `*` in an unquoted value is a wildcard. A bare `*` means "the field exists". */
  | { op: 'eq'; value: string; wildcard: boolean }
  | { op: 'exists' }
  | { op: 'regex'; source: string; flags: string }
  /** `metric:>0.5`, `size:>=1kb`; the unit is already applied to `number`. `integer`: the digits of an integer a double cannot hold. */
  | { op: 'cmp'; cmp: CompareOp; number: number; integer?: string }
  /** `time:>12:01:03`, `time:12:01..12:05`: the event's receive time falls in the range (src/filter/time.ts). */
  | { op: 'time'; range: TimeRange }
  /** `shape:new`: the event brought a field path or value type its type had not shown before. */
  | { op: 'shape' };

export type FilterNode =
  | ({ type: 'and'; items: FilterNode[] } & Span)
  | ({ type: 'or'; items: FilterNode[] } & Span)
  | ({ type: 'not'; item: FilterNode } & Span)
  /** Free text: matched case-insensitively anywhere in the raw frame, summary, type, action and key. */
  | ({ type: 'text'; text: string } & Span)
  /** A bare /regex/ over the same text as free text. */
  | ({ type: 'regex'; source: string; flags: string } & Span)
  /** `field:value`; `field` is as typed, `path` its dot-separated parts. */
  | ({ type: 'field'; field: string; path: string[]; test: ValueTest } & Span);

export interface FilterError extends Span {
  message: string;
}
