import { useEffect, useState, useSyncExternalStore } from 'react';
import type { DialectPanelProps } from '../types';
import { crashesOnUnsubscribe, GENERATION_NAMES, hasSubscribe, heartbeatStatus, parseTopics, topicsFor, type BartnetController, type BartnetState } from '../../../dialects/bartnet';
import './bartnet.css';

const AUTH_TEXT: Record<BartnetState['auth'], string> = {
  idle: 'not authenticated',
  'logging-in': 'logging in…',
  'login-failed': 'login failed',
  waiting: 'waiting for reply…',
  ok: 'ok',
  'bad-token': 'bad token',
  'access-denied': 'access denied',
  unauthenticated: 'unauthenticated',
  'no-reply': 'no reply',
};

function Heartbeat({ s }: { s: BartnetState }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const hb = heartbeatStatus(s, now);
  return (
    <span role="status" aria-label="Heartbeat" className={`pill${hb.late ? ' bn-late' : ''}`} title={`The server sends a heartbeat every 10 s; flagged after ${s.heartbeatTimeoutSec} s without one`}>
      {hb.late ? '⚠ ' : '♥ '}
      {hb.text}
      {s.heartbeats ? ` · ${s.heartbeats} received` : ''}
    </span>
  );
}

function Subscriptions({ ctl, s }: { ctl: BartnetController; s: BartnetState }) {
  const [checked, setChecked] = useState<string[]>([]);
  const [other, setOther] = useState('');
  const chosen = [...checked, ...parseTopics(other)];
  const apply = (fn: (t: string[]) => void) => {
    fn(chosen);
    setChecked([]);
    setOther('');
  };
  if (!hasSubscribe(s.generation)) {
    return (
      <fieldset className="bn-topics">
        <legend>Topics</legend>
        <span className="note">
          {GENERATION_NAMES[s.generation]} servers have no subscribe: every authenticated socket gets the launch-bastion events, and nothing else.
        </span>
      </fieldset>
    );
  }
  const reconnects = crashesOnUnsubscribe(s.generation);
  return (
    <fieldset className="bn-topics">
      <legend>Topics</legend>
      {topicsFor(s.generation).map((t) => (
        <label key={t} className="field check">
          <input type="checkbox" checked={checked.includes(t)} onChange={(e) => setChecked(e.target.checked ? [...checked, t] : checked.filter((x) => x !== t))} />
          {t}
        </label>
      ))}
      <label className="field">
        <span>Other topics</span>
        <input type="text" value={other} placeholder="comma-separated" spellCheck={false} onChange={(e) => setOther(e.target.value)} />
      </label>
      <button type="button" disabled={!chosen.length} onClick={() => apply(ctl.subscribe)} title="Send subscribe with these topics as subscribe_to (comma-separated); re-sent after every reconnect">
        Subscribe
      </button>
      <button
        type="button"
        disabled={!chosen.length}
        onClick={() => apply(ctl.unsubscribe)}
        title={reconnects ? 'Gen C servers crash on unsubscribe_from (close 1011): reconnect and subscribe to the remaining topics instead' : 'Send subscribe with these topics as unsubscribe_from'}
      >
        {reconnects ? 'Unsubscribe (reconnects)' : 'Unsubscribe'}
      </button>
      <span aria-label="Requested subscriptions">Requested: {s.topics.length ? s.topics.join(', ') : 'none'}</span>
      <span aria-label="Server subscriptions">
        Server reports: {s.serverSubscriptions === undefined ? 'nothing yet' : s.serverSubscriptions.length ? s.serverSubscriptions.join(', ') : 'none'}
      </span>
      {s.subscribeNote && <span className="bn-warn">{s.subscribeNote}</span>}
    </fieldset>
  );
}

function Controls({ ctl }: { ctl: BartnetController }) {
  const s = useSyncExternalStore(ctl.state.subscribe, ctl.state.get);
  const bad = s.auth !== 'ok' && s.auth !== 'waiting' && s.auth !== 'logging-in' && s.auth !== 'idle';
  return (
    <div className="bn-panel" role="group" aria-label="bartnet session">
      <div className="bn-row">
        <span role="status" aria-label="Authentication" className={bad ? 'bn-bad' : s.auth === 'ok' ? 'bn-ok' : undefined} title={s.authMessage}>
          Authenticate: <strong>{AUTH_TEXT[s.auth]}</strong> — {s.authMessage}
        </span>
        <button type="button" onClick={() => ctl.authenticate()} title="Send authenticate again with the configured credential">
          Re-authenticate
        </button>
        <Heartbeat s={s} />
      </div>
      <Subscriptions ctl={ctl} s={s} />
    </div>
  );
}

export function BartnetPanel({ session }: DialectPanelProps) {
  const ctl = session?.controller as BartnetController | undefined;
  if (!ctl) return <p className="note">Connect to authenticate and manage topic subscriptions.</p>;
  return <Controls ctl={ctl} />;
}
