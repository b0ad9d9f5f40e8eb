import { describe, expect, it } from 'vitest';
import { POINTER_HOLD_MS, TailFollower, type ScrollBox } from './tailFollower';
import { EvictionAnchor } from './evictionAnchor';
import { RowKeys } from './rowKeys';

/** A scroll container as the browser keeps it: scrollTop clamped to [0, scrollHeight - clientHeight]. */
function fakeScroll(scrollHeight: number, clientHeight = 200): ScrollBox & { writes: number; height: number } {
  let top = 0;
  const box = {
    writes: 0,
    height: scrollHeight,
    get scrollHeight() {
      return box.height;
    },
    clientHeight,
    get scrollTop() {
      return top;
    },
    set scrollTop(v: number) {
      box.writes++;
      top = Math.max(0, Math.min(v, box.height - clientHeight));
    },
  };
  return box;
}

function setup(rows = 100) {
  const el = fakeScroll(rows * 22 + 22);
  let following = true;
  let now = 10_000;
  const timers: (() => void)[] = [];
  const f = new TailFollower({
    el: () => el,
    following: () => following,
    setFollowing: (v) => (following = v),
    bottom: () => 22 + rows * 22,
    now: () => now,
    setTimer: (fn) => timers.push(fn),
    clearTimer: () => {},
  });
  return {
    el,
    f,
    get following() {
      return following;
    },
    set following(v: boolean) {
      following = v;
    },
    advance: (ms: number) => (now += ms),
    addRows: (n: number) => {
      rows += n;
      el.height = rows * 22 + 22;
    },
    timers,
  };
}

describe('TailFollower', () => {
  it('pins to the bottom while following, writing only when the bottom moved', () => {
    const t = setup();
    t.f.pin();
    expect(t.el.scrollTop).toBe(t.el.scrollHeight - t.el.clientHeight);
    const writes = t.el.writes;
    t.f.pin();
    expect(t.el.writes).toBe(writes);
    t.addRows(10);
    t.f.pin();
    expect(t.el.scrollTop).toBe(t.el.scrollHeight - t.el.clientHeight);
  });

  it('holds still for a moment after the pointer moves, then catches up', () => {
    const t = setup();
    t.f.pin();
    t.f.pointerMoved();
    const top = t.el.scrollTop;
    t.addRows(10);
    t.f.pin();
    expect(t.el.scrollTop).toBe(top);
    expect(t.f.holding()).toBe(true);
    t.advance(POINTER_HOLD_MS + 10);
    t.timers.shift()!();
    expect(t.el.scrollTop).toBe(t.el.scrollHeight - t.el.clientHeight);
  });

  it('follows from the first event after load (the pointer clock starts at -Infinity)', () => {
    const t = setup();
    expect(t.f.holding()).toBe(false);
  });

  it('stops following on a scroll up or a wheel up, not on a layout change; the bottom follows again', () => {
    const t = setup();
    t.f.pin();
    t.f.scrolled();
    t.addRows(5); // the view is now short of the bottom without the user moving
    t.f.scrolled();
    expect(t.following).toBe(true);
    t.el.scrollTop -= 300;
    t.f.scrolled();
    expect(t.following).toBe(false);
    t.el.scrollTop = 1e9;
    t.f.scrolled();
    expect(t.following).toBe(true);
    t.f.wheel(-10);
    expect(t.following).toBe(false);
  });
});

describe('EvictionAnchor', () => {
  it('moves the scroll up by the evicted rows while the view holds still, and only then', () => {
    const el = fakeScroll(10_000);
    el.scrollTop = 2000;
    const a = new EvictionAnchor(22);
    expect(a.update(el, 1, { filtered: false, holding: () => true })).toBeUndefined();
    expect(a.update(el, 11, { filtered: false, holding: () => true })).toBe(2000 - 220);
    expect(a.update(el, 21, { filtered: false, holding: () => false })).toBeUndefined();
    expect(a.update(el, 31, { filtered: true, holding: () => true })).toBeUndefined();
    expect(el.scrollTop).toBe(1780);
  });
});

describe('RowKeys', () => {
  const view = { seqAt: (i: number) => 1000 + i, indexOf: (seq: number) => seq - 1000 };
  it('keys by event while the window moves a little, by position once it jumps by more than half its height', () => {
    const k = new RowKeys();
    expect(k.update(0, 40, view)).toBe(true); // the first window: nothing to compare with
    expect(k.update(5, 40, view)).toBe(false);
    expect(k.update(5, 40, view)).toBe(false);
    expect(k.update(40, 40, view)).toBe(true);
    expect(k.update(45, 40, view)).toBe(false);
  });
});
