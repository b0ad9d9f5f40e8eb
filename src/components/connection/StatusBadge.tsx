import { useEffect, useState } from 'react';
import type { ConnectionStatus } from '../../dialects/types';

/** Says what happened to the connection, with a live countdown while a reconnect is pending. */
export function StatusBadge({ status }: { status: ConnectionStatus | undefined }) {
  const [, tick] = useState(0);
  const retrying = status?.phase === 'retrying' && status.retryAt;
  useEffect(() => {
    if (!retrying) return;
    const t = setInterval(() => tick((n) => n + 1), 500);
    return () => clearInterval(t);
  }, [retrying]);
  const phase = status?.phase ?? 'idle';
  let text = status?.message ?? 'Not connected.';
  if (status?.phase === 'retrying' && status.retryAt) {
    const s = Math.max(0, Math.ceil((status.retryAt - Date.now()) / 1000));
    text = `${status.message} Retrying in ${s} s (attempt ${(status.attempts ?? 0) + 1}).`;
  }
  return (
    <div className={`status status-${phase}`} role="status" aria-label="Connection status">
      <span className="dot" aria-hidden="true" />
      <span className="phase">{phase}</span>
      <span className="status-text">{text}</span>
      {status?.helpUrl && (
        <a href={status.helpUrl} target="_blank" rel="noreferrer noopener">
          Open {status.helpUrl}
        </a>
      )}
    </div>
  );
}
