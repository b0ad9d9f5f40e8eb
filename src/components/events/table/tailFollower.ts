import { useEffect, useRef } from 'react';

/** The part of a scroll container the table's behaviours read and write (a div here, a plain object in tests). */
export interface ScrollBox {
  scrollTop: number;
  readonly scrollHeight: number;
  readonly clientHeight: number;
}

/** Within this distance of the bottom the view keeps following new rows (as in Redux DevTools' action list). */
export const FOLLOW_SLACK_PX = 50;
/** How long the view holds still after the pointer moves over the rows. */
export const POINTER_HOLD_MS = 1500;

export interface TailFollowerDeps {
  el(): ScrollBox | null;
  following(): boolean;
  setFollowing(f: boolean): void;
  /** A scrollTop at or past the bottom (header + rows); the browser clamps it, so no height is read to pin. */
  bottom(): number;
  now?(): number;
  setTimer?(fn: () => void, ms: number): unknown;
  clearTimer?(t: unknown): void;
}

/**
 * Following the tail: while following, each batch pins the scroll to the bottom. While the pointer moves over the rows
 * the view holds still for a moment, so a row of a fast stream can be clicked, then catches up. Only a move up (or a
 * wheel turned up) stops following: layout changes (new columns, a horizontal scrollbar, the ring evicting rows) also
 * fire scroll events or leave the view short of the bottom, and must not. Reaching the bottom follows again.
 */
export class TailFollower {
  // -Infinity, not 0: performance.now() counts from page load, so 0 would read as "the pointer just moved" for the
  // first POINTER_HOLD_MS and a burst that ends within that time would never be pinned to the tail.
  private lastPointerMove = -Infinity;
  /** The scrollTop the last pin asked for; a pin that would ask for the same again writes nothing. */
  private pinnedTo = -1;
  private lastScrollTop = 0;
  private catchUp: unknown = undefined;
  private readonly now: () => number;

  constructor(private readonly d: TailFollowerDeps) {
    this.now = d.now ?? (() => performance.now());
  }

  /** The view holds still: not following, or the pointer moved over the rows a moment ago. */
  holding(): boolean {
    return !this.d.following() || this.now() - this.lastPointerMove < POINTER_HOLD_MS;
  }

  pin(force?: boolean): void {
    const el = this.d.el();
    if (!el || this.holding()) return;
    const target = this.d.bottom();
    if (target === this.pinnedTo && force !== true) return;
    this.pinnedTo = target;
    el.scrollTop = target;
  }

  pointerMoved(): void {
    this.lastPointerMove = this.now();
    (this.d.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>)))(this.catchUp);
    this.catchUp = (this.d.setTimer ?? setTimeout)(() => this.pin(true), POINTER_HOLD_MS + 10);
  }

  /** A scroll the table made itself (not the user scrolling up). */
  ownScroll(top: number): void {
    this.lastScrollTop = top;
  }

  scrolled(): void {
    const el = this.d.el();
    if (!el) return;
    const movedUp = el.scrollTop < this.lastScrollTop - 1;
    this.lastScrollTop = el.scrollTop;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < FOLLOW_SLACK_PX;
    const following = this.d.following();
    if (atBottom && !following) this.d.setFollowing(true);
    else if (!atBottom && following && movedUp) this.d.setFollowing(false);
  }

  /** A wheel turned upwards is intent enough: stop following at once, before a pinned scroll can undo it. */
  wheel(deltaY: number): void {
    if (deltaY < 0 && this.d.following()) this.d.setFollowing(false);
  }

  dispose(): void {
    (this.d.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>)))(this.catchUp);
  }
}

/** The table's TailFollower, made once; `deps` is read on each call, so it may close over refs. */
export function useTailFollower(deps: TailFollowerDeps): TailFollower {
  const ref = useRef<TailFollower | null>(null);
  if (!ref.current) ref.current = new TailFollower(deps);
  const follower = ref.current;
  useEffect(() => () => follower.dispose(), [follower]);
  return follower;
}
