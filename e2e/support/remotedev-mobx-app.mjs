#!/usr/bin/env node
/* global process, console, setInterval */
// A MobX 5 store instrumented with mobx-remotedev 0.3.6 (remotedev 0.2.9's connect(), SocketCluster client 13,
// protocol 1), for the e2e tests. Its INIT announces the store's methods; the monitor calls them.
//   GET /state -> the store as plain data (mobx.toJS)
// Usage: node remotedev-mobx-app.mjs --legacy <test-peers/legacy> --server-port 28000 --http-port 28010 [--name MobxStore]
// Library faults worked around here:
// - remotedev 0.2.9 adds no 'error' listener to its socket, so the first socket error (on @redux-devtools/cli 5 a
//   protocol-1 client is dropped with "Client pong timed out" about 30 s after connecting) is an unhandled 'error'
//   event and the Node process dies. The socket is given a listener here (remotedev reads create() from this module).
// - mobx-remotedev 0.3.6 must wrap the store's class (it reads the methods two prototypes up: wrapping an instance
//   announces Object.prototype's), and that class must be an ES5 constructor (see TodoStore).
// - mobx-remotedev only instruments when NODE_ENV is 'development' (or a browser extension exists).
import http from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';

const args = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const dir = arg('legacy', '');
if (!dir) throw new Error('--legacy <dir> (test-peers/legacy) is required');
const serverPort = Number(arg('server-port', 8000));
const httpPort = Number(arg('http-port', 0));
const name = arg('name', 'MobxStore');
process.env.NODE_ENV = 'development';

const req = createRequire(path.join(path.resolve(dir), 'package.json'));
const sc = createRequire(req.resolve('remotedev'))('socketcluster-client');
const create = sc.create;
sc.create = sc.connect = (o) => {
  const socket = create({ ...o, autoReconnectOptions: { initialDelay: 300, randomness: 300, multiplier: 1.3, maxDelay: 1500 } });
  socket.on('error', (e) => console.error(`socket error (kept alive): ${e.message}`));
  return socket;
};
const mobx = req('mobx');
const remotedev = req('mobx-remotedev');

// An ES5 constructor, not a class: mobx-remotedev 0.3.6 is compiled to ES5 and its class wrapper calls the wrapped
// constructor without `new`, which an ES class refuses ("Class constructor cannot be invoked without 'new'").
function TodoStore() {
  this.count = 0;
  this.todos = [];
}
// No default parameters: remotedev-utils' get-params lists a method with one as having none.
TodoStore.prototype.increment = function increment(by) {
  this.count += by === undefined ? 1 : Number(by);
};
TodoStore.prototype.addTodo = function addTodo(text) {
  this.todos.push(String(text));
};
mobx.decorate(TodoStore, { count: mobx.observable, todos: mobx.observable, increment: mobx.action, addTodo: mobx.action });
// Wrapped as a class (mobx-remotedev's decorator form): it reads the store's methods from the class it wraps
// (remotedev-utils getMethods looks two prototypes up), so wrapping an instance would announce Object.prototype's.
const Instrumented = remotedev(TodoStore, { remote: true, hostname: '127.0.0.1', port: serverPort, name, onlyActions: true });
const store = new Instrumented();

const server = http.createServer((request, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(mobx.toJS(store)));
});
server.listen(httpPort, '127.0.0.1', () => console.log(`remotedev-mobx-app ready http://127.0.0.1:${server.address().port}`));
const stop = () => process.exit(0);
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
const parent = process.ppid;
setInterval(() => process.ppid !== parent && stop(), 500).unref();
