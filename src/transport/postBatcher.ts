/**
 * Collects messages in a worker and posts them to the page in batches: at most every `flushMs`, or at once when
 * `maxItems` are waiting, so the page pays one message event per batch instead of one per frame. flush() posts what
 * waits now (before a close, so frames stay ahead of it).
 */
export interface PostBatcher<T> {
  push(item: T): void;
  flush(): void;
  readonly pending: number;
}

export function createPostBatcher<T>(o: { post(items: T[]): void; flushMs?: number; maxItems?: number; setTimer?: (fn: () => void, ms: number) => unknown }): PostBatcher<T> {
  const flushMs = o.flushMs ?? 4;
  const maxItems = o.maxItems ?? 2000;
  const setTimer = o.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  let items: T[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (!items.length) return;
    const out = items;
    items = [];
    o.post(out);
  };
  return {
    get pending() {
      return items.length;
    },
    push(item) {
      items.push(item);
      if (items.length >= maxItems) flush();
      else if (!scheduled) {
        scheduled = true;
        setTimer(flush, flushMs);
      }
    },
    flush,
  };
}
