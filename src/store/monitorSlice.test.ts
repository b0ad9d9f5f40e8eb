import { describe, expect, it } from 'vitest';
import type { RowFocus, StreamEvent } from '../dialects/types';
import { viewScopes, type ViewScopeState } from './monitorSlice';

const asked: RowFocus[] = [];
const byInstance = (connId: string, focus: RowFocus) => {
  asked.push(focus);
  return (e: StreamEvent) => e.connId !== connId || focus.source === null || e.fields?.instance === focus.source;
};
const dialectOf: Record<string, 'remotedev' | 'json'> = { rd: 'remotedev', js: 'json' };
const rowScopeOf = (connId: string) => (dialectOf[connId] === 'remotedev' ? byInstance : undefined);
const base: ViewScopeState = { activeConnId: 'rd', onlyActive: false, mergedTimeline: false, protocolRows: {}, focus: { rd: 'A' }, sessionEpochs: { rd: 1 } };
const ev = (connId: string, instance?: string) => ({ connId, fields: instance ? { instance } : undefined }) as StreamEvent;

describe('viewScopes: the monitor layout as the store asks the engine for it', () => {
  it("lists the active remotedev connection's focused instance alone", () => {
    const s = viewScopes(base, rowScopeOf);
    expect(s.connectionScope).toBe('rd');
    const p = s.rowScope!.predicate();
    expect([ev('rd', 'A'), ev('rd', 'B')].map(p)).toEqual([true, false]);
    expect(asked.at(-1)).toEqual({ source: 'A', protocol: false });
  });

  it('names the same rows by the same key, and other rows by another', () => {
    const key = (s: Partial<ViewScopeState>) => viewScopes({ ...base, ...s }, rowScopeOf).rowScope?.key;
    expect(key({})).toBe(key({ focus: { rd: 'A', other: 'X' } }));
    expect(new Set([key({}), key({ focus: { rd: 'B' } }), key({ protocolRows: { rd: true } }), key({ focus: { rd: null } })]).size).toBe(4);
    // The merged timeline lists every instance, as no focus does: the same rows of this connection.
    expect(key({ mergedTimeline: true })).toBe(key({ focus: { rd: null } }));
  });

  it('the merged timeline lists every connection (unless "This connection only") and every instance', () => {
    const merged = viewScopes({ ...base, mergedTimeline: true }, rowScopeOf);
    expect(merged.connectionScope).toBeNull();
    expect(merged.rowScope!.predicate()(ev('rd', 'B'))).toBe(true);
    expect(asked.at(-1)).toEqual({ source: null, protocol: false });
    expect(viewScopes({ ...base, mergedTimeline: true, onlyActive: true }, rowScopeOf).connectionScope).toBe('rd');
  });

  it("lists the focused instance's rows in its session's order, named anew by a new session; the merged timeline in arrival order", () => {
    const calls: string[] = [];
    const order = { arrange: (source: string, seqs: number[]) => (calls.push(source), [...seqs].reverse()), subscribe: () => () => {} };
    const s = viewScopes(base, rowScopeOf, () => order);
    expect(s.rowOrder!.order()!.arrange([1, 2, 3], () => undefined)).toEqual([3, 2, 1]);
    expect(calls).toEqual(['A']);
    expect(viewScopes({ ...base, sessionEpochs: { rd: 2 } }, rowScopeOf, () => order).rowOrder!.key).not.toBe(s.rowOrder!.key);
    expect(viewScopes({ ...base, mergedTimeline: true }, rowScopeOf, () => order).rowOrder).toBeNull();
    expect(viewScopes({ ...base, focus: { rd: null } }, rowScopeOf, () => order).rowOrder).toBeNull();
    expect(viewScopes(base, rowScopeOf).rowOrder!.order()).toBeNull();
  });

  it('a connection without row scopes keeps the plain timeline', () => {
    expect(viewScopes({ ...base, activeConnId: 'js' }, rowScopeOf)).toEqual({ connectionScope: null, rowScope: null, rowOrder: null });
    expect(viewScopes({ ...base, activeConnId: 'js', onlyActive: true }, rowScopeOf)).toEqual({ connectionScope: 'js', rowScope: null, rowOrder: null });
    expect(viewScopes({ ...base, activeConnId: '' }, rowScopeOf)).toEqual({ connectionScope: null, rowScope: null, rowOrder: null });
  });
});
