// Figures over several runs, shared by the benchmarks that interleave them (run.mjs, ab.mjs).

/** The median of the figures a run produced (missing ones are skipped); null when there are none. */
export function median(xs) {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}
