import { describe, expect, it } from 'vitest';
import type { IncomingEvent, StreamEvent } from '../core/events';
import { addTerm, compileQuery, fieldTerm, parseNumber, parseQuery, quoteValue } from './index';

let seq = 0;
function ev(value: unknown, extra: Partial<IncomingEvent & { dialect: string; connId: string }> = {}): StreamEvent {
  const raw = value === undefined ? undefined : JSON.stringify(value);
  return { seq: ++seq, receivedAt: 0, connId: 'c1', dialect: 'json', dir: 'in', kind: 'message', raw, value, size: raw?.length ?? 0, ...extra };
}

const container = ev({ type: 'container', action: 'update', resource_uri: '/api/v1/container/abc/', state: 'Running', metric: 0.75 }, { type: 'container', action: 'update', key: '/api/v1/container/abc/' });
const service = ev({ type: 'service', action: 'create', resource_uri: '/api/v1/service/x/', metric: 0.25, tags: ['a', 'web'] }, { type: 'service', action: 'create' });
const drp = ev({ Type: 'machines.update', Object: { Name: 'global', Size: '2048' } }, { dialect: 'drp', type: 'machines.update', dir: 'in' });
const sub = ev({ attributes: { subscribed_to: 'discovery' }, items: [{ name: 'x1' }, { name: 'y2' }] }, { dir: 'out' });
const sys = ev(undefined, { dir: 'system', kind: 'gap', summary: 'Disconnected for 3 s, 2 attempts' });
const text = ev(undefined, { kind: 'text', raw: 'hello World, ERROR at 12:30', size: 2048 });
const all = [container, service, drp, sub, sys, text];

function matches(q: string): StreamEvent[] {
  const r = compileQuery(q);
  if (!r.ok) throw new Error(`${q}: ${r.error.message}`);
  return all.filter(r.predicate);
}

function errorOf(q: string) {
  const r = parseQuery(q);
  if (r.ok) throw new Error(`expected an error for ${q}`);
  return r.error;
}

describe('filter language: matching', () => {
  it('empty query matches everything', () => {
    expect(matches('')).toEqual(all);
    expect(matches('   ')).toEqual(all);
  });

  it('free text is case-insensitive anywhere in raw, summary and columns', () => {
    expect(matches('error')).toEqual([text]);
    expect(matches('WORLD')).toEqual([text]);
    expect(matches('disconnected')).toEqual([sys]);
    expect(matches('Container')).toEqual([container]);
    expect(matches('global')).toEqual([drp]);
  });

  it('free text with special regex characters is literal', () => {
    expect(matches('12:30')).toEqual([text]);
    expect(matches('machines.update')).toEqual([drp]);
    expect(matches('"(x)"')).toEqual([]);
    expect(matches('/api/v1/service/x/')).toEqual([service]); // a path, not a regex
  });

  it('free text wildcard', () => {
    expect(matches('hel*wor')).toEqual([text]);
  });

  it('field:value on top-level and normalised columns', () => {
    expect(matches('type:container')).toEqual([container]);
    expect(matches('type:CONTAINER')).toEqual([container]);
    expect(matches('action:create')).toEqual([service]);
    expect(matches('key:/api/v1/container/abc/')).toEqual([container]);
  });

  it('field:value on dot paths, arrays fan out, keys ignore case as a fallback', () => {
    expect(matches('Object.Name:global')).toEqual([drp]);
    expect(matches('object.name:global')).toEqual([drp]);
    expect(matches('attributes.subscribed_to:discovery')).toEqual([sub]);
    expect(matches('items.name:y2')).toEqual([sub]);
    expect(matches('items.0.name:x1')).toEqual([sub]);
    expect(matches('items.0.name:y2')).toEqual([]);
    expect(matches('tags:web')).toEqual([service]);
    expect(matches('state:running')).toEqual([container]);
  });

  it('equality is exact unless a wildcard is used', () => {
    expect(matches('type:contain')).toEqual([]);
    expect(matches('type:contain*')).toEqual([container]);
    expect(matches('type:*ice')).toEqual([service]);
    expect(matches('Type:machines.*')).toEqual([drp]);
    expect(matches('type:"contain*"')).toEqual([]);
  });

  it('field:* means the field exists', () => {
    expect(matches('metric:*')).toEqual([container, service]);
    expect(matches('-metric:*')).toEqual([drp, sub, sys, text]);
  });

  it('numeric comparisons and sizes', () => {
    expect(matches('metric:>0.5')).toEqual([container]);
    expect(matches('metric:<=0.25')).toEqual([service]);
    expect(matches('metric:>=0.25')).toEqual([container, service]);
    expect(matches('metric:=0.75')).toEqual([container]);
    expect(matches('metric:0.75')).toEqual([container]);
    expect(matches('size:>=2kb')).toEqual([text]);
    expect(matches('size:<2kb kind:text')).toEqual([]);
    expect(matches('Object.Size:>=2kb')).toEqual([drp]); // numeric strings compare as numbers
  });

  it('regex alone and as a field value', () => {
    expect(matches('/^machines\\./')).toEqual([drp]);
    expect(matches('/WORLD/')).toEqual([]);
    expect(matches('/WORLD/i')).toEqual([text]);
    expect(matches('type:/^serv/')).toEqual([service]);
    expect(matches('key:/abc\\/$/')).toEqual([container]);
  });

  it('dir and dialect', () => {
    expect(matches('dir:out')).toEqual([sub]);
    expect(matches('dir:system')).toEqual([sys]);
    expect(matches('dir:sys')).toEqual([sys]);
    expect(matches('dialect:drp')).toEqual([drp]);
    expect(matches('-dialect:json')).toEqual([drp]);
    expect(matches('kind:gap')).toEqual([sys]);
  });

  it('quoted values', () => {
    expect(matches('"hello world"')).toEqual([text]);
    expect(matches("'ERROR at'")).toEqual([text]);
    expect(matches('summary:"Disconnected for 3 s, 2 attempts"')).toEqual([sys]);
    expect(matches('"a \\"quoted\\" word"')).toEqual([]);
  });

  it('negation, AND, OR, NOT and parentheses', () => {
    expect(matches('-type:container type:*')).toEqual([service, drp]);
    expect(matches('type:container OR type:service')).toEqual([container, service]);
    expect(matches('type:container OR dir:out dialect:json')).toEqual([container, sub]);
    expect(matches('(type:container OR dir:out) -state:running')).toEqual([sub]);
    expect(matches('-(type:container OR type:service) metric:*')).toEqual([]);
    expect(matches('NOT dir:in')).toEqual([sub, sys]);
    expect(matches('dir:in AND metric:>0.5')).toEqual([container]);
    expect(matches('--dir:out')).toEqual([sub]);
  });

  it('lowercase or/and/not are plain words', () => {
    expect(parseQuery('this or that')).toMatchObject({ ok: true, ast: { type: 'and' } });
  });

  it('URLs and times are text, not fields', () => {
    const r = parseQuery('http://example.com/x');
    expect(r).toMatchObject({ ok: true, ast: { type: 'text', text: 'http://example.com/x' } });
  });
});

describe('filter language: errors carry a position and never throw', () => {
  it.each([
    ['(type:a', 0, 'Unclosed "("'],
    ['type:a)', 6, 'Unmatched ")"'],
    ['"abc', 0, 'Unclosed quote'],
    ['/abc', 0, 'Unclosed regular expression'],
    ['/a(/', 0, 'Invalid regular expression'],
    ['type:', 0, 'Missing value after "type:"'],
    ['a OR', 2, 'OR needs a term'],
    ['OR a', 0, 'OR needs a term'],
    ['a OR OR b', 2, 'OR needs a term'],
    ['a - b', 2, 'Nothing to exclude'],
    ['metric:>abc', 8, '"abc" is not a number'],
    ['metric:>', 7, 'Missing number'],
    ['size:>=1zb', 7, 'is not a number'],
    ['dir:sideways', 4, 'dir is one of in, out, system'],
    ['()', 0, 'Empty parentheses'],
    ['a..b:x', 0, 'empty part between dots'],
    ['/x/q', 3, 'Unknown regular expression flags'],
    ['NOT', 0, 'NOT needs a term'],
  ])('%s', (q, pos, message) => {
    const err = errorOf(q);
    expect(err.message).toContain(message);
    expect(err.pos).toBe(pos);
    expect(err.end).toBeGreaterThan(err.pos);
  });

  it('deep nesting is an error, not a stack overflow', () => {
    expect(errorOf('('.repeat(5000) + 'a' + ')'.repeat(5000)).message).toContain('nested too deeply');
    expect(errorOf('-'.repeat(5000) + 'a').message).toContain('nested too deeply');
  });

  it('never throws on arbitrary input', () => {
    const alphabet = ['a', ':', '"', "'", '/', '(', ')', '-', ' ', '*', '>', '=', 'OR', 'AND', 'NOT', '\\', '.', '1', 'kb', '[', ']'];
    let x = 12345;
    const rnd = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 3000; i++) {
      let q = '';
      const n = Math.floor(rnd() * 12);
      for (let j = 0; j < n; j++) q += alphabet[Math.floor(rnd() * alphabet.length)];
      const r = compileQuery(q);
      if (r.ok) for (const e of all) expect(typeof r.predicate(e)).toBe('boolean');
      else expect(r.error.pos).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('parseNumber', () => {
  it('reads plain numbers and sizes', () => {
    expect(parseNumber('0.5')).toBe(0.5);
    expect(parseNumber('-3')).toBe(-3);
    expect(parseNumber('1kb')).toBe(1024);
    expect(parseNumber('1.5MB')).toBe(1.5 * 1024 * 1024);
    expect(parseNumber('1e3')).toBe(1000);
    expect(parseNumber('kb')).toBeUndefined();
    expect(parseNumber('')).toBeUndefined();
  });
});

describe('click-to-filter terms', () => {
  it('quotes only when needed', () => {
    expect(quoteValue('container')).toBe('container');
    expect(quoteValue('/api/v1/x/')).toBe('"/api/v1/x/"');
    expect(quoteValue('two words')).toBe('"two words"');
    expect(quoteValue('a*b')).toBe('"a*b"');
    expect(quoteValue('say "hi"')).toBe('"say \\"hi\\""');
    expect(quoteValue('OR')).toBe('"OR"');
    expect(quoteValue('')).toBe('""');
  });

  it('builds field terms that read back to the same value', () => {
    for (const v of ['container', '/api/v1/x/', 'two words', 'a*b', 'say "hi"', 'OR', '-5', '>3']) {
      const t = fieldTerm('type', v)!;
      const r = compileQuery(t);
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.predicate(ev({ type: v }))).toBe(true);
    }
    expect(fieldTerm('metric', 0.5)).toBe('metric:0.5');
    expect(fieldTerm('ok', true, true)).toBe('-ok:true');
    expect(fieldTerm('state', undefined)).toBe('-state:*');
    expect(fieldTerm('bad name', 'x')).toBeUndefined();
    expect(fieldTerm('obj', { a: 1 })).toBeUndefined();
  });

  it('adds terms with AND, replacing opposites and wrapping OR', () => {
    expect(addTerm('', 'type:a')).toBe('type:a');
    expect(addTerm('error', 'type:a')).toBe('error type:a');
    expect(addTerm('error type:a', '-type:a')).toBe('error -type:a');
    expect(addTerm('type:a', 'type:a')).toBe('type:a');
    expect(addTerm('a OR b', 'type:x')).toBe('(a OR b) type:x');
    expect(addTerm('(a OR b) c', 'type:x')).toBe('(a OR b) c type:x');
    expect(addTerm('(oops', 'type:x')).toBe('(oops type:x');
  });
});

describe('filter language: shape:new', () => {
  it('asks the installed shape test; anything but new is an error that says what shape takes', async () => {
    const { setShapeDriftTest } = await import('./index');
    setShapeDriftTest((e) => e === service);
    try {
      expect(matches('shape:new')).toEqual([service]);
      expect(matches('shape:NEW dialect:json')).toEqual([service]);
      expect(matches('-shape:new')).toEqual(all.filter((e) => e !== service));
      expect(errorOf('shape:old').message).toMatch(/shape takes new/);
      expect(matches('$.shape:*')).toEqual([]);
    } finally {
      setShapeDriftTest(() => false);
    }
  });
});
