import type { DialectUi } from '../types';
import { RemotedevPanel } from './RemotedevPanel';
import { RemotedevRowActions, isActionRow, remotedevDetailTabs } from './InspectorTabs';
import { TraceTab } from './TraceTab';
import { DiffTab } from './DiffTab';
import { TestTab } from './TestTab';
import { RtkQueryTab } from './RtkQueryTab';
import { remotedevRowClass } from './rowMarks';
import { rowRef } from './rowRef';
import { controllerOf } from './useRemotedev';

export const remotedevUi: DialectUi = {
  Panel: RemotedevPanel,
  detailTabs: [
    ...remotedevDetailTabs,
    { id: 'rd-diff', label: 'Diff', applies: isActionRow, Component: DiffTab },
    { id: 'rd-trace', label: 'Trace', applies: isActionRow, Component: TraceTab },
    { id: 'rd-test', label: 'Test', applies: isActionRow, Component: TestTab },
    { id: 'rd-rtk', label: 'RTK Query', applies: isActionRow, Component: RtkQueryTab },
  ],
  // An action row opens on the action itself, not on streamscope's row wrapper (Tree).
  defaultDetailTab: 'rd-action',
  RowActions: RemotedevRowActions,
  rowClass: remotedevRowClass,
  rangeLabel(first, last, session) {
    if (!isActionRow(first) || !isActionRow(last) || rowRef(first).key !== rowRef(last).key) return undefined;
    // Named in the app's history order, which a reorder makes differ from the table's.
    const h = controllerOf(session)?.instance(rowRef(first).key)?.history;
    const [a, b] = [rowRef(first).id, rowRef(last).id].sort((x, y) => (h ? h.indexOf(x) - h.indexOf(y) : x - y));
    return `Diff range: actions #${a} – #${b}`;
  },
};
