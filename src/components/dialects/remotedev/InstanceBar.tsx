import { useId } from 'react';
import type { RemotedevController } from '../../../dialects/remotedev';
import type { InstanceSummary, RemotedevView } from '../../../dialects/remotedev';
import { formatTime } from '../../../lib/format';
import { useStore } from '../../../store';

/** Names are cut in the selector (an app may call itself anything, 100 000 characters long); the tooltip has it all. */
const NAME_MAX = 48;
const short = (name: string) => (name.length > NAME_MAX ? `${name.slice(0, NAME_MAX - 1)}…` : name);

/** The selector's label: two apps of the same name are told apart by their instance id and when they came. */
function optionLabel(i: InstanceSummary, twins: boolean, all: InstanceSummary[]): string {
  const state = i.connected ? 'connected' : `disconnected${i.successor && all.some((x) => x.key === i.successor) ? ', restarted' : ''}`;
  const who = twins ? `${short(i.name)} [${i.id.slice(0, 8)}, since ${formatTime(i.firstSeen).slice(0, 8)}]` : short(i.name);
  return `${who} — ${state}, ${i.received} action${i.received === 1 ? '' : 's'}`;
}

/** The panel's top line: which instance, what the table lists (the monitor layout or the merged timeline). */
export function InstanceBar({ c, view, connId, children }: { c: RemotedevController; view: RemotedevView; connId: string; children?: React.ReactNode }) {
  const id = useId();
  const showProtocol = useStore((s) => s.protocolRows[connId] ?? false);
  const merged = useStore((s) => s.mergedTimeline);
  const connected = view.instances.filter((i) => i.connected);
  const gone = view.instances.filter((i) => !i.connected);
  const named = new Map<string, number>();
  for (const i of view.instances) named.set(i.name, (named.get(i.name) ?? 0) + 1);
  const option = (i: InstanceSummary) => (
    <option key={i.key} value={i.key} title={i.name.length > NAME_MAX ? i.name.slice(0, 2000) : undefined}>
      {optionLabel(i, (named.get(i.name) ?? 0) > 1, view.instances)}
    </option>
  );
  return (
    <>
      <div className="rd-row rd-top">
        {children}
        <label className="rd-inline" htmlFor={id}>
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
          <input type="checkbox" checked={showProtocol} onChange={(e) => useStore.getState().setProtocolRows(connId, e.target.checked)} /> Protocol messages
        </label>
        <label className="rd-check" title="List every connection's rows and every instance's actions in one timeline, instead of the selected instance's actions alone">
          <input type="checkbox" checked={merged} onChange={(e) => useStore.getState().setMergedTimeline(e.target.checked)} /> Merged timeline
        </label>
        {gone.length > 0 && (
          <button type="button" onClick={() => c.forgetDisconnected()} title="Remove the disconnected instances from this list and free their history; their rows stay in the table">
            Forget {gone.length} disconnected
          </button>
        )}
        {connected.length > 1 && (
          <span className="rd-warn" role="note" title="@redux-devtools/remote apps execute every command sent on the respond channel, whatever its instanceId">
            ⚠ {connected.length} apps<span className="sr-only"> connected: Redux apps ignore instanceId, so commands reach all of them.</span>
          </span>
        )}
      </div>
    </>
  );
}

/** The picked instance's app restarted and the selection followed it: said once, in the status line. */
export function FollowedNote({ view }: { view: RemotedevView }) {
  const followed = view.followed && view.followed.to === view.selected ? view.followed : undefined;
  if (!followed) return null;
  const text = `${short(followed.name)} restarted at ${formatTime(followed.at).slice(0, 8)} and connected as a new instance: now showing that one. Its earlier history is under Disconnected.`;
  return (
    <span className="rd-note" role="status" aria-label="Instance followed" title={text}>
      {text}
    </span>
  );
}
