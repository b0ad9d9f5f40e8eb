import { useMemo } from 'react';
import { useStore } from '../../store';
import { eventLog } from '../../engine';
import { jsonDialect } from '../../dialects/json';
import { setKeyPath, useEntitiesUi } from './entitiesState';

/** Recent events read for field names: enough to see a stream's shape, bounded whatever the buffer holds. */
const SAMPLE = 500;

/** The top-level fields of recent JSON events, the usual key names first. */
function keyCandidates(): string[] {
  const seen = new Map<string, number>();
  const end = eventLog.length;
  for (let i = Math.max(0, end - SAMPLE); i < end; i++) {
    const e = eventLog.at(i);
    if (!e || e.dialect !== 'json' || !e.value || typeof e.value !== 'object' || Array.isArray(e.value)) continue;
    for (const [k, v] of Object.entries(e.value)) if (typeof v === 'string' || typeof v === 'number') seen.set(k, (seen.get(k) ?? 0) + 1);
  }
  const usual = jsonDialect.entities?.keyPathSuggestions ?? [];
  return [...seen.keys()].sort((a, b) => {
    const ua = usual.indexOf(a);
    const ub = usual.indexOf(b);
    if (ua >= 0 || ub >= 0) return (ua < 0 ? 99 : ua) - (ub < 0 ? 99 : ub);
    return (seen.get(b) ?? 0) - (seen.get(a) ?? 0);
  });
}

/** Generic JSON streams have no fixed key: the user picks the field that names the thing each frame is about. */
export function KeyPathPicker() {
  const hasJson = useStore((s) => s.connections.some((c) => c.dialect === 'json'));
  const keyPath = useEntitiesUi((s) => s.keyPath);
  const version = useStore((s) => (hasJson ? Math.floor(s.viewVersion / 20) : 0));
  const options = useMemo(() => (hasJson && version >= 0 ? keyCandidates() : []), [hasJson, version]);
  if (!hasJson) return null;
  const list = keyPath && !options.includes(keyPath) ? [keyPath, ...options] : options;
  return (
    <label className="field" title="Plain JSON streams: the field that names what each frame is about (Tutum events are keyed by resource_uri already)">
      <span>Key</span>
      <select aria-label="Key path for JSON entities" value={keyPath} onChange={(e) => setKeyPath(e.target.value)}>
        <option value="">(Tutum only)</option>
        {list.map((k) => (
          <option key={k} value={k}>
            {k}
          </option>
        ))}
      </select>
    </label>
  );
}
