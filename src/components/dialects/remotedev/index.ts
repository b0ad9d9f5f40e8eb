import type { DialectUi } from '../types';
import { RemotedevPanel } from './RemotedevPanel';
import { RemotedevRowActions, remotedevDetailTabs } from './InspectorTabs';

export const remotedevUi: DialectUi = {
  Panel: RemotedevPanel,
  detailTabs: remotedevDetailTabs,
  RowActions: RemotedevRowActions,
};
