import type { DialectUi } from '../types';
import { RemotedevPanel } from './RemotedevPanel';
import { RemotedevRowActions, remotedevDetailTabs } from './InspectorTabs';
import { remotedevRowClass } from './rowMarks';

export const remotedevUi: DialectUi = {
  Panel: RemotedevPanel,
  detailTabs: remotedevDetailTabs,
  RowActions: RemotedevRowActions,
  rowClass: remotedevRowClass,
};
