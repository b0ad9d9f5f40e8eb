import { pathText, type Seg } from './statePath';

/**
 * Where the State tab is pinned: one crumb per level from the whole state down, each a button that pins its level
 * (the first unpins). Levels this action's state does not have (past `found`) are shown, dimmed, and kept.
 */
export function Breadcrumbs({ pin, found, onGo }: { pin: Seg[]; found: number; onGo(path: Seg[]): void }) {
  if (!pin.length) return null;
  return (
    <nav className="st-crumbs" aria-label="Pinned subtree">
      <span className="st-pin-mark">Pinned:</span>
      <ol>
        <li>
          <button type="button" onClick={() => onGo([])} title="Show the whole state (unpin)">
            state
          </button>
        </li>
        {pin.map((seg, i) => {
          const last = i === pin.length - 1;
          const text = typeof seg === 'number' ? `[${seg}]` : seg;
          return (
            <li key={i} className={i >= found ? 'st-crumb-missing' : undefined}>
              {last ? (
                <span aria-current="location" title={pathText(pin)}>
                  {text}
                </span>
              ) : (
                <button type="button" onClick={() => onGo(pin.slice(0, i + 1))} title={`Pin ${pathText(pin.slice(0, i + 1))}`}>
                  {text}
                </button>
              )}
            </li>
          );
        })}
      </ol>
      <button type="button" className="st-unpin" onClick={() => onGo([])} aria-label="Unpin" title="Show the whole state again">
        ✕
      </button>
    </nav>
  );
}
