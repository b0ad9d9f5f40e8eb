import type { StateCreator } from 'zustand';
import type { Store } from './index';

export interface ViewStats {
  received: number;
  shown: number;
  dropped: number;
  queued: number;
  buffered: number;
  /** Events per second over the last second. */
  rate: number;
}

export interface ViewSlice {
  /** Bumped once per appended batch or view change: the table subscribes to this, not to the events. */
  viewVersion: number;
  stats: ViewStats;
  paused: boolean;
  selectedSeq: number | null;
  /** Follow the newest row while the user is at the bottom. */
  following: boolean;
  /** Show only the active connection's events. */
  onlyActive: boolean;
  capacity: number;
  setSelected(seq: number | null): void;
  setFollowing(f: boolean): void;
  setPaused(p: boolean): void;
  setOnlyActive(v: boolean): void;
  setCapacity(n: number): void;
}

export const createViewSlice: StateCreator<Store, [], [], ViewSlice> = (set) => ({
  viewVersion: 0,
  stats: { received: 0, shown: 0, dropped: 0, queued: 0, buffered: 0, rate: 0 },
  paused: false,
  selectedSeq: null,
  following: true,
  onlyActive: false,
  capacity: 100_000,
  setSelected: (seq) => set({ selectedSeq: seq }),
  setFollowing: (following) => set({ following }),
  setPaused: (paused) => set({ paused }),
  setOnlyActive: (onlyActive) => set({ onlyActive }),
  setCapacity: (capacity) => set({ capacity }),
});
