import { useStore } from '../store';
import { getSession } from '../store/sessions';
import { ConnectionTabs } from '../components/connection/ConnectionTabs';
import { ConnectionBar } from '../components/connection/ConnectionBar';
import { EventStatusBar, EventToolbar } from '../components/events/EventToolbar';
import { EventTable } from '../components/events/EventTable';
import { SidePanel } from '../components/side/SidePanel';
import { Timeline, TimelineToggle } from '../components/timeline/Timeline';
import { KeepAliveBadge } from '../components/timeline/KeepAliveBadge';
import { SendBox } from '../components/send/SendBox';
import { dialectUi } from '../components/dialects/registry';
import { ErrorBoundary } from '../components/common/ErrorBoundary';
import { SavedConnectionsMenu, SecretPrompt, ShareLinkButton, ShortcutsHelp } from '../components/settings';
import { HistoryMenu } from '../components/history/HistoryMenu';

function DialectPanel() {
  const conn = useStore((s) => s.connections.find((c) => c.id === s.activeConnId));
  const epoch = useStore((s) => (conn ? s.sessionEpochs[conn.id] : 0));
  if (!conn) return null;
  const Panel = dialectUi[conn.dialect]?.Panel;
  if (!Panel) return null;
  return (
    <section className="dialect-panel" aria-label={`${conn.dialect} controls`}>
      <ErrorBoundary what={`The ${conn.dialect} panel`} resetKey={`${conn.id}:${epoch}`}>
        <Panel connId={conn.id} session={getSession(conn.id)} />
      </ErrorBoundary>
    </section>
  );
}

export function App() {
  const hasSelection = useStore((s) => s.selectedSeq !== null);
  return (
    <div className="app">
      <header className="app-head">
        <h1 className="brand">
          <img src="./favicon.svg" alt="" width={16} height={16} /> streamscope
        </h1>
        <ConnectionTabs />
        <div className="settings-tools">
          <HistoryMenu />
          <SavedConnectionsMenu />
          <ShareLinkButton />
          <ShortcutsHelp />
        </div>
      </header>
      <ConnectionBar />
      <DialectPanel />
      {/* A landmark around the toolbar, so no content lies outside one (screen readers jump between landmarks). */}
      <section className="toolbar-region" aria-label="Event toolbar">
        <EventToolbar>
          <TimelineToggle />
          <KeepAliveBadge />
        </EventToolbar>
      </section>
      <Timeline />
      <main className={`main${hasSelection ? ' with-detail' : ''}`}>
        <EventTable />
        <SidePanel />
      </main>
      <EventStatusBar />
      <SendBox />
      <SecretPrompt />
    </div>
  );
}
