import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '../types';
import { remotedevRowScope } from './rowScope';

let seq = 0;
const row = (connId: string, dir: StreamEvent['dir'], fields?: Record<string, unknown>): StreamEvent => ({ seq: ++seq, connId, dialect: 'remotedev', receivedAt: 0, dir, kind: 'message', size: 0, fields }) as StreamEvent;

describe('remotedevRowScope', () => {
  const a1 = row('c1', 'in', { rowKind: 'action', instance: 'A' });
  const b1 = row('c1', 'in', { rowKind: 'action', instance: 'B' });
  const startA = row('c1', 'in', { rowKind: 'protocol', instance: 'A' });
  const jumpB = row('c1', 'out', { rowKind: 'protocol', instance: 'B' });
  const login = row('c1', 'system', { rowKind: 'protocol' });
  const gap = row('c1', 'system');
  const chat = row('c1', 'in', { rowKind: 'channel' });
  const json = row('c2', 'in');

  it("lists the focused instance's actions and the connection's own rows; protocol messages only when asked", () => {
    const only = remotedevRowScope('c1', { source: 'A', protocol: false });
    expect([a1, b1, startA, jumpB, login, gap, chat, json].map(only)).toEqual([true, false, false, false, false, true, true, true]);
    const withProtocol = remotedevRowScope('c1', { source: 'A', protocol: true });
    expect([a1, b1, startA, jumpB, login].map(withProtocol)).toEqual([true, false, true, false, true]);
  });

  it("lists an instance's marker rows (why its history restarted…) with its actions, not another's", () => {
    const commitA = row('c1', 'system', { rowKind: 'marker', instance: 'A' });
    const commitB = row('c1', 'system', { rowKind: 'marker', instance: 'B' });
    expect([commitA, commitB].map(remotedevRowScope('c1', { source: 'A', protocol: false }))).toEqual([true, false]);
  });

  it('lists every instance without a focus', () => {
    const all = remotedevRowScope('c1', { source: null, protocol: true });
    expect([a1, b1, startA, jumpB, login].every(all)).toBe(true);
    expect(remotedevRowScope('c1', { source: null, protocol: false })(jumpB)).toBe(false);
  });
});
