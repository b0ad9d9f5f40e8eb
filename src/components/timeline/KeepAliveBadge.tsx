import { useEffect, useState } from 'react';
import { keepAliveWatch, onKeepAliveChange } from '../../alerts';
import { useStore } from '../../store';

/** A badge in the toolbar while a connection's keep-alive is late (its system rows say when it started and ended). */
export function KeepAliveBadge() {
  const [, setTick] = useState(0);
  const names = useStore((s) => s.connections);
  useEffect(() => onKeepAliveChange(() => setTick((n) => n + 1)), []);
  const late = keepAliveWatch?.lateNow(Date.now()) ?? [];
  useEffect(() => {
    if (!late.length) return;
    const t = setInterval(() => setTick((n) => n + 1), 1000);
    return () => clearInterval(t);
  }, [late.length]);
  if (!late.length) return null;
  return (
    <span className="keepalive-badge" role="status" aria-label="Keep-alive">
      {late.map((l) => `⚠ ${names.find((c) => c.id === l.connId)?.name ?? l.dialect}: ${l.name} late ${Math.round(l.silentMs / 1000)} s`).join(' · ')}
    </span>
  );
}
