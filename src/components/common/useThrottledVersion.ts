import { useEffect, useState } from 'react';

/**
 * A version counter re-read at most every `ms` while `subscribe` reports changes: a live view over a fast stream
 * redraws a few times a second, not once per batch.
 */
export function useThrottledVersion(subscribe: (listener: () => void) => () => void, read: () => number, ms: number): number {
  const [version, setVersion] = useState(read);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = subscribe(() => {
      if (timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        setVersion(read());
      }, ms);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [subscribe, read, ms]);
  return version;
}
