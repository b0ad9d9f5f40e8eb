#!/usr/bin/env node
// `npm start`: the demo stream server (every dialect's simulator, loopback only) plus the app's dev server, opened on
// one connection per dialect. Ctrl+C stops both.
import { spawn } from 'node:child_process';

const children = [
  spawn(process.execPath, ['demo/server.mjs', ...process.argv.slice(2)], { stdio: 'inherit' }),
  spawn(process.execPath, ['node_modules/vite/bin/vite.js', '--host', '127.0.0.1', '--port', '5173'], { stdio: 'inherit' }),
];
setTimeout(() => console.log('\n  streamscope with every demo stream: http://127.0.0.1:5173/?demo=all\n  just the json stream:               http://127.0.0.1:5173/\n'), 1500);
const stop = () => {
  for (const c of children) c.kill('SIGTERM');
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const c of children) c.on('exit', (code) => code && stop());
