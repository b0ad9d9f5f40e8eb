import type { Dialect, IncomingEvent, Observable, StreamEvent } from '../types';
import { decodeWsPayload } from '../../core/frames';
import { createReconnectingSocket, type ReconnectingSocket } from '../../transport/reconnectingSocket';
import { createObservable } from '../../core/observable';
import { maskUrl } from '../../lib/secrets';
import { blockLabel, decodeBigchainFrame } from './decode';
import { DiscoveryError, discoverStream } from './discovery';
import { NOT_SENT_NOT_OPEN } from '../../core/errors';
import { bigchaindbEntities } from './entityRules';

// What the UI may use of this dialect; components import nothing deeper.
export { blockLabel } from './decode';

export interface BigchainDiscoveryState {
  phase: 'direct' | 'discovering' | 'found' | 'failed';
  streamUrl?: string;
  /** Which document and key held the link, e.g. "GET /api/v1/ → streams". */
  via?: string;
  version?: string;
  software?: string;
  /** e.g. a remote node that advertises localhost. */
  warning?: string;
  message?: string;
}

export interface BigchainState {
  discovery: BigchainDiscoveryState;
  transactions: number;
  blocks: number;
  lastBlock?: string | number;
}

export interface BigchainController {
  state: Observable<BigchainState>;
}

/**
 * Why there is no keep-alive to show: a node never pings (aiohttp heartbeat=None) and discards every frame it is
 * sent, and its only ping/pong is RFC 6455 control frames, which a browser can neither send nor see. So no round-trip
 * time can be measured from a page; an idle socket simply stays open.
 */
export const NO_ROUND_TRIP =
  'A BigchainDB node never pings and ignores every frame it is sent; it answers only WebSocket Ping control frames, which a browser cannot send. No round-trip time can be measured from a browser, and an idle connection stays open.';

export const bigchaindbDialect: Dialect<BigchainController> = {
  id: 'bigchaindb',
  label: 'BigchainDB',
  description: "BigchainDB Event Stream API: enter the node's HTTP root URL to discover the stream (0.10, 1.x, 2.x), or a ws:// stream URL.",
  defaultEndpoint: 'http://127.0.0.1:9984',
  endpointPlaceholder: 'http://host:9984 or ws://host:9985/api/v1/streams/valid_transactions',
  settings: [
    { key: 'blockSeparators', label: 'Block separator rows', kind: 'checkbox', default: true, help: 'Insert a row when transactions of a new block start.' },
  ],
  capabilities: { canSend: true },
  entities: bigchaindbEntities,
  columns: [
    { id: 'bdb.tx', header: 'Transaction', get: (e: StreamEvent) => e.fields?.tx, field: 'tx', width: 140 },
    { id: 'bdb.asset', header: 'Asset', get: (e: StreamEvent) => e.fields?.asset, field: 'asset', width: 140 },
    { id: 'bdb.block', header: 'Block', get: (e: StreamEvent) => e.fields?.block, field: 'block', width: 110 },
    // Frames carry no operation: the column shows what asset_id == transaction_id suggests, marked as inferred.
    { id: 'bdb.op', header: 'Op (inferred)', get: (e: StreamEvent) => e.fields?.opLabel, field: 'opLabel', width: 170 },
  ],
  connect(options, sink) {
    const separators = options.settings.blockSeparators !== false;
    const endpoint = options.endpoint.trim();
    const direct = /^wss?:\/\//i.test(endpoint);
    const state = createObservable<BigchainState>({
      discovery: direct ? { phase: 'direct', streamUrl: endpoint } : { phase: 'discovering' },
      transactions: 0,
      blocks: 0,
    });
    const patch = (p: Partial<BigchainState>) => state.set((s) => ({ ...s, ...p }));

    let rs: ReconnectingSocket | undefined;
    let closed = false;
    let abort: AbortController | undefined;
    let lastBlock: string | number | undefined;

    const onFrame = (e: IncomingEvent) => {
      const block = e.fields?.block as string | number | undefined;
      if (block !== undefined) {
        if (block !== lastBlock) {
          lastBlock = block;
          patch({ blocks: state.get().blocks + 1, lastBlock: block });
          if (separators) sink.emit({ dir: 'system', kind: 'notice', type: 'block', key: String(block), fields: { block }, summary: `Block ${blockLabel(block)}` });
        }
        patch({ transactions: state.get().transactions + 1 });
      }
      sink.emit(e);
    };

    const openStream = (url: string) => {
      rs = createReconnectingSocket({
        url,
        sink,
        autoReconnect: options.autoReconnect,
        WebSocketImpl: options.WebSocketImpl,
        onClose: (code, _reason, wasOpen) => {
          if (!wasOpen && code === 1006) return `Could not open ${maskUrl(url)}: the node is down, the path is wrong (a node serves only its exact stream path and answers 404 elsewhere), or the advertised host is not reachable from this browser.`;
        },
        onMessage: (data) => decodeWsPayload(data, onFrame, decodeBigchainFrame),
      });
    };

    const discover = () => {
      abort = new AbortController();
      state.set((s) => ({ ...s, discovery: { phase: 'discovering' } }));
      sink.status({ phase: 'connecting', message: `Discovering the event stream at ${maskUrl(endpoint)}…` });
      discoverStream(endpoint, options.fetchImpl ?? fetch.bind(globalThis), abort.signal).then(
        (r) => {
          if (closed) return;
          state.set((s) => ({ ...s, discovery: { phase: 'found', ...r } }));
          const who = r.software || r.version ? ` (${[r.software ?? 'server', r.version].filter(Boolean).join(' ')})` : '';
          sink.emit({ dir: 'system', kind: 'notice', type: 'discovery', summary: `Found stream ${r.streamUrl} via ${r.via}${who}`, fields: { ...r } });
          if (r.warning) sink.emit({ dir: 'system', kind: 'notice', type: 'discovery', summary: r.warning });
          openStream(r.streamUrl);
        },
        (err: Error) => {
          if (closed || err.name === 'AbortError') return;
          const message = err instanceof DiscoveryError ? err.message : `Discovery failed: ${err.message}`;
          state.set((s) => ({ ...s, discovery: { phase: 'failed', message } }));
          sink.status({ phase: 'error', message });
          sink.emit({ dir: 'system', kind: 'error', type: 'discovery', summary: message });
        },
      );
    };

    if (direct) openStream(endpoint);
    else discover();

    return {
      capabilities: bigchaindbDialect.capabilities,
      controller: { state },
      send(text) {
        // Nodes discard inbound frames; sending is allowed for probing.
        if (rs?.send(text)) sink.emit({ dir: 'out', kind: 'text', raw: text });
        else sink.emit({ dir: 'system', kind: 'error', summary: NOT_SENT_NOT_OPEN });
      },
      close() {
        closed = true;
        abort?.abort();
        if (rs) rs.close();
        else sink.status({ phase: 'closed', message: 'Disconnected.' });
      },
      reconnect() {
        if (rs) rs.reconnectNow();
        else if (!direct && state.get().discovery.phase === 'failed') discover();
      },
    };
  },
};
