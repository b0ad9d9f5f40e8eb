import { readStored, writeStored } from '../../lib/persist';

// The detail tab the user last chose, per dialect, remembered in this browser: the inspector opens on it for the next
// event it applies to (a Redux user who reads State keeps reading State), and after a reload.

const KEY = 'detail:tabs';
type Chosen = Record<string, string>;

const isChosen = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');

export function loadChosenTabs(): Chosen {
  return readStored<Chosen>(KEY, {}, isChosen);
}

export function rememberTab(chosen: Chosen, dialect: string, tabId: string): Chosen {
  const next = { ...chosen, [dialect]: tabId };
  writeStored(KEY, next);
  return next;
}
