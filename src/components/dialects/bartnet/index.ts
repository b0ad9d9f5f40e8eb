import type { DialectUi } from '../types';
import { BartnetPanel } from './BartnetPanel';

export const bartnetUi: DialectUi = { Panel: BartnetPanel };
