import { useMemo } from 'react';
import type { ColumnDef } from '@tanstack/react-table';
import type { StreamEvent } from '../../../dialects/types';
import { getDialect } from '../../../dialects/registry';
import { selectListsOneConnection, useStore } from '../../../store';
import { baseColumns, type ColumnMeta } from '../columns';
import { applyLayout, useColumnLayout } from '../../columns/columnLayout';

/** The table's columns for the active dialect, with the user's layout applied, and the grid template they make. */
export function useColumns(): { columns: ColumnDef<StreamEvent>[]; template: string; minWidth: number; dialect: string } {
  const connections = useStore((s) => s.connections);
  const activeDialect = useStore((s) => s.connections.find((c) => c.id === s.activeConnId)?.dialect ?? 'json');
  const onlyActive = useStore(selectListsOneConnection);
  const layout = useColumnLayout(activeDialect);
  return useMemo(() => {
    const names = new Map(connections.map((c) => [c.id, c.name]));
    const showConn = connections.length > 1 && !onlyActive;
    // The user's column layout for this dialect (src/components/columns): order, hidden, widths, field columns.
    const columns = applyLayout(baseColumns((id) => names.get(id) ?? id, showConn, getDialect(activeDialect).columns ?? []), layout);
    const template = columns.map((c) => ((c.meta as ColumnMeta | undefined)?.className?.includes('grow') ? `minmax(${c.size}px, 1fr)` : `${c.size}px`)).join(' ');
    const minWidth = columns.reduce((n, c) => n + (c.size ?? 100), 0);
    return { columns, template, minWidth, dialect: activeDialect };
  }, [connections, activeDialect, onlyActive, layout]);
}
