import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { eventLog } from '../../engine';
import { replaceFieldTerm, timeRangeTerm } from '../../filter';
import { formatTime } from '../../lib/format';
import { setFilterText, useFilter } from '../filters/filterState';
import { useScrub } from '../timeline/scrubState';
import { startRateFeed, type RateFeed } from './rateFeed';
import { clearChartBox, setChartBox } from './chartBox';
import type { RateSeries } from '../../rates/rateBins';

// Events per second per type over the buffer's time range, drawn with uPlot on one canvas. Dragging across it
// filters the table to that range (a time: term in the filter box); the scrubber's position is a vertical line.

const TOP_TYPES = 5;
const REDRAW_MS = 1000;
const HEIGHT = 96;
/** Distinct in light and dark; "other" is grey. */
const PALETTE = ['#4285f4', '#f29900', '#1e8e3e', '#a142f4', '#e52592', '#12b5cb'];
const OTHER = '#9aa0a6';

const cssVar = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';

/** The x range shown: the buffer's, from its oldest held event to its newest (or now, while live). */
function xRange(): [number, number] {
  const first = eventLog.at(0);
  const last = eventLog.at(eventLog.length - 1);
  const min = (first?.receivedAt ?? Date.now()) / 1000;
  return [min, Math.max(min + 1, (last?.receivedAt ?? Date.now()) / 1000)];
}

/** One slot per drawn line: the busiest types in rank order, then "other". Missing ones are empty. */
const SLOTS = TOP_TYPES + 1;
const slotColor = (i: number) => (i === TOP_TYPES ? OTHER : PALETTE[i % PALETTE.length]);

function toData(s: RateSeries): uPlot.AlignedData {
  const empty = s.times.map(() => null);
  const slots = Array.from({ length: SLOTS }, (_, i) => {
    const x = i === TOP_TYPES ? s.series.find((y) => y.name === 'other') : s.series.filter((y) => y.name !== 'other')[i];
    return x ? x.counts : empty;
  });
  return [s.times, ...slots];
}

// The plot is made once: a new one while the user drags across it would drop the selection, so the lines are fixed
// slots (by rank) and only their data and the legend's names change.
function makeOptions(width: number, onBrush: (from: number, to: number) => void): uPlot.Options {
  const axis = { stroke: cssVar('--fg-dim'), grid: { stroke: cssVar('--border'), width: 1 }, ticks: { stroke: cssVar('--border'), width: 1 }, font: '10px sans-serif' };
  return {
    width,
    height: HEIGHT,
    legend: { show: false },
    cursor: { drag: { x: true, y: false, setScale: false }, points: { show: false } },
    scales: { x: { time: true, range: () => xRange() }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
    axes: [
      { ...axis, size: 22 },
      { ...axis, size: 44, label: '', values: (_u, vals) => vals.map((v) => (v >= 1000 ? `${+(v / 1000).toFixed(1)}k` : String(v))) },
    ],
    series: [{}, ...Array.from({ length: SLOTS }, (_, i) => ({ label: i === TOP_TYPES ? 'other' : `type ${i + 1}`, stroke: slotColor(i), width: 1.5, points: { show: false } }))],
    hooks: {
      setSelect: [
        (u) => {
          if (u.select.width < 3) return;
          const from = u.posToVal(u.select.left, 'x') * 1000;
          const to = u.posToVal(u.select.left + u.select.width, 'x') * 1000;
          u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
          onBrush(from, to);
        },
      ],
      draw: [(u) => placeScrubLine(u)],
    },
  };
}

/**
 * The scrubber's position, as a line across the plot: an element over the canvas, moved on each scrub step, so a step
 * repaints a 2 px line instead of the whole chart.
 */
function placeScrubLine(u: uPlot): void {
  let line = u.over.querySelector<HTMLElement>('.scrub-line');
  if (!line) {
    line = document.createElement('div');
    line.className = 'scrub-line';
    line.setAttribute('aria-hidden', 'true');
    u.over.appendChild(line);
  }
  const seq = useScrub.getState().seq;
  const e = seq === null ? undefined : eventLog.get(seq);
  if (!e) {
    line.style.display = 'none';
    return;
  }
  line.style.display = '';
  line.style.transform = `translateX(${u.valToPos(e.receivedAt / 1000, 'x').toFixed(1)}px)`;
}

/** Brushing a range filters the table to it: the query's time: term is replaced, the rest kept as typed. */
export function filterToRange(from: number, to: number): void {
  const first = eventLog.at(0)?.receivedAt ?? from;
  const last = eventLog.at(eventLog.length - 1)?.receivedAt ?? to;
  const withDate = new Date(first).toDateString() !== new Date(last).toDateString();
  setFilterText(replaceFieldTerm(useFilter.getState().text, 'time', timeRangeTerm(from, to, withDate)));
}

export function RateChart() {
  const host = useRef<HTMLDivElement>(null);
  const [legend, setLegend] = useState<{ name: string; color: string; total: number }[]>([]);
  const [total, setTotal] = useState(0);
  const hasTimeTerm = useFilter((s) => /(^|\s)time:/i.test(s.applied));

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const feed: RateFeed = startRateFeed();
    let plot: uPlot | null = null;
    const draw = () => {
      const s = feed.bins().series(TOP_TYPES, Date.now() / 1000);
      if (!plot) {
        plot = new uPlot(makeOptions(Math.max(200, el.clientWidth), filterToRange), toData(s), el);
        plot.root.querySelector('canvas')?.setAttribute('aria-hidden', 'true');
      } else plot.setData(toData(s));
      setChartBox(plot.bbox.left / devicePixelRatio, plot.bbox.width / devicePixelRatio);
      setTotal(s.total);
      setLegend(s.series.map((x, i) => ({ name: x.name, color: x.name === 'other' ? OTHER : slotColor(i), total: x.counts.reduce((a, b) => a + b, 0) })));
    };
    draw();
    const timer = setInterval(draw, REDRAW_MS);
    const resize = new ResizeObserver(() => {
      if (!plot) return;
      plot.setSize({ width: Math.max(200, el.clientWidth), height: HEIGHT });
      setChartBox(plot.bbox.left / devicePixelRatio, plot.bbox.width / devicePixelRatio);
    });
    resize.observe(el);
    const offScrub = useScrub.subscribe(() => plot && placeScrubLine(plot));
    // The axes' and grid's colours are read when the plot is made: a switch to dark left light grid lines on a dark
    // plot. The plot is made again in the new colours (a drag in progress is dropped; a switch is rare).
    const scheme = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
    const recolour = () => {
      plot?.destroy();
      plot = null;
      draw();
    };
    scheme?.addEventListener('change', recolour);
    return () => {
      clearInterval(timer);
      resize.disconnect();
      offScrub();
      scheme?.removeEventListener('change', recolour);
      feed.stop();
      plot?.destroy();
      clearChartBox();
    };
  }, []);

  const first = eventLog.at(0);
  const last = eventLog.at(eventLog.length - 1);
  const span = first && last ? `${formatTime(first.receivedAt)} to ${formatTime(last.receivedAt)}` : 'no events';
  return (
    <div className="rate-chart">
      <div
        className="rate-plot"
        ref={host}
        role="img"
        aria-label={`Events per second by type, ${span}: ${legend.map((l) => `${l.name} ${l.total}`).join(', ') || 'none'}. Drag across it to filter the table to a time range.`}
        title="Events per second by type (through the filter). Drag across a range to filter the table to it."
      />
      <ul className="rate-legend" aria-label="Event types in the chart">
        {legend.map((l) => (
          <li key={l.name} title={`${l.total} events in the buffer`}>
            <span className="swatch" style={{ background: l.color }} aria-hidden="true" /> {l.name} <span className="dim">{l.total}</span>
          </li>
        ))}
        <li className="dim">{total.toLocaleString()} counted</li>
        {hasTimeTerm && (
          <li>
            <button type="button" onClick={() => setFilterText(replaceFieldTerm(useFilter.getState().text, 'time', null))} title="Remove the time range from the filter">
              Clear time range
            </button>
          </li>
        )}
      </ul>
    </div>
  );
}
