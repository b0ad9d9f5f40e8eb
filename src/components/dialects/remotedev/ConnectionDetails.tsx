import { useId, useState } from 'react';
import type { RemotedevView } from '../../../dialects/remotedev';
import { usePopover } from '../../settings/usePopover';

/** The login and protocol in a few words: what a person checks first when nothing arrives. */
function summary(view: RemotedevView): { text: string; bad: boolean } {
  const p = view.protocol;
  const l = view.login;
  const proto = `Protocol ${p.active} ${p.setting === 'auto' ? (p.detected ? '(detected)' : '(auto)') : '(forced)'}`;
  if (l.state === 'failed') return { text: `${proto} · login failed`, bad: true };
  if (l.state === 'ok') {
    const failed = view.subscriptions.some((s) => s.state === 'failed');
    return { text: `${proto} · channel ${l.channel ?? '?'}${failed ? ' · subscription failed' : ''}`, bad: failed };
  }
  return { text: `${proto} · ${l.state === 'skipped' ? 'no login' : `login ${l.state}`}`, bad: false };
}

/**
 * The connection's details (protocol, login, channel, subscriptions) folded into one button in the panel's top line;
 * the full account opens in a popover. A protocol note (a detected server generation) is flagged on the button.
 */
export function ConnectionDetails({ view }: { view: RemotedevView }) {
  const [open, setOpen] = useState(false);
  const ref = usePopover<HTMLDivElement>(open, () => setOpen(false));
  const id = useId();
  const p = view.protocol;
  const login = view.login;
  const s = summary(view);
  return (
    <div className="rd-conn" ref={ref} role="group" aria-label="Channel login">
      <button type="button" className={`rd-conn-button${s.bad ? ' rd-bad' : ''}`} aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)} title={p.note ?? 'Protocol, login and subscriptions of this connection'}>
        {s.text}
        {p.note && <span className="rd-warn"> ⚠</span>}
      </button>
      <div id={id} className="rd-conn-pop" hidden={!open} role="region" aria-label="Connection details">
        <p>
          <span title="SocketCluster protocol: 2 for @redux-devtools/cli 5 (SocketCluster 15+), 1 for remotedev-server 0.3 (SocketCluster 14)">
            Protocol <strong>{p.active}</strong> {p.setting === 'auto' ? (p.detected ? '(detected)' : '(auto)') : '(forced)'}
          </span>
        </p>
        <p>
          Login <code>{JSON.stringify(login.credential)}</code> →{' '}
          {login.state === 'ok' ? (
            <>
              channel <code>{login.channel ?? '?'}</code>
            </>
          ) : (
            <em className={login.state === 'failed' ? 'rd-bad' : ''}>{login.state === 'failed' ? `failed: ${login.error}` : login.state}</em>
          )}
        </p>
        <p>
          Subscriptions:{' '}
          {view.subscriptions.length === 0
            ? 'none'
            : view.subscriptions.map((sub) => (
                <span key={sub.channel} className={`rd-sub rd-sub-${sub.state}`} title={sub.error ?? `Channel ${sub.channel}: ${sub.state}`}>
                  {sub.channel} ({sub.state})
                </span>
              ))}
        </p>
        {p.note && <p className="rd-note">{p.note}</p>}
      </div>
    </div>
  );
}
