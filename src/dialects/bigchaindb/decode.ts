import type { IncomingEvent } from '../types';
import { decodeTextFrame } from '../../core/frames';

export type BigchainOp = 'CREATE' | 'TRANSFER';

/** One valid transaction, whatever the server version called its keys. */
export interface BigchainTx {
  tx: string;
  asset: string;
  /** Block height (2.x) or block id (0.10, 1.x). */
  block: string | number;
  op: BigchainOp;
  /** Which message shape it came in, for the detail pane. */
  shape: 'dev' | '0.10' | '1.x' | '2.x';
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/**
 * Maps every known message shape onto {tx, asset, block, op}:
 * dev f23faaa6 `txid/assetid/blockid`, v0.10 `tx_id/asset_id/block_id`, v1.x `transaction_id/asset_id/block_id`,
 * v2.x `height/asset_id/transaction_id`. Returns undefined for anything else.
 */
export function normalizeBigchainMessage(value: unknown): BigchainTx | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const o = value as Record<string, unknown>;
  let tx: string | undefined;
  let asset: string | undefined;
  let block: string | number | undefined;
  let shape: BigchainTx['shape'];
  if (str(o.txid)) {
    tx = str(o.txid);
    asset = str(o.assetid);
    block = str(o.blockid);
    shape = 'dev';
  } else if (str(o.tx_id)) {
    tx = str(o.tx_id);
    asset = str(o.asset_id);
    block = str(o.block_id);
    shape = '0.10';
  } else if (str(o.transaction_id)) {
    tx = str(o.transaction_id);
    asset = str(o.asset_id);
    if (typeof o.height === 'number' || (typeof o.height === 'string' && o.height !== '')) {
      block = typeof o.height === 'number' ? o.height : Number(o.height);
      shape = '2.x';
    } else {
      block = str(o.block_id);
      shape = '1.x';
    }
  } else return undefined;
  if (!tx) return undefined;
  // A CREATE's asset id is the transaction's own id; a TRANSFER names an earlier CREATE.
  const a = asset ?? tx;
  return { tx, asset: a, block: block ?? '', op: a === tx ? 'CREATE' : 'TRANSFER', shape };
}

/**
 * The operation as far as a stream frame tells it, which is not far: frames carry no operation. asset_id equal to
 * the transaction's own id suggests a CREATE, but a 2.x election also carries its own id, and a VOTE carries the
 * election's id as a TRANSFER carries its asset's. So the label always says it is inferred.
 */
export function opLabel(t: Pick<BigchainTx, 'op' | 'shape'>): string {
  if (t.shape === '2.x') return t.op === 'CREATE' ? 'CREATE or election (inferred)' : 'TRANSFER or vote (inferred)';
  return `${t.op} (inferred)`;
}

export const shortId = (id: string, n = 10): string => (id.length > n + 1 ? `${id.slice(0, n)}…` : id);

export function blockLabel(block: string | number): string {
  return typeof block === 'number' ? `#${block}` : block ? shortId(block, 12) : '?';
}

/** Decodes one text frame into a row with the normalised columns filled; other frames are kept as they are. */
export function decodeBigchainFrame(raw: string): IncomingEvent {
  const e = decodeTextFrame(raw);
  const t = e.kind === 'message' ? normalizeBigchainMessage(e.value) : undefined;
  if (t) {
    const label = opLabel(t);
    // `CREATE?`: the type is a guess from asset_id == transaction_id, and says so.
    e.type = `${t.op}?`;
    e.key = t.tx;
    e.fields = { tx: t.tx, asset: t.asset, block: t.block, op: t.op, opLabel: label };
    e.summary = `${label} ${shortId(t.tx)}${t.op === 'TRANSFER' ? ` of asset ${shortId(t.asset)}` : ''} in block ${blockLabel(t.block)}`;
  }
  return e;
}
