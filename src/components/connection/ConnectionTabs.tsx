import { useStore } from '../../store';
import { dialects } from '../../dialects/registry';
import { disconnect } from '../../store/sessions';

/** One tab per connection; all of them feed the same timeline. */
export function ConnectionTabs() {
  const connections = useStore((s) => s.connections);
  const activeConnId = useStore((s) => s.activeConnId);
  const statuses = useStore((s) => s.statuses);
  const setActive = useStore((s) => s.setActiveConnection);
  const add = useStore((s) => s.addConnection);
  const remove = useStore((s) => s.removeConnection);
  return (
    <nav className="conn-tabs" aria-label="Connections">
      <div role="tablist" aria-label="Connections">
        {connections.map((c) => (
          <span key={c.id} className={`conn-tab${c.id === activeConnId ? ' active' : ''}`}>
            <button type="button" role="tab" aria-selected={c.id === activeConnId} onClick={() => setActive(c.id)} title={`${c.name} (${c.dialect})`}>
              <span className={`dot status-${statuses[c.id]?.phase ?? 'idle'}`} aria-hidden="true" />
              {c.name}
            </button>
            {connections.length > 1 && (
              <button
                type="button"
                className="close-tab"
                aria-label={`Remove connection ${c.name}`}
                title="Disconnect and remove this connection (its events stay in the table)"
                onClick={() => {
                  disconnect(c.id);
                  remove(c.id);
                }}
              >
                ×
              </button>
            )}
          </span>
        ))}
      </div>
      <button
        type="button"
        className="add-conn"
        aria-label="Add connection"
        title="Add another connection; its events share the timeline"
        onClick={() => {
          const d = dialects[0];
          const id = add({ name: `${d.id} ${connections.length + 1}`, dialect: d.id, endpoint: d.defaultEndpoint, settings: {}, autoReconnect: true });
          setActive(id);
        }}
      >
        +
      </button>
    </nav>
  );
}
