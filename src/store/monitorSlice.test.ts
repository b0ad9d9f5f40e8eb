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
const base: ViewScopeState = { activeConnId: 'rd', onlyActive: false, mergedTimeline: false, protocolRows: {}, focus: { rd: 'A' } };
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

  it('a connection without row scopes keeps the plain timeline', () => {
    expect(viewScopes({ ...base, activeConnId: 'js' }, rowScopeOf)).toEqual({ connectionScope: null, rowScope: null });
    expect(viewScopes({ ...base, activeConnId: 'js', onlyActive: true }, rowScopeOf)).toEqual({ connectionScope: 'js', rowScope: null });
    expect(viewScopes({ ...base, activeConnId: '' }, rowScopeOf)).toEqual({ connectionScope: null, rowScope: null });
  });
});
