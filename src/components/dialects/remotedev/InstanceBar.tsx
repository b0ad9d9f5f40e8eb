import { useId } from 'react';
import type { StreamEvent } from '../../../dialects/types';
import type { RemotedevController } from '../../../dialects/remotedev';
import type { InstanceSummary, RemotedevView } from '../../../dialects/remotedev';
import { formatTime } from '../../../lib/format';

/**
 * Which of this connection's rows the table shows: the selected instance's actions, connection rows (connect, gap,
 * errors) and, when asked, the protocol messages (START, STATE, commands…). Other connections' rows pass untouched.
 */
export function remotedevScope(connId: string, selected: string | null, showProtocol: boolean) {
  return (e: StreamEvent): boolean => {
    if (e.connId !== connId) return true;
    const f = e.fields;
    const kind = f?.rowKind;
    if (kind === 'action') return selected === null || f!.instance === selected;
    if (kind === 'channel') return true;
    if (kind === 'protocol' || e.dir === 'out') return showProtocol && (selected === null || f?.instance === undefined || f.instance === selected);
    return true;
  };
}

export function Connection({ view }: { view: RemotedevView }) {
  const p = view.protocol;
  const login = view.login;
  return (
    <p className="rd-status" aria-label="Channel login">
      <span title="SocketCluster protocol: 2 for @redux-devtools/cli 5 (SocketCluster 15+), 1 for remotedev-server 0.3 (SocketCluster 14)">
        Protocol <strong>{p.active}</strong> {p.setting === 'auto' ? (p.detected ? '(detected)' : '(auto)') : '(forced)'}
      </span>
      <span>
        Login <code>{JSON.stringify(login.credential)}</code> →{' '}
        {login.state === 'ok' ? (
          <>
            channel <code>{login.channel ?? '?'}</code>
          </>
        ) : (
          <em className={login.state === 'failed' ? 'rd-bad' : ''}>{login.state === 'failed' ? `failed: ${login.error}` : login.state}</em>
        )}
      </span>
      <span>
        Subscriptions:{' '}
        {view.subscriptions.length === 0
          ? 'none'
          : view.subscriptions.map((s) => (
              <span key={s.channel} className={`rd-sub rd-sub-${s.state}`} title={s.error ?? `Channel ${s.channel}: ${s.state}`}>
                {s.channel} ({s.state})
              </span>
            ))}
      </span>
      {p.note && <span className="rd-note">{p.note}</span>}
    </p>
  );
}

/** Names are cut in the selector (an app may call itself anything, 100 000 characters long); the tooltip has it all. */
const NAME_MAX = 48;
const short = (name: string) => (name.length > NAME_MAX ? `${name.slice(0, NAME_MAX - 1)}…` : name);

/** The selector's label: two apps of the same name are told apart by their instance id and when they came. */
function optionLabel(i: InstanceSummary, twins: boolean, all: InstanceSummary[]): string {
  const state = i.connected ? 'connected' : `disconnected${i.successor && all.some((x) => x.key === i.successor) ? ', restarted' : ''}`;
  const who = twins ? `${short(i.name)} [${i.id.slice(0, 8)}, since ${formatTime(i.firstSeen).slice(0, 8)}]` : short(i.name);
  return `${who} — ${state}, ${i.received} action${i.received === 1 ? '' : 's'}`;
}

export function InstanceBar({ c, view, showProtocol, setShowProtocol }: { c: RemotedevController; view: RemotedevView; showProtocol: boolean; setShowProtocol(v: boolean): void }) {
  const id = useId();
  const connected = view.instances.filter((i) => i.connected);
  const gone = view.instances.filter((i) => !i.connected);
  const named = new Map<string, number>();
  for (const i of view.instances) named.set(i.name, (named.get(i.name) ?? 0) + 1);
  const option = (i: InstanceSummary) => (
    <option key={i.key} value={i.key} title={i.name.length > NAME_MAX ? i.name.slice(0, 2000) : undefined}>
      {optionLabel(i, (named.get(i.name) ?? 0) > 1, view.instances)}
    </option>
  );
  const followed = view.followed && view.followed.to === view.selected ? view.followed : undefined;
  return (
    <>
      <div className="rd-row">
        <label className="field" htmlFor={id}>
          <span>Instance</span>
          <select id={id} className="rd-instance" aria-label="Instance" value={view.selected ?? ''} onChange={(e) => c.select(e.target.value || null)} title="The app store whose actions the table lists and the controls act on">
            <option value="">All instances</option>
            {gone.length ? (
              <>
                <optgroup label="Connected">{connected.map(option)}</optgroup>
                <optgroup label="Disconnected (history kept)">{gone.map(option)}</optgroup>
              </>
            ) : (
              connected.map(option)
            )}
          </select>
        </label>
        <label className="rd-check" title="Select each new instance as it appears, unless you picked one yourself">
          <input type="checkbox" checked={view.autoselect} onChange={(e) => c.setAutoselect(e.target.checked)} /> Autoselect latest
        </label>
        <label className="rd-check" title="Also list START, STATE, STOP, DISCONNECTED and the commands sent, not only actions">
          <input type="checkbox" checked={showProtocol} onChange={(e) => setShowProtocol(e.target.checked)} /> Protocol messages
        </label>
        {gone.length > 0 && (
          <button type="button" onClick={() => c.forgetDisconnected()} title="Remove the disconnected instances from this list and free their history; their rows stay in the table">
            Forget {gone.length} disconnected
          </button>
        )}
        {connected.length > 1 && (
          <span className="rd-warn" role="note" title="@redux-devtools/remote apps execute every command sent on the respond channel, whatever its instanceId">
            {connected.length} apps connected: Redux apps ignore instanceId, so commands reach all of them.
          </span>
        )}
      </div>
      {followed && (
        <p className="rd-note rd-inst" role="status" aria-label="Instance followed">
          {short(followed.name)} restarted at {formatTime(followed.at).slice(0, 8)} and connected as a new instance: now showing that one. Its earlier history is under Disconnected.
        </p>
      )}
    </>
  );
}
