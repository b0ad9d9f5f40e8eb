import { useMemo, useState } from 'react';
import type { Session, StreamEvent } from '../../../dialects/types';
import { apiCounts, findRtkApis, tagText, type RtkApi, type RtkRequest } from '../../../dialects/remotedev';
import { formatTime } from '../../../lib/format';
import { JsonTree } from '../../events/JsonTree';
import { useDetail } from './InspectorTabs';
import { typedShape, typedText } from './typedValue';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The RTK Query API slices in the state after the selected action, as @redux-devtools/rtk-query-monitor shows them:
 * queries and mutations with status, endpoint, arguments, timing, subscribers, tags and data. The chosen request
 * stays chosen while the selection moves through the actions, so its history can be followed.
 */
export function RtkQueryTab({ event, session }: { event: StreamEvent; session: Session | undefined }) {
  const { detail } = useDetail(event, session);
  const state = detail && !detail.committed ? detail.state : undefined;
  const apis = useMemo(() => findRtkApis(state), [state]);
  const [path, setPath] = useState<string>();
  const [chosen, setChosen] = useState<string>();
  const [filter, setFilter] = useState('');
  if (!detail || detail.committed) return <p className="note">The app no longer holds this action's state.</p>;
  if (detail.loading) return <p className="note" role="status">Loading the state…</p>;
  if (!apis.length) {
    return (
      <p className="note">
        No RTK Query API in this state. An API made with createApi shows here once its reducer is in the store under its reducerPath (its queries, mutations, provided,
        subscriptions and config).
      </p>
    );
  }
  const api = apis.find((a) => a.reducerPath === path) ?? apis[0];
  const f = filter.trim().toLowerCase();
  const requests = [...api.queries, ...api.mutations]
    .filter((r) => !f || r.key.toLowerCase().includes(f) || r.endpoint.toLowerCase().includes(f))
    .sort((a, b) => (b.startedAt ?? 0) - (a.startedAt ?? 0));
  const current = requests.find((r) => r.key === chosen) ?? requests[0];
  const n = apiCounts(api);
  return (
    <div className="rd-rtk">
      <div className="rd-row rd-rtk-head">
        {apis.length > 1 && (
          <select aria-label="RTK Query API" value={api.reducerPath} onChange={(e) => setPath(e.target.value)}>
            {apis.map((a) => (
              <option key={a.reducerPath}>{a.reducerPath}</option>
            ))}
          </select>
        )}
        <span className="rd-dim" aria-label="RTK Query summary">
          <code>{api.reducerPath}</code> after this action: {plural(n.queries, 'query', 'queries')}, {plural(n.mutations, 'mutation')}
          {n.pending ? `, ${n.pending} pending` : ''}
          {n.rejected ? `, ${n.rejected} rejected` : ''}, {plural(n.subscriptions, 'subscription')}, {plural(n.tags, 'tag')}
        </span>
        <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="Filter by endpoint or cache key" aria-label="Filter queries and mutations" />
      </div>
      <table className="rd-rtk-list" aria-label="Queries and mutations">
        <thead>
          <tr>
            <th scope="col">Request</th>
            <th scope="col">Status</th>
            <th scope="col">Duration</th>
            <th scope="col" title="Subscribers">Subs</th>
          </tr>
        </thead>
        <tbody>
          {requests.map((r) => (
            <tr key={`${r.kind}:${r.key}`} className={r === current ? 'selected' : undefined}>
              <td>
                <button type="button" aria-pressed={r === current} onClick={() => setChosen(r.key)} title={`Show ${r.kind} ${r.key}`}>
                  {r.kind === 'query' ? r.key : `${r.endpoint} (mutation)`}
                </button>
              </td>
              <td>
                <span className={`rd-rtk-status rd-rtk-${r.status}`}>{r.status}</span>
              </td>
              <td className="num">{r.durationMs !== undefined ? `${r.durationMs} ms` : ''}</td>
              <td className="num">{r.kind === 'query' ? r.subscribers.length : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {requests.length === 0 && <p className="note">Nothing matches the filter.</p>}
      {current && <RequestDetail r={current} />}
      <TagList api={api} />
    </div>
  );
}

function RequestDetail({ r }: { r: RtkRequest }) {
  return (
    <section className="rd-rtk-detail" aria-label={`${r.kind === 'query' ? 'Query' : 'Mutation'} ${r.key}`}>
      <dl>
        <dt>Endpoint</dt>
        <dd>
          <code>{r.endpoint}</code> ({r.kind})
        </dd>
        <dt>Status</dt>
        <dd>{r.status}</dd>
        <dt>Arguments</dt>
        <dd>
          <code>{r.args === undefined ? 'none' : typedText(r.args, 300)}</code>
        </dd>
        <dt>Started</dt>
        <dd>{r.startedAt !== undefined ? formatTime(r.startedAt) : '–'}</dd>
        <dt>Finished</dt>
        <dd>{r.fulfilledAt !== undefined ? `${formatTime(r.fulfilledAt)}${r.durationMs !== undefined ? ` (${r.durationMs} ms)` : ''}` : r.status === 'pending' ? 'still running' : '–'}</dd>
        {r.kind === 'query' && (
          <>
            <dt>Subscribers</dt>
            <dd>{r.subscribers.length ? r.subscribers.map((s) => `${s.id}${typedText(s.options, 80) === '{}' ? '' : ` ${typedText(s.options, 80)}`}`).join(', ') : 'none (the data is kept until keepUnusedDataFor runs out)'}</dd>
            <dt>Tags</dt>
            <dd>{r.tags.length ? r.tags.map(tagText).join(', ') : 'none'}</dd>
          </>
        )}
        {r.requestId && (
          <>
            <dt>Request id</dt>
            <dd>
              <code>{r.requestId}</code>
            </dd>
          </>
        )}
      </dl>
      {r.error !== undefined && (
        <>
          <p className="rd-rtk-part">Error</p>
          <JsonTree value={r.error} shape={typedShape} label="Error" />
        </>
      )}
      {r.data !== undefined && (
        <>
          <p className="rd-rtk-part">Data</p>
          <JsonTree value={r.data} shape={typedShape} label="Data" />
        </>
      )}
    </section>
  );
}

function TagList({ api }: { api: RtkApi }) {
  if (!api.tags.length) return null;
  return (
    <details className="rd-rtk-tags">
      <summary>Provided tags ({api.tags.length})</summary>
      <table aria-label="Provided tags">
        <thead>
          <tr>
            <th scope="col">Tag</th>
            <th scope="col">Provided by</th>
          </tr>
        </thead>
        <tbody>
          {api.tags.map((t) => (
            <tr key={tagText(t)}>
              <td>
                <code>{tagText(t)}</code>
              </td>
              <td>{t.queries.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
