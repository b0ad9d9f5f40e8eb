// Reducer tests written from recorded actions, as Redux DevTools' Test tab writes them: for each action, the reducer
// is called with the state before it and the action, and the result is compared with the state the app computed.
// A template has three parts with ${…} placeholders, filled by plain text substitution (never evaluated):
//   wrap        the file around the steps: ${name} (the test's name, escaped for a quoted string), ${assertions}
//   dispatcher  one reducer call: ${action}, ${prevState} (the first step's state before, then `state`)
//   assertion   one check: ${curState}
// Values are written as JavaScript (javascript-stringify: Dates, Maps, Sets, undefined, NaN and circular
// references come out as code that rebuilds them, which JSON cannot say).
import { stringify } from 'javascript-stringify';

export interface TestTemplate {
  id: string;
  name: string;
  wrap: string;
  dispatcher: string;
  assertion: string;
}

const DISPATCHER = 'state = reducers(${prevState}, ${action});';

export const BUILT_IN_TEMPLATES: readonly TestTemplate[] = [
  {
    id: 'vitest',
    name: 'Vitest',
    wrap: "import { expect, test } from 'vitest';\nimport reducers from '../reducers';\n\ntest('${name}', () => {\n  let state;\n  ${assertions}\n});\n",
    dispatcher: DISPATCHER,
    assertion: 'expect(state).toEqual(${curState});',
  },
  {
    id: 'jest',
    name: 'Jest',
    wrap: "import reducers from '../reducers';\n\ntest('${name}', () => {\n  let state;\n  ${assertions}\n});\n",
    dispatcher: DISPATCHER,
    assertion: 'expect(state).toEqual(${curState});',
  },
  {
    id: 'mocha',
    name: 'Mocha (node:assert)',
    wrap: "import assert from 'node:assert/strict';\nimport reducers from '../reducers';\n\ndescribe('reducers', () => {\n  it('${name}', () => {\n    let state;\n    ${assertions}\n  });\n});\n",
    dispatcher: DISPATCHER,
    assertion: 'assert.deepStrictEqual(state, ${curState});',
  },
  {
    id: 'node-test',
    name: 'node:test',
    wrap: "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\nimport reducers from '../reducers';\n\ntest('${name}', () => {\n  let state;\n  ${assertions}\n});\n",
    dispatcher: DISPATCHER,
    assertion: 'assert.deepStrictEqual(state, ${curState});',
  },
];

/** One recorded action with the states around it. */
export interface TestStep {
  actionId: number;
  /** The app's action ({type, …}). */
  action: unknown;
  /** The state before the action; undefined for the store's first action (@@INIT). */
  prevState: unknown;
  /** The state the app computed after it. */
  state: unknown;
  /** Skipped in the app: its state is the one before, so it is left out of the test (as a comment). */
  skipped?: boolean;
}

function hasCycle(v: unknown, path = new Set<object>()): boolean {
  if (typeof v !== 'object' || v === null) return false;
  if (path.has(v)) return true;
  path.add(v);
  try {
    const children = v instanceof Map ? [...v.keys(), ...v.values()] : v instanceof Set ? [...v] : Object.values(v);
    return children.some((c) => hasCycle(c, path));
  } finally {
    path.delete(v);
  }
}

/** A value (or any part of one) whose source fits this many characters is written on one line. */
const ONE_LINE = 64;

/**
 * Writes each object and array on one line when it fits, else indented: javascript-stringify calls this for every
 * value, innermost first. Strings never hold a raw line break (they are escaped), so every break here is layout.
 */
const compact = (v: unknown, _indent: string, next: (v: unknown) => string | undefined): string | undefined => {
  const text = next(v);
  if (text === undefined || !text.includes('\n')) return text;
  const flat = text.replace(/\n\s*/g, ' ');
  return flat.length <= ONE_LINE ? flat : text;
};

/** A value as JavaScript source: short parts on one line, the rest indented by two. */
export function jsLiteral(v: unknown): string {
  const cyclic = hasCycle(v);
  return stringify(v, cyclic ? null : compact, 2, { references: cyclic }) ?? 'undefined';
}

const actionType = (a: unknown) => String((a as { type?: unknown } | null)?.type ?? '');
const isInit = (a: unknown) => /^@@(redux\/)?INIT/.test(actionType(a));

/** Replaces ${key} for the keys given; any other ${…} is left as written. */
export function fillTemplate(text: string, locals: Record<string, string>): string {
  return text.replace(/\$\{(\w+)\}/g, (whole, key: string) => (Object.prototype.hasOwnProperty.call(locals, key) ? locals[key] : whole));
}

/** Text for a single-quoted (or double-quoted, or template) JavaScript string. */
const quoted = (s: string) => s.replace(/[\\'"`$]/g, (c) => '\\' + c).replace(/\r?\n/g, ' ');

/** The test's default name: what it replays. */
export function testName(steps: TestStep[]): string {
  const types = steps.filter((s) => !s.skipped).map((s) => (isInit(s.action) ? 'the initial state' : actionType(s.action)));
  if (!types.length) return 'reducers';
  return types.length <= 3 ? `reducers: ${types.join(', ')}` : `reducers: ${types[0]} … ${types[types.length - 1]} (${types.length} actions)`;
}

/** Why a template cannot produce a test, or undefined. */
export function templateProblem(t: Pick<TestTemplate, 'wrap' | 'dispatcher' | 'assertion'>): string | undefined {
  if (!t.wrap.includes('${assertions}')) return 'The file template needs ${assertions} where the steps go.';
  if (!t.dispatcher.includes('${action}')) return 'The reducer call needs ${action}.';
  if (!t.assertion.includes('${curState}')) return 'The assertion needs ${curState}.';
  return undefined;
}

/** The test file for `steps` (oldest first) written with `template`. */
export function generateReducerTest(template: TestTemplate, steps: TestStep[], name = testName(steps)): string {
  // The steps go where ${assertions} stands, each line indented as that line is.
  const at = /^([ \t]*)(?=.*\$\{assertions\})/m.exec(template.wrap);
  const indent = at ? at[1] : '';
  const lines: string[] = [];
  let first = true;
  for (const s of steps) {
    if (s.skipped) {
      lines.push(`// action ${s.actionId} (${actionType(s.action) || 'no type'}) is skipped in the app: left out`);
      continue;
    }
    const prev = first ? (isInit(s.action) ? 'undefined' : jsLiteral(s.prevState)) : 'state';
    first = false;
    // Redux DevTools writes @@INIT as {}: the reducer's answer to an unknown action is its initial state.
    lines.push(fillTemplate(template.dispatcher, { action: isInit(s.action) ? '{}' : jsLiteral(s.action), prevState: prev }));
    lines.push(fillTemplate(template.assertion, { curState: jsLiteral(s.state), path: '' }));
  }
  const body = lines
    .join('\n')
    .split('\n')
    .map((l, i) => (i === 0 || !l ? l : indent + l))
    .join('\n');
  return fillTemplate(template.wrap, { name: quoted(name), assertions: body });
}
