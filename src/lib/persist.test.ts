import { beforeEach, describe, expect, it } from 'vitest';
import { readStored, removeStored, storageKey, writeStored } from './persist';
import { pushRecent } from './recent';
import { memoryStorage } from './memoryStorage';

let storage: Storage;
beforeEach(() => {
  storage = memoryStorage();
  (globalThis as { localStorage?: Storage }).localStorage = storage;
});

const isStrings = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');

describe('persist', () => {
  it('writes JSON under streamscope:<name> and reads it back when valid', () => {
    expect(writeStored('filter:history', ['a', 'b'])).toBe(true);
    expect(storage.getItem('streamscope:filter:history')).toBe('["a","b"]');
    expect(readStored('filter:history', [], isStrings)).toEqual(['a', 'b']);
    storage.setItem(storageKey('filter:history'), '{broken');
    expect(readStored('filter:history', ['fallback'], isStrings)).toEqual(['fallback']);
    removeStored('filter:history');
    expect(storage.getItem('streamscope:filter:history')).toBeNull();
  });

  it('moves a value an older build stored under the dotted key, once', () => {
    storage.setItem('streamscope.filter.history', '["old"]');
    expect(readStored('filter:history', [], isStrings)).toEqual(['old']);
    expect(storage.getItem('streamscope.filter.history')).toBeNull();
    expect(storage.getItem('streamscope:filter:history')).toBe('["old"]');
  });

  it('reads a bare string an older build stored without JSON', () => {
    storage.setItem('streamscope:last-connection', 's1abc');
    expect(readStored('last-connection', undefined, (v) => typeof v === 'string')).toBe('s1abc');
  });

  it('survives storage that throws', () => {
    (globalThis as { localStorage?: Storage }).localStorage = { ...memoryStorage(), getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('quota'); } } as Storage;
    expect(readStored('x', 1, () => true)).toBe(1);
    expect(writeStored('x', 2)).toBe(false);
  });
});

describe('pushRecent', () => {
  it('puts the newest first, once, and keeps at most max', () => {
    expect(pushRecent(['b', 'a', 'c'], 'a', 3)).toEqual(['a', 'b', 'c']);
    expect(pushRecent(['b', 'a', 'c'], 'd', 3)).toEqual(['d', 'b', 'a']);
  });
});
