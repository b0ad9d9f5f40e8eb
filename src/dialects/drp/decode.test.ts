import { describe, expect, it } from 'vitest';
import { hasDiff, parseDrpEvent, summarizeObject } from './decode';

const doc =
  '{"Time":"2017-12-21T23:26:43.412554192Z","Type":"profiles","Action":"save","Key":"global","Object":{"Validated":true,"Available":true,"Errors":[],"ReadOnly":false,"Name":"global","Params":{"bar":"blatz"}}}';

describe('parseDrpEvent', () => {
  it("treats Go's zero time (an event POSTed without Time) as no time", () => {
    const e = parseDrpEvent(JSON.stringify({ Time: '0001-01-01T00:00:00Z', Type: 'machines', Action: 'create', Key: 'k', Principal: 'user:a', Object: { Name: 'a' }, Original: null }));
    expect(e.type).toBe('machines');
    expect(e.sourceTime).toBeUndefined();
  });
  it('maps the documented sample (no Principal/Original, nanosecond Time)', () => {
    const e = parseDrpEvent(doc);
    expect(e).toMatchObject({ dir: 'in', kind: 'message', type: 'profiles', action: 'save', key: 'global', sourceTime: Date.UTC(2017, 11, 21, 23, 26, 43, 412) });
    expect(e.fields).toMatchObject({ Principal: '', Name: 'global', Object: 'global, 1 param' });
    expect(e.raw).toBe(doc);
  });
  it('summarises machines with Stage/BootEnv/Runnable and keeps Principal', () => {
    const raw = JSON.stringify({
      Time: '2026-11-23T18:00:00.5Z',
      Type: 'machines',
      Action: 'update',
      Key: 'a1b2',
      Principal: 'runner:a1b2',
      Object: { Uuid: 'a1b2', Name: 'node-01', Stage: 'discover', BootEnv: 'sledgehammer', Runnable: true },
      Original: null,
    });
    const e = parseDrpEvent(raw);
    expect(e.fields).toMatchObject({ Principal: 'runner:a1b2', Object: 'node-01, Stage: discover, BootEnv: sledgehammer, Runnable: true', Machine: 'a1b2' });
    expect(e.summary).toBe('node-01, Stage: discover, BootEnv: sledgehammer, Runnable: true');
  });
  it('says which top-level keys an update or save changed', () => {
    const e = parseDrpEvent(
      JSON.stringify({ Time: '', Type: 'profiles', Action: 'save', Key: 'global', Principal: 'user:a', Object: { Name: 'global', Params: { a: 2 }, New: 1 }, Original: { Name: 'global', Params: { a: 1 }, Gone: 1 } }),
    );
    expect(e.summary).toBe('global, 1 param · changed Params, New, Gone');
    expect(e.sourceTime).toBeUndefined();
  });
  it('labels websocket replies as confirmations', () => {
    const e = parseDrpEvent('{"Time":"2019-04-05T10:00:00.1234Z","Type":"websocket","Action":"register","Key":"machines.*.*","Principal":"","Object":null,"Original":null}');
    expect(e).toMatchObject({ type: 'websocket', action: 'register', key: 'machines.*.*', summary: 'Server confirmed register machines.*.*' });
    expect(e.fields?.Object).toBe('');
  });
  it('keeps non-events and malformed frames as they are', () => {
    expect(parseDrpEvent('{"hello":1}')).toMatchObject({ kind: 'message', value: { hello: 1 } });
    expect(parseDrpEvent('{"Type":').parseError).toMatch(/Malformed JSON/);
    expect(parseDrpEvent('{"Type":"x"}').type).toBeUndefined();
  });
});

describe('summarizeObject', () => {
  it('is bounded and handles odd values', () => {
    expect(summarizeObject('jobs', { Uuid: 'j1', Task: 't', State: 'running', Machine: 'm1' })).toBe('Task: t, State: running, Machine: m1');
    expect(summarizeObject('x', null)).toBe('');
    expect(summarizeObject('x', 'y'.repeat(500)).length).toBeLessThanOrEqual(80);
    expect(summarizeObject('machines', { Name: 'n'.repeat(500) }).length).toBeLessThanOrEqual(40);
  });
});

describe('hasDiff', () => {
  it('applies to update/save with both snapshots', () => {
    expect(hasDiff({ Type: 'profiles', Action: 'save', Key: 'g', Object: {}, Original: {} })).toBe(true);
    expect(hasDiff({ Type: 'profiles', Action: 'save', Key: 'g', Object: {}, Original: null })).toBe(false);
    expect(hasDiff({ Type: 'profiles', Action: 'create', Key: 'g', Object: {}, Original: {} })).toBe(false);
  });
});
