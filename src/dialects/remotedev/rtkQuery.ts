// RTK Query API slices read out of an app's state, the way @redux-devtools/rtk-query-monitor reads them: a slice is a
// top-level value with `queries`, `mutations`, `provided`, `subscriptions` and `config` objects (what createApi's
// reducer keeps under its reducerPath). Pure data: the queries and mutations with their status, endpoint, arguments,
// timing and data, the tags each query provides, and how many subscribers each query has.

/** A provided tag: `{type: 'Todo', id: 2}`; a tag without an id stands for the whole type. */
export interface RtkTag {
  type: string;
  id?: string;
}

export interface RtkRequest {
  kind: 'query' | 'mutation';
  /** The cache key ("getTodo(2)") for a query; the request id (or fixedCacheKey) for a mutation. */
  key: string;
  endpoint: string;
  status: string;
  args: unknown;
  requestId?: string;
  /** The app's clock (ms since the epoch). */
  startedAt?: number;
  fulfilledAt?: number;
  /** fulfilledAt - startedAt, when both are known. */
  durationMs?: number;
  data?: unknown;
  error?: unknown;
  /** Queries: the components (or initiate() calls) subscribed to it now, by request id, with their options. */
  subscribers: { id: string; options: unknown }[];
  /** Queries: the tags it provides. */
  tags: RtkTag[];
}

export interface RtkApi {
  reducerPath: string;
  queries: RtkRequest[];
  mutations: RtkRequest[];
  /** Every provided tag with the queries that provide it. */
  tags: (RtkTag & { queries: string[] })[];
  config: Record<string, unknown>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const SLICE_KEYS = ['queries', 'mutations', 'provided', 'subscriptions', 'config'] as const;
/** What createApi's reducer uses for a tag given without an id (rtk-query-monitor's missingTagId). */
const NO_ID = '__internal_without_id';

export function isApiSlice(v: unknown): boolean {
  return isObject(v) && SLICE_KEYS.every((k) => isObject(v[k]));
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown, dflt = '') => (typeof v === 'string' ? v : v === undefined || v === null ? dflt : String(v));

/** `provided` is `{tags: {Type: {id: keys[]}}, keys}` since RTK 2.6.2, and `{Type: {id: keys[]}}` before. */
function providedTags(provided: Record<string, unknown>): Record<string, unknown> {
  return isObject(provided.tags) && isObject(provided.keys) ? provided.tags : provided;
}

function request(kind: RtkRequest['kind'], key: string, s: Record<string, unknown>): RtkRequest {
  const startedAt = num(s.startedTimeStamp);
  const fulfilledAt = num(s.fulfilledTimeStamp);
  return {
    kind,
    key,
    endpoint: str(s.endpointName, '(unknown endpoint)'),
    status: str(s.status, 'uninitialized'),
    args: s.originalArgs,
    requestId: typeof s.requestId === 'string' ? s.requestId : undefined,
    startedAt,
    fulfilledAt,
    durationMs: startedAt !== undefined && fulfilledAt !== undefined ? fulfilledAt - startedAt : undefined,
    data: s.data,
    error: s.error,
    subscribers: [],
    tags: [],
  };
}

/** Every RTK Query API slice at the top of `state`, in key order; [] when there is none. */
export function findRtkApis(state: unknown): RtkApi[] {
  if (!isObject(state)) return [];
  const out: RtkApi[] = [];
  for (const [reducerPath, slice] of Object.entries(state)) {
    if (!isApiSlice(slice)) continue;
    const s = slice as Record<(typeof SLICE_KEYS)[number], Record<string, unknown>>;
    const queries = new Map<string, RtkRequest>();
    for (const [key, q] of Object.entries(s.queries)) if (isObject(q)) queries.set(key, request('query', key, q));
    const mutations: RtkRequest[] = [];
    for (const [key, m] of Object.entries(s.mutations)) if (isObject(m)) mutations.push(request('mutation', key, m));
    for (const [key, subs] of Object.entries(s.subscriptions)) {
      const q = queries.get(key);
      if (q && isObject(subs)) q.subscribers = Object.entries(subs).map(([id, options]) => ({ id, options }));
    }
    const tags: RtkApi['tags'] = [];
    for (const [type, ids] of Object.entries(providedTags(s.provided))) {
      if (!isObject(ids)) continue;
      for (const [id, keys] of Object.entries(ids)) {
        const list = Array.isArray(keys) ? keys.map((k) => str(k)) : [];
        const tag: RtkTag = id === NO_ID ? { type } : { type, id };
        tags.push({ ...tag, queries: list });
        for (const k of list) queries.get(k)?.tags.push(tag);
      }
    }
    out.push({ reducerPath, queries: [...queries.values()], mutations, tags, config: s.config });
  }
  return out;
}

/** "Todo:2", or "Todo" for a tag without an id. */
export const tagText = (t: RtkTag) => (t.id === undefined ? t.type : `${t.type}:${t.id}`);

/** Counts for a one-line summary. */
export function apiCounts(a: RtkApi) {
  const by = (list: RtkRequest[], status: string) => list.filter((r) => r.status === status).length;
  return {
    queries: a.queries.length,
    mutations: a.mutations.length,
    pending: by(a.queries, 'pending') + by(a.mutations, 'pending'),
    rejected: by(a.queries, 'rejected') + by(a.mutations, 'rejected'),
    subscriptions: a.queries.reduce((n, q) => n + q.subscribers.length, 0),
    tags: a.tags.length,
  };
}
