import type { DialectUi } from '../types';
import { BigchainPanel } from './BigchainPanel';

export const bigchaindbUi: DialectUi = { Panel: BigchainPanel };
