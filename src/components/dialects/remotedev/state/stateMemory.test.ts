import { beforeEach, describe, expect, it } from 'vitest';
import { memoryStorage } from '../../../../lib/memoryStorage';
import { loadPin, loadViewPrefs, savePin, saveViewPrefs } from './stateMemory';

beforeEach(() => {
  (globalThis as { localStorage?: Storage }).localStorage = memoryStorage();
});

describe('State tab memory', () => {
  it('remembers a pin per app name; the root unpins', () => {
    savePin('Shop', ['todos', 0]);
    savePin('Blog', ['posts']);
    expect(loadPin('Shop')).toEqual(['todos', 0]);
    expect(loadPin('Blog')).toEqual(['posts']);
    expect(loadPin('Other')).toEqual([]);
    savePin('Shop', []);
    expect(loadPin('Shop')).toEqual([]);
  });

  it('keeps the 50 most recent pins and ignores what it did not write', () => {
    for (let k = 0; k < 60; k++) savePin(`App${k}`, ['a']);
    expect(loadPin('App0')).toEqual([]);
    expect(loadPin('App59')).toEqual(['a']);
    localStorage.setItem('streamscope:remotedev:state-pins', '{"x": [{}]}');
    expect(loadPin('x')).toEqual([]);
    saveViewPrefs({ mode: 'json', order: 'az' });
    expect(loadViewPrefs()).toEqual({ mode: 'json', order: 'az' });
  });
});
