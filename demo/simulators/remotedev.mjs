// A Redux DevTools remote server plus a demo app that uses it (see shared/protocols/remotedev.md).
//   ws://host:8000/socketcluster/    SocketCluster 20 (protocol 2) with @redux-devtools/cli 5's relay rules:
//                                    login('master') -> "respond", anything else -> "log"; transmits on log/respond/
//                                    sc-<id> are published on that channel, log-noid as {id,data} on log; a socket
//                                    that disconnects publishes {id,type:"DISCONNECTED"} on the other side's channel.
//   GET http://host:8000/            a one-line text page saying what this is
// The bundled app is a counter + todo Redux store instrumented with @redux-devtools/remote 1.0, dispatching
// continuously (--remotedev-rate actions/s, default 2; --remotedev-apps N starts N apps, default 1).
import http from 'node:http';
import socketClusterServer from 'socketcluster-server';
import { createStore, combineReducers } from 'redux';
import scc from 'socketcluster-client';

export const id = 'remotedev';
export const describe = 'Redux DevTools server (SocketCluster, @redux-devtools/cli relay) + a demo counter/todo app';
export const defaultPorts = { sc: 8000 };

/** The relay of @redux-devtools/cli 5 (dist/index.js), minus its report database. */
export function attachRelay(agServer) {
  agServer.setMiddleware(agServer.MIDDLEWARE_INBOUND, async (stream) => {
    for await (const action of stream) {
      if (action.type === action.TRANSMIT) {
        const channel = action.receiver;
        if (channel.startsWith('sc-') || channel === 'respond' || channel === 'log') void agServer.exchange.transmitPublish(channel, action.data);
        else if (channel === 'log-noid') void agServer.exchange.transmitPublish('log', { id: action.socket.id, data: action.data });
      } else if (action.type === action.SUBSCRIBE && action.channel === 'report') {
        void agServer.exchange.transmitPublish('report', { type: 'list', data: [] });
      }
      action.allow();
    }
  });
  void (async () => {
    for await (const { socket } of agServer.listener('connection')) {
      let channelToEmit;
      void (async () => {
        for await (const request of socket.procedure('login')) {
          const master = request.data === 'master';
          channelToEmit = master ? 'log' : 'respond';
          request.end(master ? 'respond' : 'log');
        }
      })();
      void (async () => {
        for await (const request of socket.procedure('getReport')) request.end(undefined);
      })();
      void (async () => {
        for await (const _ of socket.listener('disconnect')) {
          if (channelToEmit) void agServer.exchange.transmitPublish(channelToEmit, { id: socket.id, type: 'DISCONNECTED' });
        }
      })();
    }
  })();
}

const counter = (state = { count: 0, step: 1 }, action) => {
  switch (action.type) {
    case 'INCREMENT':
      return { ...state, count: state.count + (Number(action.by) || state.step) };
    case 'DECREMENT':
      return { ...state, count: state.count - (Number(action.by) || state.step) };
    case 'SET_STEP':
      return { ...state, step: Number(action.step) || 1 };
    default:
      return state;
  }
};
const todos = (state = [], action) => {
  switch (action.type) {
    case 'ADD_TODO':
      return [...state.slice(-19), { id: action.id, text: String(action.text ?? ''), done: false, at: new Date(action.at ?? 0) }];
    case 'TOGGLE_TODO':
      return state.map((t) => (t.id === action.id ? { ...t, done: !t.done } : t));
    default:
      return state;
  }
};
const WORDS = ['buy milk', 'write tests', 'ship it', 'review PR', 'call Ann', 'fix flaky test', 'read notes', 'water plants'];

/** Starts one demo app. Its socket is captured while the store is created, so close() can disconnect it. */
export async function startDemoApp({ port, name, rate }) {
  const { devToolsEnhancer } = await import('@redux-devtools/remote');
  // @redux-devtools/remote calls socketcluster-client's create() synchronously while the store is built; wrap it for
  // that moment only, to keep the socket (the library exposes no way to stop it).
  const create = scc.create;
  let socket;
  scc.create = (o) => (socket = create({ ...o, autoReconnectOptions: { initialDelay: 500, randomness: 500, multiplier: 1.5, maxDelay: 5000 } }));
  const actionCreators = {
    increment: (by) => ({ type: 'INCREMENT', by }),
    addTodo: (text) => ({ type: 'ADD_TODO', id: Date.now(), text, at: Date.now() }),
    setStep: (step) => ({ type: 'SET_STEP', step }),
  };
  const store = createStore(
    combineReducers({ counter, todos }),
    devToolsEnhancer({ name, realtime: true, hostname: '127.0.0.1', port, maxAge: 200, actionCreators, suppressConnectErrors: true }),
  );
  scc.create = create;
  let n = 0;
  const tick = () => {
    n++;
    const r = n % 7;
    if (r === 3) store.dispatch(actionCreators.addTodo(WORDS[n % WORDS.length]));
    else if (r === 5) {
      const open = store.getState().todos.filter((t) => !t.done);
      if (open.length) store.dispatch({ type: 'TOGGLE_TODO', id: open[0].id });
      else store.dispatch({ type: 'DECREMENT' });
    } else store.dispatch({ type: 'INCREMENT', by: (n % 3) + 1 });
  };
  const timer = rate > 0 ? setInterval(tick, Math.max(1, Math.round(1000 / rate))) : undefined;
  return {
    store,
    stop() {
      clearInterval(timer);
      socket?.disconnect();
      socket?.killAllListeners?.();
    },
  };
}

export async function start({ host, ports, args, log }) {
  const httpServer = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('streamscope remotedev demo: SocketCluster on /socketcluster/ with the @redux-devtools/cli relay\n');
  });
  const agServer = socketClusterServer.attach(httpServer, { allowClientPublish: false });
  attachRelay(agServer);
  await new Promise((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(ports.sc, host, resolve);
  });
  const rate = Number(args['remotedev-rate'] ?? 2);
  const count = Math.max(0, Number(args['remotedev-apps'] ?? 1));
  const apps = [];
  for (let i = 0; i < count; i++) apps.push(await startDemoApp({ port: ports.sc, name: count === 1 ? 'Demo counter & todos' : `Demo app ${i + 1}`, rate }));
  if (count) log(`${count} demo app${count === 1 ? '' : 's'} dispatching ${rate} actions/s`);
  return {
    urls: { sc: `ws://${host}:${ports.sc}/socketcluster/` },
    async close() {
      for (const a of apps) a.stop();
      await agServer.close();
      httpServer.closeAllConnections?.();
      await new Promise((r) => httpServer.close(() => r()));
    },
  };
}
