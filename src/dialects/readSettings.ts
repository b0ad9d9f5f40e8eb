import type { SettingField, SettingValues } from './types';

/** The longest text a setting may hold (saved lists and share links are checked against it too). */
const MAX_TEXT = 4096;

/**
 * A value as its field's kind reads it, or undefined when it cannot be one: 'true'/'false' for a checkbox, a numeric
 * string for a number, one of the options for a select, text up to 4096 characters. Used for saved and shared
 * connections (untrusted input) and by readSettings.
 */
export function coerceSetting(f: SettingField, v: unknown): SettingValues[string] {
  switch (f.kind) {
    case 'checkbox':
      return v === true || v === 'true' ? true : v === false || v === 'false' ? false : undefined;
    case 'number': {
      const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
      return Number.isFinite(n) ? n : undefined;
    }
    case 'select': {
      const s = typeof v === 'number' ? String(v) : v;
      return typeof s === 'string' && (!f.options || f.options.some((o) => o.value === s)) ? s : undefined;
    }
    default:
      return typeof v === 'string' && v.length <= MAX_TEXT ? v : typeof v === 'number' ? String(v) : undefined;
  }
}

export interface SettingsReader {
  /** A number field: its value when it is a number ≥ 0 (> 0 for a `positive` field), else the field's default. */
  num(key: string): number;
  str(key: string): string;
  bool(key: string): boolean;
}

/**
 * A dialect's settings as its connect() reads them: a field the user never touched (or filled with something that is
 * not of its kind) means the default shown in the form; every dialect reads 0 the same way.
 */
export function readSettings(fields: SettingField[], values: SettingValues): SettingsReader {
  const read = (key: string): SettingValues[string] => {
    const f = fields.find((x) => x.key === key);
    if (!f) return values[key];
    const v = coerceSetting(f, values[key]);
    if (f.kind === 'number' && typeof v === 'number' && (v < 0 || (f.positive && v === 0))) return f.default;
    return v ?? f.default;
  };
  return {
    num: (key) => {
      const v = read(key);
      return typeof v === 'number' ? v : Number(v ?? 0) || 0;
    },
    str: (key) => {
      const v = read(key);
      return v === undefined ? '' : String(v);
    },
    bool: (key) => read(key) === true,
  };
}
