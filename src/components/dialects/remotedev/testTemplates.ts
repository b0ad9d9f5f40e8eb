import { readStored, writeStored } from '../../../lib/persist';
import { BUILT_IN_TEMPLATES, type TestTemplate } from '../../../dialects/remotedev';

// The Test tab's templates as this browser remembers them: which one is chosen, and the user's edits of each.

const KEY = 'remotedev:testTemplates';

type TemplateText = Pick<TestTemplate, 'wrap' | 'dispatcher' | 'assertion'>;

export interface SavedTemplates {
  selected: string;
  edited: Record<string, TemplateText>;
}

const isText = (v: unknown): v is TemplateText => {
  const t = v as TemplateText | null;
  return typeof t === 'object' && t !== null && typeof t.wrap === 'string' && typeof t.dispatcher === 'string' && typeof t.assertion === 'string';
};
const isSaved = (v: unknown): boolean => {
  const s = v as SavedTemplates | null;
  return typeof s === 'object' && s !== null && typeof s.selected === 'string' && typeof s.edited === 'object' && s.edited !== null && Object.values(s.edited).every(isText);
};

export function loadTemplates(): SavedTemplates {
  return readStored<SavedTemplates>(KEY, { selected: BUILT_IN_TEMPLATES[0].id, edited: {} }, isSaved);
}

export function saveTemplates(s: SavedTemplates): boolean {
  return writeStored(KEY, s);
}

/** A built-in template with the user's edits applied; the first built-in for an unknown id. */
export function templateOf(s: SavedTemplates, id: string): TestTemplate {
  const base = BUILT_IN_TEMPLATES.find((t) => t.id === id) ?? BUILT_IN_TEMPLATES[0];
  const e = s.edited[base.id];
  return e ? { ...base, wrap: e.wrap, dispatcher: e.dispatcher, assertion: e.assertion } : base;
}

export const isEdited = (s: SavedTemplates, id: string) => id in s.edited;
