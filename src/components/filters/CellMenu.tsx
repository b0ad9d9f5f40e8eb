import { useEffect, useRef } from 'react';
import { closeCellMenu, filterByCell, useCellMenu } from './cellFilter';
import { useDismiss } from './useDismiss';

/** "Filter to this" / "Exclude this" for a table cell, at the pointer. Closes on Escape, a click elsewhere or scroll. */
export function CellMenu() {
  const menu = useCellMenu((s) => s.menu);
  const ref = useRef<HTMLDivElement>(null);
  useDismiss(ref, !!menu, closeCellMenu);
  useEffect(() => {
    if (!menu) return;
    ref.current?.querySelector<HTMLButtonElement>('[role=menuitem]')?.focus();
    // A lost window focus ends the gesture. (Not scroll: the right-click itself selects the row, which opens the
    // detail pane and may scroll the table a moment after the menu opened.)
    window.addEventListener('blur', closeCellMenu);
    return () => window.removeEventListener('blur', closeCellMenu);
  }, [menu]);
  if (!menu) return null;
  const pick = (exclude: boolean) => {
    filterByCell(menu.target, exclude);
    closeCellMenu();
  };
  return (
    <div
      ref={ref}
      className="cell-menu"
      role="menu"
      aria-label={`Filter on ${menu.target.field}`}
      style={{ left: Math.min(menu.x, window.innerWidth - 260), top: Math.min(menu.y, window.innerHeight - 80) }}
    >
      <button type="button" role="menuitem" onClick={() => pick(false)} title={`Show only events whose ${menu.target.field} is this value`}>
        Filter to this <code>{menu.target.field}: {menu.label}</code>
      </button>
      <button type="button" role="menuitem" onClick={() => pick(true)} title={`Hide events whose ${menu.target.field} is this value`}>
        Exclude this
      </button>
    </div>
  );
}
