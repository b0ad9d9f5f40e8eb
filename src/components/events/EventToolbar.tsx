import { memo } from 'react';
import { selectMonitorLayout, useStore } from '../../store';
import { eventLog, eventView } from '../../engine';
import { FilterBar } from '../filters/FilterBar';
import { CaptureMenu } from '../capture/CaptureMenu';
import { ColumnMenu } from '../columns/ColumnMenu';

function Counter({ label, value, title }: { label: string; value: string | number; title: string }) {
  return (
    <span className="counter" title={title}>
      <span className="counter-label">{label}</span> <output aria-label={label}>{value}</output>
    </span>
  );
}

export function pauseView(paused: boolean): void {
  useStore.getState().setPaused(paused);
}

export function clearEvents(): void {
  eventLog.clear();
  useStore.getState().setSelected(null);
  useStore.getState().setFollowing(true);
}

const MONITOR_ONLY = "The Redux monitor lists this connection's selected instance only; tick Merged timeline in its panel to see every connection.";

export function EventToolbar({ children }: { children?: React.ReactNode }) {
  const paused = useStore((s) => s.paused);
  const following = useStore((s) => s.following);
  const onlyActive = useStore((s) => s.onlyActive);
  const multi = useStore((s) => s.connections.length > 1);
  const setFollowing = useStore((s) => s.setFollowing);
  const setOnlyActive = useStore((s) => s.setOnlyActive);
  // The monitor layout (a remotedev connection) lists that connection alone; its panel has the merged timeline.
  const monitor = useStore(selectMonitorLayout);
  return (
    <div className="toolbar" role="toolbar" aria-label="Event controls">
      <button type="button" aria-pressed={paused} onClick={() => pauseView(!paused)} title="Freeze the table; events keep being received and counted">
        {paused ? '▶ Resume' : '❚❚ Pause'}
      </button>
      <button type="button" onClick={clearEvents} title="Remove every event from the buffer">
        Clear
      </button>
      {!following && (
        <button type="button" className="primary" onClick={() => setFollowing(true)} title="Scroll to the newest event and keep following">
          ↓ Jump to latest
        </button>
      )}
      {multi && (
        <label className="field check" title={monitor ? MONITOR_ONLY : 'Show only the events of the selected connection'}>
          <input type="checkbox" checked={onlyActive || monitor} disabled={monitor} aria-describedby={monitor ? 'only-active-why' : undefined} onChange={(e) => setOnlyActive(e.target.checked)} />
          This connection only
        </label>
      )}
      {multi && monitor && (
        <span id="only-active-why" className="sr-only">
          {MONITOR_ONLY}
        </span>
      )}
      <FilterBar />
      <CaptureMenu />
      <ColumnMenu />
      {children}
    </div>
  );
}

/** Counters and the buffer cap, in a slim status bar under the table (devtools style), so the toolbar never wraps. */
export function EventStatusBar() {
  const stats = useStore((s) => s.stats);
  const paused = useStore((s) => s.paused);
  const capacity = useStore((s) => s.capacity);
  const waiting = paused ? eventView.liveCount - stats.shown : 0;
  return (
    <footer className="status-bar" aria-label="Event counters">
      {paused && <span className="paused-note">Paused: {waiting} new not shown</span>}
      <Counter label="Received" value={stats.received} title="Every event received, including ones still queued for display" />
      <Counter label="Shown" value={stats.shown} title="Rows in the table now (after filters and pause)" />
      <Counter
        label="Dropped"
        value={stats.dropped}
        title={`Oldest events evicted because the buffer holds at most ${capacity.toLocaleString()} events`}
      />
      <Counter label="Events/s" value={stats.rate} title="Events received during the last second" />
      <CapSelect />
    </footer>
  );
}

/**
 * The buffer cap: its own component, so the counters' updates (up to 20 a second) do not format its options again
 * (toLocaleString made most of the status bar's time).
 */
const CapSelect = memo(function CapSelect() {
  const capacity = useStore((s) => s.capacity);
  const setCapacity = useStore((s) => s.setCapacity);
  return (
    <label className="field cap" title="Events kept in memory; the oldest are dropped (and counted) beyond this">
      <span>Cap</span>
      <select aria-label="Buffer cap" value={capacity} onChange={(e) => setCapacity(Number(e.target.value))}>
        {[...new Set([1_000, 10_000, 100_000, 1_000_000, capacity])].sort((a, b) => a - b).map((n) => (
          <option key={n} value={n}>
            {n.toLocaleString()}
          </option>
        ))}
      </select>
    </label>
  );
});
