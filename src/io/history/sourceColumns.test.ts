import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '../../core/events';
import { packSources, transferablesOf, unpackSources } from './sourceColumns';
import { recordSource } from './storedRecord';

let seq = 0;
const ev = (e: Partial<StreamEvent>): StreamEvent => ({ seq: ++seq, receivedAt: 1_790_000_000_000 + seq, connId: 'c1', dialect: 'json', size: 3, dir: 'in', kind: 'message', ...e }) as StreamEvent;

describe('history batches as columns', () => {
  it('read back as the same record sources, rare parts and derived frame text included', () => {
    const events = [
      ev({ raw: '{"a":1}', value: { a: 1 }, type: 't', action: 'update', key: '/k/1', fields: { state: 'Running', parents: ['/p/'] } }),
      ev({ raw: undefined, value: { a: 2 }, rawFromValue: true }),
      ev({ connId: 'c2', dialect: 'drp', kind: 'binary', bytes: new Uint8Array([0, 255]), size: 2 }),
      ev({ dir: 'system', kind: 'gap', summary: 'Disconnected', sourceTime: 5, fields: { from: 1, to: 2 } }),
      ev({ kind: 'text', raw: 'not json', parseError: 'Malformed JSON' }),
      ev({ raw: undefined, value: { decoded: true }, kind: 'message' }),
    ];
    const c = packSources(events);
    expect(c.tags).toHaveLength(4);
    expect(transferablesOf(c)).toHaveLength(3);
    // Undefined properties are no part of what is stored: compare the defined ones.
    const defined = (o: object) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
    expect(unpackSources(c).map(defined)).toEqual(events.map(recordSource).map(defined));
    expect(unpackSources(c)[1].raw).toBe('{"a":2}');
    expect(unpackSources(c)[0]).not.toHaveProperty('value');
  });
});
