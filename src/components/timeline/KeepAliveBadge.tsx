import { useEffect, useState } from 'react';
import { keepAliveWatch, LATE_FACTOR, onKeepAliveChange, type KeepAliveSeries } from '../../alerts';
import { useStore } from '../../store';

const W = 96;
const H = 18;
const secs = (ms: number) => (ms < 10_000 ? (Math.round(ms / 100) / 10).toString() : Math.round(ms / 1000).toString());

/**
 * The gaps between one connection's keep-alives, newest on the right, against the late line (1.5 × the interval):
 * a tiny SVG, since a few dozen points need no chart library. The numbers are in its accessible name.
 */
function Sparkline({ s }: { s: KeepAliveSeries }) {
  const gaps = s.gaps;
  const late = s.expectedMs * LATE_FACTOR;
  const top = Math.max(late * 1.15, ...gaps);
  const y = (ms: number) => H - 1 - (ms / top) * (H - 2);
  const x = (i: number) => (gaps.length <= 1 ? W - 2 : 1 + (i * (W - 3)) / (gaps.length - 1));
  const points = gaps.map((g, i) => `${x(i).toFixed(1)},${y(g).toFixed(1)}`).join(' ');
  const last = gaps[gaps.length - 1];
  const label = gaps.length
    ? `${s.name} intervals: last ${secs(last)} s, longest ${secs(Math.max(...gaps))} s over ${gaps.length} (expected every ${secs(s.expectedMs)} s)`
    : `${s.name}: none yet (expected every ${secs(s.expectedMs)} s)`;
  return (
    <span className={`keepalive-spark${s.late ? ' late' : ''}`} title={label}>
      <span className="keepalive-spark-name" aria-hidden="true">
        {s.name} {gaps.length ? `${secs(last)} s` : '—'}
      </span>
      <svg role="img" data-app-ui="sparkline" aria-label={label} width={W} height={H} viewBox={`0 0 ${W} ${H}`}>
        <line className="keepalive-late-line" x1={0} x2={W} y1={y(late)} y2={y(late)} />
        {gaps.length > 1 && <polyline points={points} />}
        {gaps.map((g, i) => (g > late ? <circle key={i} className="late-dot" cx={x(i)} cy={y(g)} r={2} /> : null))}
        {gaps.length > 0 && <circle cx={x(gaps.length - 1)} cy={y(last)} r={1.5} />}
      </svg>
    </span>
  );
}

/**
 * In the toolbar: the active connection's keep-alive intervals as a sparkline (where its dialect has a keep-alive
 * the page can see), and a badge while any connection's keep-alive is late (its system rows say when it started and
 * ended).
 */
export function KeepAliveBadge() {
  const [, setTick] = useState(0);
  const names = useStore((s) => s.connections);
  const active = useStore((s) => s.activeConnId);
  useEffect(() => onKeepAliveChange(() => setTick((n) => n + 1)), []);
  const late = keepAliveWatch?.lateNow(Date.now()) ?? [];
  useEffect(() => {
    if (!late.length) return;
    const t = setInterval(() => setTick((n) => n + 1), 1000);
    return () => clearInterval(t);
  }, [late.length]);
  const series = active ? keepAliveWatch?.seriesOf(active) : null;
  return (
    <>
      {series && <Sparkline s={series} />}
      {late.length > 0 && (
        <span className="keepalive-badge" role="status" aria-label="Keep-alive">
          {late.map((l) => `⚠ ${names.find((c) => c.id === l.connId)?.name ?? l.dialect}: ${l.name} late ${Math.round(l.silentMs / 1000)} s`).join(' · ')}
        </span>
      )}
    </>
  );
}
