import { describe, expect, it } from 'vitest';
import { firstChunkNeeded } from './historyDb';

describe('reading the newest records of a session', () => {
  // Chunks of 2 000, 1 165, 2 000 and 500 records after pruning left the first one starting at 300.
  const firsts = [300, 2300, 3465, 5465];
  const next = 5965;
  it('starts at the chunk that holds the oldest record wanted', () => {
    expect(firstChunkNeeded(firsts, next, 500)).toBe(3);
    expect(firstChunkNeeded(firsts, next, 501)).toBe(2);
    expect(firstChunkNeeded(firsts, next, 2500)).toBe(2);
    expect(firstChunkNeeded(firsts, next, 2501)).toBe(1);
    expect(firstChunkNeeded(firsts, next, 5665)).toBe(0);
  });
  it('reads everything when the session holds fewer than wanted', () => {
    expect(firstChunkNeeded(firsts, next, 1_000_000)).toBe(0);
    expect(firstChunkNeeded(firsts, next, Infinity)).toBe(0);
  });
});
