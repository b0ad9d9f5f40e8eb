import { test, expect } from '@playwright/test';
import { clickAsPerson, collectErrors, readCounter } from './support';
import { startPrivateJson, type PrivateJson } from './private-servers';

// Numbers past 2^53 (ids, nanosecond clocks, 64-bit counters) read exactly as they arrived: in the row, the detail
// tree and the filter. JSON.parse alone would show 18446744073709552000.

let sim: PrivateJson;
test.beforeAll(async () => {
  sim = await startPrivateJson(0);
});
test.afterAll(async () => {
  await sim?.close();
});

test('numbers beyond 2^53 show exactly in the detail tree and the filter compares them exactly', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(`./?${new URLSearchParams({ autoconnect: '0', endpoint: sim.ws })}`);
  await clickAsPerson(page.getByRole('button', { name: 'Connect', exact: true }));
  await expect(page.getByRole('status', { name: 'Connection status' })).toContainText('open');
  await expect.poll(async () => (await sim.inject('{"type":"ready"}')).clients).toBeGreaterThan(0);
  await sim.inject('{"type":"counter","label":"big","id":18446744073709551617,"n":9007199254740993}');
  await sim.inject('{"type":"counter","label":"neighbour","id":18446744073709551616,"n":9007199254740992}');

  const table = page.getByRole('table', { name: 'Events' });
  const bigRow = table.getByRole('row').filter({ hasText: '"big"' });
  await expect(bigRow).toHaveCount(1);
  await expect(bigRow).toContainText('18446744073709551617');
  await page.getByRole('table', { name: 'Events' }).hover();
  await clickAsPerson(bigRow.getByRole('cell').first());
  const detail = page.getByRole('complementary', { name: 'Event detail' });
  const tree = detail.getByRole('tree', { name: 'JSON tree' });
  await expect(tree.getByRole('treeitem').filter({ hasText: /^id: / })).toHaveText('id: 18446744073709551617');
  await expect(tree.getByRole('treeitem').filter({ hasText: /^n: / })).toHaveText('n: 9007199254740993');
  await expect(tree).not.toContainText('18446744073709552000');

  const filter = page.getByRole('searchbox', { name: 'Filter events' });
  const shownLabels = async () => (await table.getByRole('row').filter({ hasText: 'counter' }).allTextContents()).map((t) => (t.includes('"neighbour"') ? 'neighbour' : 'big'));
  for (const [q, want] of [
    ['id:18446744073709551617', ['big']],
    ['id:18446744073709551616', ['neighbour']],
    ['n:9007199254740993', ['big']],
    ['n:>9007199254740992', ['big']],
    ['n:<=9007199254740992', ['neighbour']],
  ] as const) {
    await filter.fill(q);
    await expect.poll(shownLabels, { message: q }).toEqual(want);
    expect(await readCounter(page, 'Shown'), q).toBe(1);
  }
  expect(errors).toEqual([]);
});
