import type { Observable } from './events';

/** A value with change notification; controllers use it so React panels can subscribe without protocol code importing React. */
export function createObservable<T>(initial: T): Observable<T> & { set(next: T | ((prev: T) => T)): void } {
  let value = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set(next) {
      value = typeof next === 'function' ? (next as (prev: T) => T)(value) : next;
      for (const l of listeners) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
