import { describe, expect, it } from 'vitest';
import type { IncomingEvent } from '../types';
import { createDrpController, localFilterMemory, type FilterMemory } from './controller';
import { parseDrpEvent } from './decode';
import { buildDrpUrl, drpSocketUrl, handshakeMessage, diagnoseHandshake, authorizationHeader } from './handshake';

function setup(initial: string[] = [], open = true) {
  const emitted: IncomingEvent[] = [];
  const frames: string[] = [];
  let saved = initial;
  const memory: FilterMemory = { load: () => saved, save: (f) => (saved = f) };
  let isOpen = open;
  const c = createDrpController({
    sink: { emit: (e) => emitted.push(e), status: () => {} },
    memory,
    sendFrame: (t) => (isOpen ? (frames.push(t), true) : false),
    countFlushMs: 0,
  });
  return { c, emitted, frames, saved: () => saved, setOpen: (v: boolean) => (isOpen = v) };
}

const ev = (Type: string, Action: string, Key: string) => parseDrpEvent(JSON.stringify({ Time: '2026-01-01T00:00:00Z', Type, Action, Key, Principal: '', Object: null, Original: null }));

describe('DRP controller', () => {
  it('registers, confirms on the websocket reply, counts matches and deregisters the exact string', async () => {
    const t = setup();
    t.c.opened(false);
    expect(t.c.register('machines')).toMatch(/two dots/);
    expect(t.c.register('machines.*.*')).toBeNull();
    expect(t.c.register('machines.*.*')).toMatch(/already registered/);
    expect(t.frames).toEqual(['register machines.*.*']);
    expect(t.emitted.at(-1)).toMatchObject({ dir: 'out', raw: 'register machines.*.*', action: 'register', key: 'machines.*.*' });
    expect(t.c.state.get().filters).toEqual([{ filter: 'machines.*.*', status: 'pending', matched: 0 }]);
    t.c.observe(ev('websocket', 'register', 'machines.*.*'));
    expect(t.c.state.get().filters[0].status).toBe('confirmed');
    t.c.observe(ev('machines', 'update', 'm1'));
    t.c.observe(ev('profiles', 'save', 'global'));
    t.c.observe(ev('machines', 'delete', 'm2'));
    await new Promise((r) => setTimeout(r, 5));
    expect(t.c.state.get().filters[0].matched).toBe(2);
    expect(t.saved()).toEqual(['machines.*.*']);
    t.c.deregister('machines.*.*');
    expect(t.frames.at(-1)).toBe('deregister machines.*.*');
    expect(t.c.state.get().filters).toEqual([]);
    expect(t.saved()).toEqual([]);
    t.c.dispose();
  });

  it('re-sends remembered filters on open and says so after a reconnect', () => {
    const t = setup(['machines.*.*', 'profiles.save.global'], false);
    expect(t.c.state.get().filters.map((f) => f.status)).toEqual(['waiting', 'waiting']);
    t.setOpen(true);
    t.c.opened(false);
    expect(t.frames).toEqual(['register machines.*.*', 'register profiles.save.global']);
    expect(t.c.state.get().notice).toBe('Registered 2 filters remembered for this endpoint.');
    t.c.closed();
    expect(t.c.state.get().filters.map((f) => f.status)).toEqual(['waiting', 'waiting']);
    t.c.opened(true);
    expect(t.frames).toHaveLength(4);
    expect(t.c.state.get().notice).toBe('Re-registered 2 filters after reconnect.');
    expect(t.emitted.filter((e) => e.kind === 'notice').map((e) => e.summary)).toEqual(['Registered 2 filters remembered for this endpoint.', 'Re-registered 2 filters after reconnect.']);
  });

  it('tracks commands typed in the send box, and never remembers one the form would refuse', () => {
    const t = setup();
    t.c.opened(false);
    t.c.sentRaw('register jobs.*.*');
    expect(t.c.state.get().filters[0]).toMatchObject({ filter: 'jobs.*.*', status: 'pending' });
    t.c.sentRaw('deregister jobs.*.*');
    t.c.sentRaw('hello');
    expect(t.c.state.get().filters).toEqual([]);
    for (const bad of ['register machines', 'register machines.*', 'register mach*.*.*', 'register  machines.*.*', 'register machines.*.' + 'k'.repeat(600)]) {
      expect(t.c.vetRaw(bad)).toMatch(/^Not sent/);
      t.c.sentRaw(bad);
    }
    expect(t.c.vetRaw('register machines')).toMatch(/two dots.*crashes/);
    expect(t.c.vetRaw('x'.repeat(513))).toMatch(/513 bytes.*1009/);
    expect(t.c.vetRaw('ping')).toBeNull();
    expect(t.c.vetRaw('register machines.*.*')).toBeNull();
    expect(t.c.state.get().filters).toEqual([]);
    expect(t.saved()).toEqual([]);
  });

  it('drops invalid remembered or configured filters on load, says so, and forgets them', () => {
    const emitted: IncomingEvent[] = [];
    let saved: string[] = ['machines', 'jobs.*.*', 'a.b.' + 'k'.repeat(600)];
    const c = createDrpController({
      sink: { emit: (e) => emitted.push(e), status: () => {} },
      memory: { load: () => saved, save: (f) => (saved = f) },
      sendFrame: () => true,
      initial: ['profiles', 'profiles.save.global'],
    });
    expect(c.state.get().filters.map((f) => f.filter)).toEqual(['jobs.*.*', 'profiles.save.global']);
    expect(saved).toEqual(['jobs.*.*']);
    const warning = c.state.get().warning ?? '';
    expect(warning).toMatch(/^Not registered, to keep the server up: remembered "machines": .*two dots/);
    expect(warning).toContain('512 bytes');
    expect(warning).toContain('"profiles" from Register on connect');
    expect(emitted).toEqual([{ dir: 'system', kind: 'error', summary: warning }]);
    c.opened(false);
    expect(c.state.get().warning).toBe(warning);
    c.dispose();
  });

  it('registers the jobs-of-one-machine pair and remembers machines it has seen', () => {
    const t = setup();
    t.c.opened(false);
    t.c.observe(parseDrpEvent(JSON.stringify({ Time: '', Type: 'machines', Action: 'update', Key: 'm-1', Object: { Name: 'node-01' } })));
    t.c.observe(parseDrpEvent(JSON.stringify({ Time: '', Type: 'jobs', Action: 'create', Key: 'j-1', Object: { Machine: 'm-2' } })));
    t.c.observe(parseDrpEvent(JSON.stringify({ Time: '', Type: 'jobs', Action: 'update', Key: 'j-1', Object: { Machine: 'm-1' } })));
    expect(t.c.knownMachines()).toEqual([
      { uuid: 'm-1', name: 'node-01' },
      { uuid: 'm-2', name: undefined },
    ]);
    expect(t.c.registerMachineJobs(' ')).toMatch(/UUID/);
    expect(t.c.registerMachineJobs('m-1')).toBeNull();
    expect(t.frames).toEqual(['register jobs.*.*', 'register machines.*.m-1']);
    expect(t.c.registerMachineJobs('m-2')).toBeNull();
    expect(t.frames.at(-1)).toBe('register machines.*.m-2');
  });

  it('survives a missing localStorage', () => {
    const m = localFilterMemory('wss://x/api/v3/ws');
    expect(m.load()).toEqual([]);
    expect(() => m.save(['a.b.c'])).not.toThrow();
  });
});

describe('DRP URLs and handshake diagnosis', () => {
  it('adds /api/v3/ws and the lower-case token, URL-encoded', () => {
    expect(drpSocketUrl('https://10.0.0.5:8092')).toBe('wss://10.0.0.5:8092/api/v3/ws');
    expect(drpSocketUrl('10.0.0.5:8092')).toBe('wss://10.0.0.5:8092/api/v3/ws');
    expect(drpSocketUrl('ws://127.0.0.1:8092/custom/ws')).toBe('ws://127.0.0.1:8092/custom/ws');
    expect(buildDrpUrl('ws://127.0.0.1:8092', { username: 'rocketskates', password: 'r0cket&sk8ts' })).toBe('ws://127.0.0.1:8092/api/v3/ws?token=rocketskates%3Ar0cket%26sk8ts');
    expect(buildDrpUrl('ws://127.0.0.1:8092', { username: 'u', password: 'p', token: 'tok' })).toBe('ws://127.0.0.1:8092/api/v3/ws?token=tok');
    expect(authorizationHeader('u:p')).toBe('Basic dTpw');
    expect(authorizationHeader('tok')).toBe('Bearer tok');
  });

  it('tells wrong credentials from an unreachable server or untrusted certificate', async () => {
    const url = 'wss://drp.lab:8092/api/v3/ws';
    const down = (() => Promise.reject(new TypeError('Failed to fetch'))) as unknown as typeof fetch;
    const status = (code: number) => ((_u: RequestInfo | URL, init?: RequestInit) => Promise.resolve(new Response(null, { status: init?.mode === 'no-cors' ? 200 : code }))) as typeof fetch;
    expect(await diagnoseHandshake(url, 'u:p', down)).toBe('unreachable');
    expect(await diagnoseHandshake(url, 'u:p', status(403))).toBe('bad-credentials');
    expect(await diagnoseHandshake(url, 'u:p', status(200))).toBe('credentials-ok');
    // Never follows the root's redirect out of the lab: an offline lab would read that as "unreachable".
    const asked: string[] = [];
    const offlineLab = ((u: RequestInfo | URL, init?: RequestInit) => {
      asked.push(`${String(u)} ${init?.mode} ${init?.redirect ?? 'follow'}`);
      return new URL(String(u)).pathname === '/' && init?.redirect !== 'manual' ? Promise.reject(new TypeError('portal.rackn.io: name not resolved')) : Promise.resolve(new Response(null, { status: 403 }));
    }) as typeof fetch;
    expect(await diagnoseHandshake(url, 'u:wrong', offlineLab)).toBe('bad-credentials');
    expect(asked).toEqual(['https://drp.lab:8092/api/v3/info cors manual']);
    // Plain HTTP on the TLS port: Go's 400, readable outside a browser; in one, a CORS failure after an answer.
    const plainUrl = 'ws://drp.lab:8092/api/v3/ws';
    expect(await diagnoseHandshake(plainUrl, 'u:p', (() => Promise.resolve(new Response('Client sent an HTTP request to an HTTPS server.', { status: 400 }))) as typeof fetch)).toBe('speaks-tls');
    const browserLike = ((_u: RequestInfo | URL, init?: RequestInit) => (init?.mode === 'no-cors' && init.redirect === undefined ? Promise.resolve(new Response(null, { status: 200 })) : Promise.reject(new TypeError('Failed to fetch')))) as typeof fetch;
    expect(await diagnoseHandshake(plainUrl, 'u:p', browserLike)).toBe('speaks-tls');
    expect(await diagnoseHandshake(url, 'u:p', browserLike)).toBe('reachable');
    expect(handshakeMessage(plainUrl, 'speaks-tls', true)).toMatch(/this port speaks TLS.*use wss:\/\/drp\.lab:8092\.$/);
    expect(handshakeMessage(url, 'unreachable', true)).toMatch(/certificate.*open https:\/\/drp\.lab:8092 once/);
    expect(handshakeMessage(url, 'bad-credentials', true)).toMatch(/^Wrong credentials/);
    expect(handshakeMessage(url, 'unknown', true)).toMatch(/wrong username\/password or token, or an untrusted self-signed certificate/);
  });
});
