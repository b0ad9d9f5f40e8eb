import { useSyncExternalStore } from 'react';
import type { DialectPanelProps } from '../types';
import { blockLabel, NO_ROUND_TRIP, type BigchainController } from '../../../dialects/bigchaindb';
import './bigchaindb.css';

function Discovery({ ctl }: { ctl: BigchainController }) {
  const d = useSyncExternalStore(ctl.state.subscribe, ctl.state.get).discovery;
  if (d.phase === 'discovering') return <span>Discovering the event stream…</span>;
  if (d.phase === 'failed') return <span className="bdb-error">Discovery failed: {d.message}</span>;
  if (d.phase === 'direct') return <span>Stream URL given directly: {d.streamUrl}</span>;
  return (
    <span>
      Stream <code>{d.streamUrl}</code> found via <strong>{d.via}</strong>
      {d.software || d.version ? (
        <>
          {' '}
          · server <strong>{[d.software ?? 'BigchainDB', d.version].filter(Boolean).join(' ')}</strong>
        </>
      ) : null}
      {d.warning ? <span className="bdb-warn"> · {d.warning}</span> : null}
    </span>
  );
}

function Counters({ ctl }: { ctl: BigchainController }) {
  const s = useSyncExternalStore(ctl.state.subscribe, ctl.state.get);
  return (
    <>
      <span className="pill" role="note" aria-label="Round-trip time" title={NO_ROUND_TRIP}>
        Round-trip time: not measurable from a browser (the node never pings)
      </span>
      <span className="pill" aria-label="Blocks">
        {s.blocks} block{s.blocks === 1 ? '' : 's'} · {s.transactions} transaction{s.transactions === 1 ? '' : 's'}
        {s.lastBlock !== undefined ? ` · last ${blockLabel(s.lastBlock)}` : ''}
      </span>
    </>
  );
}

export function BigchainPanel({ session }: DialectPanelProps) {
  const ctl = session?.controller as BigchainController | undefined;
  if (!ctl) return <p className="note">Connect to discover the node's event stream.</p>;
  return (
    <div className="bdb-panel" role="group" aria-label="BigchainDB stream">
      <span role="status" aria-label="Stream discovery">
        <Discovery ctl={ctl} />
      </span>
      <Counters ctl={ctl} />
    </div>
  );
}
