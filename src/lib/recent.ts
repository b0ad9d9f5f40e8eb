/** A recent-input list (newest first, each entry once, at most `max`) with `item` added at the front. */
export function pushRecent(list: readonly string[], item: string, max: number): string[] {
  return [item, ...list.filter((x) => x !== item)].slice(0, max);
}
