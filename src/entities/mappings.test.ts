import { beforeEach, describe, expect, it } from 'vitest';
import { EntityIndex } from './entityIndex';
import { listWorld } from './worldList';
import { buildTree, flattenTree } from './tree';
import { asStream, resetTestEvents } from './testEvents';
import { parseDrpEvent } from '../dialects/drp/decode';
import { drpEntities } from '../dialects/drp/entityRules';
import { parseJsonEvent } from '../dialects/json';
import { jsonEntities } from '../dialects/json/entityRules';
import { decodeBigchainFrame } from '../dialects/bigchaindb/decode';
import { bigchaindbEntities } from '../dialects/bigchaindb/entityRules';
import { decodeBartnetFrame } from '../dialects/bartnet/decode';
import { bartnetEntities } from '../dialects/bartnet/entityRules';
import type { EntityMapping } from '../dialects/entityMapping';
import type { IncomingEvent } from '../core/events';

// Each dialect's entity mapping, read through the real decoder of its frames.

function indexFor(dialect: string, mapping: EntityMapping, keyPath?: string) {
  const index = new EntityIndex((d) => (d === dialect ? mapping : undefined), { keyPath });
  const feed = (...events: IncomingEvent[]) => index.ingest(events.map((e) => asStream(dialect, e)));
  const world = () => listWorld(index, null).rows().map((r) => ({ kind: r.ent.kind, key: r.ent.key, status: r.info.status, label: r.info.label, events: r.events, op: r.v.op }));
  return { index, feed, world };
}

beforeEach(() => resetTestEvents());

describe('drp entities: Type + Key, Object after each change', () => {
  const drp = (o: Record<string, unknown>) => parseDrpEvent(JSON.stringify({ Time: '2026-12-01T12:00:00Z', Principal: '', Object: null, Original: null, ...o }));

  it('create, update and save replace the object; delete removes it; replies and logs are not entities', () => {
    const { index, feed, world } = indexFor('drp', drpEntities);
    feed(
      drp({ Type: 'websocket', Action: 'register', Key: 'machines.*.*' }),
      drp({ Type: 'machines', Action: 'create', Key: 'm1', Object: { Name: 'node-01', Stage: 'discover' } }),
      drp({ Type: 'profiles', Action: 'save', Key: 'global', Object: { Name: 'global', Params: {} } }),
      drp({ Type: 'machines', Action: 'update', Key: 'm1', Object: { Name: 'node-01', Stage: 'sledgehammer-wait' }, Original: { Name: 'node-01', Stage: 'discover' } }),
      drp({ Type: 'log', Action: 'info', Key: 'frontend' }),
    );
    expect(world()).toEqual([
      { kind: 'machines', key: 'm1', status: 'sledgehammer-wait', label: 'node-01', events: 2, op: 'update' },
      // A save without a create in the buffer: it existed before, its earlier state is unknown.
      { kind: 'profiles', key: 'global', status: undefined, label: 'global', events: 1, op: 'seen' },
    ]);
    feed(drp({ Type: 'machines', Action: 'delete', Key: 'm1', Object: { Name: 'node-01', Stage: 'complete' } }));
    expect(world().map((r) => r.key)).toEqual(['global']);
    const m1 = index.get('c1\u0000machines\u0000m1')!;
    expect(index.history(m1).map(({ v }) => [v.op, (v.state as { Stage: string }).Stage])).toEqual([
      ['create', 'discover'],
      ['update', 'sledgehammer-wait'],
      ['delete', 'complete'],
    ]);
    // A machine created again after its delete starts a new life under the same key.
    feed(drp({ Type: 'machines', Action: 'create', Key: 'm1', Object: { Name: 'node-01b', Stage: 'discover' } }));
    expect(world()[0]).toMatchObject({ key: 'm1', op: 'create', label: 'node-01b' });
  });

  it('an event without an Object keeps the last known state (a touch)', () => {
    const { index, feed } = indexFor('drp', drpEntities);
    feed(drp({ Type: 'plugins', Action: 'create', Key: 'ipmi', Object: { Name: 'ipmi', Provider: 'ipmi' } }), drp({ Type: 'plugins', Action: 'start', Key: 'ipmi' }));
    const h = index.history(index.get('c1\u0000plugins\u0000ipmi')!);
    expect(h.map(({ v }) => v.op)).toEqual(['create', 'touch']);
    expect(h[1].v.state).toBe(h[0].v.state);
  });
});

describe('json entities: Tutum resources by resource_uri, and any JSON by a chosen key path', () => {
  const tutum = (o: Record<string, unknown>) => parseJsonEvent(JSON.stringify(o));
  const stack = '/api/v1/stack/s1/';
  const service = '/api/v1/service/sv1/';
  const node = '/api/v1/node/n1/';
  const container = '/api/v1/container/c1/';

  it('each event sets the state and parents; parents make the stack → service → container tree', () => {
    const { index, feed, world } = indexFor('json', jsonEntities);
    feed(
      tutum({ type: 'auth' }),
      tutum({ type: 'stack', action: 'create', resource_uri: stack, state: 'Not running', parents: [] }),
      tutum({ type: 'service', action: 'create', resource_uri: service, state: 'Starting', parents: [stack] }),
      tutum({ type: 'container', action: 'create', resource_uri: container, state: 'Starting', parents: [service, stack, node] }),
      tutum({ type: 'container', action: 'update', resource_uri: container, state: 'Running', parents: [service, stack, node] }),
      tutum({ type: 'action', action: 'update', resource_uri: '/api/v1/action/a1/', state: 'Success', parents: [container] }),
    );
    expect(world().map((r) => [r.kind, r.status, r.events])).toEqual([
      ['stack', 'Not running', 1],
      ['service', 'Starting', 1],
      ['container', 'Running', 2],
      ['action', 'Success', 1],
    ]);
    const tree = flattenTree(buildTree(listWorld(index, null).rows()));
    expect(tree.map((n) => `${'  '.repeat(n.depth)}${n.row.ent.kind}`)).toEqual(['stack', '  service', '    container', '      action']);
    feed(tutum({ type: 'container', action: 'delete', resource_uri: container, state: 'Terminated', parents: [service, stack, node] }));
    expect(world().map((r) => r.kind)).toEqual(['stack', 'service', 'action']);
  });

  it('an event with only some fields keeps the others (the first Tutum samples had no state)', () => {
    const { feed, world } = indexFor('json', jsonEntities);
    feed(tutum({ type: 'service', action: 'update', resource_uri: service, state: 'Running' }), tutum({ type: 'service', action: 'update', resource_uri: service }));
    expect(world()).toEqual([{ kind: 'service', key: service, status: 'Running', label: undefined, events: 2, op: 'update' }]);
  });

  it('plain JSON has no entities until a key path is chosen; then each frame is the new version', () => {
    const frames = [{ id: 7, name: 'pump', status: 'on' }, { id: 8, name: 'valve' }, { id: 7, name: 'pump', status: 'off' }, { id: 8, action: 'deleted' }];
    const none = indexFor('json', jsonEntities);
    none.feed(...frames.map(tutum));
    expect(none.world()).toEqual([]);
    resetTestEvents();
    const keyed = indexFor('json', jsonEntities, 'id');
    keyed.feed(...frames.map(tutum));
    expect(keyed.world()).toEqual([{ kind: 'object', key: '7', status: 'off', label: 'pump', events: 2, op: 'update' }]);
  });
});

describe('bigchaindb entities: assets with their transaction chain and block', () => {
  const A = 'a'.repeat(64);
  const T1 = '1'.repeat(64);
  const T2 = '2'.repeat(64);
  const tx = (o: Record<string, unknown>) => decodeBigchainFrame(JSON.stringify(o));

  it('a CREATE starts the asset, each TRANSFER extends its chain, in every message shape', () => {
    const { index, feed, world } = indexFor('bigchaindb', bigchaindbEntities);
    feed(tx({ height: 3, asset_id: A, transaction_id: A }), tx({ height: 5, asset_id: A, transaction_id: T1 }), tx({ transaction_id: T2, asset_id: A, block_id: 'b'.repeat(64) }));
    expect(world()).toEqual([{ kind: 'asset', key: A, status: 'TRANSFER', label: undefined, events: 3, op: 'update' }]);
    const [v1, v2, v3] = index.history(index.get(`c1\u0000asset\u0000${A}`)!).map(({ v }) => v.state);
    expect(v1).toEqual({ last_transaction: A, block: 3, operation_inferred: 'CREATE', transactions: [A] });
    expect(v2).toMatchObject({ last_transaction: T1, block: 5, transactions: [A, T1] });
    expect(v3).toMatchObject({ transactions: [A, T1, T2] });
  });
});

describe('bartnet entities: instances with their launch state', () => {
  const frame = (o: Record<string, unknown>) => decodeBartnetFrame(JSON.stringify(o));

  it('launch frames of Gen C and Gen D (instance-id) move one instance through its states; heartbeats are not entities', () => {
    const { index, feed, world } = indexFor('bartnet', bartnetEntities);
    feed(
      frame({ command: 'heartbeat' }),
      frame({ command: 'authenticate', state: 'ok', attributes: { id: 1, email: 'demo@opsee.co' } }),
      frame({ command: 'launch-bastion', customer_id: 'c1', 'instance-id': 'i-1', state: 'launching' }),
      frame({ command: 'launch-bastion', customer_id: 'c1', instance_id: 'i-1', state: 'launching', attributes: { ResourceType: 'AWS::EC2::Instance', ResourceStatus: 'CREATE_IN_PROGRESS', LogicalResourceId: 'Bastion' } }),
      frame({ command: 'launch-bastion', sent: '2026-12-01T12:00:03Z', attributes: { status: 'x' }, state: 'complete', instance_id: 'i-1', service: 'launch-bastion' }),
      frame({ command: 'connected', instance_id: 'i-1', attributes: {} }),
    );
    expect(world()).toEqual([{ kind: 'instance', key: 'i-1', status: 'complete', label: undefined, events: 4, op: 'update' }]);
    const last = index.history(index.get('c1\u0000instance\u0000i-1')!).at(-1)!.v.state;
    expect(last).toMatchObject({ state: 'complete', topic: 'connected', customer_id: 'c1' });
  });
});
