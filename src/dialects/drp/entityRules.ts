import type { EntityMapping } from '../entityMapping';

// DRP events carry the model prefix as Type, the model key as Key and the whole object after the change as Object
// (null on a delete of older servers; the object as it was on newer ones). The websocket replies to register and
// deregister, logs and file serves are not models.
export const drpEntities: EntityMapping = {
  rules: [
    {
      name: 'A DRP model (Type + Key), its Object after each create, update or save; delete removes it',
      when: { '@type': true, '@key': true },
      unless: { '@type': ['websocket', 'log', 'tftp', 'static'] },
      kind: { path: '@type' },
      key: ['@key'],
      action: '@action',
      deletes: ['delete'],
      creates: ['create'],
      snapshot: 'Object',
      status: ['Stage', 'State', 'BootEnv'],
      label: ['Name', 'Addr'],
    },
  ],
};
