import type { EntityMapping } from '../entityMapping';

// Every valid transaction is about one asset: a CREATE names it by its own id, a TRANSFER by the CREATE's. The
// stream says nothing else about the asset, so its version is the chain of transactions seen and the latest block.
// Whether a transaction is a CREATE is inferred from the ids (the frames do not say), hence the field's name.
export const bigchaindbEntities: EntityMapping = {
  rules: [
    {
      name: 'A BigchainDB asset (asset_id): its transaction chain and the block of the latest',
      when: { '@fields.asset': true, '@fields.tx': true },
      kind: { value: 'asset' },
      key: ['@fields.asset'],
      action: '@fields.op',
      creates: ['CREATE'],
      merge: { last_transaction: '@fields.tx', block: '@fields.block', operation_inferred: '@fields.op' },
      append: { transactions: '@fields.tx' },
      status: ['operation_inferred'],
    },
  ],
};
