import { useState } from 'react';
import { useStore } from '../../store';
import { dialects, getDialect } from '../../dialects/registry';
import { connect, disconnect, isConnected } from '../../store/sessions';
import type { SettingField, SettingValues } from '../../dialects/types';
import { StatusBadge } from './StatusBadge';
import { EndpointAdviceNote } from './EndpointAdviceNote';
import { isImported } from '../capture/importSession';

function SettingInput({ field, value, onChange }: { field: SettingField; value: SettingValues[string]; onChange: (v: SettingValues[string]) => void }) {
  const id = `setting-${field.key}`;
  if (field.kind === 'checkbox') {
    return (
      <label className="field check" htmlFor={id} title={field.help}>
        <input id={id} type="checkbox" checked={!!(value ?? field.default)} onChange={(e) => onChange(e.target.checked)} />
        {field.label}
      </label>
    );
  }
  if (field.kind === 'select') {
    return (
      <label className="field" htmlFor={id} title={field.help}>
        <span>{field.label}</span>
        <select id={id} value={String(value ?? field.default ?? '')} onChange={(e) => onChange(e.target.value)}>
          {field.options?.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
    );
  }
  return (
    <label className="field" htmlFor={id} title={field.help}>
      <span>{field.label}</span>
      <input
        id={id}
        type={field.kind === 'password' ? 'password' : field.kind === 'number' ? 'number' : 'text'}
        value={value === undefined ? String(field.default ?? '') : String(value)}
        placeholder={field.placeholder}
        autoComplete={field.secret ? 'off' : undefined}
        spellCheck={false}
        onChange={(e) => onChange(field.kind === 'number' ? (e.target.value === '' ? undefined : Number(e.target.value)) : e.target.value)}
      />
    </label>
  );
}

/** Edits and drives the active connection. It knows the dialect only through its declared settings. */
export function ConnectionBar() {
  const conn = useStore((s) => s.connections.find((c) => c.id === s.activeConnId));
  const status = useStore((s) => (conn ? s.statuses[conn.id] : undefined));
  useStore((s) => (conn ? s.sessionEpochs[conn.id] : 0));
  const update = useStore((s) => s.updateConnection);
  // Settings are open while they can be edited and fold away once connected, unless the user chose otherwise.
  const [settingsChoice, setShowSettings] = useState<boolean | null>(null);
  if (!conn) return null;
  const dialect = getDialect(conn.dialect);
  const live = isConnected(conn.id);
  // An imported capture is read-only: nothing to connect to, nothing to configure.
  const imported = isImported(conn.id);
  const showSettings = !imported && (settingsChoice ?? !live);
  // Said before connecting, whether or not the settings are open: e.g. a credential this server generation refuses.
  const warning = live || imported ? undefined : dialect.settingsWarning?.(conn.settings);
  return (
    <form
      className="conn-bar"
      aria-label="Connection"
      onSubmit={(e) => {
        e.preventDefault();
        if (live) disconnect(conn.id);
        else connect(conn.id);
      }}
    >
      <div className="conn-row">
        <label className="field" htmlFor="dialect">
          <span>Dialect</span>
          <select
            id="dialect"
            value={conn.dialect}
            disabled={live}
            onChange={(e) => {
              const d = getDialect(e.target.value);
              update(conn.id, { dialect: d.id, endpoint: d.defaultEndpoint, settings: {}, name: conn.name.startsWith(conn.dialect) ? conn.name.replace(conn.dialect, d.id) : conn.name });
            }}
          >
            {dialects.map((d) => (
              <option key={d.id} value={d.id}>
                {d.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field grow" htmlFor="endpoint">
          <span>Endpoint</span>
          <input
            id="endpoint"
            type="text"
            value={conn.endpoint}
            spellCheck={false}
            readOnly={live || imported}
            placeholder={dialect.endpointPlaceholder}
            onChange={(e) => update(conn.id, { endpoint: e.target.value })}
          />
        </label>
        {imported ? (
          <span className="note">Imported capture (read-only)</span>
        ) : (
          <button type="submit" className={live ? 'danger' : 'primary'}>
            {live ? 'Disconnect' : 'Connect'}
          </button>
        )}
        <label className="field check" htmlFor="auto-reconnect" title="Reconnect with exponential backoff and jitter after the connection drops">
          <input id="auto-reconnect" type="checkbox" checked={conn.autoReconnect} onChange={(e) => update(conn.id, { autoReconnect: e.target.checked })} />
          Auto-reconnect
        </label>
        {dialect.settings.length > 0 && !imported && (
          <button type="button" className="ghost" aria-expanded={showSettings} onClick={() => setShowSettings(!showSettings)} title="Show or hide this dialect's settings">
            Settings
          </button>
        )}
      </div>
      {showSettings && dialect.settings.length > 0 && (
        <fieldset className="conn-row settings" disabled={live}>
          <legend className="sr-only">{dialect.label} settings</legend>
          {dialect.settings.map((f) => (
            <SettingInput key={f.key} field={f} value={conn.settings[f.key]} onChange={(v) => update(conn.id, { settings: { ...conn.settings, [f.key]: v } })} />
          ))}
          <span className="dialect-desc">{dialect.description}</span>
        </fieldset>
      )}
      {warning && (
        <p className="error-line" role="alert" aria-label="Settings warning">
          ⚠ {warning}
        </p>
      )}
      {!live && !imported && <EndpointAdviceNote endpoint={conn.endpoint} />}
      <StatusBadge status={status} />
    </form>
  );
}
