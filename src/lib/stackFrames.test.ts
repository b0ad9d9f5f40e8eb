import { describe, expect, it } from 'vitest';
import { createStore } from 'redux';
import { instrument } from '@redux-devtools/instrument';
import { frameKind, frameLocation, frameRuns, parseStack } from './stackFrames';

/** What a store instrumented with trace on records for one action (the stack @redux-devtools/remote sends). */
function recordedStack(): string {
  const store = createStore((s: number = 0) => s + 1, instrument(undefined, { trace: true, traceLimit: 20 }) as never);
  function dispatchFromApp() {
    store.dispatch({ type: 'ADD' });
  }
  dispatchFromApp();
  const lifted = (store as unknown as { liftedStore: { getState(): { actionsById: Record<number, { stack?: string }> } } }).liftedStore.getState();
  return lifted.actionsById[1].stack!;
}

describe('parseStack', () => {
  it('reads the stack a real instrumented store records: the app frame, then library and runtime frames', () => {
    const stack = recordedStack();
    const { message, frames } = parseStack(stack);
    expect(message).toMatch(/^Error/);
    const mine = frames.find((f) => f.fn === 'dispatchFromApp');
    expect(mine).toMatchObject({ kind: 'app', file: expect.stringContaining('stackFrames.test.ts') });
    expect(mine!.line).toBeGreaterThan(0);
    expect(mine!.column).toBeGreaterThan(0);
    expect(frames.some((f) => f.kind === 'library')).toBe(true);
    expect(frames.length).toBe(stack.split('\n').filter((l) => l.trim().startsWith('at ')).length);
  });

  it('reads Firefox and Safari stacks, and keeps lines it cannot read', () => {
    const { message, frames } = parseStack(
      ['onClick@http://localhost:5173/src/App.tsx:12:7', 'dispatch@http://localhost:5173/node_modules/.vite/deps/redux.js?v=1:330:19', '@http://localhost:5173/src/main.tsx:3:1', 'something odd'].join('\n'),
    );
    expect(message).toBeUndefined();
    expect(frames.map((f) => [f.fn, f.kind, frameLocation(f)])).toEqual([
      ['onClick', 'app', 'http://localhost:5173/src/App.tsx:12:7'],
      ['dispatch', 'library', 'http://localhost:5173/node_modules/.vite/deps/redux.js?v=1:330:19'],
      ['(anonymous)', 'app', 'http://localhost:5173/src/main.tsx:3:1'],
      ['something odd', 'runtime', ''],
    ]);
  });

  it('tells node internals and packages from app code', () => {
    expect(frameKind('node:internal/process/task_queues')).toBe('runtime');
    expect(frameKind('native')).toBe('runtime');
    expect(frameKind(undefined)).toBe('runtime');
    expect(frameKind('C:\\app\\node_modules\\redux\\index.js')).toBe('library');
    expect(frameKind('webpack-internal:///./node_modules/redux/es/redux.js')).toBe('library');
    expect(frameKind('/home/me/app/src/store.ts')).toBe('app');
  });

  it('groups frames into app runs and folded library runs', () => {
    const { frames } = parseStack(['Error: x', '    at a (/app/a.js:1:1)', '    at b (/app/node_modules/x/b.js:1:1)', '    at c (node:events:2:2)', '    at d (/app/d.js:1:1)'].join('\n'));
    expect(frameRuns(frames).map((r) => [r.app, r.frames.map((f) => f.fn).join('')])).toEqual([
      [true, 'a'],
      [false, 'bc'],
      [true, 'd'],
    ]);
  });
});
