import type { StreamEvent } from '../core/events';
import type { Entity } from './entityIndex';
import type { Version } from './mapping';

// The filter language (src/filter) tests events. An entity's version reads as one: its kind is the type, its last
// change the action, its key the key, its state the value (so `Stage:discover`, `state:Running` and
// `Object.Name`-style paths work on the state), and its State column the summary. Made per test, not kept: the list
// keeps each slot's verdict for its version instead (worldList.ts).

export function entityAsEvent(ent: Entity, v: Version): StreamEvent {
  return {
    seq: v.seq,
    receivedAt: v.time,
    connId: ent.connId,
    dialect: ent.dialect,
    dir: 'in',
    kind: 'message',
    type: ent.kind,
    action: v.op === 'delete' ? 'deleted' : v.op,
    key: ent.key,
    summary: ((i) => [i.label, i.status].filter(Boolean).join(' · ') || undefined)(ent.info(v)),
    value: v.state,
    size: 0,
  };
}
