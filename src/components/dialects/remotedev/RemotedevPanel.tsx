import { useId, useState } from 'react';
import type { InstanceSummary, RemotedevView } from '../../../dialects/remotedev';
import { FollowedNote, InstanceBar } from './InstanceBar';
import { ConnectionDetails } from './ConnectionDetails';
import { TimeTravel } from './TimeTravel';
import { Dispatcher } from './Dispatcher';
import { useStore } from '../../../store';
import { readStored, writeStored } from '../../../lib/persist';
import type { DialectPanelProps } from '../types';
import { controllerOf, useRemotedevView } from './useRemotedev';
import './remotedev.css';

function Advanced({ transmit }: { transmit: (event: string, body: string) => { ok: boolean; error?: string } }) {
  const [event, setEvent] = useState('respond');
  const [body, setBody] = useState('{"type":"START"}');
  const [msg, setMsg] = useState('');
  return (
    <form
      className="rd-row"
      aria-label="Transmit"
      onSubmit={(e) => {
        e.preventDefault();
        const r = transmit(event, body);
        setMsg(r.ok ? `Transmitted "${event}"` : (r.error ?? 'Not sent'));
      }}
    >
      <label className="rd-inline">
        <span>Event</span>
        <input value={event} onChange={(e) => setEvent(e.target.value)} />
      </label>
      <label className="rd-inline grow">
        <span>JSON body</span>
        <input value={body} spellCheck={false} onChange={(e) => setBody(e.target.value)} />
      </label>
      <button type="submit" title="Send a SocketCluster transmit with this event name and body">
        Transmit
      </button>
      <span role="status" className="rd-dim">
        {msg}
      </span>
    </form>
  );
}

/** What the table lists while the monitor layout is on, in words: the instance's actions, or every instance's. */
function Listing({ view, inst }: { view: RemotedevView; inst?: InstanceSummary }) {
  const merged = useStore((st) => st.mergedTimeline);
  const text = merged ? 'Table: every connection and instance' : inst ? `Table: ${inst.name.length > 24 ? inst.name.slice(0, 23) + '…' : inst.name}'s actions` : view.instances.length ? "Table: every instance's actions" : '';
  return text ? <span className="rd-dim rd-listing">{text}</span> : null;
}

type Message = { text: string; bad?: boolean; at: number };

/**
 * One line of fixed height under the controls: the last command, the app's ERROR reply, a dispatch that was refused,
 * a restart followed. Each item is cut to the line (its title has it all), so nothing here moves the table.
 */
function StatusLine({ view, inst, message, dispatchError, errorId }: { view: RemotedevView; inst?: InstanceSummary; message?: Message; dispatchError?: string; errorId: string }) {
  const cmd = view.lastCommand;
  const own = message && (!cmd || message.at >= cmd.at) ? message : undefined;
  const reply = inst ? view.replies[inst.key]?.text : undefined;
  const last = own ? own.text : cmd ? `${cmd.text}${cmd.warning ? ` ${cmd.warning}` : ''}` : '';
  return (
    <div className="rd-statusline">
      {dispatchError && (
        <span id={errorId} className="rd-bad" role="alert" title={dispatchError}>
          {dispatchError}
        </span>
      )}
      {reply && (
        <span className="rd-bad" role="status" aria-label="App reply" title={`The app answered ERROR: ${reply}`}>
          The app answered ERROR: {reply}
        </span>
      )}
      <FollowedNote view={view} />
      <span role="status" className={`rd-dim${own?.bad ? ' rd-bad' : ''}`} aria-label="Last command" title={last || undefined}>
        {own ? own.text : cmd?.text}
        {!own && cmd?.warning && <span className="rd-warn"> {cmd.warning}</span>}
      </span>
    </div>
  );
}

const COLLAPSED_KEY = 'remotedev:panel-collapsed';

export function RemotedevPanel({ connId, session }: DialectPanelProps) {
  const c = controllerOf(session);
  const view = useRemotedevView(c);
  const [message, setMessage] = useState<Message>();
  const [dispatchError, setDispatchError] = useState<{ key: string; text: string }>();
  const [collapsed, setCollapsed] = useState(() => readStored<boolean>(COLLAPSED_KEY, false, (v) => typeof v === 'boolean'));
  const bodyId = useId();
  const errorId = useId();

  if (!c || !view) return <p className="note">Connect to a Redux DevTools server to see the app instances.</p>;
  const inst = view.instances.find((i) => i.key === view.selected);
  const transmit = (session as { transmit?: (e: string, b: string) => { ok: boolean; error?: string } } | undefined)?.transmit;
  const fold = () => {
    writeStored(COLLAPSED_KEY, !collapsed);
    setCollapsed(!collapsed);
  };
  const error = dispatchError && inst && dispatchError.key === inst.key ? dispatchError.text : '';
  return (
    <div className={`rd-panel${collapsed ? ' rd-collapsed' : ''}`} aria-label="Redux DevTools">
      <InstanceBar c={c} view={view} connId={connId}>
        <button type="button" className="rd-fold" aria-expanded={!collapsed} aria-controls={bodyId} onClick={fold} title={collapsed ? 'Show time travel and dispatch' : 'Hide time travel and dispatch: more room for the table'}>
          {collapsed ? '▸' : '▾'} <span className="sr-only">Monitor controls</span>
        </button>
      </InstanceBar>
      <div className="rd-row rd-info">
        {inst ? (
          <p className="rd-dim rd-inst" aria-label="Instance status" title={inst.name.length > 48 ? inst.name.slice(0, 2000) : undefined}>
            <strong>{inst.name.length > 48 ? `${inst.name.slice(0, 47)}…` : inst.name}</strong> · {inst.connected ? 'connected' : 'disconnected (history kept)'} · {inst.staged} in history, {inst.received} received
            {inst.isLocked ? ' · locked' : ''}
            {inst.isPaused ? ' · recording paused' : ''}
            {inst.stopped ? ' · not streaming' : ''}
            {inst.lib === 'other' ? ' · non-Redux (remotedev connect)' : ''}
            {inst.droppedStates > 0 && (
              <span title="Undecoded states are capped per instance; the oldest are dropped first. Actions, Jump and Skip still work: the app has the states.">
                {' '}
                · {inst.droppedStates} old states not kept (memory cap)
              </span>
            )}
          </p>
        ) : (
          <p className="note rd-inst">{view.instances.length ? 'Pick an instance to time-travel and dispatch.' : 'Waiting for an app: apps appear here when they connect (START) or send their state.'}</p>
        )}
        <Listing view={view} inst={inst} />
        <ConnectionDetails view={view} />
      </div>
      <div id={bodyId} className="rd-body" hidden={collapsed}>
        {inst && (
          <>
            <TimeTravel c={c} inst={inst} onMessage={(text, bad) => setMessage({ text, bad, at: Date.now() })} />
            <Dispatcher key={inst.key} c={c} inst={inst} error={error} errorId={errorId} onError={(text) => setDispatchError({ key: inst.key, text })} />
          </>
        )}
        {view.advanced && transmit && <Advanced transmit={transmit} />}
      </div>
      <StatusLine view={view} inst={inst} message={message} dispatchError={error} errorId={errorId} />
    </div>
  );
}
