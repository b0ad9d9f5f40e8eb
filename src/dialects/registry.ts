import type { Dialect } from './types';
import { jsonDialect } from './json';
import { drpDialect } from './drp';
import { bigchaindbDialect } from './bigchaindb';
import { bartnetDialect } from './bartnet';
import { remotedevDialect } from './remotedev';

// One line per dialect: the selector, URL state and presets all read this list.
export const dialects: Dialect[] = [jsonDialect, drpDialect, bigchaindbDialect, bartnetDialect, remotedevDialect];

export function getDialect(id: string): Dialect {
  return dialects.find((d) => d.id === id) ?? jsonDialect;
}
