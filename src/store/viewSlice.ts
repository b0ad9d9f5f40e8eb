import type { StateCreator } from 'zustand';
import type { Store } from './index';
import { DEFAULT_CAP, type EngineStats } from '../engine';

/** The toolbar's counters, as the engine last published them. */
export type ViewStats = EngineStats;

export interface ViewSlice {
  /** Bumped once per appended batch or view change: the table subscribes to this, not to the events. */
  viewVersion: number;
  stats: ViewStats;
  /** The user's pause: the engine's view follows it (startEngine). */
  paused: boolean;
  selectedSeq: number | null;
  /** Where a shift-click range starts (the row selected before it); null when one row is selected. */
  rangeAnchorSeq: number | null;
  /** Follow the newest row while the user is at the bottom. */
  following: boolean;
  /** Show only the active connection's events (the engine's connection scope follows it). */
  onlyActive: boolean;
  /** The buffer's capacity the user chose: the engine's log follows it. */
  capacity: number;
  setSelected(seq: number | null): void;
  /** Shift-click / Shift+↑↓: selects `seq` and keeps the range's first row (the row selected before) as its anchor. */
  extendSelection(seq: number): void;
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
  rangeAnchorSeq: null,
  following: true,
  onlyActive: false,
  capacity: DEFAULT_CAP,
  setSelected: (seq) => set({ selectedSeq: seq, rangeAnchorSeq: null }),
  extendSelection: (seq) =>
    set((s) => {
      const anchor = s.rangeAnchorSeq ?? s.selectedSeq;
      return { selectedSeq: seq, rangeAnchorSeq: anchor === null || anchor === seq ? null : anchor };
    }),
  setFollowing: (following) => set({ following }),
  setPaused: (paused) => set({ paused }),
  setOnlyActive: (onlyActive) => set({ onlyActive }),
  setCapacity: (capacity) => set({ capacity }),
});
