import type { DialectUi } from '../types';
import { drpSocketUrl, hasDiff, localFilterMemory, validateFilter } from '../../../dialects/drp';
import { RegisterFilterPanel } from './RegisterFilterPanel';
import { DiffTab } from './DiffTab';

export const drpUi: DialectUi = {
  Panel: RegisterFilterPanel,
  detailTabs: [{ id: 'drp-diff', label: 'Diff', applies: (e) => hasDiff(e.value), Component: DiffTab }],
  connectionExtras: [
    // Register filters live in the DRP controller's per-endpoint memory, which a session loads when it opens: a saved
    // or shared connection carries them as one filter a line.
    {
      key: 'rf',
      read: (conn) => localFilterMemory(drpSocketUrl(conn.endpoint)).load().join('\n') || undefined,
      apply(conn, value) {
        const filters = value.split('\n').filter((f) => validateFilter(f) === null);
        const memory = localFilterMemory(drpSocketUrl(conn.endpoint));
        memory.save([...new Set([...memory.load(), ...filters])]);
      },
    },
  ],
};
