import { create } from 'zustand';
import { useThrottledVersion } from '../common/useThrottledVersion';
import { compileQuery, type FilterError, type Predicate } from '../../filter';
import { entityIndex, setMappingOptions } from '../../entities';

// The Entities view's own filter and choices. Its filter is the same language as the table's, applied to entities.

interface EntitiesUi {
  text: string;
  error: FilterError | null;
  predicate: Predicate | null;
  showDeleted: boolean;
  tree: boolean;
  /** The entity whose history is open (Entity.id). */
  selectedId: string | null;
  /** The key path generic JSON streams are keyed by ('' = none). */
  keyPath: string;
}

export const useEntitiesUi = create<EntitiesUi>()(() => ({ text: '', error: null, predicate: null, showDeleted: false, tree: false, selectedId: null, keyPath: '' }));

export function setEntityFilter(text: string): void {
  const r = compileQuery(text);
  if (!r.ok) useEntitiesUi.setState({ text, error: r.error });
  else useEntitiesUi.setState({ text, error: null, predicate: r.ast ? r.predicate : null });
}

export function setKeyPath(keyPath: string): void {
  useEntitiesUi.setState({ keyPath });
  setMappingOptions({ keyPath });
}

const subscribeIndex = (l: () => void) => entityIndex.subscribe(l);
const readIndexVersion = () => entityIndex.version;

/** The index's version, re-read at most every `ms` while the stream changes it: a live view redraws a few times a second. */
export function useIndexVersion(ms = 250): number {
  return useThrottledVersion(subscribeIndex, readIndexVersion, ms);
}
