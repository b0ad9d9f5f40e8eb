// How a dialect's events map to the things they are about (a DRP machine, a Tutum container, a BigchainDB asset, a
// bartnet instance), declared as data beside each dialect's decoder. src/entities interprets these rules; a dialect
// only says where the kind, key and new state are in its events.
//
// A path reads the decoded frame (`Object.Name`), or with a leading `@` the event's own columns (`@key`, `@type`,
// `@fields.asset`). `$keyPath` stands for the key path the user picked (generic JSON streams have no fixed key).

export type EventPath = string;

export interface EntityRule {
  /** In words, for the view's help: what this rule recognises. */
  name: string;
  /** Applies only when every path has one of the values listed (`true`: any non-empty string or number). */
  when?: Readonly<Record<EventPath, true | readonly string[]>>;
  /** Never applies when a path has one of these values. */
  unless?: Readonly<Record<EventPath, readonly string[]>>;
  /** The entity's kind: read from a path, or one fixed name; `fallback` when the path is empty. */
  kind: { path: EventPath; fallback?: string } | { value: string };
  /** The key: the first of these paths with a non-empty string or number. */
  key: readonly EventPath[];
  /** Where the action is read; an action listed in `deletes` removes the entity, one in `creates` starts it. */
  action?: EventPath;
  deletes?: readonly string[];
  /** Without one of these actions, an entity's first event only says it was seen (it existed before). */
  creates?: readonly string[];
  /** The new version is the object at this path ('' = the whole frame). Absent or not an object: only touched. */
  snapshot?: EventPath;
  /** The new version is the previous one with these fields set from the event (fields the event lacks are kept). */
  merge?: Readonly<Record<string, EventPath>>;
  /** Lists in the version that grow by one value per event (a transaction chain). */
  append?: Readonly<Record<string, EventPath>>;
  /** Paths into the version for the State column; the first present wins. */
  status?: readonly string[];
  /** Paths into the version for a readable name beside the key (DRP's Name). */
  label?: readonly string[];
  /** A path into the version to the keys of the entity's parents; the first parent is its place in the tree. */
  parents?: string;
}

export interface EntityMapping {
  /** Tried in order; the first that applies says what the event does. */
  rules: readonly EntityRule[];
  /** The user picks the key path (`$keyPath`); these are offered first when the stream has such fields. */
  keyPathSuggestions?: readonly string[];
}
