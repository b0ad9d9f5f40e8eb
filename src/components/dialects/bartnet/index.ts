import type { DialectUi } from '../registry';
import { BartnetPanel } from './BartnetPanel';

export const bartnetUi: DialectUi = { Panel: BartnetPanel };
