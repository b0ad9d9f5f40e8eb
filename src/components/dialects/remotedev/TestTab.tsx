import { useId, useMemo, useState } from 'react';
import type { Session, StreamEvent } from '../../../dialects/types';
import { BUILT_IN_TEMPLATES, generateReducerTest, templateProblem, type TestStep, type TestTemplate } from '../../../dialects/remotedev';
import { copyText } from '../../../lib/clipboard';
import { useRemotedevView } from './useRemotedev';
import { useDetail } from './InspectorTabs';
import { isEdited, loadTemplates, saveTemplates, templateOf, type SavedTemplates } from './testTemplates';

/** How far back a range may start: each action in it costs two decoded states. */
const RANGE_LIMIT = 50;

/**
 * A reducer test for the selected action, or for a range of actions ending with it, as Redux DevTools' Test tab
 * writes one: the reducer called with each recorded state and action, the result compared with the app's next state.
 */
export function TestTab({ event, session }: { event: StreamEvent; session: Session | undefined }) {
  // The selected row itself, by its own identity: a row from an earlier run of ids must not pick up today's action.
  const { c, detail: selected, key, id } = useDetail(event, session);
  const version = useRemotedevView(c)?.version;
  const [saved, setSaved] = useState<SavedTemplates>(loadTemplates);
  const [from, setFrom] = useState<{ for: number; id: number }>();
  const [draft, setDraft] = useState<{ base: string; text: string }>();
  const [copied, setCopied] = useState('');
  const ids = useId();

  // eslint-disable-next-line react-hooks/exhaustive-deps
  const range = useMemo(() => (selected && !selected.committed ? (c?.actionsUpTo(key, id, RANGE_LIMIT) ?? []) : []), [c, key, id, selected, version]);
  const fromId = from?.for === id && range.some((a) => a.id === from.id) ? from.id : id;
  const template = templateOf(saved, saved.selected);
  const problem = templateProblem(template);

  const steps = useMemo(() => {
    if (!c) return undefined;
    const out: TestStep[] = [];
    let loading = false;
    for (const a of range.slice(range.findIndex((r) => r.id === fromId))) {
      const d = c.detail(key, a.id);
      if (!d || d.committed) return undefined;
      if (d.loading) loading = true;
      else out.push({ actionId: a.id, action: d.action?.action, prevState: d.prevState, state: d.state, skipped: d.skipped });
    }
    return loading ? 'loading' : out;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [c, key, range, fromId, version]);
  const code = useMemo(() => (Array.isArray(steps) && !problem ? generateReducerTest(template, steps) : ''), [steps, template, problem]);

  if (!c) return <p className="note">This connection is closed: the states a test is written from were released with its history.</p>;
  if (!selected || selected.committed || !range.length || steps === undefined) return <p className="note">The app no longer holds this action (committed, swept, or from an earlier run of its history), so there is no state to write a test from.</p>;

  const update = (next: SavedTemplates) => {
    setSaved(next);
    saveTemplates(next);
  };
  const edit = (part: keyof Pick<TestTemplate, 'wrap' | 'dispatcher' | 'assertion'>, text: string) =>
    update({ ...saved, edited: { ...saved.edited, [template.id]: { wrap: template.wrap, dispatcher: template.dispatcher, assertion: template.assertion, [part]: text } } });
  const restore = () => {
    const edited = { ...saved.edited };
    delete edited[template.id];
    update({ ...saved, edited });
  };
  const shown = draft && draft.base === code ? draft.text : code;

  return (
    <div className="rd-test">
      <div className="rd-row rd-test-options" role="group" aria-label="Test options">
        <label htmlFor={`${ids}-template`}>Template</label>
        <select id={`${ids}-template`} value={template.id} onChange={(e) => update({ ...saved, selected: e.target.value })}>
          {BUILT_IN_TEMPLATES.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
              {isEdited(saved, t.id) ? ' (edited)' : ''}
            </option>
          ))}
        </select>
        <label htmlFor={`${ids}-from`} title={`A test can replay up to ${RANGE_LIMIT} actions, ending with the selected one`}>
          From action
        </label>
        <select id={`${ids}-from`} value={fromId} onChange={(e) => setFrom({ for: id, id: Number(e.target.value) })}>
          {range.map((a) => (
            <option key={a.id} value={a.id}>
              {a.id === id ? `this action only (${a.id} ${a.type})` : `${a.id} ${a.type}`}
            </option>
          ))}
        </select>
        <button type="button" disabled={!shown} title="Copy the test to the clipboard" onClick={async () => setCopied((await copyText(shown)) ? 'Copied' : 'Copy failed')}>
          Copy test
        </button>
        <span role="status" className="copied">
          {copied}
        </span>
      </div>
      {problem && <p className="error-line">{problem}</p>}
      {steps === 'loading' ? (
        <p className="note" role="status">
          Loading the states…
        </p>
      ) : (
        <textarea className="rd-test-code" aria-label="Generated test" spellCheck={false} wrap="off" value={shown} onChange={(e) => setDraft({ base: code, text: e.target.value })} />
      )}
      <details className="rd-test-template">
        <summary>Edit the {template.name} template</summary>
        <p className="note">
          Placeholders: <code>{'${name}'}</code> and <code>{'${assertions}'}</code> in the file, <code>{'${prevState}'}</code> and <code>{'${action}'}</code> in the reducer call, <code>{'${curState}'}</code> in the
          assertion. Edits are kept in this browser.
        </p>
        <label htmlFor={`${ids}-wrap`}>File</label>
        <textarea id={`${ids}-wrap`} rows={8} spellCheck={false} value={template.wrap} onChange={(e) => edit('wrap', e.target.value)} />
        <label htmlFor={`${ids}-dispatcher`}>Reducer call, for each action</label>
        <textarea id={`${ids}-dispatcher`} rows={2} spellCheck={false} value={template.dispatcher} onChange={(e) => edit('dispatcher', e.target.value)} />
        <label htmlFor={`${ids}-assertion`}>Assertion, after each call</label>
        <textarea id={`${ids}-assertion`} rows={2} spellCheck={false} value={template.assertion} onChange={(e) => edit('assertion', e.target.value)} />
        <button type="button" disabled={!isEdited(saved, template.id)} onClick={restore} title="Forget your edits of this template">
          Restore the built-in template
        </button>
      </details>
    </div>
  );
}
