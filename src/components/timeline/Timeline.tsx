import { create } from 'zustand';
import { useStore } from '../../store';
import { eventLog } from '../../engine';
import { formatTime } from '../../lib/format';
import { scrubStep, scrubTo, scrubToTime, useScrub } from './scrubState';
import { RateChart } from '../charts/RateChart';
import { useChartBox } from '../charts/chartBox';
import { ErrorBoundary } from '../common/ErrorBoundary';
import './timeline.css';

// The strip above the table: the rate chart, and the time scrubber on its time axis.

export const useTimeline = create<{ open: boolean }>()(() => ({ open: false }));

export function TimelineToggle() {
  const open = useTimeline((s) => s.open);
  return (
    <button type="button" aria-pressed={open} onClick={() => useTimeline.setState({ open: !open })} title="The time scrubber over the buffer: see the world as of any event">
      Timeline
    </button>
  );
}

function onKey(e: React.KeyboardEvent<HTMLInputElement>): void {
  const n = e.shiftKey ? 10 : 1;
  const step: Record<string, () => void> = {
    ArrowLeft: () => scrubStep(-1, n),
    ArrowDown: () => scrubStep(-1, n),
    ArrowRight: () => scrubStep(1, n),
    ArrowUp: () => scrubStep(1, n),
    PageUp: () => scrubStep(-1, 100),
    PageDown: () => scrubStep(1, 100),
    Home: () => scrubTo(eventLog.firstSeq),
    End: () => scrubTo(eventLog.lastSeq),
    Escape: () => scrubTo(null),
  };
  const f = step[e.key];
  if (!f) return;
  e.preventDefault();
  f();
}

export function Scrubber() {
  // The range grows with the buffer: re-read it with each table update.
  useStore((s) => s.viewVersion);
  const seq = useScrub((s) => s.seq);
  const box = useChartBox();
  const first = eventLog.at(0);
  const last = eventLog.at(eventLog.length - 1);
  const at = seq === null ? undefined : eventLog.get(seq);
  const min = first?.receivedAt ?? 0;
  const max = Math.max(min + 1, last?.receivedAt ?? 1);
  const value = at ? at.receivedAt : max;
  const text = seq === null ? 'live' : `${at ? formatTime(at.receivedAt) : '?'}, event #${seq}`;
  // Under the chart, the slider spans exactly its time axis.
  const aligned = box.left !== null;
  return (
    <>
      <div className="scrub-row">
        <label className="scrub-label" htmlFor="time-scrubber" style={aligned ? { width: box.left } : undefined}>
          Time
        </label>
        {!aligned && <span className="dim scrub-end">{first ? formatTime(first.receivedAt) : '—'}</span>}
        <input
          id="time-scrubber"
          type="range"
          className="scrub-range"
          style={aligned ? { width: box.width, flex: 'none' } : undefined}
          min={min}
          max={max}
          step={1}
          value={value}
          disabled={!first}
          aria-valuetext={text}
          title="Drag, or use ←/→ (one event; Shift: ten), PgUp/PgDn, Home/End; Esc goes live"
          onChange={(e) => scrubToTime(Number(e.target.value))}
          onKeyDown={onKey}
        />
        {!aligned && <span className="dim scrub-end">{last ? formatTime(last.receivedAt) : '—'}</span>}
      </div>
      <div className="scrub-controls">
        <button type="button" onClick={() => scrubStep(-1)} disabled={!first} aria-label="Previous event" title="One event back (←)">
          ◀
        </button>
        <button type="button" onClick={() => scrubStep(1)} disabled={!first || seq === null} aria-label="Next event" title="One event forward (→)">
          ▶
        </button>
        <output className="scrub-at" aria-label="Scrubber position">
          {seq === null ? 'Live' : `#${seq} · ${at ? formatTime(at.receivedAt) : 'dropped'}`}
        </output>
        <button type="button" aria-pressed={seq === null} onClick={() => scrubTo(null)} title="Follow the stream (Esc)">
          Live
        </button>
      </div>
    </>
  );
}

export function Timeline() {
  const open = useTimeline((s) => s.open);
  if (!open) return null;
  return (
    <section className="timeline" aria-label="Timeline">
      <ErrorBoundary what="The rate chart" compact>
        <RateChart />
      </ErrorBoundary>
      <Scrubber />
    </section>
  );
}
