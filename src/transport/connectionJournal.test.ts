import { describe, expect, it } from 'vitest';
import type { ConnectionStatus, IncomingEvent } from '../core/events';
import { createConnectionJournal } from './connectionJournal';

describe('connection journal', () => {
  it('counts attempts, marks each outage with one gap row and says the same words for every transport', () => {
    const rows: IncomingEvent[] = [];
    const statuses: ConnectionStatus[] = [];
    let t = 1_000_000;
    const j = createConnectionJournal({ emit: (e) => rows.push(e), status: (s) => statuses.push(s) }, 'ws://h/x', () => t);
    j.connecting();
    expect(statuses.at(-1)).toEqual({ phase: 'connecting', message: 'Connecting to ws://h/x…', attempts: 1 });
    expect(j.opened()).toBe(false);
    expect(rows.map((r) => r.summary)).toEqual(['Connected to ws://h/x']);
    t += 1000;
    j.closed(1006, '', true, 'Connection lost.');
    j.retrying('Connection lost.', 1006, '', t + 500);
    expect(statuses.at(-1)).toMatchObject({ phase: 'retrying', retryAt: t + 500, attempts: 0 });
    j.connecting();
    j.closed(1006, '', false, 'refused');
    j.connecting();
    t += 4000;
    expect(j.opened({ note: ' (protocol 2)', gapNote: '; history kept' })).toBe(true);
    const gap = rows.find((r) => r.kind === 'gap')!;
    expect(gap.fields).toEqual({ from: 1_001_000, to: 1_005_000, attempts: 2 });
    expect(gap.summary).toMatch(/, 2 attempts; history kept$/);
    expect(rows.at(-1)!.summary).toBe('Reconnected to ws://h/x (protocol 2)');
    expect(rows.filter((r) => r.kind === 'close')).toHaveLength(1);
    j.ended({ byUser: true, wasOpen: true, code: 1000, reason: 'closed by user' });
    expect(statuses.at(-1)).toEqual({ phase: 'closed', message: 'Disconnected.', code: 1000, reason: 'closed by user' });
  });
});
