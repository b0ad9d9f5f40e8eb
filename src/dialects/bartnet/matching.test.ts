import { describe, expect, it } from 'vitest';
import { createReplyMatcher } from './matching';

describe('reply matching', () => {
  it('matches by in_reply_to when it names a pending request (spec servers)', () => {
    const m = createReplyMatcher();
    m.add({ id: 1, command: 'subscribe', sentAt: 0 });
    m.add({ id: 2, command: 'subscribe', sentAt: 1 });
    expect(m.match({ command: 'subscribe', in_reply_to: 2 })?.id).toBe(2);
    expect(m.match({ command: 'subscribe', in_reply_to: '1' })?.id).toBe(1);
    expect(m.pending()).toEqual([]);
  });

  it('falls back to the oldest request with the same command (real servers send no in_reply_to)', () => {
    const m = createReplyMatcher();
    m.add({ id: 1, command: 'authenticate', sentAt: 0 });
    m.add({ id: 2, command: 'subscribe', sentAt: 1 });
    m.add({ id: 3, command: 'subscribe', sentAt: 2 });
    expect(m.match({ command: 'subscribe', state: 'ok' } as never)?.id).toBe(2);
    expect(m.match({ command: 'authenticate' })?.id).toBe(1);
    expect(m.match({ command: 'subscribe' })?.id).toBe(3);
  });

  it("ignores an in_reply_to that is the server's own counter (June 2015 build) and uses the command", () => {
    const m = createReplyMatcher();
    m.add({ id: 7, command: 'subscribe', sentAt: 0 });
    expect(m.match({ command: 'subscribe', in_reply_to: 4242 })?.id).toBe(7);
  });

  it('does not match events or heartbeats', () => {
    const m = createReplyMatcher();
    m.add({ id: 1, command: 'authenticate', sentAt: 0 });
    expect(m.match({ command: 'heartbeat' })).toBeUndefined();
    expect(m.match({ command: 'discovery' })).toBeUndefined();
    expect(m.match({})).toBeUndefined();
    expect(m.pending()).toHaveLength(1);
  });

  it('expires requests that got no reply in time', () => {
    const m = createReplyMatcher();
    m.add({ id: 1, command: 'authenticate', sentAt: 0 });
    m.add({ id: 2, command: 'subscribe', sentAt: 4000 });
    expect(m.expire(4999, 5000)).toEqual([]);
    expect(m.expire(5000, 5000).map((r) => r.id)).toEqual([1]);
    expect(m.pending().map((r) => r.id)).toEqual([2]);
    m.clear();
    expect(m.pending()).toEqual([]);
  });
});
