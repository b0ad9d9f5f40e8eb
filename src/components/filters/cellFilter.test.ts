import { describe, expect, it } from 'vitest';
import { cellFilterTarget } from './cellFilter';
import { compileQuery, fieldTerm } from '../../filter';
import { parseJsonEvent } from '../../dialects/json';
import type { IncomingEvent, StreamEvent } from '../../dialects/types';

const asStream = (dialect: string, e: IncomingEvent): StreamEvent => ({ ...e, seq: 1, receivedAt: 0, connId: 'c1', dialect, size: e.size ?? 0 }) as StreamEvent;

/** The term a right-click on the cell adds, and whether it matches the row it came from. */
function termOf(columnId: string, e: StreamEvent): { term: string | undefined; matches: boolean } {
  const t = cellFilterTarget(columnId, e);
  const term = t && fieldTerm(t.field, t.value);
  const compiled = term ? compileQuery(term) : undefined;
  return { term, matches: !!compiled?.ok && compiled.predicate(e) };
}

describe('cellFilterTarget: a dialect column filters on the field it names', () => {
  it('json State: read from the frame itself', () => {
    const e = asStream('json', parseJsonEvent('{"type":"container","action":"update","resource_uri":"/api/v1/container/1/","state":"Running"}'));
    expect(termOf('x_state', e)).toEqual({ term: 'state:Running', matches: true });
  });

  it('bigchaindb and bartnet columns, whose ids are not their fields', () => {
    const bdb = asStream('bigchaindb', { dir: 'in', kind: 'message', fields: { tx: 'abc', asset: 'abc', block: 7 } });
    expect(termOf('x_bdb.tx', bdb)).toEqual({ term: 'tx:abc', matches: true });
    expect(termOf('x_bdb.block', bdb).matches).toBe(true);
    const bn = asStream('bartnet', { dir: 'in', kind: 'message', fields: { instance: 'i-1' } });
    expect(termOf('x_bartnet.instance', bn)).toEqual({ term: 'instance:i-1', matches: true });
  });

  it('a live column offers no filter (its text is not in the event)', () => {
    const rd = asStream('remotedev', { dir: 'in', kind: 'message', fields: { rowKind: 'action', actionId: 3 } });
    expect(cellFilterTarget('x_rdState', rd)).toBeUndefined();
    expect(termOf('x_rdActionId', rd)).toEqual({ term: 'actionId:3', matches: true });
  });
});
