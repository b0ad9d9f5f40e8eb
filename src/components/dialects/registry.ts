import type { DialectUi } from './types';
import { drpUi } from './drp';
import { bigchaindbUi } from './bigchaindb';
import { bartnetUi } from './bartnet';
import { remotedevUi } from './remotedev';

export type { DetailTab, DialectPanelProps, DialectUi } from './types';

// One line per dialect that has UI beyond the generic table.
export const dialectUi: Record<string, DialectUi> = {
  drp: drpUi,
  bigchaindb: bigchaindbUi,
  bartnet: bartnetUi,
  remotedev: remotedevUi,
};
