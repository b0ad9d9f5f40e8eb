import { describe, expect, it } from 'vitest';
import { matchFilter, parseCommand, splitFilter, validateFilter } from './filters';

describe('splitFilter', () => {
  it('splits on the first two dots; the key keeps the rest', () => {
    expect(splitFilter('bootenvs.save.centos-8.3-install')).toEqual({ type: 'bootenvs', action: 'save', key: 'centos-8.3-install' });
    expect(splitFilter('a.b.')).toEqual({ type: 'a', action: 'b', key: '' });
  });
  it('returns null with fewer than two dots', () => {
    expect(splitFilter('machines')).toBeNull();
    expect(splitFilter('machines.*')).toBeNull();
  });
});

describe('matchFilter', () => {
  const cases: [string, string, string, string, boolean][] = [
    ['*.*.*', 'machines', 'update', 'x', true],
    ['machines.*.*', 'machines', 'update', 'abc', true],
    ['machines.*.*', 'profiles', 'save', 'global', false],
    ['profiles.save.global', 'profiles', 'save', 'global', true],
    ['profiles.save.global', 'profiles', 'update', 'global', false],
    ['profiles.save.global', 'profiles', 'save', 'Global', false],
    ['mach*.*.*', 'machines', 'update', 'x', false],
    ['mach*.*.*', 'mach*', 'update', 'x', true],
    ['bootenvs.save.centos-8.3-install', 'bootenvs', 'save', 'centos-8.3-install', true],
    ['bootenvs.*.centos-8.*', 'bootenvs', 'save', 'centos-8.3-install', false],
    ['machines', 'machines', 'update', 'x', false],
    ['machines.*', 'machines', 'update', 'x', false],
    ['Machines.*.*', 'machines', 'update', 'x', false],
    ['machines,profiles.*.*', 'machines', 'update', 'x', false],
  ];
  it.each(cases)('%s vs %s.%s.%s -> %s', (f, t, a, k, want) => {
    expect(matchFilter(f, t, a, k)).toBe(want);
  });
});

describe('parseCommand', () => {
  it('trims, splits at the first space, keeps the rest verbatim', () => {
    expect(parseCommand('  register machines.*.*  ')).toEqual({ verb: 'register', filter: 'machines.*.*' });
    expect(parseCommand('register  a.b.c')).toEqual({ verb: 'register', filter: ' a.b.c' });
    expect(parseCommand('deregister a.b.c d')).toEqual({ verb: 'deregister', filter: 'a.b.c d' });
  });
  it('ignores anything that is not register/deregister', () => {
    expect(parseCommand('ping')).toBeNull();
    expect(parseCommand('Register a.b.c')).toBeNull();
    expect(parseCommand('subscribe a.b.c')).toBeNull();
  });
});

describe('validateFilter', () => {
  it('accepts ordinary filters', () => {
    for (const f of ['*.*.*', 'machines.*.*', 'profiles.save.global', 'bootenvs.save.centos-8.3-install', 'jobs.*.6e3c1b7c-1d5a-4c8e-9f00-0a1b2c3d4e5f']) expect(validateFilter(f)).toBeNull();
  });
  it('refuses fewer than two dots with an explanation and a fix', () => {
    expect(validateFilter('machines')).toMatch(/two dots.*has 0.*machines\.\*\.\*/);
    expect(validateFilter('machines.update')).toMatch(/has 1.*machines\.update\.\*/);
  });
  it('refuses empty fields, partial wildcards, padding and oversize commands', () => {
    expect(validateFilter('')).toMatch(/Enter a filter/);
    expect(validateFilter('machines..x')).toMatch(/action is empty/);
    expect(validateFilter('mach*.*.*')).toMatch(/literally/);
    expect(validateFilter(' machines.*.*')).toMatch(/spaces/);
    expect(validateFilter('machines.*.' + 'k'.repeat(600))).toMatch(/512 bytes/);
  });
});
