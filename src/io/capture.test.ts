import { describe, expect, it } from 'vitest';
import type { IncomingEvent, StreamEvent } from '../core/events';
import { ndjsonChunks, parseCapture, toHar, type ExportOptions } from './capture';
import { maskSecretsInText, maskSecretsInValue } from './mask';

let seq = 0;
function ev(e: Partial<IncomingEvent> & Pick<IncomingEvent, 'dir' | 'kind'>, connId = 'c1', t = 1_790_000_000_000): StreamEvent {
  seq++;
  return { seq, receivedAt: t + seq * 10, connId, dialect: connId === 'c2' ? 'drp' : 'json', size: e.raw?.length ?? e.bytes?.length ?? 0, ...e };
}
const raw1 = '{"type":"container","action":"update","resource_uri":"/api/v1/container/1/"}';
const events: StreamEvent[] = [
  ev({ dir: 'system', kind: 'connect', summary: 'Connected to ws://127.0.0.1:8781/json' }),
  ev({ dir: 'in', kind: 'message', raw: raw1, value: JSON.parse(raw1), type: 'container', action: 'update', key: '/api/v1/container/1/', fields: { state: 'Running' } }),
  ev({ dir: 'out', kind: 'message', raw: '{"token":"s3cret","op":"login"}', value: { token: 's3cret', op: 'login' } }),
  ev({ dir: 'in', kind: 'text', raw: 'not json {', parseError: 'Malformed JSON: x' }),
  ev({ dir: 'in', kind: 'binary', bytes: new Uint8Array([0, 1, 2, 250, 255]) }),
  ev({ dir: 'in', kind: 'message', raw: '{"Type":"machines","Action":"save"}', value: { Type: 'machines', Action: 'save' }, type: 'machines', action: 'save', sourceTime: 5 }, 'c2'),
];
const opts: ExportOptions = {
  connections: {
    c1: { name: 'json demo', dialect: 'json', endpoint: 'ws://127.0.0.1:8781/json?token=abc' },
    c2: { name: 'drp lab', dialect: 'drp', endpoint: 'wss://admin:pw@127.0.0.1:8092/api/v3/ws' },
  },
};
const ndjson = (o = opts) => [...ndjsonChunks(events, o, 2)].join('');

/** What a row shows, for comparing an import with the original. */
const row = (e: IncomingEvent & { receivedAt?: number }) => ({ dir: e.dir, kind: e.kind, raw: e.raw, bytes: e.bytes && [...e.bytes], type: e.type, action: e.action, key: e.key, fields: e.fields, summary: e.summary, parseError: e.parseError, sourceTime: e.sourceTime });

describe('masking', () => {
  it('masks JSON secrets, URL parameters and userinfo, and leaves data alone', () => {
    expect(maskSecretsInText('{"token": "abc", "key": "machines/1"}')).toBe('{"token": "••••", "key": "machines/1"}');
    expect(maskSecretsInText('see ws://h/x?a=1&token=abc&b=2')).toBe('see ws://h/x?a=1&token=••••&b=2');
    expect(maskSecretsInText('wss://admin:pw@host/x')).toBe('wss://admin:••••@host/x');
    expect(maskSecretsInText('{token: "abc", op: "x"}')).toBe('{token: "••••", op: "x"}');
    const plain = 'nothing to hide';
    expect(maskSecretsInText(plain)).toBe(plain);
    const v = { a: 1 };
    expect(maskSecretsInValue(v)).toBe(v);
    expect(maskSecretsInValue({ auth: { password: 'x' }, list: [{ jwt: 'y' }] })).toEqual({ auth: { password: '••••' }, list: [{ jwt: '••••' }] });
  });
});

describe('NDJSON export and import', () => {
  it('writes one record a line with time, direction, connection, raw and value; endpoint once per connection', () => {
    const lines = ndjson().trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(events.length);
    expect(lines[1]).toMatchObject({ dir: 'in', conn: 'json demo', dialect: 'json', raw: raw1, value: { type: 'container' }, type: 'container' });
    expect(lines[1].time).toBe(new Date(events[1].receivedAt).toISOString());
    expect(lines[0].endpoint).toBe('ws://127.0.0.1:8781/json?token=••••');
    expect(lines[1].endpoint).toBeUndefined();
    expect(lines[5].endpoint).toBe('wss://admin:xxxx@127.0.0.1:8092/api/v3/ws'.replace('xxxx', '••••'));
    expect(lines[4].base64).toBe('AAEC+v8=');
  });

  it('masks secrets unless asked, in raw and value alike', () => {
    const masked = ndjson();
    expect(masked).not.toContain('s3cret');
    expect(masked).not.toContain('token=abc');
    const line = JSON.parse(masked.trim().split('\n')[2]);
    expect(line.raw).toBe('{"token":"••••","op":"login"}');
    expect(line.value).toEqual({ token: '••••', op: 'login' });
    expect(events[2].value).toEqual({ token: 's3cret', op: 'login' }); // the live event is untouched
    // A cached summary that quotes the secret is recomputed from the masked copy.
    const describe = (e: StreamEvent) => JSON.stringify(e.value);
    const withSummary = [{ ...events[2], summary: 'op login, token s3cret' }];
    const rec = JSON.parse([...ndjsonChunks(withSummary, { ...opts, describe })].join(''));
    expect(rec.summary).toBe('{"token":"••••","op":"login"}');
    const plain = ndjson({ ...opts, includeSecrets: true });
    expect(plain).toContain('s3cret');
    expect(plain).toContain('token=abc');
  });

  it('reads back the same rows, connections and times', () => {
    const cap = parseCapture(ndjson({ ...opts, includeSecrets: true }), 'x.ndjson');
    expect(cap.format).toBe('ndjson');
    expect(cap.warnings).toEqual([]);
    expect(cap.connections).toEqual([
      { name: 'json demo', dialect: 'json', endpoint: 'ws://127.0.0.1:8781/json?token=abc' },
      { name: 'drp lab', dialect: 'drp', endpoint: 'wss://admin:pw@127.0.0.1:8092/api/v3/ws' },
    ]);
    expect(cap.events.map((x) => row(x.event))).toEqual(events.map(row));
    expect(cap.events.map((x) => x.receivedAt)).toEqual(events.map((e) => e.receivedAt));
    expect(cap.events[1].event.value).toEqual(events[1].value);
    expect(cap.events.map((x) => x.conn)).toEqual([0, 0, 0, 0, 0, 1]);
  });

  it('reads foreign NDJSON (one JSON frame a line) and reports bad lines', () => {
    const cap = parseCapture('{"type":"service","action":"create"}\n\nnot json\n{"a":1}\n');
    expect(cap.events).toHaveLength(2);
    expect(cap.events[0].event).toMatchObject({ dir: 'in', kind: 'message', type: 'service', action: 'create' });
    expect(cap.skipped).toBe(1);
    expect(cap.warnings[0]).toMatch(/^Line 3: not JSON/);
  });
});

describe('HAR export and import', () => {
  it('writes Chrome-style websocket entries, one per connection, masked', () => {
    const har = toHar(events, opts) as { log: { entries: Array<Record<string, unknown> & { _webSocketMessages: Array<Record<string, unknown>>; request: { url: string } }> } };
    const [a, b] = har.log.entries;
    expect(har.log.entries).toHaveLength(2);
    expect(a._resourceType).toBe('websocket');
    expect(a.request.url).toBe('ws://127.0.0.1:8781/json?token=••••');
    expect(a._webSocketMessages.map((m) => [m.type, m.opcode])).toEqual([
      ['receive', 1],
      ['send', 1],
      ['receive', 1],
      ['receive', 2],
    ]);
    expect(a._webSocketMessages[0].time).toBe(events[1].receivedAt / 1000);
    expect(a._webSocketMessages[1].data).toBe('{"token":"••••","op":"login"}');
    expect(b._webSocketMessages).toHaveLength(1);
  });

  it('reads our HAR back to the same non-system rows', () => {
    const text = JSON.stringify(toHar(events, { ...opts, includeSecrets: true }));
    const cap = parseCapture(text, 'capture.har');
    expect(cap.format).toBe('har');
    expect(cap.connections.map((c) => [c.name, c.dialect])).toEqual([
      ['json demo', 'json'],
      ['drp lab', 'drp'],
    ]);
    const want = events.filter((e) => e.dir !== 'system');
    expect(cap.events.map((x) => row(x.event))).toEqual(want.map(row));
    expect(cap.events.map((x) => x.receivedAt)).toEqual(want.map((e) => e.receivedAt));
  });

  it("reads a Chrome DevTools HAR and decodes its frames like the json dialect", () => {
    const chrome = {
      log: {
        version: '1.2',
        entries: [
          { request: { url: 'https://example.test/' }, response: { status: 200 } },
          {
            request: { url: 'wss://stream.example.test/v1/events' },
            _resourceType: 'websocket',
            _webSocketMessages: [
              { type: 'send', time: 1700000000.5, opcode: 1, data: 'hello' },
              { type: 'receive', time: 1700000000.25, opcode: 1, data: '{"type":"node","action":"update"}' },
              { type: 'receive', time: 1700000001, opcode: 2, data: 'AAE=' },
            ],
          },
        ],
      },
    };
    const cap = parseCapture(JSON.stringify(chrome));
    expect(cap.format).toBe('har');
    expect(cap.connections).toEqual([{ name: 'stream.example.test', dialect: 'json', endpoint: 'wss://stream.example.test/v1/events' }]);
    expect(cap.events.map((x) => [x.receivedAt, x.event.dir, x.event.kind, x.event.type])).toEqual([
      [1700000000250, 'in', 'message', 'node'],
      [1700000000500, 'out', 'text', undefined],
      [1700000001000, 'in', 'binary', undefined],
    ]);
  });

  it('never throws on a broken file', () => {
    expect(parseCapture('{"log": {', 'x.har').warnings[0]).toMatch(/Not a readable HAR/);
    expect(parseCapture('{"log": 5}').warnings[0]).toMatch(/no log.entries/);
    expect(parseCapture('').events).toEqual([]);
  });
});
