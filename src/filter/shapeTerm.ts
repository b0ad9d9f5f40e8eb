import type { StreamEvent } from '../core/events';

// `shape:new` asks something the filter cannot see in the event itself: whether it changed its type's shape. The
// app's shape tracker answers it; the filter only holds the question's slot (so it stays free of app state).

let test: (e: StreamEvent) => boolean = () => false;

/** Installs the test `shape:new` uses (the app's shape tracker). */
export function setShapeDriftTest(f: (e: StreamEvent) => boolean): void {
  test = f;
}

/** The installed test, read when a query is compiled. */
export function shapeDriftTest(): (e: StreamEvent) => boolean {
  return test;
}
