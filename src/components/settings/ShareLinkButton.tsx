import { useState } from 'react';
import { useStore } from '../../store';
import { shareLink } from '../../settings/urlState';
import { secretLabel, toPortable } from '../../settings/savedConnections';
import { copyText } from '../../lib/clipboard';
import { usePopover } from './usePopover';

/** Copies a link that reopens the active connection (dialect, endpoint, settings, extras) with its secrets left out. */
export function ShareLinkButton() {
  const conn = useStore((s) => s.connections.find((c) => c.id === s.activeConnId));
  const [shown, setShown] = useState<{ link: string; note: string; copied: string } | null>(null);
  const anchor = usePopover<HTMLDivElement>(!!shown, () => setShown(null));
  if (!conn) return null;
  return (
    <div className="popover-anchor" ref={anchor}>
      <button
        type="button"
        className="ghost"
        aria-expanded={!!shown}
        title="Copy a link that reopens this connection; tokens and passwords are left out"
        onClick={async () => {
          if (shown) return setShown(null);
          const link = shareLink(conn);
          const left = toPortable(conn).ask.map((n) => secretLabel(conn.dialect, n));
          const note = left.length ? `Left out: ${left.join(', ')}. Whoever opens the link is asked for ${left.length > 1 ? 'them' : 'it'}.` : 'No secrets in this connection.';
          setShown({ link, note, copied: '' });
          const ok = await copyText(link);
          setShown({ link, note, copied: ok ? 'Copied to the clipboard.' : 'Select the link and copy it.' });
        }}
      >
        Share link
      </button>
      {shown && (
        <div className="popover" role="dialog" aria-label="Share link">
          <label className="field grow">
            <span>Link</span>
            <input type="text" readOnly value={shown.link} onFocus={(e) => e.currentTarget.select()} aria-label="Share link URL" spellCheck={false} />
          </label>
          <p role="status" className="note">
            {shown.copied} {shown.note}
          </p>
          <button type="button" onClick={() => setShown(null)}>
            Close
          </button>
        </div>
      )}
    </div>
  );
}
