import { describe, expect, it } from 'vitest';
import { matchShortcut } from './shortcuts';

describe('matchShortcut', () => {
  it('maps keys to actions', () => {
    expect(matchShortcut({ key: '/' })).toBeNull(); // the filter bar listens for '/' and F3 itself
    expect(matchShortcut({ key: 'F3' })).toBeNull();
    expect(matchShortcut({ key: 'p' })).toBe('pause');
    expect(matchShortcut({ key: 'P', shiftKey: true })).toBeNull();
    expect(matchShortcut({ key: 'C', shiftKey: true })).toBe('clear');
    expect(matchShortcut({ key: 'c' })).toBeNull();
    expect(matchShortcut({ key: 'n' })).toBe('nextMatch');
    expect(matchShortcut({ key: 'N', shiftKey: true })).toBe('prevMatch');
    expect(matchShortcut({ key: 'End' })).toBe('latest');
    expect(matchShortcut({ key: 'G', shiftKey: true })).toBe('latest');
    expect(matchShortcut({ key: '?', shiftKey: true })).toBe('help');
  });

  it('stays out of text fields and modified keys, except Escape', () => {
    expect(matchShortcut({ key: 'p', inTextField: true })).toBeNull();
    expect(matchShortcut({ key: 'p', ctrlKey: true })).toBeNull();
    expect(matchShortcut({ key: 'n', metaKey: true })).toBeNull();
    expect(matchShortcut({ key: 'Escape', inTextField: true })).toBe('escape');
  });
});
