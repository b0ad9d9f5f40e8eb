import { describe, expect, it } from 'vitest';
import { EventLog } from './eventLog';
import { EventView } from './eventView';
import type { Scheduler } from './frameBatcher';

const manual = (): Scheduler => ({ requestFrame: () => 0, setTimeout: () => 0, clearTimeout: () => {} });

function setup(cap = 10) {
  const log = new EventLog(cap, manual());
  const view = new EventView(log);
  const push = (type: string) => log.push('c1', 'json', { dir: 'in', kind: 'message', raw: `{"type":"${type}"}`, type });
  return { log, view, push };
}

describe('EventLog + EventView', () => {
  it('counts received, queued, buffered and dropped exactly', () => {
    const { log, view, push } = setup(3);
    for (let i = 0; i < 5; i++) push('a');
    expect(log.counters()).toEqual({ received: 5, dropped: 0, queued: 5, buffered: 0 });
    log.flushNow();
    expect(log.counters()).toEqual({ received: 5, dropped: 2, queued: 0, buffered: 3 });
    expect(view.count).toBe(3);
    expect(view.at(0)?.seq).toBe(3);
    expect(log.get(5)?.seq).toBe(5);
    expect(log.get(2)).toBeUndefined();
  });

  it('filters incrementally per batch and prunes evicted matches', () => {
    const { log, view, push } = setup(4);
    view.setFilter((e) => e.type === 'x');
    push('x');
    push('y');
    push('x');
    log.flushNow();
    expect(view.count).toBe(2);
    expect([view.seqAt(0), view.seqAt(1)]).toEqual([1, 3]);
    push('y');
    push('y');
    push('x');
    log.flushNow(); // seq 1 and 2 evicted
    expect(view.count).toBe(2);
    expect([view.seqAt(0), view.seqAt(1)]).toEqual([3, 6]);
    expect(view.indexOf(6)).toBe(1);
    expect(view.indexOf(4)).toBe(-1);
  });

  it('re-filters the whole buffer when the filter changes', () => {
    const { log, view, push } = setup();
    ['a', 'b', 'a', 'c'].forEach(push);
    log.flushNow();
    view.setFilter((e) => e.type === 'a');
    expect(view.count).toBe(2);
    view.setFilter(null);
    expect(view.count).toBe(4);
  });

  it('pause freezes the rows shown while the log keeps receiving', () => {
    const { log, view, push } = setup();
    push('a');
    push('b');
    view.pause(); // flushes first, so both are shown
    push('c');
    log.flushNow();
    expect(view.count).toBe(2);
    expect(view.liveCount).toBe(3);
    expect(log.counters().received).toBe(3);
    view.resume();
    expect(view.count).toBe(3);
  });

  it('scopes combine with the filter', () => {
    const { log, view } = setup();
    log.push('c1', 'json', { dir: 'in', kind: 'message', type: 'a' });
    log.push('c2', 'json', { dir: 'in', kind: 'message', type: 'a' });
    log.push('c2', 'json', { dir: 'in', kind: 'message', type: 'b' });
    log.flushNow();
    view.setScope('connection', (e) => e.connId === 'c2');
    expect(view.count).toBe(2);
    view.setFilter((e) => e.type === 'a');
    expect(view.count).toBe(1);
    view.setScope('connection', null);
    expect(view.count).toBe(2);
  });

  it('clear empties the view and keeps counting what was received', () => {
    const { log, view, push } = setup();
    push('a');
    log.flushNow();
    log.clear();
    expect(view.count).toBe(0);
    push('b');
    log.flushNow();
    expect(view.count).toBe(1);
    expect(view.at(0)?.type).toBe('b');
    expect(log.counters().received).toBe(2);
  });
});
