import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { combineReducers, createStore } from 'redux';
import { instrument } from '@redux-devtools/instrument';
import { BUILT_IN_TEMPLATES, fillTemplate, generateReducerTest, jsLiteral, templateProblem, testName, type TestStep } from './reducerTest';

// The reducers the generated tests are run against (as source, so the test can hand them to a separate node).
const REDUCERS_SOURCE = `
const counter = (state = { count: 0, at: null }, action) => {
  if (action.type === 'ADD') return { count: state.count + action.by, at: action.at ? new Date(action.at) : state.at };
  return state;
};
const tags = (state = new Set(), action) => (action.type === 'TAG' ? new Set([...state, action.tag]) : state);
export default (state = {}, action) => ({ counter: counter(state.counter, action), tags: tags(state.tags, action) });
`;

/** Records actions through a real instrumented store and returns its lifted state's steps. */
function record(actions: Record<string, unknown>[], skip: number[] = []): TestStep[] {
  // The same reducers as REDUCERS_SOURCE, for the store that records the states.
  const counter = (state: { count: number; at: Date | null } = { count: 0, at: null }, action: { type: string; by?: number; at?: string }) =>
    action.type === 'ADD' ? { count: state.count + (action.by ?? 0), at: action.at ? new Date(action.at) : state.at } : state;
  const tags = (state: Set<string> = new Set(), action: { type: string; tag?: string }) => (action.type === 'TAG' ? new Set([...state, action.tag!]) : state);
  const store = createStore(combineReducers({ counter, tags }) as never, instrument() as never) as unknown as { dispatch(a: unknown): void; liftedStore: { dispatch(a: unknown): void; getState(): { stagedActionIds: number[]; actionsById: Record<number, { action: unknown }>; computedStates: { state: unknown }[]; skippedActionIds: number[] } } };
  for (const a of actions) store.dispatch(a);
  for (const id of skip) store.liftedStore.dispatch({ type: 'TOGGLE_ACTION', id });
  const l = store.liftedStore.getState();
  return l.stagedActionIds.map((id, i) => ({ actionId: id, action: l.actionsById[id].action, prevState: i > 0 ? l.computedStates[i - 1].state : undefined, state: l.computedStates[i].state, skipped: l.skippedActionIds.includes(id) }));
}

/** Runs a generated node:test file against REDUCERS_SOURCE in a separate node; returns its exit code and output. */
function runGenerated(code: string): { status: number | null; out: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'reducer-test-'));
  writeFileSync(path.join(dir, 'reducers.mjs'), REDUCERS_SOURCE);
  const file = path.join(dir, 'generated.test.mjs');
  writeFileSync(file, code.replace("'../reducers'", `'${pathToFileURL(path.join(dir, 'reducers.mjs')).href}'`));
  const r = spawnSync(process.execPath, ['--test', file], { encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, out: r.stdout + r.stderr };
}

const nodeTest = BUILT_IN_TEMPLATES.find((t) => t.id === 'node-test')!;

describe('generateReducerTest', () => {
  it('writes a test that passes against the reducers that produced the states, and fails against others', () => {
    const steps = record([
      { type: 'ADD', by: 2, at: '2026-01-02T03:04:05.000Z' },
      { type: 'TAG', tag: 'x' },
      { type: 'ADD', by: 3 },
    ]);
    const code = generateReducerTest(nodeTest, steps.slice(1));
    // The first step starts from the recorded state, as code (a Date and a Set are rebuilt, not stringified).
    expect(code).toContain('new Date(');
    expect(code).toContain('new Set(');
    expect(code.match(/state = reducers\(state,/g)).toHaveLength(2);
    const ok = runGenerated(code);
    expect(ok.out).toMatch(/# pass 1/);
    expect(ok.status).toBe(0);
    const broken = runGenerated(code.replace('count: 5', 'count: 6'));
    expect(broken.status).not.toBe(0);
  });

  it('starts from undefined and {} at @@INIT, and leaves skipped actions out', () => {
    const steps = record([{ type: 'ADD', by: 1 }, { type: 'ADD', by: 10 }, { type: 'ADD', by: 100 }], [2]);
    const code = generateReducerTest(nodeTest, steps);
    expect(code).toContain('state = reducers(undefined, {});');
    expect(code).toContain('// action 2 (ADD) is skipped in the app: left out');
    expect(code).toContain("test('reducers: the initial state, ADD, ADD'");
    expect(runGenerated(code).status).toBe(0);
  });

  it('indents the steps like the ${assertions} line, for every built-in template', () => {
    const steps = record([{ type: 'ADD', by: 1 }]).slice(1);
    for (const t of BUILT_IN_TEMPLATES) {
      expect(templateProblem(t)).toBeUndefined();
      const code = generateReducerTest(t, steps);
      const indent = /^([ \t]*)\$\{assertions\}/m.exec(t.wrap)![1];
      const lines = code.split('\n').filter((l) => /state = reducers|toEqual|deepStrictEqual/.test(l));
      expect(lines).toHaveLength(2);
      for (const l of lines) expect(l.startsWith(indent) && l[indent.length] !== ' ').toBe(true);
    }
  });

  it('fills only the placeholders it knows, and quotes the name', () => {
    expect(fillTemplate('${a} ${b} ${c}', { a: '1', b: '${c}' })).toBe('1 ${c} ${c}');
    expect(testName([])).toBe('reducers');
    const code = generateReducerTest({ ...nodeTest }, record([{ type: "it's" }]).slice(1));
    expect(code).toContain("test('reducers: it\\'s'");
    expect(templateProblem({ wrap: 'x', dispatcher: '${action}', assertion: '${curState}' })).toMatch(/assertions/);
  });

  it('writes circular values as code that rebuilds them', () => {
    const a: Record<string, unknown> = { n: 1 };
    a.self = a;
    expect(jsLiteral(a)).toContain('x.self = x');
    expect(jsLiteral(undefined)).toBe('undefined');
    expect(jsLiteral({ v: NaN, u: undefined })).toBe('{ v: NaN, u: undefined }');
    expect(jsLiteral({ text: 'x'.repeat(80) })).toBe(`{\n  text: '${'x'.repeat(80)}'\n}`);
    expect(jsLiteral({ list: [1, 2, 3], more: { a: 'x'.repeat(60) } })).toBe(`{\n  list: [ 1, 2, 3 ],\n  more: {\n    a: '${'x'.repeat(60)}'\n  }\n}`);
  });
});
