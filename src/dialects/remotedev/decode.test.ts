import { describe, expect, it } from 'vitest';
import jsan from 'jsan';
import { decodeJsan, encodeJsan, serializedTypeOf, tryDecodeJsan } from './decode';

describe('decodeJsan', () => {
  it('restores circular references (the notes example: self: {$jsan: "$.action"})', () => {
    const text = '{"type":"PERFORM_ACTION","action":{"type":"ADD","by":10,"at":"1970-01-01T00:00:00.000Z","self":{"$jsan":"$.action"}},"timestamp":1795452540947}';
    const v = decodeJsan(text) as { action: { self: unknown; by: number } };
    expect(v.action.self).toBe(v.action);
    expect(v.action.by).toBe(10);
  });

  it('restores shared references inside a lifted state', () => {
    const log = ['a'];
    const lifted = { computedStates: [{ state: { log } }, { state: { log } }] };
    const text = jsan.stringify(lifted, undefined, undefined, { refs: true });
    expect(text).toContain('"$jsan":"$.computedStates[0].state.log"');
    const v = decodeJsan(text) as typeof lifted;
    expect(v.computedStates[1].state.log).toBe(v.computedStates[0].state.log);
  });

  it('decodes jsan type tags and never leaves $jsan markers', () => {
    const text = '{"d":{"$jsan":"d0"},"u":{"$jsan":"u"},"n":{"$jsan":"n"},"i":{"$jsan":"i"},"y":{"$jsan":"y"},"r":{"$jsan":"rgi,a+b"},"m":{"$jsan":"m[[\\"k\\",1]]"},"l":{"$jsan":"l[1,2]"},"s":{"$jsan":"sfoo"},"f":{"$jsan":"ffunction x() { /* ... */ }"}}';
    const v = decodeJsan(text) as Record<string, unknown>;
    expect(v.d).toEqual(new Date(0));
    expect(v.u).toBeUndefined();
    expect(v.n).toBeNaN();
    expect(v.i).toBe(Infinity);
    expect(v.y).toBe(-Infinity);
    expect(v.r).toEqual(/a+b/gi);
    expect(v.m).toEqual(new Map([['k', 1]]));
    expect(v.l).toEqual(new Set([1, 2]));
    expect(String(v.s)).toBe('Symbol(foo)');
    expect(typeof v.f).toBe('function');
    expect(() => (v.f as () => void)()).toThrow(/can't run/);
  });

  it('unwraps @redux-devtools/serialize types and remembers the type name', () => {
    const text = '{"todos":{"data":{"a":1},"__serializedType__":"ImmutableMap"},"list":{"data":[1,2],"__serializedType__":"ImmutableList"},"rec":{"data":{"x":1},"__serializedType__":"ImmutableRecord","__serializedRef__":0}}';
    const v = decodeJsan(text) as Record<string, unknown>;
    expect(v.todos).toEqual({ a: 1 });
    expect(serializedTypeOf(v.todos)).toBe('ImmutableMap');
    expect(v.list).toEqual([1, 2]);
    expect(serializedTypeOf(v.list)).toBe('ImmutableList');
    expect(serializedTypeOf(v.rec)).toBe('ImmutableRecord');
  });

  it('reports malformed text instead of throwing', () => {
    expect(tryDecodeJsan('{"a":').error).toMatch(/Could not decode jsan/);
    expect(tryDecodeJsan({ already: 'decoded' }).value).toEqual({ already: 'decoded' });
  });

  it('round-trips through encodeJsan with references and tags', () => {
    const shared = { n: 1 };
    const o: Record<string, unknown> = { a: shared, b: shared, when: new Date(5), nothing: undefined, big: Infinity };
    o.self = o;
    const back = decodeJsan(encodeJsan(o)) as Record<string, unknown>;
    expect(back.b).toBe(back.a);
    expect(back.self).toBe(back);
    expect(back.when).toEqual(new Date(5));
    expect('nothing' in back).toBe(true);
    expect(back.big).toBe(Infinity);
  });

  it('writes @redux-devtools/serialize values back in their wrappers, so Export keeps their type', () => {
    const text = '{"todos":{"data":{"a":1},"__serializedType__":"ImmutableMap"},"rec":{"data":{"x":1},"__serializedType__":"ImmutableRecord","__serializedRef__":0},"when":{"$jsan":"d0"}}';
    const again = decodeJsan(encodeJsan(decodeJsan(text))) as Record<string, unknown>;
    expect(serializedTypeOf(again.todos)).toBe('ImmutableMap');
    expect(serializedTypeOf(again.rec)).toBe('ImmutableRecord');
    expect(again.when).toEqual(new Date(0));
    expect(encodeJsan(decodeJsan(text))).toContain('"rec":{"data":{"x":1},"__serializedType__":"ImmutableRecord","__serializedRef__":0}');
  });
});
