import { describe, expect, it } from 'vitest';
import type { SettingField } from './types';
import { readSettings } from './readSettings';

const fields: SettingField[] = [
  { key: 'interval', label: 'Ping every (s)', kind: 'number', default: 30 },
  { key: 'timeout', label: 'Timeout (s)', kind: 'number', default: 5, positive: true },
  { key: 'show', label: 'Show', kind: 'checkbox', default: true },
  { key: 'name', label: 'Name', kind: 'text', default: 'x' },
];

describe('readSettings', () => {
  it('applies defaults to untouched or malformed values and reads 0 the same way in every dialect', () => {
    const r = readSettings(fields, { interval: '0', timeout: 0, show: 'false' });
    expect(r.num('interval')).toBe(0); // 0 is a value: "off"
    expect(r.num('timeout')).toBe(5); // a positive field: 0 means the default
    expect(r.bool('show')).toBe(false);
    expect(r.str('name')).toBe('x');
    const d = readSettings(fields, { interval: 'soon', timeout: '0.3', show: undefined, name: '' });
    expect(d.num('interval')).toBe(30);
    expect(d.num('timeout')).toBe(0.3);
    expect(d.bool('show')).toBe(true);
    expect(d.str('name')).toBe('');
    expect(readSettings(fields, { interval: -1 }).num('interval')).toBe(30);
  });
});
