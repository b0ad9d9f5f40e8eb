import type { DialectUi } from '../registry';
import { BigchainPanel } from './BigchainPanel';

export const bigchaindbUi: DialectUi = { Panel: BigchainPanel };
