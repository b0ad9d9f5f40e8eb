/**
 * Orders `seqs` by `keys` (same positions): numbers before strings, ties in arrival order (by seq). Returns the seqs
 * in their new order; the inputs are not changed.
 */
export function sortSeqs(seqs: number[], keys: (number | string)[], desc: boolean): number[] {
  const dir = desc ? -1 : 1;
  const order = Array.from({ length: seqs.length }, (_, i) => i);
  order.sort((a, b) => {
    const x = keys[a];
    const y = keys[b];
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : typeof x === 'number' ? -1 : typeof y === 'number' ? 1 : x < y ? -1 : x > y ? 1 : 0;
    return c * dir || seqs[a] - seqs[b];
  });
  return order.map((i) => seqs[i]);
}
