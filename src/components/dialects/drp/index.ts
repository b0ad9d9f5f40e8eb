import type { DialectUi } from '../registry';
import { hasDiff } from '../../../dialects/drp/decode';
import { RegisterFilterPanel } from './RegisterFilterPanel';
import { DiffTab } from './DiffTab';

export const drpUi: DialectUi = {
  Panel: RegisterFilterPanel,
  detailTabs: [{ id: 'drp-diff', label: 'Diff', applies: (e) => hasDiff(e.value), Component: DiffTab }],
};
