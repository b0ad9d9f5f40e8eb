import type { DialectUi } from '../types';
import { hasDiff } from '../../../dialects/drp';
import { RegisterFilterPanel } from './RegisterFilterPanel';
import { DiffTab } from './DiffTab';

export const drpUi: DialectUi = {
  Panel: RegisterFilterPanel,
  detailTabs: [{ id: 'drp-diff', label: 'Diff', applies: (e) => hasDiff(e.value), Component: DiffTab }],
};
