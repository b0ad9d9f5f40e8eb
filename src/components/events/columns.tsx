import type { ColumnDef } from '@tanstack/react-table';
import type { ColumnContext, ColumnSpec, StreamEvent } from '../../dialects/types';
import { getSession } from '../../store/sessions';
import { describeEvent } from '../../lib/describeEvent';
import { formatBytes, formatTime } from '../../lib/format';
import { jsonText } from '../../lib/jsonText';
import { ExactNumber } from '../../core/exactJson';
import { getDialect } from '../../dialects/registry';

const DIR_LABEL = { in: '↓ in', out: '↑ out', system: '• sys' } as const;

export interface ColumnMeta {
  className?: string;
  /** See ColumnSpec.live: the table recomputes this cell on every render instead of caching it per event. */
  live?: boolean;
}

/** The Size cell of a row read out of another message (remotedev's history from STATE): it has no frame to measure. */
export const NO_FRAME = '—';
export const NO_FRAME_TITLE = 'No frame of its own to measure: read out of another message (e.g. an app history in STATE), or a row streamscope adds';
const sizeText = (e: StreamEvent) => (e.raw === undefined && !e.rawFromValue && !e.bytes && !e.size ? NO_FRAME : formatBytes(e.size));

const columnContext: ColumnContext = { session: getSession };

function cellText(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (v instanceof ExactNumber) return v.source;
  if (typeof v === 'object') return jsonText(v); // cycle-safe: an app's action may reference itself
  return String(v);
}

/** The "#" cell: the dialect's own number for the row (read live: a reorder can change it), else its arrival count. */
export function rowNumberOf(e: StreamEvent): number | string {
  const own = getDialect(e.dialect).rowNumber;
  return (own ? own(e, columnContext) : undefined) ?? e.seq;
}

/**
 * `ownNumbers`: the table lists one stream of a connection (Dialect.rowScope), so "#" is the dialect's own number for
 * its rows; with several streams interleaved (the merged timeline) every row keeps its arrival count.
 */
export function baseColumns(connName: (id: string) => string, showConn: boolean, extra: ColumnSpec[], ownNumbers = false): ColumnDef<StreamEvent>[] {
  const cols: ColumnDef<StreamEvent>[] = [
    ownNumbers ? { id: 'seq', header: '#', size: 64, accessorFn: rowNumberOf, meta: { className: 'num', live: true } } : { id: 'seq', header: '#', size: 64, accessorFn: (e) => e.seq, meta: { className: 'num' } },
    { id: 'time', header: 'Time', size: 104, accessorFn: (e) => formatTime(e.sourceTime ?? e.receivedAt) },
    { id: 'dir', header: 'Dir', size: 52, accessorFn: (e) => DIR_LABEL[e.dir] },
  ];
  if (showConn) cols.push({ id: 'conn', header: 'Conn', size: 90, accessorFn: (e) => connName(e.connId) });
  cols.push(
    { id: 'type', header: 'Type', size: 110, accessorFn: (e) => e.type ?? (e.dir === 'system' ? e.kind : '') },
    { id: 'action', header: 'Action', size: 80, accessorFn: (e) => e.action ?? '' },
    { id: 'key', header: 'Key / resource', size: 180, accessorFn: (e) => e.key ?? '' },
  );
  for (const c of extra) cols.push({ id: `x_${c.id}`, header: c.header, size: c.width ?? 100, accessorFn: (e) => cellText(c.get(e, columnContext)), meta: c.live ? { live: true } : undefined });
  cols.push(
    { id: 'summary', header: 'Summary', size: 240, accessorFn: (e) => describeEvent(e), meta: { className: 'grow' } },
    { id: 'size', header: 'Size', size: 64, accessorFn: sizeText, meta: { className: 'num' } },
  );
  return cols;
}
