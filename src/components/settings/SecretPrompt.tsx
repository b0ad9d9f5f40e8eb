import { useSyncExternalStore } from 'react';
import { useModalDialog } from './useModalDialog';
import { secretLabel } from '../../settings/savedConnections';
import { dismissSecretRequest, provideSecrets, secretRequest } from './openConnection';

/**
 * Asks for the secrets a share link or a saved connection left out. What is typed goes into the connection in memory
 * only; it is saved only if the user saves the connection with "remember secret".
 */
export function SecretPrompt() {
  const req = useSyncExternalStore(secretRequest.subscribe, secretRequest.get);
  const dialog = useModalDialog(!!req);
  return (
    <dialog
      ref={dialog}
      className="settings-dialog"
      aria-label="Secret needed"
      onCancel={(e) => {
        e.preventDefault();
        dismissSecretRequest();
      }}
    >
      {req && (
        <form
          key={req.connId}
          onSubmit={(e) => {
            e.preventDefault();
            const data = new FormData(e.currentTarget);
            const values: Record<string, string> = {};
            for (const n of req.names) values[n] = String(data.get(n) ?? '');
            provideSecrets(values);
          }}
        >
          <h2>Secret needed</h2>
          <p className="note">
            “{req.name}” ({req.dialect}) needs {req.names.length > 1 ? 'these secrets' : 'a secret'} that links and saved connections leave out. It
            stays in this page’s memory.
          </p>
          {req.names.map((n, i) => (
            <label className="field" key={n}>
              <span>{secretLabel(req.dialect, n)}</span>
              <input name={n} type="password" autoComplete="off" spellCheck={false} autoFocus={i === 0} />
            </label>
          ))}
          <div className="dialog-actions">
            <button type="submit" className="primary">
              {req.connectAfter ? 'Connect' : 'Use'}
            </button>
            <button type="button" onClick={dismissSecretRequest}>
              Not now
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
