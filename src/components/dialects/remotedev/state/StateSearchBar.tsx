/** Search of the state's keys and values: the match count, and the previous / next match (Shift+Enter / Enter). */
export function StateSearchBar({ query, onQuery, count, at, truncated, searching, onStep }: { query: string; onQuery(q: string): void; count: number; at: number; truncated: boolean; searching: boolean; onStep(delta: number): void }) {
  const status = !query.trim() ? '' : searching && count === 0 ? 'Searching…' : count === 0 ? 'No matches' : `${at + 1} of ${count}${truncated ? '+' : ''}`;
  return (
    <div className="st-search" role="search">
      <input
        type="search"
        aria-label="Search keys and values"
        placeholder="Search keys and values"
        value={query}
        onChange={(e) => onQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            onStep(e.shiftKey ? -1 : 1);
          }
        }}
        title="Enter: next match · Shift+Enter: previous match"
      />
      <span className="st-count" role="status" aria-label="Matches" title={truncated ? 'The search stopped at its limit: narrow it to see every match' : undefined}>
        {status}
      </span>
      <button type="button" onClick={() => onStep(-1)} disabled={count === 0} aria-label="Previous match" title="Previous match (Shift+Enter)">
        ↑
      </button>
      <button type="button" onClick={() => onStep(1)} disabled={count === 0} aria-label="Next match" title="Next match (Enter)">
        ↓
      </button>
    </div>
  );
}
