import { useMemo } from 'react';
import type { StreamEvent } from '../../../dialects/types';
import { hasDiff } from '../../../dialects/drp';
// One jsondiffpatch walker for the whole app: the remotedev inspector's (plain JSON passes through unchanged).
import { stateDiff } from '../remotedev/stateDiff';

const LIMIT = 500;

function Value({ v }: { v: unknown }) {
  if (v === undefined) return null;
  const text = JSON.stringify(v);
  return <code>{text.length > 300 ? text.slice(0, 299) + '…' : text}</code>;
}

/** Original against Object for update/save events: one row per changed path, with the exact values. */
export function DiffTab({ event }: { event: StreamEvent }) {
  const rows = useMemo(() => (hasDiff(event.value) ? stateDiff(event.value.Original, event.value.Object, LIMIT) : []), [event]);
  if (rows.length === 0) return <p className="note">Original and Object are identical.</p>;
  return (
    <table className="drp-diff" aria-label="Changes from Original to Object">
      <thead>
        <tr>
          <th scope="col">Path</th>
          <th scope="col">Change</th>
          <th scope="col">Original</th>
          <th scope="col">Object</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={`${r.path}:${i}`} className={`drp-${r.kind}`}>
            <td>
              <code>{r.path}</code>
            </td>
            <td>{r.kind}</td>
            <td>
              <Value v={r.before} />
            </td>
            <td>
              <Value v={r.after} />
            </td>
          </tr>
        ))}
      </tbody>
      {rows.length >= LIMIT && (
        <tfoot>
          <tr>
            <td colSpan={4}>Showing the first {LIMIT} changes.</td>
          </tr>
        </tfoot>
      )}
    </table>
  );
}
