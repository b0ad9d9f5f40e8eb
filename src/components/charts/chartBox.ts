import { create } from 'zustand';

/** Where the rate chart's plot area sits (CSS px from the chart's left edge): the scrubber lines up with its time axis. */
export const useChartBox = create<{ left: number; width: number } | { left: null; width: null }>()(() => ({ left: null, width: null }));

export function setChartBox(left: number, width: number): void {
  const cur = useChartBox.getState();
  if (cur.left !== null && Math.abs(cur.left - left) < 0.5 && Math.abs(cur.width - width) < 0.5) return;
  useChartBox.setState({ left, width });
}

export function clearChartBox(): void {
  useChartBox.setState({ left: null, width: null });
}
