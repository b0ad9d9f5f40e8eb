// Keyboard shortcuts: one table (shown by the help overlay) and one document-level listener. Single keys act only
// when focus is not in a text field, so typing a filter or a frame never triggers them; Escape always works.

export type ShortcutAction = 'focusFilter' | 'pause' | 'clear' | 'nextMatch' | 'prevMatch' | 'latest' | 'help' | 'escape';

export interface Shortcut {
  action: ShortcutAction;
  /** Key names as KeyboardEvent.key reports them; "Shift+" prefixes a shifted letter or function key. */
  keys: string[];
  /** What the help overlay says. */
  label: string;
  /** Keys the filter bar (src/components/filters) listens for itself: listed in the help, not matched here. */
  ownKeys?: string[];
}

export const SHORTCUTS: Shortcut[] = [
  { action: 'focusFilter', keys: ['/'], label: 'Focus the filter box', ownKeys: ['/'] },
  { action: 'pause', keys: ['p'], label: 'Pause or resume the table (events keep being received)' },
  { action: 'clear', keys: ['Shift+C'], label: 'Clear the table (counters keep counting)' },
  { action: 'nextMatch', keys: ['n', 'F3'], label: 'Next match (Enter in the filter box)', ownKeys: ['F3'] },
  { action: 'prevMatch', keys: ['Shift+N', 'Shift+F3'], label: 'Previous match (Shift+Enter in the filter box)', ownKeys: ['Shift+F3'] },
  { action: 'latest', keys: ['End', 'Shift+G'], label: 'Jump to the latest event and follow' },
  { action: 'help', keys: ['?'], label: 'Show this help' },
  { action: 'escape', keys: ['Escape'], label: 'Close this help; leave a text field' },
];

export interface KeyLike {
  key: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  /** The focused element is a text field (input, textarea, select, contenteditable). */
  inTextField?: boolean;
}

/** The action a key press triggers, or null. Pure, so it is unit-tested without a DOM. */
export function matchShortcut(e: KeyLike): ShortcutAction | null {
  if (e.key === 'Escape') return 'escape';
  if (e.ctrlKey || e.metaKey || e.altKey || e.inTextField) return null;
  // '?' and '/' come with or without Shift depending on the layout; letters are compared case-insensitively with
  // Shift named explicitly.
  const name = e.key.length === 1 && /[a-z]/i.test(e.key) ? (e.shiftKey ? `Shift+${e.key.toUpperCase()}` : e.key.toLowerCase()) : e.shiftKey && /^F\d+$/.test(e.key) ? `Shift+${e.key}` : e.key;
  for (const s of SHORTCUTS) if (s.keys.includes(name) && !s.ownKeys?.includes(name)) return s.action;
  return null;
}

export function isTextField(el: Element | null): boolean {
  if (!el) return false;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  if (el instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(el.type);
  return (el as HTMLElement).isContentEditable === true;
}

export type ShortcutHandlers = Partial<Record<ShortcutAction, () => boolean | void>>;

/**
 * Modules that own a control can take over an action (e.g. the filter bar's own next/previous match in highlight
 * mode). The most recent registration wins; the returned function removes it.
 */
const overrides = new Map<ShortcutAction, (() => boolean | void)[]>();

export function registerShortcutHandler(action: ShortcutAction, fn: () => boolean | void): () => void {
  const list = overrides.get(action) ?? [];
  list.push(fn);
  overrides.set(action, list);
  return () => {
    const l = overrides.get(action);
    if (l) l.splice(l.indexOf(fn), 1);
  };
}

/** Installs the document listener; `defaults` run when no module registered its own handler. */
export function installShortcuts(defaults: ShortcutHandlers, target: Document = document): () => void {
  const onKey = (ev: KeyboardEvent) => {
    if (ev.defaultPrevented || ev.isComposing) return;
    const action = matchShortcut({ key: ev.key, shiftKey: ev.shiftKey, ctrlKey: ev.ctrlKey, metaKey: ev.metaKey, altKey: ev.altKey, inTextField: isTextField(target.activeElement) });
    if (!action) return;
    // End inside the event table moves its own selection; leave it to the table.
    if (action === 'latest' && ev.key === 'End' && (ev.target as Element | null)?.closest?.('.tbody-scroll')) return;
    const own = overrides.get(action);
    const fn = own?.length ? own[own.length - 1] : defaults[action];
    if (!fn) return;
    // A handler returns false when it did nothing (e.g. Escape with nothing to close): the key keeps its default.
    if (fn() !== false) ev.preventDefault();
  };
  target.addEventListener('keydown', onKey);
  return () => target.removeEventListener('keydown', onKey);
}
