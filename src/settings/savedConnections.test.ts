import { beforeEach, describe, expect, it } from 'vitest';
import { deleteSaved, lastSaved, reloadSaved, sanitizePortable, saveConnection, savedConnections, toPortable, withSecrets } from './savedConnections';
import { memoryStorage } from '../lib/memoryStorage';

const json = { name: 'lab', dialect: 'json', endpoint: 'ws://127.0.0.1:8781/json?token=abc&x=1', settings: { user: 'bob', token: 's3cret' } };

beforeEach(() => {
  (globalThis as { localStorage?: Storage }).localStorage = memoryStorage();
  reloadSaved();
});

describe('toPortable / withSecrets', () => {
  it('leaves secrets out and names them, then puts typed ones back', () => {
    const p = toPortable(json);
    expect(p.settings).toEqual({ user: 'bob' });
    expect(p.endpoint).toBe('ws://127.0.0.1:8781/json?x=1');
    expect(p.ask).toEqual(['token', '?token']);
    expect(JSON.stringify(p)).not.toContain('s3cret');
    expect(JSON.stringify(p)).not.toContain('abc');
    const back = withSecrets(p, { token: 'T', '?token': 'Q' });
    expect(back.settings.token).toBe('T');
    expect(new URL(back.endpoint).searchParams.get('token')).toBe('Q');
  });

  it('strips a URL password', () => {
    const p = toPortable({ name: 'x', dialect: 'json', endpoint: 'wss://me:pw@host/s', settings: {} });
    expect(p.endpoint).toBe('wss://me@host/s');
    expect(p.ask).toEqual(['@password']);
    expect(withSecrets(p, { '@password': 'pw' }).endpoint).toBe('wss://me:pw@host/s');
  });

  it('keeps everything when asked to', () => {
    const p = toPortable(json, true);
    expect(p.settings.token).toBe('s3cret');
    expect(p.endpoint).toContain('token=abc');
    expect(p.ask).toEqual([]);
  });
});

describe('sanitizePortable', () => {
  it('refuses unknown dialects and non-network endpoints', () => {
    expect(sanitizePortable({ dialect: 'nope', endpoint: 'ws://h/' })).toBeNull();
    expect(sanitizePortable({ dialect: 'json', endpoint: 'javascript:alert(1)' })).toBeNull();
    expect(sanitizePortable({ dialect: 'json', endpoint: 'data:text/html,<script>' })).toBeNull();
    expect(sanitizePortable({ dialect: 'json', endpoint: 42 })).toBeNull();
  });

  it('keeps declared settings only, coerced to their kind, and never secrets unless allowed', () => {
    const p = sanitizePortable({
      dialect: 'bartnet',
      endpoint: 'ws://127.0.0.1:8080/stream',
      settings: { topics: 'discovery', replyTimeoutSeconds: '7', showHeartbeats: 'true', token: 'leak', __proto__x: 1, bogus: 'x' },
      ask: ['token', 'topics', '?token', '?x', '@password', 'token'],
      extras: { q: 'type:a', 'bad key': 'x', n: 5 },
    });
    expect(p).not.toBeNull();
    expect(p!.settings).toEqual({ topics: 'discovery', replyTimeoutSeconds: 7, showHeartbeats: true });
    expect(p!.ask).toEqual(['token', '?token', '@password']);
    expect(p!.extras).toEqual({ q: 'type:a' });
    expect(sanitizePortable({ dialect: 'json', endpoint: 'ws://h/', settings: { token: 't' } }, true)!.settings.token).toBe('t');
  });

  it('is not fooled by __proto__ in stored JSON', () => {
    const raw = JSON.parse('{"dialect":"json","endpoint":"ws://h/","settings":{"__proto__":{"polluted":1},"user":"u"}}');
    const p = sanitizePortable(raw)!;
    expect(p.settings).toEqual({ user: 'u' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('saved list', () => {
  it('stores secrets only when "remember secret" is ticked, and reopens the last one', () => {
    const a = saveConnection(json, { name: 'no secret', rememberSecret: false })!.saved;
    expect(localStorage.getItem('streamscope:saved-connections')).not.toContain('s3cret');
    expect(a.ask).toEqual(['token', '?token']);
    const b = saveConnection(json, { name: 'with secret', rememberSecret: true })!.saved;
    expect(localStorage.getItem('streamscope:saved-connections')).toContain('s3cret');
    expect(lastSaved()?.id).toBe(b.id);
    reloadSaved();
    expect(savedConnections.get().map((c) => c.name)).toEqual(['no secret', 'with secret']);
    expect(savedConnections.get()[1].settings.token).toBe('s3cret');
    // Same name replaces.
    saveConnection({ ...json, endpoint: 'ws://other/' }, { name: 'no secret', rememberSecret: false });
    expect(savedConnections.get()).toHaveLength(2);
    expect(savedConnections.get()[0].endpoint).toBe('ws://other/');
    expect(lastSaved()?.id).toBe(a.id);
    deleteSaved(a.id);
    expect(lastSaved()).toBeUndefined();
    expect(savedConnections.get().map((c) => c.id)).toEqual([b.id]);
  });

  it('says why when the browser will not store the list, and keeps the entry for this page', () => {
    const full = memoryStorage();
    full.setItem = () => {
      throw Object.assign(new Error("Failed to execute 'setItem' on 'Storage': Setting the value exceeded the quota."), { name: 'QuotaExceededError', code: 22 });
    };
    (globalThis as { localStorage?: Storage }).localStorage = full;
    const r = saveConnection(json, { name: 'lab', rememberSecret: false })!;
    expect(r.notStored).toMatch(/localStorage is full .*delete saved connections/);
    expect(savedConnections.get().map((c) => c.name)).toEqual(['lab']);

    Object.defineProperty(globalThis, 'localStorage', {
      configurable: true,
      get() {
        throw Object.assign(new Error('The operation is insecure.'), { name: 'SecurityError' });
      },
    });
    try {
      expect(saveConnection(json, { name: 'lab 2', rememberSecret: false })!.notStored).toMatch(/does not let the page use its storage .*private window/);
      expect(savedConnections.get().map((c) => c.name)).toEqual(['lab', 'lab 2']);
    } finally {
      Object.defineProperty(globalThis, 'localStorage', { configurable: true, writable: true, value: memoryStorage() });
    }
  });

  it('survives garbage in storage', () => {
    localStorage.setItem('streamscope:saved-connections', '{not json');
    reloadSaved();
    expect(savedConnections.get()).toEqual([]);
    localStorage.setItem('streamscope:saved-connections', JSON.stringify([null, 1, { id: 'x', dialect: 'json', endpoint: 'javascript:1' }, { id: 'y', dialect: 'json', endpoint: 'ws://h/', settings: { token: 'sneaky' } }]));
    reloadSaved();
    expect(savedConnections.get()).toHaveLength(1);
    expect(savedConnections.get()[0].settings).toEqual({}); // a secret without rememberSecret is dropped
  });
});
