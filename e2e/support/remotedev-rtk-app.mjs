#!/usr/bin/env node
/* global console, URL */
// A real Redux Toolkit app whose store holds an RTK Query API slice, instrumented with @redux-devtools/remote 1.0,
// for the RTK Query journey. @reduxjs/toolkit comes from test-peers/current (a test peer, not an app dependency).
// Its API (reducerPath "api", tag type "Todo") fetches from this same process over loopback HTTP:
//   GET  /api/todos, GET /api/todos/:id (404 for an unknown id), POST /api/todos {text}
// and the test drives it through:
//   POST /query?endpoint=getTodos|getTodo&arg=<JSON>  -> dispatches the endpoint's initiate(arg) (a subscription that
//                                                        stays), answers when the request settled
//   POST /mutate?text=…                               -> runs addTodo(text), answers when it settled
//   GET  /state                                       -> the store's state
//   GET  /lifted                                      -> how many actions the instrument holds
// Usage: node remotedev-rtk-app.mjs --server-port 28000 --http-port 28010 [--name RtkApp]
import http from 'node:http';
import { CURRENT_DIR, requireFrom } from '../../test-peers/paths.mjs';
import { devToolsEnhancer } from '@redux-devtools/remote';
import { exitWithParent, flag, sendJson as send } from './peerProcess.mjs';

const serverPort = Number(flag('server-port', 8000));
const httpPort = Number(flag('http-port', 0));
const name = flag('name', 'RtkApp');

const req = requireFrom(CURRENT_DIR);
const { configureStore } = req('@reduxjs/toolkit');
const { createApi, fetchBaseQuery } = req('@reduxjs/toolkit/query');

const api = createApi({
  reducerPath: 'api',
  baseQuery: fetchBaseQuery({ baseUrl: `http://127.0.0.1:${httpPort}/api/` }),
  tagTypes: ['Todo'],
  endpoints: (build) => ({
    getTodos: build.query({ query: () => 'todos', providesTags: (r) => [...(r ?? []).map((t) => ({ type: 'Todo', id: t.id })), { type: 'Todo', id: 'LIST' }] }),
    getTodo: build.query({ query: (id) => `todos/${id}`, providesTags: (_r, _e, id) => [{ type: 'Todo', id }] }),
    addTodo: build.mutation({ query: (text) => ({ url: 'todos', method: 'POST', body: { text } }), invalidatesTags: [{ type: 'Todo', id: 'LIST' }] }),
  }),
});

const store = configureStore({
  reducer: { [api.reducerPath]: api.reducer },
  middleware: (getDefault) => getDefault().concat(api.middleware),
  devTools: false,
  enhancers: (getDefault) => getDefault().concat(devToolsEnhancer({ name, realtime: true, hostname: '127.0.0.1', port: serverPort, maxAge: 200 })),
});

const todos = [
  { id: 1, text: 'write the test', done: true },
  { id: 2, text: 'run it', done: false },
];

const server = http.createServer((rq, res) => {
  const url = new URL(rq.url, 'http://127.0.0.1');
  let body = '';
  rq.on('data', (c) => (body += c));
  rq.on('end', async () => {
    const p = url.pathname;
    if (rq.method === 'GET' && p === '/api/todos') return send(res, 200, todos);
    const one = /^\/api\/todos\/(\d+)$/.exec(p);
    if (rq.method === 'GET' && one) {
      const t = todos.find((x) => x.id === Number(one[1]));
      return t ? send(res, 200, t) : send(res, 404, { error: `no todo ${one[1]}` });
    }
    if (rq.method === 'POST' && p === '/api/todos') {
      const t = { id: todos.length + 1, text: String(JSON.parse(body || '{}').text ?? ''), done: false };
      todos.push(t);
      return send(res, 201, t);
    }
    if (rq.method === 'POST' && p === '/query') {
      const endpoint = api.endpoints[url.searchParams.get('endpoint') ?? ''];
      if (!endpoint?.initiate) return send(res, 404, { error: 'no such endpoint' });
      const a = url.searchParams.get('arg');
      const r = await store.dispatch(endpoint.initiate(a === null ? undefined : JSON.parse(a)));
      return send(res, 200, { status: r.status, data: r.data ?? null, error: r.error ?? null });
    }
    if (rq.method === 'POST' && p === '/mutate') {
      const r = await store.dispatch(api.endpoints.addTodo.initiate(url.searchParams.get('text') ?? ''));
      return send(res, 200, r);
    }
    if (rq.method === 'GET' && p === '/state') return send(res, 200, store.getState());
    if (rq.method === 'GET' && p === '/lifted') return send(res, 200, { staged: store.liftedStore.getState().stagedActionIds.length });
    send(res, 404, { error: 'not found' });
  });
});
server.listen(httpPort, '127.0.0.1', () => console.log(`remotedev-rtk-app ready http://127.0.0.1:${server.address().port}`));
exitWithParent();
