import type { ScrollBox } from './tailFollower';

/**
 * When the ring buffer evicts rows above a view that holds still (scrolled up, or the pointer is over the rows), the
 * scroll moves up by the evicted height so the rows on screen stay where they are instead of sliding away. A filtered
 * view is left alone: its first row leaving says nothing about how many rows above the viewport went.
 */
export class EvictionAnchor {
  private firstShown: number | undefined = undefined;

  constructor(private readonly rowHeight: number) {}

  /**
   * Called after each render with the seq of the first row; returns the scrollTop it set, or undefined when it
   * left the scroll alone.
   */
  update(el: ScrollBox | null, first: number | undefined, o: { filtered: boolean; holding: () => boolean }): number | undefined {
    const prev = this.firstShown;
    this.firstShown = first;
    if (!el || prev === undefined || first === undefined || first <= prev || o.filtered) return undefined;
    if (!o.holding()) return undefined;
    el.scrollTop = Math.max(0, el.scrollTop - (first - prev) * this.rowHeight);
    return el.scrollTop;
  }
}
