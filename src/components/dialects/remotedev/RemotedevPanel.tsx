import { useEffect, useId, useRef, useState } from 'react';
import type { RemotedevController } from '../../../dialects/remotedev';
import type { InstanceSummary, RemotedevView } from '../../../dialects/remotedev';
import { Connection, InstanceBar, remotedevScope } from './InstanceBar';
import { eventView } from '../../../store';
import { download } from '../../../lib/download';
import type { DialectPanelProps } from '../types';
import { controllerOf, useRemotedevView } from './useRemotedev';
import './remotedev.css';

function TimeTravel({ c, inst, onMessage }: { c: RemotedevController; inst: InstanceSummary; onMessage(text: string, bad?: boolean): void }) {
  const key = inst.key;
  const fileRef = useRef<HTMLInputElement>(null);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(2);
  const last = Math.max(0, inst.staged - 1);
  const pos = Math.max(0, inst.currentStateIndex);
  const posRef = useRef(pos);
  posRef.current = pos;
  const lastRef = useRef(last);
  lastRef.current = last;
  const why = (f: Parameters<RemotedevController['disabledReason']>[1]) => c.disabledReason(key, f);
  // Dragging the slider fires an input event per step: send at most one jump per 100 ms, always the latest position.
  const pending = useRef<{ index: number; timer?: ReturnType<typeof setTimeout> }>({ index: -1 });
  const jumpSoon = (index: number) => {
    pending.current.index = index;
    if (pending.current.timer) return;
    c.jumpToIndex(key, index);
    pending.current.timer = setTimeout(() => {
      pending.current.timer = undefined;
      if (pending.current.index !== index) c.jumpToIndex(key, pending.current.index);
    }, 100);
  };
  const jumpWhy = why('jump');

  useEffect(() => {
    if (!playing) return;
    const t = setInterval(() => {
      if (posRef.current >= lastRef.current) {
        setPlaying(false);
        return;
      }
      c.jumpToIndex(key, posRef.current + 1);
    }, 1000 / speed);
    return () => clearInterval(t);
  }, [playing, speed, c, key]);

  const btn = (label: string, title: string, reason: string | undefined, run: () => void, pressed?: boolean) => (
    <button type="button" disabled={!!reason} title={reason ?? title} aria-pressed={pressed} onClick={run}>
      {label}
    </button>
  );
  return (
    <>
      <div className="rd-row" role="toolbar" aria-label="Time travel">
        {btn('Reset', 'Forget every action and go back to the initial state (RESET)', why('connected'), () => c.reset(key))}
        {btn('Revert', 'Drop uncommitted actions and return to the last committed state (ROLLBACK)', why('connected'), () => c.rollback(key))}
        {btn('Sweep', 'Remove the skipped actions from the history (SWEEP)', why('connected'), () => c.sweep(key))}
        {btn('Commit', 'Make the current state the new starting point and drop the history (COMMIT)', why('connected'), () => c.commit(key))}
        {btn(inst.isLocked ? 'Unlock' : 'Lock', inst.isLocked ? 'Let the app change its state again (LOCK_CHANGES false)' : 'Stop the app from changing its state: new actions are ignored (LOCK_CHANGES)', why('lock'), () => c.lockChanges(key, !inst.isLocked), inst.isLocked)}
        {btn(inst.isPaused ? 'Resume recording' : 'Pause recording', inst.isPaused ? 'Record actions again (PAUSE_RECORDING false)' : 'Keep the app running but stop recording its actions (PAUSE_RECORDING)', why('pause'), () => c.pauseRecording(key, !inst.isPaused), inst.isPaused)}
        {btn('Refresh', 'Ask the app to send its whole lifted state again (UPDATE)', why('connected'), () => c.refresh(key))}
        {btn('Export', "Download this instance's history (lifted state, jsan) as a file", inst.staged ? undefined : 'Nothing recorded yet.', async () => {
          let text: string | undefined;
          try {
            text = await c.exportState(key);
          } catch (err) {
            // A state nested thousands of levels deep cannot be written by jsan (the stack runs out).
            onMessage(`Export failed: ${(err as Error).message}`, true);
            return;
          }
          if (text) download(new Blob([text], { type: 'application/json' }), `${inst.name.slice(0, 60).replace(/[^\w.-]+/g, '_')}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
        })}
        {btn('Import', 'Load a history file into the app: it replays those actions (IMPORT)', why('import'), () => fileRef.current?.click())}
        <input
          ref={fileRef}
          type="file"
          accept=".json,application/json,text/plain"
          className="sr-only"
          aria-label="Import history file"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (!file) return;
            const r = c.importState(key, await file.text());
            onMessage(r.ok ? `Imported ${file.name}; waiting for the app's state` : `Import failed: ${r.error}`, !r.ok);
          }}
        />
      </div>
      <div className="rd-row rd-slider" role="group" aria-label="Slider">
        {btn('◂ Back', 'Step back one action', jumpWhy ?? (pos <= 0 ? 'At the first state' : undefined), () => c.jumpToIndex(key, pos - 1))}
        {btn(playing ? 'Pause' : 'Play', playing ? 'Stop replaying' : 'Replay the history from the current position, one action per step', jumpWhy ?? (!playing && pos >= last ? 'At the last state' : undefined), () => setPlaying(!playing), playing)}
        {btn('Forward ▸', 'Step forward one action', jumpWhy ?? (pos >= last ? 'At the last state' : undefined), () => c.jumpToIndex(key, pos + 1))}
        <label className="rd-check" title="Replay speed">
          <span className="sr-only">Speed</span>
          <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))} aria-label="Replay speed">
            <option value={1}>1×</option>
            <option value={2}>2×</option>
            <option value={5}>5×</option>
            <option value={10}>10×</option>
          </select>
        </label>
        <input
          type="range"
          min={0}
          max={last}
          value={pos}
          disabled={!!jumpWhy || last === 0}
          title={jumpWhy ?? 'Drag to move the app through its history (JUMP_TO_ACTION)'}
          aria-label="Position in history"
          onChange={(e) => jumpSoon(Number(e.target.value))}
        />
        <span className="rd-dim" aria-label="Current position">
          {inst.currentActionId === undefined ? 'No action yet' : `At action ${inst.currentActionId}`} · {pos + 1} of {last + 1} in history
        </span>
      </div>
    </>
  );
}

const HISTORY_KEY = 'streamscope.remotedev.dispatchHistory';
function loadHistory(): string[] {
  try {
    const v = JSON.parse(localStorage.getItem(HISTORY_KEY) ?? '[]');
    return Array.isArray(v) ? v.filter((x) => typeof x === 'string').slice(0, 30) : [];
  } catch {
    return [];
  }
}

function Dispatcher({ c, inst, reply }: { c: RemotedevController; inst: InstanceSummary; reply?: string }) {
  const id = useId();
  // A MobX store (remotedev connect) runs a call of one of its methods; a Redux app dispatches an action.
  const methods = inst.lib === 'other' && (inst.actionCreators?.length ?? 0) > 0;
  const [text, setText] = useState(methods ? `${inst.actionCreators![0].name}()` : "{ type: 'INCREMENT' }");
  const [rest, setRest] = useState('');
  const [error, setError] = useState('');
  const [history, setHistory] = useState<string[]>(loadHistory);
  const [creator, setCreator] = useState(0);
  const [args, setArgs] = useState<string[]>([]);
  const why = c.disabledReason(inst.key, 'dispatch');
  const creators = inst.actionCreators ?? [];
  const chosen = creators[creator];

  const remember = (t: string) => {
    const next = [t, ...history.filter((h) => h !== t)].slice(0, 30);
    setHistory(next);
    try {
      localStorage.setItem(HISTORY_KEY, JSON.stringify(next));
    } catch {
      // private mode: history lasts for the session
    }
  };
  return (
    <div className="rd-dispatch">
      <form
        className="rd-row"
        onSubmit={(e) => {
          e.preventDefault();
          const r = c.dispatchText(inst.key, text);
          setError(r.ok ? '' : (r.error ?? 'Not sent'));
          if (r.ok) remember(text.trim());
        }}
      >
        <label className="field grow" htmlFor={id}>
          <span>{methods ? "Call a method of the store, e.g. increment(1) (arguments are literals; the app runs it)" : 'Dispatch action (JSON or JS object literal; the app evaluates it)'}</span>
          <textarea id={id} rows={2} value={text} spellCheck={false} onChange={(e) => setText(e.target.value)} aria-invalid={!!error} />
        </label>
        <button type="submit" className="primary" disabled={!!why} title={why ?? 'Send this action to the app (ACTION); it is checked here as plain data first'}>
          Dispatch
        </button>
        {history.length > 0 && (
          <select aria-label="Previous actions" value="" onChange={(e) => e.target.value && setText(e.target.value)} title="Put a previously dispatched action back in the editor">
            <option value="">History…</option>
            {history.map((h) => (
              <option key={h} value={h}>
                {h.length > 60 ? h.slice(0, 59) + '…' : h}
              </option>
            ))}
          </select>
        )}
      </form>
      {error && (
        <p className="error-line" role="alert">
          {error}
        </p>
      )}
      {reply && (
        <p className="error-line" role="status" aria-label="App reply">
          The app answered ERROR: {reply}
        </p>
      )}
      {creators.length > 0 && (
        <form
          className="rd-row"
          aria-label="Action creators"
          onSubmit={(e) => {
            e.preventDefault();
            const r = c.dispatchCreator(inst.key, creator, (chosen?.args ?? []).map((_, k) => args[k] ?? ''), rest);
            setError(r.ok ? '' : (r.error ?? 'Not sent'));
          }}
        >
          <label className="field">
            <span>Action creator</span>
            <select
              value={creator}
              onChange={(e) => {
                setCreator(Number(e.target.value));
                setArgs([]);
                setRest('');
              }}
            >
              {creators.map((a, k) => (
                <option key={a.name} value={k}>
                  {a.name}({a.args.join(', ')})
                </option>
              ))}
            </select>
          </label>
          {chosen?.args.map((a, k) => (
            <label className="field" key={`${chosen.name}:${a}`}>
              <span>{a}</span>
              <input value={args[k] ?? ''} placeholder="literal, e.g. 1 or 'text'" onChange={(e) => setArgs(Object.assign([...args], { [k]: e.target.value }))} />
            </label>
          ))}
          <label className="field" title="More arguments after these, as an array literal: [3, 'x']">
            <span>...rest</span>
            <input value={rest} placeholder="[ ]" onChange={(e) => setRest(e.target.value)} />
          </label>
          <button type="submit" disabled={!!why} title={why ?? `Call ${chosen?.name ?? ''} in the app with these arguments (empty fields at the end are left out)`}>
            Call
          </button>
        </form>
      )}
    </div>
  );
}

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
      <label className="field">
        <span>Event</span>
        <input value={event} onChange={(e) => setEvent(e.target.value)} />
      </label>
      <label className="field grow">
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

function LastCommand({ view, message }: { view: RemotedevView; message?: { text: string; bad?: boolean; at: number } }) {
  const cmd = view.lastCommand;
  const own = message && (!cmd || message.at >= cmd.at) ? message : undefined;
  if (!own && !cmd) return null;
  return (
    <p role="status" className={`rd-dim ${own?.bad ? 'rd-bad' : ''}`} aria-label="Last command">
      {own ? own.text : cmd!.text}
      {!own && cmd?.warning && <span className="rd-warn"> {cmd.warning}</span>}
    </p>
  );
}

export function RemotedevPanel({ connId, session }: DialectPanelProps) {
  const c = controllerOf(session);
  const view = useRemotedevView(c);
  const [showProtocol, setShowProtocol] = useState(false);
  const [message, setMessage] = useState<{ text: string; bad?: boolean; at: number }>();
  const selected = view?.selected ?? null;

  useEffect(() => {
    const scope = `remotedev:${connId}`;
    eventView.setScope(scope, remotedevScope(connId, selected, showProtocol));
    return () => eventView.setScope(scope, null);
  }, [connId, selected, showProtocol]);

  if (!c || !view) return <p className="note">Connect to a Redux DevTools server to see the app instances.</p>;
  const inst = view.instances.find((i) => i.key === selected);
  const transmit = (session as { transmit?: (e: string, b: string) => { ok: boolean; error?: string } } | undefined)?.transmit;
  return (
    <div className="rd-panel" aria-label="Redux DevTools">
      <Connection view={view} />
      <InstanceBar c={c} view={view} showProtocol={showProtocol} setShowProtocol={setShowProtocol} />
      {inst ? (
        <>
          <p className="rd-dim rd-inst" aria-label="Instance status">
            <strong title={inst.name.length > 48 ? inst.name.slice(0, 2000) : undefined}>{inst.name.length > 48 ? `${inst.name.slice(0, 47)}…` : inst.name}</strong> · {inst.connected ? 'connected' : 'disconnected (history kept)'} · {inst.staged} in history, {inst.received} received
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
          <TimeTravel c={c} inst={inst} onMessage={(text, bad) => setMessage({ text, bad, at: Date.now() })} />
          <Dispatcher key={inst.key} c={c} inst={inst} reply={view.replies[inst.key]?.text} />
        </>
      ) : (
        <p className="note">{view.instances.length ? 'Pick an instance to time-travel and dispatch.' : 'Waiting for an app: apps appear here when they connect (START) or send their state.'}</p>
      )}
      {view.advanced && transmit && <Advanced transmit={transmit} />}
      <LastCommand view={view} message={message} />
    </div>
  );
}
