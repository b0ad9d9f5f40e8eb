import { describe, expect, it } from 'vitest';
import { authAttributes, credentialWarning, envelope, generationOf, heartbeatStatus, internalErrorMessage, loginUrlFor, loginWithPassword, maskFrame, parseTopics, topicList, topicsFor } from './protocol';

describe('client frames', () => {
  it('sends only command and attributes to real servers, the spec envelope otherwise', () => {
    expect(envelope('c', 1, 'authenticate', authAttributes('c', 'token', 't'))).toEqual({ command: 'authenticate', attributes: { token: 't' } });
    expect(envelope('b', 1, 'authenticate', authAttributes('b', 'hmac', 'h'))).toEqual({ command: 'authenticate', attributes: { hmac: 'h' } });
    expect(envelope('spec', 3, 'authenticate', authAttributes('spec', 'hmac', 'h'), 99)).toEqual({ id: 3, version: 1, command: 'authenticate', sent: 99, attributes: { HMAC: 'h' } });
  });
  it('joins topics with bare commas and masks secrets', () => {
    expect(topicList([' discovery', 'check_results ', ''])).toBe('discovery,check_results');
    expect(parseTopics('a, b,,a')).toEqual(['a', 'b']);
    expect(maskFrame({ command: 'authenticate', attributes: { hmac: 'secret', x: 'y' } }).attributes).toEqual({ hmac: '••••', x: 'y' });
  });
  it('says which credential each generation takes, and which topics it publishes', () => {
    expect(generationOf('server')).toBe('c');
    expect(generationOf(undefined)).toBe('c');
    expect(credentialWarning('c', 'token')).toBeUndefined();
    expect(credentialWarning('c', 'hmac')).toBe('Gen C servers take only a token: an HMAC gets "bad-token".');
    expect(credentialWarning('d', 'password')).toMatch(/^Gen D servers have no password login .*removed on 2015-09-02.*only a token/);
    expect(credentialWarning('b', 'token')).toMatch(/^Gen B servers take only/);
    expect(credentialWarning('b', 'hmac', '1--iFplvAUtzi_veq_dMKPfnjtg_SQ=')).toBeUndefined();
    expect(credentialWarning('b', 'hmac', '1--wrong')).toMatch(/malformed.*1011/);
    expect(credentialWarning('b', 'password')).toBeUndefined();
    expect(topicsFor('c')).toEqual(['discovery', 'connected', 'launch-bastion']);
    expect(topicsFor('d')).toEqual(['launch-bastion']);
    expect(internalErrorMessage('c', 'JsonParseException', false)).toBe("The server closed the connection with 1011, an internal error (JsonParseException): bartnet's handler threw because it was sent a text frame that is not JSON.");
    expect(internalErrorMessage('c', 'IllegalArgumentException', false)).toMatch(/Gen C servers crash on any unsubscribe_from/);
    expect(internalErrorMessage('b', 'IllegalArgumentException', true)).toMatch(/HMAC is malformed/);
  });
  it('derives the login URL from the stream URL', () => {
    expect(loginUrlFor('ws://h:8080/stream/')).toBe('http://h:8080/authenticate/password');
    expect(loginUrlFor('wss://api.example/stream?x=1')).toBe('https://api.example/authenticate/password');
  });
});

describe('password login', () => {
  const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => (async () => new Response(JSON.stringify(body), { status, headers })) as unknown as typeof fetch;
  it('takes X-Auth-HMAC, else the body token without the HMAC prefix', async () => {
    expect(await loginWithPassword('http://h/authenticate/password', 'e', 'p', reply(201, { token: 'HMAC 1--x=' }, { 'X-Auth-HMAC': '1--abc=' }))).toBe('1--abc=');
    expect(await loginWithPassword('http://h/authenticate/password', 'e', 'p', reply(201, { id: 1, token: 'HMAC 1--x=' }))).toBe('1--x=');
  });
  it('explains failures', async () => {
    await expect(loginWithPassword('u', 'e', 'p', reply(401, {}))).rejects.toThrow(/wrong email or password/);
    await expect(loginWithPassword('u', 'e', 'p', reply(404, {}))).rejects.toThrow(/no password login.*Gen C and D take a token/);
    await expect(loginWithPassword('u', 'e', 'p', reply(201, {}))).rejects.toThrow(/no X-Auth-HMAC/);
    const down = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    await expect(loginWithPassword('u', 'e', 'p', down)).rejects.toThrow(/CORS/);
  });
});

describe('heartbeat indicator', () => {
  const base = { heartbeatTimeoutSec: 30 };
  it('counts seconds since the last heartbeat and flags 30 s of silence', () => {
    expect(heartbeatStatus({ ...base, openedAt: 0, lastHeartbeatAt: 10_000 }, 12_500)).toEqual({ text: 'last heartbeat 2 s ago', late: false });
    expect(heartbeatStatus({ ...base, openedAt: 0, lastHeartbeatAt: 10_000 }, 40_000)).toEqual({ text: 'last heartbeat 30 s ago', late: true });
  });
  it('waits for the first heartbeat after (re)connect', () => {
    expect(heartbeatStatus({ ...base, openedAt: 1000 }, 5000)).toEqual({ text: 'waiting for the first heartbeat', late: false });
    expect(heartbeatStatus({ ...base, openedAt: 1000, lastHeartbeatAt: 500 }, 31_000)).toEqual({ text: 'no heartbeat for 30 s', late: true });
    expect(heartbeatStatus({ ...base }, 5000).late).toBe(false);
  });
});
