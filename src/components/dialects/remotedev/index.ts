import type { DialectUi } from '../types';
import { RemotedevPanel } from './RemotedevPanel';
import { RemotedevRowActions, isActionRow, remotedevDetailTabs } from './InspectorTabs';
import { TraceTab } from './TraceTab';
import { remotedevRowClass } from './rowMarks';

export const remotedevUi: DialectUi = {
  Panel: RemotedevPanel,
  detailTabs: [...remotedevDetailTabs, { id: 'rd-trace', label: 'Trace', applies: isActionRow, Component: TraceTab }],
  RowActions: RemotedevRowActions,
  rowClass: remotedevRowClass,
};
