import type { EntityMapping } from '../entityMapping';

// Tutum and Docker Cloud events name the object by its resource_uri and say only its new state and its parents
// (a container's are its service, stack, node and node cluster), so each event updates those fields of the object.
// Any other JSON stream is keyed by a path the user picks, and each frame is the object's new version.
export const jsonEntities: EntityMapping = {
  rules: [
    {
      name: 'A Tutum / Docker Cloud object (type + resource_uri): its state and parents; delete removes it',
      when: { type: true, resource_uri: true },
      unless: { type: ['auth', 'error', 'user-notification', 'user-notifications'] },
      kind: { path: 'type' },
      key: ['resource_uri'],
      action: 'action',
      deletes: ['delete'],
      creates: ['create'],
      merge: { state: 'state', action: 'action', parents: 'parents', uuid: 'uuid', datetime: 'datetime' },
      status: ['state'],
      parents: 'parents',
    },
    {
      name: 'Any JSON object with the chosen key path: each frame is its new version',
      when: { $keyPath: true },
      kind: { path: 'type', fallback: 'object' },
      key: ['$keyPath'],
      action: 'action',
      deletes: ['delete', 'deleted', 'destroy', 'destroyed', 'remove', 'removed'],
      creates: ['create', 'created', 'add', 'added'],
      snapshot: '',
      status: ['state', 'status'],
      label: ['name', 'title'],
    },
  ],
  keyPathSuggestions: ['id', 'key', 'uuid', 'resource_uri', 'name', '_id'],
};
