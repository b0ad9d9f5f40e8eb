import { ExactNumber } from '../core/exactJson';
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10240 ? 1 : 0)} kB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Local wall-clock time with millisecond precision, e.g. 14:03:07.251. */
export function formatTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

export function hexPreview(bytes: Uint8Array, max = 32): string {
  const n = Math.min(bytes.length, max);
  let s = '';
  for (let i = 0; i < n; i++) s += (i ? ' ' : '') + bytes[i].toString(16).padStart(2, '0');
  return bytes.length > max ? `${s} …` : s;
}

/** A one-line summary of any JSON value, bounded in length so a huge frame never costs more than `max` characters. */
export function summarizeValue(value: unknown, max = 160): string {
  let out = '';
  const write = (s: string) => {
    out += s;
    return out.length < max;
  };
  const walk = (v: unknown, depth: number): boolean => {
    if (v === null || typeof v !== 'object' || v instanceof ExactNumber) {
      const s = typeof v === 'string' ? JSON.stringify(v.length > 60 ? v.slice(0, 60) + '…' : v) : String(v);
      return write(s);
    }
    if (depth > 2) return write(Array.isArray(v) ? '[…]' : '{…}');
    if (Array.isArray(v)) {
      if (!write('[')) return false;
      for (let i = 0; i < v.length; i++) {
        if (i && !write(', ')) return false;
        if (!walk(v[i], depth + 1)) return false;
      }
      return write(']');
    }
    if (!write('{')) return false;
    let first = true;
    for (const k in v as Record<string, unknown>) {
      if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
      if (!first && !write(', ')) return false;
      first = false;
      if (!write(`${k}: `)) return false;
      if (!walk((v as Record<string, unknown>)[k], depth + 1)) return false;
    }
    return write('}');
  };
  walk(value, 0);
  return out.length > max ? out.slice(0, max - 1) + '…' : out;
}

/** Re-exported from src/core/frames, where frame sizes are counted. */
export { utf8Length } from '../core/frames';
