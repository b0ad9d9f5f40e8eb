import { describe, expect, it } from 'vitest';
import { advertisedHostWarning, discoverStream, httpRootOf, resolveStreamUrl, streamLinkFromApiDoc, streamLinkFromRootDoc, versionFromRootDoc } from './discovery';

// Documents as each server version serves them (bigchaindb/web/views/info.py of 2.x, 1.x and 0.10): 2.x and 1.x put
// the stream URL at GET / → api.v1.streams and GET /api/v1/ → streams; 0.10 only at GET /api/v1/ → _links.streams_v1.
const WS2 = 'ws://localhost:9985/api/v1/streams/valid_transactions';
const ROOT_2X = {
  api: { v1: { assets: '/api/v1/assets/', blocks: '/api/v1/blocks/', docs: 'https://docs.bigchaindb.com/…', metadata: '/api/v1/metadata/', outputs: '/api/v1/outputs/', streams: WS2, transactions: '/api/v1/transactions/', validators: '/api/v1/validators' } },
  docs: 'https://docs.bigchaindb.com/projects/server/en/v2.2.2/',
  software: 'BigchainDB',
  version: '2.2.2',
};
const API_2X = { assets: '/assets/', blocks: '/blocks/', docs: '…', metadata: '/metadata/', outputs: '/outputs/', streams: WS2, transactions: '/transactions/', validators: '/validators' };
const ROOT_1X = { api: { v1: { assets: '/api/v1/assets/', statuses: '/api/v1/statuses/', streams: WS2, transactions: '/api/v1/transactions/' } }, keyring: [], public_key: 'NC8c…', software: 'BigchainDB', version: '1.3.0' };
const WS010 = 'ws://localhost:9985/api/v1/streams/valid_tx';
const ROOT_010 = { _links: { api_v1: 'http://localhost:9984/api/v1/', docs: '…' }, keyring: [], public_key: 'NC8c…', software: 'BigchainDB', version: '0.10.3' };
const API_010 = { _links: { docs: '…', self: 'http://localhost:9984/api/v1/', statuses: '…', streams_v1: WS010, transactions: '…' } };

/** 'cors': the server answers, but without CORS headers, so only a no-cors request resolves (as in a browser). */
type Routes = Record<string, { status: number; body?: unknown } | 'network' | 'cors'>;
function fakeFetch(routes: Routes): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const r = routes[String(input)];
    if (r === 'network') throw new TypeError('Failed to fetch');
    if (r === 'cors') {
      if (init?.mode === 'no-cors') return new Response(null, { status: 200 });
      throw new TypeError('Failed to fetch');
    }
    if (!r) return new Response('not found', { status: 404 });
    return new Response(r.body === undefined ? '' : typeof r.body === 'string' ? r.body : JSON.stringify(r.body), { status: r.status });
  }) as typeof fetch;
}

describe('discovery documents', () => {
  it('finds streams in 1.x/2.x GET /api/v1/ and _links.streams_v1 in 0.10', () => {
    expect(streamLinkFromApiDoc(API_2X)).toEqual({ link: WS2, key: 'streams' });
    expect(streamLinkFromApiDoc(API_010)).toEqual({ link: WS010, key: '_links.streams_v1' });
    expect(streamLinkFromApiDoc({ foo: 1 })).toBeUndefined();
    expect(streamLinkFromApiDoc('html')).toBeUndefined();
  });
  it('finds api.v1.streams in GET / of 1.x/2.x and nothing in 0.10', () => {
    expect(streamLinkFromRootDoc(ROOT_2X)?.link).toBe(WS2);
    expect(streamLinkFromRootDoc(ROOT_1X)?.link).toBe(WS2);
    expect(streamLinkFromRootDoc(ROOT_010)).toBeUndefined();
    expect(versionFromRootDoc(ROOT_010)).toEqual({ version: '0.10.3', software: 'BigchainDB' });
  });
  it('normalises what the user typed to the HTTP root', () => {
    expect(httpRootOf('http://h:9984').toString()).toBe('http://h:9984/');
    expect(httpRootOf('http://h:9984/api/v1/').toString()).toBe('http://h:9984/');
    expect(httpRootOf('https://h/bdb').toString()).toBe('https://h/bdb/');
    expect(() => httpRootOf('ws://h:9985/x')).toThrow(/http/);
    expect(() => httpRootOf('nope')).toThrow(/not a URL/);
  });
  it('resolves relative and http links to ws', () => {
    const root = new URL('https://h:9984/');
    expect(resolveStreamUrl('/api/v1/streams/valid_transactions', root)).toBe('wss://h:9984/api/v1/streams/valid_transactions');
    expect(resolveStreamUrl(WS2, root)).toBe(WS2);
  });
});

describe('discoverStream', () => {
  const R = 'http://n:9984/';
  const API = 'http://n:9984/api/v1/';
  it('2.x: GET /api/v1/ → streams, with the version from GET /', async () => {
    const r = await discoverStream('http://n:9984', fakeFetch({ [API]: { status: 200, body: API_2X }, [R]: { status: 200, body: ROOT_2X } }));
    expect(r).toMatchObject({ streamUrl: WS2, via: 'GET /api/v1/ → streams', version: '2.2.2', software: 'BigchainDB' });
  });
  it('warns when a remote node advertises localhost (the wsserver default)', async () => {
    const r = await discoverStream('http://n:9984', fakeFetch({ [API]: { status: 200, body: API_2X }, [R]: { status: 200, body: ROOT_2X } }));
    expect(r.warning).toMatch(/advertises localhost .* ws:\/\/n:9985/);
    expect(advertisedHostWarning(WS2, new URL('http://n:9984/'))).toMatch(/advertises localhost/);
    expect(advertisedHostWarning(WS2, new URL('http://127.0.0.1:9984/'))).toBeUndefined();
    expect(advertisedHostWarning('ws://n:9985/x', new URL('http://n:9984/'))).toBeUndefined();
  });
  it('0.10: GET /api/v1/ → _links.streams_v1', async () => {
    const r = await discoverStream('http://n:9984/', fakeFetch({ [API]: { status: 200, body: API_010 }, [R]: { status: 200, body: ROOT_010 } }));
    expect(r).toMatchObject({ streamUrl: WS010, via: 'GET /api/v1/ → _links.streams_v1', version: '0.10.3' });
  });
  it('falls back to GET / → api.v1.streams when /api/v1/ has no link', async () => {
    const r = await discoverStream('http://n:9984', fakeFetch({ [API]: { status: 404 }, [R]: { status: 200, body: ROOT_1X } }));
    expect(r).toMatchObject({ streamUrl: WS2, via: 'GET / → api.v1.streams', version: '1.3.0' });
  });
  it('explains network/CORS failures, 404s and non-BigchainDB servers', async () => {
    await expect(discoverStream('http://n:9984', fakeFetch({ [API]: 'network', [R]: 'network' }))).rejects.toMatchObject({ reason: 'network', message: expect.stringMatching(/unreachable/) });
    await expect(discoverStream('http://n:9984', fakeFetch({ [API]: 'cors', [R]: 'cors' }))).rejects.toMatchObject({ reason: 'cors', message: expect.stringMatching(/n:9984 answered, but the browser blocked reading .* \(CORS\)/) });
    await expect(discoverStream('http://n:9984', fakeFetch({}))).rejects.toMatchObject({ reason: 'not-found', message: expect.stringMatching(/404/) });
    await expect(discoverStream('http://n:9984', fakeFetch({ [R]: { status: 200, body: { name: 'nginx' } } }))).rejects.toMatchObject({ reason: 'not-bigchaindb', message: expect.stringMatching(/does not look like a BigchainDB node/) });
    await expect(discoverStream('http://n:9984', fakeFetch({ [R]: { status: 200, body: '<html>' } }))).rejects.toMatchObject({ reason: 'not-bigchaindb' });
  });
});
