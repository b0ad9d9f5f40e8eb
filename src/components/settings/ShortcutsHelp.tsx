import { useEffect, useRef, useState } from 'react';
import { useModalDialog } from './useModalDialog';
import { useStore } from '../../store';
import { eventView } from '../../engine';
import { clearEvents, pauseView } from '../events/EventToolbar';
import { installShortcuts, isTextField, SHORTCUTS } from '../../lib/shortcuts';
import { gotoMatch } from '../filters/filterState';

/** The filter bar's box (src/components/filters/FilterBar: a search field). */
function findFilterBox(): HTMLElement | null {
  return document.querySelector<HTMLElement>('input[type="search"]');
}

/** Next/previous match in highlight mode, next/previous shown row otherwise (the filter bar's own navigation). */
function step(dir: 1 | -1): boolean {
  if (eventView.count === 0) return false;
  gotoMatch(dir);
  return true;
}

function KeyCaps({ keys }: { keys: string[] }) {
  return (
    <>
      {keys.map((k, i) => (
        <span key={k}>
          {i > 0 && ' or '}
          {k.split('+').map((part, j) => (
            <span key={part}>
              {j > 0 && '+'}
              <kbd>{part}</kbd>
            </span>
          ))}
        </span>
      ))}
    </>
  );
}

/** The "?" button, the help overlay it opens, and the document-wide shortcut listener. */
export function ShortcutsHelp() {
  const [open, setOpen] = useState(false);
  const dialog = useModalDialog(open);
  const openRef = useRef(open);
  useEffect(() => {
    openRef.current = open;
  }, [open]);

  useEffect(
    () =>
      installShortcuts({
        pause: () => pauseView(!useStore.getState().paused),
        clear: () => clearEvents(),
        nextMatch: () => step(1),
        prevMatch: () => step(-1),
        latest: () => useStore.getState().setFollowing(true),
        help: () => setOpen(true),
        escape: () => {
          if (openRef.current) return setOpen(false);
          if (document.querySelector('dialog[open]')) return false; // another dialog handles its own Escape
          const el = document.activeElement;
          if (el && isTextField(el) && el === findFilterBox()) return (el as HTMLElement).blur();
          return false;
        },
      }),
    [],
  );

  return (
    <>
      <button type="button" className="ghost shortcuts-btn" aria-label="Keyboard shortcuts" aria-haspopup="dialog" title="Keyboard shortcuts (?)" onClick={() => setOpen(true)}>
        ?
      </button>
      <dialog ref={dialog} className="settings-dialog" aria-label="Keyboard shortcuts" onClose={() => setOpen(false)}>
        <h2>Keyboard shortcuts</h2>
        <p className="note">Single keys work when the cursor is not in a text field.</p>
        <table className="shortcut-table">
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.action}>
                <th scope="row">
                  <KeyCaps keys={s.keys} />
                </th>
                <td>{s.label}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="note">In the event table: ↑/↓, Page Up/Down, Home/End move the selection.</p>
        <form method="dialog">
          <button type="submit" className="primary">
            Close
          </button>
        </form>
      </dialog>
    </>
  );
}
