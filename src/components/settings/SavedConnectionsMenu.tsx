import { useState, useSyncExternalStore } from 'react';
import { useStore } from '../../store';
import { deleteSaved, saveConnection, savedConnections } from '../../settings/savedConnections';
import { maskUrl } from '../../lib/secrets';
import { openPortable, rememberOpened } from './openConnection';
import { getDialect } from '../../dialects/registry';
import { usePopover } from './usePopover';

/**
 * Saves the active connection (name, dialect, endpoint, settings and extras such as filters) to this browser and
 * lists the saved ones; opening one switches to it. Secrets are stored only when "Remember secret" is ticked.
 */
export function SavedConnectionsMenu() {
  const list = useSyncExternalStore(savedConnections.subscribe, savedConnections.get);
  const conn = useStore((s) => s.connections.find((c) => c.id === s.activeConnId));
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [remember, setRemember] = useState(false);
  const [message, setMessage] = useState('');
  const anchor = usePopover<HTMLDivElement>(open, () => setOpen(false));
  const hasSecretField = !!conn && getDialect(conn.dialect).settings.some((f) => f.secret);
  return (
    <div className="popover-anchor" ref={anchor}>
      <button
        type="button"
        className="ghost"
        aria-expanded={open}
        title="Save this connection or open a saved one"
        onClick={() => {
          setOpen(!open);
          setName(conn?.name ?? '');
          setMessage('');
        }}
      >
        Saved connections{list.length ? ` (${list.length})` : ''}
      </button>
      {open && (
        <div className="popover saved-menu" role="dialog" aria-label="Saved connections">
          {conn && (
            <form
              className="save-form"
              aria-label="Save the current connection"
              onSubmit={(e) => {
                e.preventDefault();
                const result = saveConnection(conn, { name: name.trim() || conn.name, rememberSecret: remember });
                const saved = result?.saved;
                if (saved) {
                  useStore.getState().updateConnection(conn.id, { name: saved.name });
                  rememberOpened(saved.id, conn.id);
                }
                setMessage(
                  !saved
                    ? 'Cannot save: the endpoint is not a ws, wss, http or https URL.'
                    : result.notStored
                      ? `“${saved.name}” is in the list for this page only and will be gone after a reload: it could not be stored, because ${result.notStored}.`
                      : `Saved “${saved.name}”${saved.rememberSecret ? ' with its secrets' : saved.ask.length ? '; secrets left out, asked for on open' : ''}.`,
                );
              }}
            >
              <label className="field grow">
                <span>Name</span>
                <input type="text" value={name} onChange={(e) => setName(e.target.value)} aria-label="Connection name" maxLength={80} />
              </label>
              <label className="field check" title="Store tokens and passwords in this browser's localStorage, in plain text. Off: they are asked for when the connection opens.">
                <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} disabled={!hasSecretField && !/[?&@]/.test(conn.endpoint)} />
                Remember secret
              </label>
              <button type="submit" className="primary">
                Save
              </button>
            </form>
          )}
          <p role="status" className="note">
            {message}
          </p>
          {list.length === 0 ? (
            <p className="note">No saved connections yet.</p>
          ) : (
            <ul className="saved-list" aria-label="Saved connection list">
              {list.map((c) => (
                <li key={c.id}>
                  <button
                    type="button"
                    aria-label={`Open ${c.name}`}
                    title={`Switch to ${c.name}: ${c.dialect} ${maskUrl(c.endpoint)}`}
                    onClick={() => {
                      openPortable(c, { connect: true, savedId: c.id, reuseIdleActive: true });
                      setOpen(false);
                    }}
                  >
                    {c.name}
                  </button>
                  <span className="saved-meta">
                    {c.dialect} · {maskUrl(c.endpoint)}
                    {c.rememberSecret ? ' · secret stored' : c.ask.length ? ' · asks for secret' : ''}
                  </span>
                  <button type="button" className="ghost" aria-label={`Delete ${c.name}`} title="Forget this saved connection" onClick={() => deleteSaved(c.id)}>
                    ✕
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
