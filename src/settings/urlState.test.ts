import { describe, expect, it } from 'vitest';
import { encodeShare, parseShare, shareLink } from './urlState';
import { registerConnectionExtra } from './savedConnections';

describe('share links', () => {
  it('round-trips dialect, endpoint, settings, asks and extras, and never carries secrets', () => {
    registerConnectionExtra({ key: 'q', read: () => 'type:container "a b"', apply: () => {} });
    const link = shareLink(
      { name: 'prod events', dialect: 'bartnet', endpoint: 'ws://127.0.0.1:8080/stream?hmac=HMACVALUE', settings: { topics: 'discovery,connected', token: 'TOKENVALUE', password: 'PASSWORDVALUE', email: 'a@b.c' } },
      { origin: 'http://127.0.0.1:4173', pathname: '/tools/streamscope/' },
    );
    expect(link.startsWith('http://127.0.0.1:4173/tools/streamscope/#')).toBe(true);
    expect(link).not.toMatch(/TOKENVALUE|PASSWORDVALUE|HMACVALUE/);
    const p = parseShare(new URL(link).hash)!;
    expect(p).toMatchObject({
      name: 'prod events',
      dialect: 'bartnet',
      endpoint: 'ws://127.0.0.1:8080/stream',
      settings: { topics: 'discovery,connected', email: 'a@b.c' },
      ask: ['token', 'password', '?hmac'],
    });
    expect(p.extras.q).toBe('type:container "a b"');
  });

  it('ignores hashes that are not share links, and refuses bad ones', () => {
    expect(parseShare('')).toBeNull();
    expect(parseShare('#section-2')).toBeNull();
    expect(parseShare('#dialect=json&endpoint=javascript%3Aalert(1)')).toBeNull();
    expect(parseShare('#dialect=evil&endpoint=ws%3A%2F%2Fh%2F')).toBeNull();
    // A hand-made link cannot smuggle a secret setting in.
    expect(parseShare('#dialect=json&endpoint=ws%3A%2F%2Fh%2F&set.token=x')!.settings).toEqual({});
  });

  it('encodes spaces as %20', () => {
    expect(encodeShare({ name: 'a b', dialect: 'json', endpoint: 'ws://h/', settings: {}, ask: [], extras: {} })).toBe('#dialect=json&endpoint=ws%3A%2F%2Fh%2F&name=a%20b');
  });
});
