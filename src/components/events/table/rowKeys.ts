/**
 * Row keys: by event while the window moves a little per render (only the rows that come in are created), by position
 * once it moves by more than half its height (a fast stream: every row is new anyway, and reusing the rows' DOM nodes
 * turns each publish into text changes; a trace showed most of the layout going to rows added and removed).
 * Positions, not slots: moving keyed nodes around re-creates their layout objects too.
 */
export class RowKeys {
  private prevFirstSeq: number | null = null;
  private byPosition = false;

  /**
   * Given the rendered window (index of its first row, how many rows) and the view, says whether rows are keyed by
   * position in this render. Decided again only when the window's first row changes.
   */
  update(firstIndex: number | undefined, length: number, view: { seqAt(i: number): number; indexOf(seq: number): number }): boolean {
    const firstSeq = firstIndex !== undefined && length ? view.seqAt(firstIndex) : null;
    const prevFirst = this.prevFirstSeq;
    const prevIndex = prevFirst === null ? -1 : view.indexOf(prevFirst);
    const shift = length && prevIndex >= 0 && firstIndex !== undefined ? Math.abs(firstIndex - prevIndex) : Infinity;
    if (firstSeq !== prevFirst) this.byPosition = shift > length / 2;
    this.prevFirstSeq = firstSeq;
    return this.byPosition;
  }
}
