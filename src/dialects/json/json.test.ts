import { describe, expect, it } from 'vitest';
import { buildJsonUrl, jsonDialect, parseJsonEvent } from './index';
import { decodeBinaryFrame, decodeTextFrame } from '../../core/frames';
import { describeEvent } from '../../lib/describeEvent';
import type { StreamEvent } from '../types';

const asStream = (e: ReturnType<typeof parseJsonEvent>) => ({ ...e, seq: 1, receivedAt: 0, connId: 'c', dialect: 'json', size: e.size ?? 0 }) as StreamEvent;

describe('parseJsonEvent', () => {
  it('maps a Tutum event onto the columns', () => {
    const raw = JSON.stringify({
      state: 'Starting',
      parents: ['/api/v1/service/d0b1/', '/api/v1/node/75d2/'],
      action: 'create',
      type: 'container',
      resource_uri: '/api/v1/container/fa15/',
    });
    const e = parseJsonEvent(raw);
    expect(e).toMatchObject({ dir: 'in', kind: 'message', type: 'container', action: 'create', key: '/api/v1/container/fa15/', raw });
    // State and parents stay in the value (the State column reads it there): no copy to index, store and clone.
    expect(e.fields).toBeUndefined();
    expect(jsonDialect.columns![0].get(asStream(e), { session: () => undefined })).toBe('Starting');
    expect(e.size).toBe(raw.length);
  });

  it('takes Docker Cloud datetime as the source time', () => {
    const e = parseJsonEvent('{"type":"action","datetime":"2016-02-01T16:47:28Z"}');
    expect(e.sourceTime).toBe(Date.parse('2016-02-01T16:47:28Z'));
  });

  it('keeps other JSON with a summary that skips the columns', () => {
    const e = parseJsonEvent('{"type":"container","action":"update","cpu":0.5,"tags":["a"]}');
    expect(describeEvent(asStream(e))).toBe('{cpu: 0.5, tags: ["a"]}');
    const arr = parseJsonEvent('[1,2,3]');
    expect(arr.kind).toBe('message');
    expect(describeEvent(asStream(arr))).toBe('[1, 2, 3]');
  });

  it('keeps malformed JSON as text with the parse error', () => {
    const e = parseJsonEvent('{"type": "container", ');
    expect(e.kind).toBe('text');
    expect(e.raw).toBe('{"type": "container", ');
    expect(e.parseError).toMatch(/Malformed JSON/);
    expect(e.type).toBeUndefined();
  });

  it('keeps plain text as text without an error', () => {
    const e = decodeTextFrame('hello world');
    expect(e).toMatchObject({ kind: 'text', raw: 'hello world' });
    expect(e.parseError).toBeUndefined();
  });

  it('counts UTF-8 bytes for the size', () => {
    expect(decodeTextFrame('"é€😀"').size).toBe(2 + 2 + 3 + 4);
  });

  it('keeps binary frames as bytes with a hex summary', () => {
    const e = decodeBinaryFrame(new Uint8Array([0, 1, 254, 255]).buffer);
    expect(e).toMatchObject({ kind: 'binary', size: 4 });
    expect(describeEvent(asStream(e))).toBe('binary 4 bytes: 00 01 fe ff');
  });

  it('treats __proto__ keys as data', () => {
    const e = parseJsonEvent('{"__proto__":{"polluted":true},"type":"x"}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(e.value as object)).toContain('__proto__');
  });
});

describe('buildJsonUrl', () => {
  it('adds user and token as query parameters', () => {
    expect(buildJsonUrl('ws://h:1/v1/events', { user: 'me', token: 's3cret' })).toBe('ws://h:1/v1/events?user=me&token=s3cret');
    expect(buildJsonUrl('ws://h:1/json', {})).toBe('ws://h:1/json');
  });
});
