import { describe, expect, it } from 'vitest';
import { decodeBigchainFrame, normalizeBigchainMessage } from './decode';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const K = 'c'.repeat(64);

describe('normalizeBigchainMessage', () => {
  it('reads the 2.x shape (height, asset_id, transaction_id)', () => {
    expect(normalizeBigchainMessage({ height: 17, asset_id: A, transaction_id: A })).toEqual({ tx: A, asset: A, block: 17, op: 'CREATE', shape: '2.x' });
    expect(normalizeBigchainMessage({ height: 18, asset_id: A, transaction_id: B })).toMatchObject({ tx: B, asset: A, block: 18, op: 'TRANSFER' });
  });
  it('reads the 1.x shape (transaction_id, asset_id, block_id)', () => {
    expect(normalizeBigchainMessage({ transaction_id: B, asset_id: A, block_id: K })).toEqual({ tx: B, asset: A, block: K, op: 'TRANSFER', shape: '1.x' });
  });
  it('reads the 0.10 shape (tx_id, asset_id, block_id)', () => {
    expect(normalizeBigchainMessage({ tx_id: A, asset_id: A, block_id: K })).toEqual({ tx: A, asset: A, block: K, op: 'CREATE', shape: '0.10' });
  });
  it('reads the pre-release shape from the seed docs (txid, assetid, blockid)', () => {
    expect(normalizeBigchainMessage({ txid: B, assetid: A, blockid: K })).toEqual({ tx: B, asset: A, block: K, op: 'TRANSFER', shape: 'dev' });
  });
  it('treats a missing asset id as CREATE and ignores other values', () => {
    expect(normalizeBigchainMessage({ transaction_id: A, block_id: K })?.op).toBe('CREATE');
    expect(normalizeBigchainMessage({ foo: 1 })).toBeUndefined();
    expect(normalizeBigchainMessage('pong')).toBeUndefined();
    expect(normalizeBigchainMessage([1])).toBeUndefined();
  });
});

describe('decodeBigchainFrame', () => {
  it('fills type, key, fields and a summary from the exact bytes a 2.x node sends', () => {
    const raw = `{"height": 3, "asset_id": "${A}", "transaction_id": "${B}"}`;
    const e = decodeBigchainFrame(raw);
    expect(e).toMatchObject({ kind: 'message', raw, type: 'TRANSFER?', key: B, fields: { tx: B, asset: A, block: 3, op: 'TRANSFER', opLabel: 'TRANSFER or vote (inferred)' } });
    expect(e.summary).toMatch(/^TRANSFER or vote \(inferred\) bbbbbbbbbb… of asset aaaaaaaaaa… in block #3$/);
    // Before Tendermint (0.10, 1.x) there were no elections or votes.
    expect(decodeBigchainFrame(JSON.stringify({ block_id: 'k', asset_id: A, transaction_id: A })).fields).toMatchObject({ op: 'CREATE', opLabel: 'CREATE (inferred)' });
    expect(decodeBigchainFrame(JSON.stringify({ height: 4, asset_id: A, transaction_id: A })).fields?.opLabel).toBe('CREATE or election (inferred)');
  });
  it('keeps text frames such as "pong" as text', () => {
    expect(decodeBigchainFrame('pong')).toMatchObject({ kind: 'text', raw: 'pong' });
    expect(decodeBigchainFrame('pong').fields).toBeUndefined();
  });
});
