export interface Scheduler {
  requestFrame(cb: () => void): unknown;
  setTimeout(cb: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const browserScheduler = (): Scheduler => ({
  requestFrame: (cb) => (typeof requestAnimationFrame === 'function' ? requestAnimationFrame(cb) : setTimeout(cb, 16)),
  setTimeout: (cb, ms) => setTimeout(cb, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
});

/**
 * Collects items and hands them to `flush` at most once per animation frame, never once per item. Hidden tabs get no
 * animation frames, so a timer fallback flushes within `maxDelayMs` anyway: a background tab still counts and keeps
 * events instead of growing an unbounded queue.
 */
export class FrameBatcher<T> {
  private queue: T[] = [];
  private frameScheduled = false;
  private timer: unknown = undefined;
  private readonly scheduler: Scheduler;

  constructor(
    private readonly flush: (batch: T[]) => void,
    options: { scheduler?: Scheduler; maxDelayMs?: number } = {},
  ) {
    this.scheduler = options.scheduler ?? browserScheduler();
    this.maxDelayMs = options.maxDelayMs ?? 250;
  }

  private readonly maxDelayMs: number;

  get pending(): number {
    return this.queue.length;
  }

  push(item: T): void {
    this.queue.push(item);
    if (!this.frameScheduled) {
      this.frameScheduled = true;
      this.scheduler.requestFrame(this.run);
      this.timer = this.scheduler.setTimeout(this.run, this.maxDelayMs);
    }
  }

  /** Flushes now (tests, and before reads that must see everything). */
  flushNow(): void {
    this.run();
  }

  private run = (): void => {
    if (this.timer !== undefined) this.scheduler.clearTimeout(this.timer);
    this.timer = undefined;
    this.frameScheduled = false;
    if (!this.queue.length) return;
    const batch = this.queue;
    this.queue = [];
    this.flush(batch);
  };
}
