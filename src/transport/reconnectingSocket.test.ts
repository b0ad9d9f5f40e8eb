import { describe, expect, it } from 'vitest';
import { backoffDelay, describeClose } from './reconnectingSocket';

describe('backoffDelay', () => {
  const o = { baseMs: 500, maxMs: 30_000, jitter: 0.3 };
  it('grows exponentially and is capped', () => {
    const mid = () => 0.5;
    expect(backoffDelay(1, o, mid)).toBe(Math.round(500 * 0.7 + 500 * 0.3 * 0.5));
    expect(backoffDelay(2, o, mid)).toBe(Math.round(1000 * 0.85));
    expect(backoffDelay(20, o, mid)).toBe(Math.round(30_000 * 0.85));
  });
  it('stays within the jitter band', () => {
    for (let i = 0; i < 100; i++) {
      const d = backoffDelay(3, o);
      expect(d).toBeGreaterThanOrEqual(1400);
      expect(d).toBeLessThanOrEqual(2000);
    }
  });
});

describe('describeClose', () => {
  it('names the likely causes of an opaque 1006', () => {
    expect(describeClose(1006, '')).toMatch(/refused the handshake|certificate/);
  });
  it('includes the reason when there is one', () => {
    expect(describeClose(4001, 'Client pong timed out')).toBe('Closed with code 4001 (Client pong timed out).');
  });
});
