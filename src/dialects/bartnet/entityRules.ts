import type { EntityMapping } from '../entityMapping';

// bartnet's events are about a bastion instance (instance_id, or instance-id in the raw launch frames): its launch
// state (launching, complete, failed, ok) and the latest CloudFormation attributes. Heartbeats and command replies
// are about the connection, not an instance.
export const bartnetEntities: EntityMapping = {
  rules: [
    {
      name: 'A bartnet instance (instance_id): its launch state and latest attributes',
      when: { '@fields.instance': true },
      unless: { '@type': ['heartbeat', 'authenticate', 'subscribe'] },
      kind: { value: 'instance' },
      key: ['@fields.instance'],
      merge: { state: 'state', topic: 'command', customer_id: '@fields.customer', attributes: 'attributes' },
      status: ['state'],
    },
  ],
};
