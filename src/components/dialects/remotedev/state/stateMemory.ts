// What the State tab remembers in this browser: the pinned subtree per app (by the name the app gives its store, so
// it holds across the app's restarts and the page's reloads), and how the tab shows a state (tree or JSON, key order).

import { readStored, writeStored } from '../../../../lib/persist';
import { isPath, type KeyOrder, type Seg } from './statePath';

const PINS = 'remotedev:state-pins';
const VIEW = 'remotedev:state-view';
/** Pins kept, most recent last: an app name that never comes back must not grow storage for ever. */
const MAX_PINS = 50;

type Pins = Record<string, Seg[]>;
const isPins = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every(isPath);

export function loadPin(app: string): Seg[] {
  return readStored<Pins>(PINS, {}, isPins)[app] ?? [];
}

/** Remembers `path` as `app`'s pinned subtree; the root ([]) unpins. */
export function savePin(app: string, path: readonly Seg[]): void {
  const pins = { ...readStored<Pins>(PINS, {}, isPins) };
  delete pins[app];
  if (path.length) pins[app] = [...path];
  const names = Object.keys(pins);
  for (const n of names.slice(0, Math.max(0, names.length - MAX_PINS))) delete pins[n];
  writeStored(PINS, pins);
}

export interface StateViewPrefs {
  mode: 'tree' | 'json';
  order: KeyOrder;
}
const isPrefs = (v: unknown) => {
  const p = v as StateViewPrefs | null;
  return typeof p === 'object' && p !== null && (p.mode === 'tree' || p.mode === 'json') && (p.order === 'insertion' || p.order === 'az');
};

export const loadViewPrefs = (): StateViewPrefs => readStored<StateViewPrefs>(VIEW, { mode: 'tree', order: 'insertion' }, isPrefs);
export const saveViewPrefs = (p: StateViewPrefs) => writeStored(VIEW, p);
