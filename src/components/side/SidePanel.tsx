import { create } from 'zustand';
import { EventDetail } from '../events/EventDetail';
import { EntitiesPanel } from '../entities/EntitiesPanel';
import { ShapesPanel } from '../shapes/ShapesPanel';
import { ErrorBoundary } from '../common/ErrorBoundary';
import { useTimeline } from '../timeline/Timeline';
import './side.css';

// The pane beside the table: the selected event's detail, or what the stream means (its entities, its shapes).

export type SideTab = 'event' | 'entities' | 'shapes';

/** `?side=entities` opens the page on the Entities view (with its scrubber), `?side=shapes` on the Shapes summary. */
const initialTab = (): SideTab => {
  const side = typeof location !== 'undefined' ? new URLSearchParams(location.search).get('side') : null;
  return side === 'entities' || side === 'shapes' ? side : 'event';
};

export const useSide = create<{ tab: SideTab }>()(() => ({ tab: initialTab() }));
if (useSide.getState().tab === 'entities') useTimeline.setState({ open: true });

export function openSideTab(tab: SideTab): void {
  useSide.setState({ tab });
  // Entities are read through time: the scrubber comes with them.
  if (tab === 'entities') useTimeline.setState({ open: true });
}

const TABS: { id: SideTab; label: string; title: string }[] = [
  { id: 'event', label: 'Event', title: 'The selected event: its tree, raw frame and dialect tabs' },
  { id: 'entities', label: 'Entities', title: 'What the events are about (machines, containers, assets…), as of the time scrubber' },
  { id: 'shapes', label: 'Shapes', title: 'Each event type’s fields: how often each appears and with which value types' },
];

export function SidePanel() {
  const tab = useSide((s) => s.tab);
  return (
    <div className="side">
      <div role="tablist" aria-label="Side pane" className="tabs side-tabs">
        {TABS.map((t) => (
          <button type="button" role="tab" key={t.id} id={`side-tab-${t.id}`} aria-selected={tab === t.id} aria-controls="side-panel" title={t.title} onClick={() => openSideTab(t.id)}>
            {t.label}
          </button>
        ))}
      </div>
      <div className="side-body" id="side-panel" role="tabpanel" aria-labelledby={`side-tab-${tab}`}>
        {tab === 'event' ? (
          <EventDetail />
        ) : tab === 'shapes' ? (
          <ErrorBoundary what="The Shapes summary" resetKey={tab}>
            <ShapesPanel />
          </ErrorBoundary>
        ) : (
          <ErrorBoundary what="The Entities view" resetKey={tab}>
            <EntitiesPanel />
          </ErrorBoundary>
        )}
      </div>
    </div>
  );
}
