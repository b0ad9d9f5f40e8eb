// DRP register filters: `type.action.key`. The server (v3 wsFilterFunction) splits the filter on the first two dots,
// so the key keeps any further dots (`bootenvs.save.centos-8.3-install`). Each field is `*` or an exact,
// case-sensitive string: there is no prefix, glob or regex matching, so `mach*` is literal.
import { utf8Length } from '../../core/frames';

export interface FilterParts {
  type: string;
  action: string;
  key: string;
}

/** melody's MaxMessageSize: a larger inbound frame closes the connection. */
export const MAX_COMMAND_BYTES = 512;

/** Splits like Go's strings.SplitN(f, ".", 3); null when there are fewer than two dots (such a filter never matches). */
export function splitFilter(filter: string): FilterParts | null {
  const a = filter.indexOf('.');
  if (a < 0) return null;
  const b = filter.indexOf('.', a + 1);
  if (b < 0) return null;
  return { type: filter.slice(0, a), action: filter.slice(a + 1, b), key: filter.slice(b + 1) };
}

const fieldMatches = (pattern: string, value: string) => pattern === '*' || pattern === value;

export function matchParts(p: FilterParts, type: string, action: string, key: string): boolean {
  return fieldMatches(p.type, type) && fieldMatches(p.action, action) && fieldMatches(p.key, key);
}

/** Whether one filter string matches an event's type, action and key, exactly as the server decides. */
export function matchFilter(filter: string, type: string, action: string, key: string): boolean {
  const p = splitFilter(filter);
  return !!p && matchParts(p, type, action, key);
}

/** The command frame for a filter. The server trims the frame and splits at the first space. */
export function commandFrame(verb: 'register' | 'deregister', filter: string): string {
  return `${verb} ${filter}`;
}

/**
 * Parses a command frame the way the server does: trim, split at the first space, verb must be exactly `register`
 * or `deregister`. Anything else gets no reply from the server, so it is not a command.
 */
export function parseCommand(text: string): { verb: 'register' | 'deregister'; filter: string } | null {
  const t = text.trim();
  const sp = t.indexOf(' ');
  if (sp < 0) return null;
  const verb = t.slice(0, sp);
  if (verb !== 'register' && verb !== 'deregister') return null;
  return { verb, filter: t.slice(sp + 1) };
}

/**
 * Why a filter is refused, or null when it is fine. The server itself accepts anything, but a filter with fewer than
 * two dots makes the v3 hub's matcher index past the end of SplitN(filter, ".", 3): the panic is unrecovered and the
 * whole dr-provision process exits on the next event. A frame over 512 bytes closes the connection (1009). Re-sending
 * either after every reconnect would loop, so such a filter is never sent and never remembered.
 */
export function validateFilter(filter: string): string | null {
  if (filter === '') return 'Enter a filter such as machines.*.* (type.action.key).';
  if (filter !== filter.trim()) return 'Remove the leading or trailing spaces: the server trims the command, so the filter could never be deregistered.';
  if (/\s/.test(filter.split('.', 2).join('.'))) return 'The type and action cannot contain spaces.';
  const p = splitFilter(filter);
  if (!p) {
    const dots = filter.split('.').length - 1;
    return `A filter needs three parts, type.action.key, separated by two dots (this one has ${dots}); a DRP server crashes on one with fewer. Use * for any value, e.g. ${suggestFix(filter)}.`;
  }
  const empty = (['type', 'action', 'key'] as const).find((f) => p[f] === '');
  if (empty) return `The ${empty} is empty and would only match an empty ${empty}; use * to match any ${empty}.`;
  for (const f of ['type', 'action'] as const) {
    if (p[f] !== '*' && p[f].includes('*')) return `"${p[f]}" is taken literally: the server only knows a whole-field *, not patterns like mach*.`;
  }
  if (utf8Length(commandFrame('deregister', filter)) > MAX_COMMAND_BYTES) return `The filter is too long: the server closes the connection on commands over ${MAX_COMMAND_BYTES} bytes.`;
  return null;
}

/**
 * Why a frame typed in the send box must not go out, or null. register/deregister are checked exactly like the
 * Register form checks a filter; any frame over 512 bytes would close the connection. Other text is harmless: the
 * server ignores frames that are not commands.
 */
export function vetCommandFrame(text: string): string | null {
  if (utf8Length(text) > MAX_COMMAND_BYTES) return `Not sent: the frame is ${utf8Length(text)} bytes and the server closes the connection (1009) on frames over ${MAX_COMMAND_BYTES} bytes.`;
  const cmd = parseCommand(text);
  if (!cmd) return null;
  const why = validateFilter(cmd.filter);
  return why ? `Not sent: ${cmd.verb} ${JSON.stringify(cmd.filter)} is refused. ${why}` : null;
}

/** Splits remembered or configured filters into those that may be sent and those that must be dropped, with why. */
export function partitionFilters(filters: readonly string[]): { valid: string[]; dropped: { filter: string; why: string }[] } {
  const valid: string[] = [];
  const dropped: { filter: string; why: string }[] = [];
  for (const filter of new Set(filters)) {
    const why = validateFilter(filter);
    if (why) dropped.push({ filter, why });
    else valid.push(filter);
  }
  return { valid, dropped };
}

function suggestFix(filter: string): string {
  const parts = filter.split('.').filter(Boolean);
  while (parts.length < 3) parts.push('*');
  return parts.slice(0, 3).join('.');
}

/** Types with CRUD events on a DRP server (models' prefixes) plus the non-model event types. */
export const DRP_TYPES = [
  'machines',
  'profiles',
  'params',
  'bootenvs',
  'stages',
  'tasks',
  'jobs',
  'workflows',
  'subnets',
  'reservations',
  'leases',
  'users',
  'roles',
  'tenants',
  'contents',
  'plugins',
  'plugin_providers',
  'templates',
  'preferences',
  'interfaces',
  'isos',
  'files',
  'log',
  'tftp',
  'static',
  'websocket',
] as const;

/** CRUD actions (the action is `delete`, not `destroy` as some docs say) and the plugin lifecycle actions. */
export const DRP_ACTIONS = ['create', 'update', 'save', 'delete', 'start', 'stop', 'config', 'configed', 'stopped', 'remove'] as const;

export interface FilterPreset {
  id: string;
  label: string;
  /** What the button does, as its tooltip. */
  title: string;
  /** The filter, with `<uuid>` where the user must supply a machine UUID. */
  filter: string;
}

export const DRP_PRESETS: FilterPreset[] = [
  { id: 'machines', label: 'All machine events', title: 'Register machines.*.*: every create, update, save and delete of any machine.', filter: 'machines.*.*' },
  { id: 'everything', label: 'Everything', title: 'Register *.*.*: every event the user may see.', filter: '*.*.*' },
  {
    id: 'machine-jobs',
    label: 'Jobs of one machine',
    title: "Register jobs.*.* and machines.*.<uuid>, and narrow the table to that machine's jobs (a job's key is its own UUID, so the server cannot filter jobs by machine).",
    filter: 'jobs.*.*',
  },
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string) => UUID.test(s.trim());
