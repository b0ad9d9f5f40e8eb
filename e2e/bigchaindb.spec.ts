import { test, expect, type Page } from '@playwright/test';
import { clickAsPerson, collectErrors, openApp } from './support';
import { start as startBigchainSim } from '../demo/simulators/bigchaindb.mjs';

// Each journey runs its own node on free ports, so it never depends on (or disturbs) the shared demo server.
let node2x: { urls: { http: string; ws: string }; close(): Promise<void> };
test.beforeAll(async () => {
  node2x = await startBigchainSim({ ports: { http: 0, ws: 0 }, args: { 'bigchaindb-version': '2.x', 'bigchaindb-rate': 3 } });
});
test.afterAll(() => node2x.close());
const root2x = () => node2x.urls.http.replace(/\/$/, '');

/**
 * Reads the table while paused and checks that rows come grouped by block: each "Block X" separator is followed only
 * by transactions of block X, and the first of them is the block's CREATE.
 */
async function expectGroupedByBlock(page: Page) {
  const table = page.getByRole('table', { name: 'Events' });
  await expect(table.getByRole('row').filter({ hasText: /Block (#\d+|[0-9a-f]{12}…)/ })).not.toHaveCount(0);
  await clickAsPerson(page.getByRole('button', { name: 'Pause' }));
  const texts = await table.getByRole('row').allInnerTexts();
  await clickAsPerson(page.getByRole('button', { name: 'Resume' }));
  let current: string | undefined;
  let sinceSeparator = 0;
  let checked = 0;
  for (const t of texts) {
    const sep = /Block (#\d+|[0-9a-f]{12}…)\s*$/m.exec(t);
    if (sep && !/CREATE|TRANSFER/.test(t)) {
      current = sep[1];
      sinceSeparator = 0;
      continue;
    }
    const tx = / in block (#\d+|[0-9a-f]{12}…)/.exec(t);
    if (!tx || current === undefined) continue;
    expect(tx[1], `row "${t}" sits under block ${current}`).toBe(current);
    if (sinceSeparator === 0) expect(t).toContain('CREATE');
    sinceSeparator++;
    checked++;
  }
  expect(checked).toBeGreaterThan(0);
}

test('bigchaindb 2.x: discovery from the root URL, version shown, rows grouped by block, no round-trip time to measure', async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page, { dialect: 'bigchaindb', endpoint: root2x() });
  await clickAsPerson(page.getByRole('button', { name: 'Connect', exact: true }));
  await expect(page.getByRole('status', { name: 'Connection status' })).toContainText('open');
  const discovery = page.getByRole('status', { name: 'Stream discovery' });
  await expect(discovery).toContainText('GET /api/v1/ → streams');
  await expect(discovery).toContainText('BigchainDB 2.2.2');
  await expect(discovery).toContainText(node2x.urls.ws);
  const rows = page.getByRole('table', { name: 'Events' }).getByRole('row');
  await expect(rows.filter({ hasText: /Found stream .* via GET \/api\/v1\/ → streams/ })).toHaveCount(1);
  await expect(rows.filter({ hasText: /Block #\d+/ }).nth(1)).toBeVisible({ timeout: 10_000 });
  await expectGroupedByBlock(page);
  // Frames carry no operation: the Op column says what asset_id == transaction_id suggests, and that it is a guess.
  await expect(page.getByRole('columnheader', { name: 'Op (inferred)' })).toBeVisible();
  await expect(rows.filter({ hasText: 'CREATE or election (inferred)' }).first()).toBeVisible();
  // The Block column is filterable: one block's separator and transactions, nothing else.
  const sep = (await rows.filter({ hasText: /Block #\d+/ }).first().innerText()).match(/Block #(\d+)/)![1];
  await page.getByRole('searchbox', { name: 'Filter events' }).fill(`block:${sep}`);
  const inBlock = new RegExp(`(in block|Block) #${sep}\\b`);
  await expect.poll(async () => (await rows.allInnerTexts()).slice(1).filter((t) => !inBlock.test(t))).toEqual([]);
  await expect(rows.filter({ hasText: `in block #${sep}` }).first()).toBeVisible();
  await page.getByRole('searchbox', { name: 'Filter events' }).fill('');
  // The node never pings and answers only control frames a browser cannot send: no round-trip time, and it says so.
  await expect(page.getByRole('note', { name: 'Round-trip time' })).toHaveText('Round-trip time: not measurable from a browser (the node never pings)');
  await expect(page.getByRole('button', { name: 'Ping now' })).toHaveCount(0);
  await expect(page.getByRole('img', { name: /intervals/ })).toHaveCount(0);
  expect(errors).toEqual([]);
});

const LEGACY = [
  { version: '1.x', via: 'GET /api/v1/ → streams', server: 'BigchainDB 1.3.0', path: '/api/v1/streams/valid_transactions' },
  { version: '0.10', via: 'GET /api/v1/ → _links.streams_v1', server: 'BigchainDB 0.10.3', path: '/api/v1/streams/valid_tx' },
];

for (const v of LEGACY) {
  test(`bigchaindb ${v.version}: discovered from its own documents, rows grouped by block id`, async ({ page }) => {
    const errors = collectErrors(page);
    const sim = await startBigchainSim({ ports: { http: 0, ws: 0 }, args: { 'bigchaindb-version': v.version, 'bigchaindb-rate': 3 } });
    try {
      await openApp(page, { dialect: 'bigchaindb', endpoint: sim.urls.http });
      await clickAsPerson(page.getByRole('button', { name: 'Connect', exact: true }));
      const discovery = page.getByRole('status', { name: 'Stream discovery' });
      await expect(discovery).toContainText(v.via);
      await expect(discovery).toContainText(v.server);
      await expect(discovery).toContainText(v.path);
      await expectGroupedByBlock(page);
      await clickAsPerson(page.getByRole('button', { name: 'Disconnect' }));
    } finally {
      await sim.close();
    }
    expect(errors).toEqual([]);
  });
}

test('bigchaindb: a root URL that is not a node gets a clear message', async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page, { dialect: 'bigchaindb', endpoint: `${root2x()}/not-a-node/` });
  await clickAsPerson(page.getByRole('button', { name: 'Connect', exact: true }));
  await expect(page.getByRole('status', { name: 'Connection status' })).toContainText(/answered 404: this is not a BigchainDB HTTP API root/);
  await expect(page.getByRole('status', { name: 'Stream discovery' })).toContainText('Discovery failed');
  // The browser logs the two 404 answers; they are the point of this journey.
  expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
});
