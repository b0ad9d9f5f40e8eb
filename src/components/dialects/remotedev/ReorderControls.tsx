import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { RemotedevController } from '../../../dialects/remotedev';
import { eventLog, eventView } from '../../../engine';
import { rowRef } from './rowRef';

// Reordering the app's actions (REORDER_ACTION), where the app allows it: drag a row's handle onto another row of the
// same app, or, from the keyboard, Alt+↑/↓ on the handle or the inspector's Move earlier / Move later. The app
// replays its actions in the new order, so its state really changes; the table keeps rows in the order they came.

type Drop = { id: number; place: 'before' | 'after'; rect: DOMRect };

/** The action row drawn at the point, if it is one of `instance`'s (the table's rows know their position only). */
function actionRowAt(x: number, y: number, instance: string): { id: number; rect: DOMRect } | undefined {
  const el = document.elementFromPoint(x, y)?.closest('.tbody [role="row"]');
  if (!el) return undefined;
  const seq = eventView.seqAt(Number(el.getAttribute('aria-rowindex')) - 2);
  const e = seq === undefined ? undefined : eventLog.get(seq);
  if (!e || e.dialect !== 'remotedev' || e.fields?.rowKind !== 'action') return undefined;
  const ref = rowRef(e);
  if (ref.key !== instance) return undefined;
  // The row is as wide as all its columns: the line is drawn across the part of it in view.
  const row = el.getBoundingClientRect();
  const pane = el.closest('[role="table"]')?.getBoundingClientRect() ?? row;
  const left = Math.max(row.left, pane.left);
  return { id: ref.id, rect: new DOMRect(left, row.top, Math.min(row.right, pane.right) - left, row.height) };
}

/** The row's drag handle: drag it onto another action (its upper half: before it, lower half: after it). */
export function DragHandle({ c, instance, id }: { c: RemotedevController; instance: string; id: number }) {
  const why = c.reorderReason(instance, id);
  const [drop, setDrop] = useState<Drop | null>(null);
  const dragging = useRef(false);
  useEffect(() => {
    if (!drop) return;
    const cancel = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      dragging.current = false;
      setDrop(null);
    };
    window.addEventListener('keydown', cancel);
    return () => window.removeEventListener('keydown', cancel);
  }, [drop]);
  const target = (e: React.PointerEvent): Drop | null => {
    const hit = actionRowAt(e.clientX, e.clientY, instance);
    if (!hit || hit.id === id || hit.id === 0) return hit && hit.id === 0 ? { id: hit.id, place: 'after', rect: hit.rect } : null;
    return { id: hit.id, place: e.clientY < hit.rect.top + hit.rect.height / 2 ? 'before' : 'after', rect: hit.rect };
  };
  return (
    <>
      <button
        type="button"
        className="rd-drag"
        aria-label={`Reorder action #${id}`}
        aria-disabled={!!why || undefined}
        title={why ?? 'Drag onto another action to move this one there (or Alt+↑ / Alt+↓): the app replays its actions in the new order'}
        onMouseDown={(e) => e.preventDefault()}
        onPointerDown={(e) => {
          if (why || e.button !== 0) return;
          e.preventDefault();
          e.currentTarget.setPointerCapture(e.pointerId);
          dragging.current = true;
        }}
        onPointerMove={(e) => dragging.current && setDrop(target(e))}
        onPointerUp={(e) => {
          if (!dragging.current) return;
          dragging.current = false;
          const d = target(e);
          setDrop(null);
          if (d) c.moveAction(instance, id, d.id, d.place);
        }}
        onPointerCancel={() => {
          dragging.current = false;
          setDrop(null);
        }}
        onKeyDown={(e) => {
          if (why || !e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
          e.preventDefault();
          e.stopPropagation();
          c.moveActionBy(instance, id, e.key === 'ArrowUp' ? -1 : 1);
        }}
      >
        ⠿
      </button>
      {drop &&
        createPortal(
          <div className="rd-drop" style={{ left: drop.rect.left, width: drop.rect.width, top: drop.place === 'before' ? drop.rect.top - 1 : drop.rect.bottom - 1 }} role="status">
            <span>
              Move #{id} {drop.place} #{drop.id}
            </span>
          </div>,
          document.body,
        )}
    </>
  );
}

/** Move earlier / Move later for the selected action, in the inspector: the keyboard's and the reader's way. */
export function MoveButtons({ c, instance, id }: { c: RemotedevController; instance: string; id: number }) {
  const why = c.reorderReason(instance, id);
  const h = c.instance(instance)?.history;
  const at = h ? h.indexOf(id) : -1;
  const upWhy = why ?? (at <= 1 ? 'This is the first action after @@INIT.' : undefined);
  const downWhy = why ?? (h && at >= h.length - 1 ? 'This is the last action.' : undefined);
  return (
    <>
      <button type="button" disabled={!!upWhy} title={upWhy ?? `Move action #${id} one place earlier (REORDER_ACTION): the app replays its actions in the new order`} onClick={() => c.moveActionBy(instance, id, -1)}>
        Move earlier
      </button>
      <button type="button" disabled={!!downWhy} title={downWhy ?? `Move action #${id} one place later (REORDER_ACTION)`} onClick={() => c.moveActionBy(instance, id, 1)}>
        Move later
      </button>
    </>
  );
}
