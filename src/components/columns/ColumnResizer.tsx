import { useRef } from 'react';
import { MAX_WIDTH, MIN_WIDTH } from './columnLayout';

/**
 * The drag handle at a header's right edge: drag (or focus it and press ←/→) to size the column, double-click to go
 * back to its default width. `onSize` and `onReset` change the table's column sizing, remembered per dialect with the
 * rest of the column layout.
 */
export function ColumnResizer({ header, width, onSize, onReset }: { header: string; width: number; onSize(width: number): void; onReset(): void }) {
  const drag = useRef<{ x: number; w: number } | null>(null);
  const set = (w: number) => onSize(Math.round(Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, w))));
  const reset = onReset;
  return (
    <span
      className="col-resize"
      role="separator"
      aria-orientation="vertical"
      aria-label={`Resize ${header}`}
      aria-valuenow={width}
      aria-valuemin={MIN_WIDTH}
      aria-valuemax={MAX_WIDTH}
      tabIndex={0}
      title="Drag to resize (←/→ when focused); double-click for the default width"
      // The header sorts on click: a resize must never reach it.
      onClick={(e) => e.stopPropagation()}
      onDoubleClick={(e) => {
        e.stopPropagation();
        reset();
      }}
      onPointerDown={(e) => {
        e.stopPropagation();
        e.preventDefault();
        e.currentTarget.setPointerCapture(e.pointerId);
        drag.current = { x: e.clientX, w: width };
      }}
      onPointerMove={(e) => {
        if (drag.current) set(drag.current.w + e.clientX - drag.current.x);
      }}
      onPointerUp={() => {
        drag.current = null;
      }}
      onPointerCancel={() => {
        drag.current = null;
      }}
      onKeyDown={(e) => {
        const step = e.key === 'ArrowLeft' ? -10 : e.key === 'ArrowRight' ? 10 : 0;
        if (!step) return;
        e.preventDefault();
        e.stopPropagation();
        set(width + step);
      }}
    />
  );
}
