import type { DialectUi } from '../types';
import { RemotedevPanel } from './RemotedevPanel';
import { RemotedevRowActions, isActionRow, remotedevDetailTabs } from './InspectorTabs';
import { TraceTab } from './TraceTab';
import { TestTab } from './TestTab';
import { RtkQueryTab } from './RtkQueryTab';
import { remotedevRowClass } from './rowMarks';

export const remotedevUi: DialectUi = {
  Panel: RemotedevPanel,
  detailTabs: [
    ...remotedevDetailTabs,
    { id: 'rd-trace', label: 'Trace', applies: isActionRow, Component: TraceTab },
    { id: 'rd-test', label: 'Test', applies: isActionRow, Component: TestTab },
    { id: 'rd-rtk', label: 'RTK Query', applies: isActionRow, Component: RtkQueryTab },
  ],
  // An action row opens on the action itself, not on streamscope's row wrapper (Tree).
  defaultDetailTab: 'rd-action',
  RowActions: RemotedevRowActions,
  rowClass: remotedevRowClass,
};
