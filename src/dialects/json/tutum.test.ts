import { describe, expect, it } from 'vitest';
import { createTutumConventions, presetOf, tutumFrameKind, tutumQuery, UNAUTHORIZED_MESSAGE } from './tutum';
import { buildJsonUrl, parseJsonEvent } from './index';

describe('tutum conventions', () => {
  it('recognises the auth frame and the UNAUTHORIZED error exactly as python-tutum does', () => {
    expect(tutumFrameKind({ type: 'auth' })).toBe('auth');
    expect(tutumFrameKind({ type: 'error', data: { errorMessage: 'UNAUTHORIZED' } })).toBe('unauthorized');
    expect(tutumFrameKind({ type: 'error', data: { errorMessage: 'other' } })).toBeUndefined();
    expect(tutumFrameKind({ type: 'container' })).toBeUndefined();
  });

  it('shows the first auth frame of each connection as authenticated and flags UNAUTHORIZED', () => {
    const t = createTutumConventions('tutum');
    const first = t.apply(parseJsonEvent('{"type":"auth"}'));
    expect(first).toMatchObject({ dir: 'system', kind: 'notice', type: 'auth', raw: '{"type":"auth"}' });
    expect(first.summary).toMatch(/Authenticated/);
    expect(t.apply(parseJsonEvent('{"type":"auth"}')).dir).toBe('in');
    t.reset();
    expect(t.apply(parseJsonEvent('{"type":"auth"}')).kind).toBe('notice');
    const bad = t.apply(parseJsonEvent('{"type":"error","data":{"errorMessage":"UNAUTHORIZED"}}'));
    expect(bad).toMatchObject({ kind: 'error', summary: UNAUTHORIZED_MESSAGE });
    expect(t.refused).toBe(true);
    expect(t.closeMessage(1000, true)).toBe(UNAUTHORIZED_MESSAGE);
  });

  it('leaves frames alone with the plain preset', () => {
    const t = createTutumConventions('plain');
    expect(t.apply(parseJsonEvent('{"type":"auth"}')).dir).toBe('in');
    expect(presetOf({})).toBe('tutum');
  });

  it('puts credentials and Docker Cloud filters in the query string', () => {
    expect(tutumQuery({ auth: ' ApiKey u:k ', filterType: 'container', filterParents: '/a/, /b/' })).toEqual({ auth: 'ApiKey u:k', type: 'container', object: undefined, parents: '/a/,/b/' });
    expect(buildJsonUrl('wss://ws.cloud.docker.com/api/audit/v1/ns/events', { user: 'u', token: 't', filterType: 'service' })).toBe('wss://ws.cloud.docker.com/api/audit/v1/ns/events?user=u&token=t&type=service');
    expect(buildJsonUrl('wss://stream.tutum.co/v1/events', { auth: 'ApiKey u:k' })).toBe('wss://stream.tutum.co/v1/events?auth=ApiKey+u%3Ak');
  });
});
