import { memo } from 'react';
import type { StreamEvent } from '../../../dialects/types';
import { getSession } from '../../../store/sessions';
import { dialectUi } from '../../dialects/registry';
import { openCellMenu } from '../../filters/cellFilter';
import { ErrorBoundary } from '../../common/ErrorBoundary';
import type { CellText } from './bodyColumns';
import { NO_FRAME, NO_FRAME_TITLE } from '../columns';

export const ROW_HEIGHT = 22;

interface EventRowProps {
  e: StreamEvent;
  index: number;
  texts: CellText[];
  cellMeta: { id: string; className: string }[];
  selected: boolean;
  match: boolean;
  /** `extend`: a shift-click, which selects a range from the row selected before. */
  onSelect: (seq: number, extend: boolean) => void;
  /** Extra classes from the dialect (remotedev: current, skipped, future). */
  mark: string;
  actions: React.ReactNode;
  /** What the event changed in its type's shape ('' when nothing): a badge in its Type cell. */
  shape: string;
}

const sameRow = (a: EventRowProps, b: EventRowProps) =>
  a.e === b.e && a.index === b.index && a.selected === b.selected && a.match === b.match && a.cellMeta === b.cellMeta && a.onSelect === b.onSelect && a.texts === b.texts && a.mark === b.mark && a.actions === b.actions && a.shape === b.shape;

/** One event's row, placed absolutely at its index (the body is virtualised). */
export const EventRow = memo(function EventRow({ e, index, texts, cellMeta, selected, match, onSelect, mark, actions, shape }: EventRowProps) {
  const cls = `tr dir-${e.dir} kind-${e.kind}${e.parseError ? ' has-error' : ''}${selected ? ' selected' : ''}${match ? ' match' : ''}${mark ? ' ' + mark : ''}`;
  return (
    <div className={cls} role="row" aria-selected={selected} aria-rowindex={index + 2} style={{ transform: `translateY(${index * ROW_HEIGHT}px)` }} onMouseDown={(ev) => {
        // Shift would also select the page's text between the two rows.
        if (ev.shiftKey) ev.preventDefault();
        onSelect(e.seq, ev.shiftKey);
      }}>
      {cellMeta.map((c, i) => {
        const text = texts[i];
        return (
          <div
            className={`td ${c.className}`}
            role="cell"
            key={c.id}
            onContextMenu={(ev) => openCellMenu(ev, c.id, e)}
            title={typeof text === 'string' && text.length > 30 ? text : text === NO_FRAME && c.id === 'size' ? NO_FRAME_TITLE : undefined}
            // The cell is still named by its type; the badge inside has its own name.
            aria-label={shape && c.id === 'type' && typeof text === 'string' ? text : undefined}>
            {shape && c.id === 'type' && (
              <span className="shape-badge" role="img" aria-label={`Shape changed: ${shape}`} title={`Shape changed: ${shape} (filter: shape:new)`}>
                new shape
              </span>
            )}
            {text}
          </div>
        );
      })}
      {actions}
    </div>
  );
}, sameRow);

/** The dialect's live classes for one row (see DialectUi.rowClass), re-read on every render like live columns. */
export function rowClassOf(e: StreamEvent): string {
  const rowClass = dialectUi[e.dialect]?.rowClass;
  return rowClass ? rowClass(e, getSession(e.connId)) : '';
}

/**
 * The dialect's row actions for one row (see DialectUi.RowActions): one more cell, laid over the row and held at the
 * right edge of the part of the row in view, so they can be seen and clicked however wide the columns make the row.
 */
export function rowActionsOf(e: StreamEvent): React.ReactNode {
  const RowActions = dialectUi[e.dialect]?.RowActions;
  if (!RowActions) return null;
  return (
    <div className="row-actions-lane">
      <div className="row-actions" role="cell">
        <ErrorBoundary what="Row actions" compact resetKey={e.seq}>
          <RowActions event={e} session={getSession(e.connId)} />
        </ErrorBoundary>
      </div>
    </div>
  );
}
