#!/usr/bin/env node
/* global process, console, setInterval, clearInterval, setImmediate, URL */
// A real Redux app instrumented with @redux-devtools/remote 1.0, for the e2e tests and the benchmark. It exposes its
// current state on a loopback HTTP endpoint so a test can check what time travel and remote dispatch really did:
//   GET  /state           -> the app's current state (store.getState())
//   GET  /lifted          -> a summary of the instrument's lifted state (ids, types, timestamps, current index)
//   POST /dispatch        -> dispatches the JSON body as an action (?cycle=1: the action gets `self`, itself;
//                            ?typed=1: a Date `at` and a Set `ids`)
//   POST /burst?n=&size=  -> dispatches n actions as fast as possible (benchmark); size = bytes of state padding
// Usage: node remotedev-app.mjs --server-port 28000 --http-port 28010 [--name TestApp] [--max-age 30]
//        [--interval 0] [--legacy <dir>] [--serialize] [--trace]
// --serialize sends values as Redux DevTools' `serialize` option does (jsan type tags for Map, Set, Date, RegExp,
// Symbol, Error, NaN, ±Infinity and undefined; @redux-devtools/serialize's {__serializedType__, data} for a class).
// @redux-devtools/remote 1.0 takes a `serialize` option but never uses it (relay() calls jsan.stringify without
// options), so the app encodes in stateSanitizer/actionSanitizer, which remote does call; remote applies them to
// STATE messages only when a filter is set, hence an actionsDenylist entry that matches nothing.
// --trace creates the store with trace on: each action carries the stack it was dispatched from.
// --legacy <dir> uses remote-redux-devtools 0.5 + redux 4 + socketcluster-client 14 (protocol 1) installed in <dir> by
// scripts/prepare-test-peers.mjs (test-peers/legacy), instead of @redux-devtools/remote 1.0.
import http from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';

const args = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const serverPort = Number(arg('server-port', 8000));
const httpPort = Number(arg('http-port', 0));
const name = arg('name', 'TestApp');
const maxAge = Number(arg('max-age', 30));
const interval = Number(arg('interval', 0));
const legacy = arg('legacy', '');
const serialize = args.includes('--serialize');
const trace = args.includes('--trace');

// Both libraries reconnect with SocketCluster's defaults (10-20 s); tests restart the server and should not wait
// that long, so shorten the delay. The libraries read create/connect from these same module objects.
const fastReconnect = (o) => ({ ...o, autoReconnectOptions: { initialDelay: 300, randomness: 300, multiplier: 1.3, maxDelay: 1500 } });
let createStore, combineReducers, devToolsEnhancer;
if (legacy) {
  const req = createRequire(path.join(path.resolve(legacy), 'package.json'));
  const sc = req('socketcluster-client');
  const connect = sc.connect;
  sc.connect = sc.create = (o) => connect(fastReconnect(o));
  ({ createStore, combineReducers } = req('redux'));
  devToolsEnhancer = req('remote-redux-devtools').default;
} else {
  const { default: scc } = await import('socketcluster-client');
  const create = scc.create;
  scc.create = (o) => create(fastReconnect(o));
  ({ createStore, combineReducers } = await import('redux'));
  ({ devToolsEnhancer } = await import('@redux-devtools/remote'));
}

let padding = '';
const counter = (state = { count: 0, history: [] }, action) => {
  switch (action.type) {
    case 'ADD':
      return { count: state.count + (Number(action.by) || 1), history: [...state.history.slice(-4), action.by ?? 1] };
    case 'SET':
      return { ...state, count: Number(action.value) || 0 };
    default:
      return state;
  }
};
const todos = (state = [], action) => {
  switch (action.type) {
    case 'TODO_ADD':
      return [...state, { id: state.length + 1, text: String(action.text ?? ''), done: false }];
    case 'TODO_TOGGLE':
      return state.map((t) => (t.id === action.id ? { ...t, done: !t.done } : t));
    default:
      return state;
  }
};
const pad = (state = '', action) => (action.type === 'PAD' ? padding : state);
// TYPES fills `typed` with values JSON cannot carry (see --serialize); Money is a class of the app's own.
class Money {
  constructor(amount, currency) {
    this.amount = amount;
    this.currency = currency;
  }
}
const typed = (state = null, action) =>
  action.type === 'TYPES'
    ? { when: new Date(0), pattern: /ab+c/gi, tag: Symbol('tag'), failure: new Error('boom'), nan: NaN, inf: Infinity, ninf: -Infinity, nothing: undefined, byKey: new Map([['a', 1], [{ id: 1 }, 'object key']]), unique: new Set([1, 'two']), price: new Money(5, 'EUR'), strings: ['NaN', 'Infinity', '[undefined]'], n: action.n ?? 0 }
    : state;
const labelled = (state = null, action) => (action.type === 'LABEL' ? { text: action.text, note: action.note, given: action.given } : state);
// DEEP nests `deep` action.levels levels down (start the app with node --stack-size=7000 to send 20 000).
const deep = (state = null, action) => {
  if (action.type !== 'DEEP') return state;
  const root = {};
  let at = root;
  for (let k = 0; k < Number(action.levels); k++) at = at.next = {};
  return root;
};
// KEEP puts the action itself in the state: with ?cycle=1 that is a circular state.
const kept = (state = null, action) => (action.type === 'KEEP' ? action : state);

const actionCreators = {
  add: (by) => ({ type: 'ADD', by }),
  // How many arguments it got tells whether empty trailing fields were left out (note then defaults).
  label: function label(text, note = 'none') {
    return { type: 'LABEL', text, note, given: arguments.length };
  },
  addTodo: (text) => ({ type: 'TODO_ADD', text }),
  setCount: (value) => ({ type: 'SET', value }),
};

const SERIALIZE = { date: true, regex: true, undefined: true, error: true, symbol: true, map: true, set: true, nan: true, infinity: true };
const { default: jsan } = legacy ? { default: createRequire(path.join(path.resolve(legacy), 'package.json'))('jsan') } : await import('jsan');
const withTypes = (v) => JSON.parse(jsan.stringify(v, (_k, x) => (x instanceof Money ? { __serializedType__: 'Money', data: { ...x } } : x), null, SERIALIZE));
const serializing = serialize ? { stateSanitizer: withTypes, actionSanitizer: withTypes, actionsDenylist: ['@@streamscope/none'] } : {};

const store = createStore(
  combineReducers({ counter, todos, pad, kept, typed, deep, labelled }),
  devToolsEnhancer({ name, realtime: true, hostname: '127.0.0.1', port: serverPort, maxAge, actionCreators, ...serializing, ...(trace ? { trace: true, traceLimit: 25 } : {}) }),
);

let n = 0;
let timer;
if (interval > 0) timer = setInterval(() => store.dispatch({ type: 'ADD', by: (++n % 3) + 1 }), interval);

const send = (res, code, body) => {
  res.writeHead(code, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
  res.end(JSON.stringify(body));
};
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  // `kept` may be circular: only its type goes out.
  const plainState = () => ({ ...store.getState(), kept: store.getState().kept?.type ?? null, deep: store.getState().deep ? 'nested' : null });
  if (req.method === 'GET' && url.pathname === '/state') return send(res, 200, plainState());
  if (req.method === 'GET' && url.pathname === '/lifted') {
    const l = store.liftedStore.getState();
    // Each staged action's type and timestamp too, so a test can compare the monitor's list with the app's own.
    const actions = l.stagedActionIds.map((id) => ({ id, type: l.actionsById[id].action.type, timestamp: l.actionsById[id].timestamp }));
    return send(res, 200, { stagedActionIds: l.stagedActionIds, skippedActionIds: l.skippedActionIds, currentStateIndex: l.currentStateIndex, nextActionId: l.nextActionId, isLocked: l.isLocked, isPaused: l.isPaused, actions });
  }
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    if (req.method === 'POST' && url.pathname === '/dispatch') {
      const action = JSON.parse(body);
      if (url.searchParams.get('cycle')) action.self = action;
      if (url.searchParams.get('typed')) Object.assign(action, { at: new Date(1000), ids: new Set([1, 2]) });
      store.dispatch(action);
      return send(res, 200, plainState());
    }
    if (req.method === 'POST' && url.pathname === '/stop') {
      clearInterval(timer);
      return send(res, 200, { ok: true });
    }
    if (req.method === 'POST' && url.pathname === '/burst') {
      // As fast as it can, yielding every `chunk` dispatches so the socket can write (a real app's event loop does).
      const count = Number(url.searchParams.get('n') ?? 1000);
      const size = Number(url.searchParams.get('size') ?? 0);
      const chunk = Number(url.searchParams.get('chunk') ?? 50);
      padding = 'x'.repeat(size);
      store.dispatch({ type: 'PAD' });
      const startedAt = Date.now();
      let i = 0;
      const step = () => {
        for (const end = Math.min(count, i + chunk); i < end; i++) store.dispatch({ type: 'ADD', by: 1, i });
        if (i < count) setImmediate(step);
        else send(res, 200, { count, startedAt, lastDispatchAt: Date.now() });
      };
      step();
      return;
    }
    send(res, 404, { error: 'not found' });
  });
});
server.listen(httpPort, '127.0.0.1', () => console.log(`remotedev-app ready http://127.0.0.1:${server.address().port}`));
const stop = () => process.exit(0);
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// Die with the test runner: a killed Playwright worker must not leave servers holding the test ports.
const parent = process.ppid;
setInterval(() => process.ppid !== parent && stop(), 500).unref();

