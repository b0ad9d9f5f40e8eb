import { describe, expect, it } from 'vitest';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadCapture, schedule, start } from './replay.mjs';
import { openRaw, until } from './testkit.mjs';

const ndjson = [
  { ts: 1000, time: 'x', dir: 'system', kind: 'connect', conn: 'a', connId: 'c1' },
  { ts: 1000, dir: 'in', kind: 'message', conn: 'a', connId: 'c1', raw: '{"n":1}' },
  { ts: 1010, dir: 'out', kind: 'message', conn: 'a', connId: 'c1', raw: '{"sent":true}' },
  { ts: 1050, dir: 'in', kind: 'message', conn: 'b', connId: 'c2', raw: '{"n":2}' },
  { ts: 9050, dir: 'in', kind: 'binary', conn: 'a', connId: 'c1', base64: 'AAE=' },
]
  .map((r) => JSON.stringify(r))
  .join('\n');

describe('replay simulator', () => {
  it('reads received frames from our NDJSON, skipping sent and system rows', () => {
    const { frames, conns } = loadCapture(ndjson);
    expect(frames.map((f) => [f.conn, f.t, typeof f.data === 'string' ? f.data : [...f.data]])).toEqual([
      [0, 1000, '{"n":1}'],
      [1, 1050, '{"n":2}'],
      [0, 9050, [0, 1]],
    ]);
    expect(conns.map((c) => c.name)).toEqual(['a', 'b']);
  });

  it('reads a Chrome HAR and foreign NDJSON', () => {
    const har = { log: { entries: [{ request: { url: 'ws://h/x' }, _webSocketMessages: [{ type: 'receive', time: 2, opcode: 1, data: 'b' }, { type: 'send', time: 1.5, opcode: 1, data: 'x' }, { type: 'receive', time: 1, opcode: 1, data: 'a' }] }] } };
    expect(loadCapture(JSON.stringify(har)).frames.map((f) => [f.t, f.data])).toEqual([
      [1000, 'a'],
      [2000, 'b'],
    ]);
    expect(loadCapture('{"a":1}\nplain text\n').frames.map((f) => [f.t, f.data])).toEqual([
      [null, '{"a":1}'],
      [null, 'plain text'],
    ]);
  });

  it('keeps the recorded pace, scaled, with long gaps shortened', () => {
    const { frames } = loadCapture(ndjson);
    expect(schedule(frames)).toEqual([0, 50, 5000]);
    expect(schedule(frames, { speed: 10 })).toEqual([0, 5, 500]);
    expect(schedule(frames, { speed: 0 })).toEqual([0, 0, 0]);
    expect(schedule([{ t: null }, { t: null }], { interval: 30 })).toEqual([0, 30]);
  });

  it('streams the capture to each client, and one connection on /replay/N', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'replay-'));
    const file = path.join(dir, 'c.ndjson');
    await writeFile(file, ndjson);
    const sim = await start({ ports: { ws: 28790 + Math.floor(Math.random() * 500) }, args: { replay: file, 'replay-speed': '0' } });
    try {
      const all = await openRaw(sim.urls.replay);
      await until(() => all.got.length === 3);
      expect(all.got.slice(0, 2)).toEqual(['{"n":1}', '{"n":2}']);
      const second = await openRaw(sim.urls.replay + '/2');
      await until(() => second.got.length === 1);
      expect(second.got).toEqual(['{"n":2}']);
      all.ws.close();
      second.ws.close();
    } finally {
      await sim.close();
    }
  });

  it('starts nothing without --replay', async () => {
    const sim = await start({ args: {} });
    expect(sim.urls).toEqual({});
    await sim.close();
  });
});
