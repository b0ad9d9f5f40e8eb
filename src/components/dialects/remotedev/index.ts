import type { DialectUi } from '../types';
import { RemotedevPanel } from './RemotedevPanel';
import { RemotedevRowActions, isActionRow, remotedevDetailTabs } from './InspectorTabs';
import { TraceTab } from './TraceTab';
import { TestTab } from './TestTab';
import { remotedevRowClass } from './rowMarks';

export const remotedevUi: DialectUi = {
  Panel: RemotedevPanel,
  detailTabs: [
    ...remotedevDetailTabs,
    { id: 'rd-trace', label: 'Trace', applies: isActionRow, Component: TraceTab },
    { id: 'rd-test', label: 'Test', applies: isActionRow, Component: TestTab },
  ],
  RowActions: RemotedevRowActions,
  rowClass: remotedevRowClass,
};
