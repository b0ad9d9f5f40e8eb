import type { RowFocus, StreamEvent } from '../types';

/**
 * Which of a remotedev connection's rows the table lists: the focused instance's actions (every instance's when none
 * is), the connection's own rows (connect, gap, errors, other channels) and, when asked, the protocol messages
 * (START, STATE, the commands sent…) of that instance. Other connections' rows pass untouched.
 */
export function remotedevRowScope(connId: string, focus: RowFocus) {
  const { source, protocol } = focus;
  return (e: StreamEvent): boolean => {
    if (e.connId !== connId) return true;
    const f = e.fields;
    const kind = f?.rowKind;
    if (kind === 'action' || kind === 'marker') return source === null || f!.instance === source;
    if (kind === 'channel') return true;
    if (kind === 'protocol' || e.dir === 'out') return protocol && (source === null || f?.instance === undefined || f.instance === source);
    return true;
  };
}
