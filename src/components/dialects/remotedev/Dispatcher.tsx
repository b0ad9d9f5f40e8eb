import { useId, useState } from 'react';
import type { RemotedevController } from '../../../dialects/remotedev';
import type { InstanceSummary } from '../../../dialects/remotedev';

// Dispatch to the app: an action (or a MobX store's method call) typed as a literal, and the app's action creators.
// What went wrong is said in the panel's status line (onError), which keeps its height.

const HISTORY_KEY = 'streamscope.remotedev.dispatchHistory';
function loadHistory(): string[] {
  try {
    const v = JSON.parse(localStorage.getItem(HISTORY_KEY) ?? '[]');
    return Array.isArray(v) ? v.filter((x) => typeof x === 'string').slice(0, 30) : [];
  } catch {
    return [];
  }
}

export function Dispatcher({ c, inst, error, errorId, onError }: { c: RemotedevController; inst: InstanceSummary; error: string; errorId: string; onError(text: string): void }) {
  const id = useId();
  // A MobX store (remotedev connect) runs a call of one of its methods; a Redux app dispatches an action.
  const methods = inst.lib === 'other' && (inst.actionCreators?.length ?? 0) > 0;
  const [text, setText] = useState(methods ? `${inst.actionCreators![0].name}()` : "{ type: 'INCREMENT' }");
  const [rest, setRest] = useState('');
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
          onError(r.ok ? '' : (r.error ?? 'Not sent'));
          if (r.ok) remember(text.trim());
        }}
      >
        <label className="rd-inline grow" htmlFor={id} title={methods ? 'Arguments are literals; the app runs the call' : 'JSON or a JS object literal, checked here as plain data; the app evaluates it'}>
          <span>{methods ? 'Call a method of the store, e.g. increment(1)' : 'Dispatch action'}</span>
          <textarea id={id} rows={1} value={text} spellCheck={false} onChange={(e) => setText(e.target.value)} aria-invalid={!!error} aria-describedby={error ? errorId : undefined} />
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
      {creators.length > 0 && (
        <form
          className="rd-row"
          aria-label="Action creators"
          onSubmit={(e) => {
            e.preventDefault();
            const r = c.dispatchCreator(inst.key, creator, (chosen?.args ?? []).map((_, k) => args[k] ?? ''), rest);
            onError(r.ok ? '' : (r.error ?? 'Not sent'));
          }}
        >
          <label className="rd-inline">
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
            <label className="rd-inline" key={`${chosen.name}:${a}`}>
              <span>{a}</span>
              <input value={args[k] ?? ''} placeholder="literal, e.g. 1 or 'text'" onChange={(e) => setArgs(Object.assign([...args], { [k]: e.target.value }))} />
            </label>
          ))}
          <label className="rd-inline" title="More arguments after these, as an array literal: [3, 'x']">
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
