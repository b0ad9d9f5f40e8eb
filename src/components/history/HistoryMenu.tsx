import { useState, useSyncExternalStore } from 'react';
import { usePopover } from '../settings/usePopover';
import { clearStoredHistory, historySettings, historyStatus, updateHistorySettings } from '../../io/history';

const time = (ms: number) => new Date(ms).toLocaleString();

/** Says what the stored history holds and lets the user size it, clear it or turn it off. */
export function HistoryMenu() {
  const status = useSyncExternalStore(historyStatus.subscribe, historyStatus.get);
  const settings = useSyncExternalStore(historySettings.subscribe, historySettings.get);
  const [open, setOpen] = useState(false);
  const [keepText, setKeepText] = useState('');
  const [message, setMessage] = useState('');
  const anchor = usePopover<HTMLDivElement>(open, () => setOpen(false));
  const applyKeep = () => {
    const n = Math.floor(Number(keepText));
    if (Number.isFinite(n) && n >= 1000) updateHistorySettings({ keep: n });
    else setMessage('Keep at least 1 000 events.');
    setKeepText('');
  };
  return (
    <div className="popover-anchor" ref={anchor}>
      <button
        type="button"
        className={`ghost history-button history-${status.state}`}
        aria-expanded={open}
        title="What this tab stores so its events survive a reload"
        onClick={() => {
          setOpen(!open);
          setMessage('');
        }}
      >
        History{status.state === 'failed' ? ' ⚠' : ''}
      </button>
      {open && (
        <div className="popover history-menu" role="dialog" aria-label="Stored history">
          <p role="status" className="note history-state">
            {status.message}
            {status.restored && ` Restored ${status.restored.count.toLocaleString()} events from ${time(status.restored.to)}.`}
            {status.skipped > 0 && ` ${status.skipped.toLocaleString()} events were not stored: they came faster than they could be written.`}
          </p>
          <label className="field check">
            <input type="checkbox" checked={settings.enabled} onChange={(e) => updateHistorySettings({ enabled: e.target.checked })} disabled={status.state === 'failed'} />
            Keep history across reloads
          </label>
          <form
            className="save-form"
            aria-label="History size"
            onSubmit={(e) => {
              e.preventDefault();
              applyKeep();
            }}
          >
            <label className="field">
              <span>Keep at most</span>
              <input type="number" min={1000} step={1000} value={keepText || String(settings.keep)} onChange={(e) => setKeepText(e.target.value)} aria-label="Events to keep" />
              <span>events</span>
            </label>
            <button type="submit">Apply</button>
          </form>
          <label className="field check" title="Off: tokens and passwords in frames and URLs are stored masked, as in an export.">
            <input type="checkbox" checked={settings.rememberSecrets} onChange={(e) => updateHistorySettings({ rememberSecrets: e.target.checked })} />
            Remember secrets in stored events (plain text)
          </label>
          <div className="history-actions">
            <button type="button" className="danger" onClick={() => void clearStoredHistory().then(setMessage)}>
              Clear stored history
            </button>
          </div>
          {message && (
            <p role="status" aria-label="History action" className="note">
              {message}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
