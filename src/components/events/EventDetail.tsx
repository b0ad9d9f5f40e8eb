import { useEffect, useState } from 'react';
import type { StreamEvent } from '../../dialects/types';
import { useStore } from '../../store';
import { eventLog } from '../../engine';
import { getSession } from '../../store/sessions';
import { dialectUi, type DetailTab } from '../dialects/registry';
import { JsonTree } from './JsonTree';
import { ErrorBoundary } from '../common/ErrorBoundary';
import { eventText } from '../../lib/describeEvent';
import { copyText } from '../../lib/clipboard';
import { formatBytes, formatTime, hexPreview } from '../../lib/format';
import { loadChosenTabs, rememberTab } from './detailTabMemory';
import { rowNumberOf } from './columns';
import { useOwnRowNumbers } from './table/useColumns';

/** Raw text shown at most; Copy always gives the whole frame. */
const RAW_VIEW_LIMIT = 200_000;

const treeTab: DetailTab = {
  id: 'tree',
  label: 'Tree',
  applies: (e) => e.value !== undefined,
  Component: ({ event }) => <JsonTree value={event.value} />,
};

const rawTab: DetailTab = {
  id: 'raw',
  label: 'Raw',
  applies: () => true,
  Component: ({ event }) => <RawView event={event} />,
};

function RawView({ event }: { event: StreamEvent }) {
  if (event.bytes) {
    return (
      <pre className="raw" aria-label="Raw frame">
        {hexPreview(event.bytes, 4096)}
      </pre>
    );
  }
  const text = eventText(event);
  const cut = text.length > RAW_VIEW_LIMIT;
  return (
    <>
      {cut && <p className="note">Showing the first {formatBytes(RAW_VIEW_LIMIT)} of {formatBytes(event.size)}; Copy gives the whole frame.</p>}
      <pre className="raw" aria-label="Raw frame">
        {cut ? text.slice(0, RAW_VIEW_LIMIT) : text}
      </pre>
    </>
  );
}

/** The time the table shows for the event (the source's own timestamp when it has one), and both in the tooltip. */
function EventTime({ event }: { event: StreamEvent }) {
  if (event.sourceTime === undefined) return <span title="Received at this time">{formatTime(event.receivedAt)}</span>;
  const title = `The sender's timestamp (as in the table); received at ${formatTime(event.receivedAt)}`;
  return (
    <span title={title}>
      {formatTime(event.sourceTime)}
    </span>
  );
}

/** The frame's size; a row read out of another message (no text or bytes of its own) has none to tell. */
function EventSize({ event }: { event: StreamEvent }) {
  if (event.raw === undefined && !event.bytes && !event.size)
    return (
      <span title="This row was read out of another message, so it has no frame of its own to measure">
        –<span className="sr-only"> no frame of its own</span>
      </span>
    );
  return <span>{formatBytes(event.size)}</span>;
}

/** The shift-click range the inspector reads (its Diff spans it), and how to go back to one row. */
function RangeBar({ anchor, event, label, onClear }: { anchor: StreamEvent; event: StreamEvent; label?: string; onClear(): void }) {
  const [a, b] = anchor.seq < event.seq ? [anchor.seq, event.seq] : [event.seq, anchor.seq];
  return (
    <div className="range-bar" role="group" aria-label="Selected range">
      <span>{label ?? `Rows #${a} – #${b}`}</span>
      <span className="range-hint">shift-click another row to change it</span>
      <button type="button" className="range-clear" onClick={onClear} aria-label="Clear the range" title="Select only this row again">
        ✕
      </button>
    </div>
  );
}

export function EventDetail() {
  const selectedSeq = useStore((s) => s.selectedSeq);
  const setSelected = useStore((s) => s.setSelected);
  const rangeAnchorSeq = useStore((s) => s.rangeAnchorSeq);
  // Re-read after batches only if the selection may have been evicted.
  useStore((s) => (selectedSeq !== null && selectedSeq < eventLog.firstSeq ? s.viewVersion : 0));
  const event = selectedSeq === null ? undefined : eventLog.get(selectedSeq);
  // The same "#" as the table's: the dialect's own number where the table shows it (one remotedev instance's place in
  // the app's history), else the arrival count.
  const ownNumbers = useOwnRowNumbers(event?.dialect ?? 'json');
  const [chosenTabs, setChosenTabs] = useState(loadChosenTabs);
  const [copied, setCopied] = useState<string>('');
  useEffect(() => setCopied(''), [selectedSeq]);

  if (!event) {
    return (
      <aside className="detail empty-detail" aria-label="Event detail">
        <p>Select an event to see its content. ↑/↓ move the selection.</p>
      </aside>
    );
  }
  const ui = dialectUi[event.dialect];
  const tabs = [treeTab, ...(ui?.detailTabs ?? []), rawTab].filter((t) => t.applies(event));
  // The tab last chosen for this dialect's events, else the dialect's own first choice, else Tree.
  const tab = tabs.find((t) => t.id === chosenTabs[event.dialect]) ?? tabs.find((t) => t.id === ui?.defaultDetailTab) ?? tabs[0];
  const session = getSession(event.connId);
  const number = ownNumbers ? rowNumberOf(event) : event.seq;
  const anchor = rangeAnchorSeq === null ? undefined : eventLog.get(rangeAnchorSeq);
  return (
    <aside className="detail" aria-label="Event detail">
      <header className="detail-head">
        <div className="detail-title">
          {ownNumbers && number !== event.seq ? (
            <strong title={`Its place in the app's history, as in the table's "#" (arrival #${event.seq})`}>#{number}</strong>
          ) : (
            <strong>#{event.seq}</strong>
          )}{' '}
          <span>{event.dir}</span> <EventTime event={event} /> <EventSize event={event} />
          {event.type && <span className="pill">{event.type}</span>}
          {event.action && <span className="pill">{event.action}</span>}
        </div>
        <div className="detail-actions">
          <button
            type="button"
            onClick={async () => setCopied((await copyText(eventText(event))) ? 'Copied' : 'Copy failed')}
            title="Copy the whole frame to the clipboard"
          >
            Copy
          </button>
          <span role="status" className="copied">
            {copied}
          </span>
          <button type="button" onClick={() => setSelected(null)} aria-label="Close detail" title="Close the detail pane">
            ✕
          </button>
        </div>
      </header>
      {anchor && <RangeBar anchor={anchor} event={event} label={ui?.rangeLabel?.(anchor.seq < event.seq ? anchor : event, anchor.seq < event.seq ? event : anchor, session)} onClear={() => setSelected(event.seq)} />}
      {event.parseError && (
        <p className="error-line" role="note">
          {event.parseError}
        </p>
      )}
      <div role="tablist" aria-label="Detail views" className="tabs">
        {tabs.map((t) => (
          <button type="button" role="tab" key={t.id} aria-selected={t.id === tab.id} onClick={() => setChosenTabs(rememberTab(chosenTabs, event.dialect, t.id))}>
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" className="detail-body" aria-label={tab.label}>
        <ErrorBoundary what={`The ${tab.label} tab`} resetKey={`${event.seq}:${tab.id}`}>
          <tab.Component event={event} session={session} />
        </ErrorBoundary>
      </div>
    </aside>
  );
}
