import { describe, expect, it } from 'vitest';
import { CURRENT_DIR, peersReady, requireFrom } from '../../../test-peers/paths.mjs';
import { apiCounts, findRtkApis, isApiSlice, tagText } from './rtkQuery';

// The state is read from a real RTK Query store (@reduxjs/toolkit is a test peer in test-peers/current, installed
// by `npm test` before the unit tests run).
const haveToolkit = peersReady(CURRENT_DIR);

async function realApiState() {
  const req = requireFrom(CURRENT_DIR);
  const { configureStore } = req('@reduxjs/toolkit');
  const { createApi, fakeBaseQuery } = req('@reduxjs/toolkit/query');
  const todos = [{ id: 1, text: 'a' }];
  const api = createApi({
    reducerPath: 'todoApi',
    baseQuery: fakeBaseQuery(),
    tagTypes: ['Todo'],
    endpoints: (b: { query(o: object): unknown; mutation(o: object): unknown }) => ({
      list: b.query({ queryFn: () => ({ data: todos }), providesTags: [{ type: 'Todo', id: 'LIST' }, 'Todo'] }),
      one: b.query({ queryFn: (id: number) => (id === 1 ? { data: todos[0] } : { error: { status: 404 } }), providesTags: (_r: unknown, _e: unknown, id: number) => [{ type: 'Todo', id }] }),
      add: b.mutation({ queryFn: (text: string) => ({ data: { id: 2, text } }), invalidatesTags: [{ type: 'Todo', id: 'LIST' }] }),
    }),
  });
  const store = configureStore({ reducer: { other: (s = 1) => s, [api.reducerPath]: api.reducer }, middleware: (g: () => { concat(m: unknown): unknown }) => g().concat(api.middleware) });
  await store.dispatch(api.endpoints.list.initiate(undefined));
  await store.dispatch(api.endpoints.one.initiate(1));
  await store.dispatch(api.endpoints.one.initiate(7));
  await store.dispatch(api.endpoints.add.initiate('b'));
  // Subscriptions reach the state in a batch, a while after the requests.
  for (let t = 0; t < 40 && Object.keys(store.getState().todoApi.subscriptions).length < 3; t++) await new Promise((r) => setTimeout(r, 100));
  return store.getState();
}

describe('findRtkApis', () => {
  it.skipIf(!haveToolkit)('reads queries, mutations, tags and subscriptions from a real RTK Query store', async () => {
    const [api, ...more] = findRtkApis(await realApiState());
    expect(more).toEqual([]);
    expect(api.reducerPath).toBe('todoApi');
    const byKey = Object.fromEntries(api.queries.map((q) => [q.key, q]));
    expect(byKey['list(undefined)']).toMatchObject({ endpoint: 'list', status: 'fulfilled', data: [{ id: 1, text: 'a' }] });
    expect(byKey['one(1)']).toMatchObject({ endpoint: 'one', status: 'fulfilled', args: 1 });
    expect(byKey['one(7)']).toMatchObject({ status: 'rejected', error: { status: 404 } });
    expect(byKey['one(1)'].durationMs).toBeGreaterThanOrEqual(0);
    expect(byKey['one(1)'].subscribers).toHaveLength(1);
    expect(byKey['list(undefined)'].tags.map(tagText).sort()).toEqual(['Todo', 'Todo:LIST']);
    expect(api.mutations).toHaveLength(1);
    expect(api.mutations[0]).toMatchObject({ kind: 'mutation', endpoint: 'add', status: 'fulfilled', data: { id: 2, text: 'b' } });
    expect(api.tags.find((t) => t.id === '1')?.queries).toEqual(['one(1)']);
    expect(apiCounts(api)).toMatchObject({ queries: 3, mutations: 1, rejected: 1, subscriptions: 3 });
  });

  it('reads the provided tags of RTK before 2.6.2 (no tags/keys level), and ignores what is not a slice', () => {
    const slice = {
      queries: { 'get(1)': { status: 'pending', endpointName: 'get', originalArgs: 1, startedTimeStamp: 10 } },
      mutations: {},
      provided: { Post: { 1: ['get(1)'] } },
      subscriptions: { 'get(1)': { r1: { pollingInterval: 5000 } } },
      config: { reducerPath: 'posts' },
    };
    const [api] = findRtkApis({ posts: slice, notApi: { queries: {} }, n: 3 });
    expect(api.queries[0]).toMatchObject({ status: 'pending', durationMs: undefined, tags: [{ type: 'Post', id: '1' }], subscribers: [{ id: 'r1', options: { pollingInterval: 5000 } }] });
    expect(findRtkApis({ notApi: { queries: {} } })).toEqual([]);
    expect(findRtkApis(null)).toEqual([]);
    expect(isApiSlice({ ...slice, config: null })).toBe(false);
  });
});
