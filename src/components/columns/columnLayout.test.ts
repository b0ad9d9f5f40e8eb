import { describe, expect, it } from 'vitest';
import type { ColumnDef } from '@tanstack/react-table';
import type { StreamEvent } from '../../dialects/types';
import { applyLayout, discoverFields, readPath } from './columnLayout';

const cols = ['seq', 'time', 'type', 'summary', 'size'].map((id) => ({ id, header: id, size: 100 }) as ColumnDef<StreamEvent>);
const ev = (value: unknown, fields?: Record<string, unknown>) => ({ seq: 1, receivedAt: 0, connId: 'c', dialect: 'json', dir: 'in', kind: 'message', size: 0, value, fields }) as StreamEvent;

describe('column layout', () => {
  it('adds field columns before Summary, then orders, sizes and hides', () => {
    const out = applyLayout(cols, { order: ['size', 'type'], hidden: ['time'], widths: { type: 220 }, fields: ['Object.Name'] });
    expect(out.map((c) => c.id)).toEqual(['size', 'type', 'seq', 'f_Object.Name', 'summary']);
    expect(out.find((c) => c.id === 'type')?.size).toBe(220);
    expect(applyLayout(cols, { order: [], hidden: ['time'], widths: {}, fields: [] }, { includeHidden: true }).map((c) => c.id)).toEqual(['seq', 'time', 'type', 'summary', 'size']);
  });

  it('reads field columns from the value, then from dialect fields', () => {
    expect(readPath(ev({ Object: { Name: 'global' } }), 'Object.Name')).toBe('global');
    expect(readPath(ev({}, { state: 'Running' }), 'state')).toBe('Running');
    expect(readPath(ev('text'), 'a.b')).toBeUndefined();
  });

  it('discovers top-level and one-level nested fields, most frequent first', () => {
    const f = discoverFields([ev({ type: 'a', Object: { Name: 'x', Size: 2 } }), ev({ type: 'b', metric: 1 }), ev([1, 2]), ev(undefined), ev({ 'bad key': 1 })]);
    expect(f).toEqual(['type', 'metric', 'Object.Name', 'Object.Size']);
  });
});
