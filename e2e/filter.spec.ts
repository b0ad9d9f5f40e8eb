import { test, expect, type Locator, type Page } from '@playwright/test';
import { collectErrors, openApp, readCounter, clickAsPerson } from './support';
import { startPrivateJson, type PrivateJson } from './private-servers';

const EVENTS = [
  { type: 'container', action: 'create', resource_uri: '/api/v1/container/c1/', state: 'Starting', metric: 0.2 },
  { type: 'container', action: 'update', resource_uri: '/api/v1/container/c1/', state: 'Running', metric: 0.9 },
  { type: 'service', action: 'create', resource_uri: '/api/v1/service/s1/', state: 'Starting', metric: 0.7 },
  { type: 'service', action: 'update', resource_uri: '/api/v1/service/s1/', state: 'Running' },
  { type: 'node', action: 'update', resource_uri: '/api/v1/node/n1/', state: 'Deployed', attributes: { subscribed_to: 'discovery' } },
  { type: 'stack', action: 'update', resource_uri: '/api/v1/stack/k1/', state: 'Redeploying' },
];

async function connectPrivate(page: Page, sim: PrivateJson) {
  await openApp(page, { endpoint: sim.ws });
  await clickAsPerson(page.getByRole('button', { name: 'Connect', exact: true }));
  await expect(page.getByRole('status', { name: 'Connection status' })).toContainText('open');
}

const dataRows = (page: Page) => page.getByRole('table', { name: 'Events' }).getByRole('row').filter({ hasText: '/api/v1/' });

test('type a query, see only matching rows; errors point at the problem; click-to-filter; highlight; saved filters', async ({ page }) => {
  const errors = collectErrors(page);
  const sim = await startPrivateJson();
  try {
    await connectPrivate(page, sim);
    for (const e of EVENTS) await sim.inject(JSON.stringify(e));
    await expect(dataRows(page)).toHaveCount(6);
    const box = page.getByLabel('Filter events');
    const rows = dataRows(page);

    await box.fill('type:service');
    await expect(rows).toHaveCount(2);
    await expect(rows.filter({ hasText: 'container' })).toHaveCount(0);
    await expect(page.getByRole('row').filter({ hasText: 'Connected to' })).toHaveCount(0);

    await box.fill('metric:>0.5');
    await expect(rows).toHaveCount(2);
    await expect(rows.filter({ hasText: '/api/v1/service/s1/' }).filter({ hasText: 'create' })).toHaveCount(1);

    await box.fill('attributes.subscribed_to:discovery');
    await expect(rows).toHaveCount(1);
    await expect(rows).toContainText('/api/v1/node/n1/');

    await box.fill('(type:service OR type:stack');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Unclosed "(": add a ")"');
    await expect(alert).toContainText('The previous filter stays applied.');
    await expect(box).toHaveAttribute('aria-invalid', 'true');
    await expect(rows).toHaveCount(1); // still attributes.subscribed_to:discovery
    await box.press('End');
    await box.pressSequentially(')');
    await expect(alert).toHaveCount(0);
    await expect(rows).toHaveCount(3);

    // Click-to-filter edits the query text.
    await box.fill('');
    await expect(rows).toHaveCount(6);
    // (Pressing a row selects it and opens the detail pane, which narrows the table: select first, then right-click.)
    const rightClick = async (cell: Locator) => {
      await clickAsPerson(cell);
      await clickAsPerson(cell, { button: 'right' });
    };
    // A dialect's own column (Tutum's State) filters on the field it shows.
    await rightClick(rows.filter({ hasText: '/api/v1/service/s1/' }).getByRole('cell', { name: 'Running', exact: true }));
    await clickAsPerson(page.getByRole('menuitem', { name: /Filter to this/ }));
    await expect(box).toHaveValue('state:Running');
    await expect(rows).toHaveCount(2);
    await box.fill('');
    await expect(rows).toHaveCount(6);
    await rightClick(rows.filter({ hasText: '/api/v1/stack/k1/' }).getByRole('cell', { name: 'stack', exact: true }));
    await clickAsPerson(page.getByRole('menuitem', { name: /Filter to this/ }));
    await expect(box).toHaveValue('type:stack');
    await expect(rows).toHaveCount(1);
    await rightClick(rows.getByRole('cell', { name: 'stack', exact: true }));
    await clickAsPerson(page.getByRole('menuitem', { name: 'Exclude this' }));
    await expect(box).toHaveValue('-type:stack');
    await expect(rows).toHaveCount(5);
    await rightClick(rows.filter({ hasText: '/api/v1/container/c1/' }).first().getByRole('cell', { name: 'create', exact: true }));
    await clickAsPerson(page.getByRole('menuitem', { name: 'Exclude this' }));
    await expect(box).toHaveValue('-type:stack -action:create');
    await expect(rows).toHaveCount(3);

    // Highlight mode keeps every row, counts and walks the matches; the selection survives a filter change.
    await box.fill('type:container');
    await clickAsPerson(page.getByRole('radio', { name: 'Highlight' }));
    await expect(rows).toHaveCount(6);
    await expect(page.getByLabel('Matches')).toHaveText('2');
    await box.press('Enter');
    await box.press('Enter');
    const selected = page.getByRole('row', { selected: true });
    await expect(selected).toContainText('/api/v1/container/c1/');
    await expect(selected).toContainText('create');
    await clickAsPerson(page.getByRole('button', { name: 'Next match' }));
    await expect(selected).toContainText('update');
    await clickAsPerson(page.getByRole('button', { name: 'Previous match' }));
    await expect(selected).toContainText('create');
    await box.fill('state:starting');
    await expect(page.getByLabel('Matches')).toHaveText('2');
    await expect(selected).toContainText('/api/v1/container/c1/');
    await clickAsPerson(page.getByRole('radio', { name: 'Hide others' }));
    await expect(rows).toHaveCount(2);
    await expect(selected).toContainText('/api/v1/container/c1/');
    // A filtered view can be sorted by a column header; a live one stays in arrival order.
    await expect(rows.first()).toContainText('/api/v1/container/c1/');
    await clickAsPerson(page.getByRole('columnheader', { name: 'Key / resource' }));
    await clickAsPerson(page.getByRole('columnheader', { name: /Key \/ resource/ }));
    await expect(page.getByRole('columnheader', { name: /Key \/ resource/ })).toHaveAttribute('aria-sort', 'descending');
    await expect(rows.first()).toContainText('/api/v1/service/s1/');

    // Saved filters and history survive a reload.
    await box.press('Enter');
    await clickAsPerson(page.getByRole('button', { name: 'Filters ▾' }));
    await page.getByLabel('Name for this filter').fill('starting');
    await clickAsPerson(page.getByRole('button', { name: 'Save', exact: true }));
    await page.reload();
    await clickAsPerson(page.getByRole('button', { name: 'Filters ▾' }));
    const menu = page.getByRole('dialog', { name: 'Saved filters and history' });
    await expect(menu.getByRole('button', { name: /starting state:starting/ })).toBeVisible();
    await clickAsPerson(menu.getByRole('button', { name: /starting state:starting/ }));
    await expect(page.getByLabel('Filter events')).toHaveValue('state:starting');
    expect(errors).toEqual([]);
  } finally {
    await sim.close();
  }
});

test('a 10 MB frame and a flood of 100 000 events leave the page responsive', async ({ page }) => {
  // 100 000 frames through Playwright's own WebSocket instrumentation take a while on a busy 2-core machine.
  test.setTimeout(150_000);
  const errors = collectErrors(page);
  const sim = await startPrivateJson();
  try {
    await connectPrivate(page, sim);
    /** Time for the page to answer: one animation frame, measured from the test. */
    const frameDelay = async () => {
      const t = Date.now();
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
      return Date.now() - t;
    };

    await sim.inject(JSON.stringify({ type: 'flood', action: 'update', resource_uri: '/api/v1/flood/x/', n: 1 }), { repeat: 100_000 });
    const delays: number[] = [];
    await expect
      .poll(
        async () => {
          delays.push(await frameDelay());
          return readCounter(page, 'Received');
        },
        { timeout: 120_000, intervals: [250] },
      )
      .toBeGreaterThanOrEqual(100_000);
    // While 100 000 frames pour in, the page keeps painting (no freeze); how smoothly is the benchmark's business
    // (npm run bench: p95 frame interval), since Playwright's own WebSocket instrumentation slows this page here.
    // The bound only catches a page that stops for good (e.g. work per event that grows with the buffer): a loaded
    // 2-core CI machine plus Playwright's per-frame instrumentation has shown 11 s gaps here while the page itself,
    // measured in-page without a driver, paused under 1 s (see the closing notes of issue 3).
    expect(Math.max(...delays)).toBeLessThan(30_000);
    // Once the flood is in, it answers at once.
    await expect.poll(frameDelay, { timeout: 10_000 }).toBeLessThan(500);

    // Then one 10 MB frame: kept whole (the size column says so), and the page still answers at once.
    await sim.inject(JSON.stringify({ type: 'big', resource_uri: '/api/v1/big/1/', blob: 'x'.repeat(10 * 1024 * 1024) }));
    await expect(page.getByRole('row').filter({ hasText: '/api/v1/big/1/' })).toContainText('10.0 MB');
    await expect.poll(frameDelay, { timeout: 10_000 }).toBeLessThan(500);

    // Filtering 100 000 buffered events, free text across a 10 MB frame included, still answers quickly.
    const box = page.getByLabel('Filter events');
    await box.fill('type:big');
    await expect(page.getByLabel('Shown', { exact: true })).toHaveText('1', { timeout: 10_000 });
    await box.fill('xxxxxxxx');
    await expect(page.getByLabel('Shown', { exact: true })).toHaveText('1', { timeout: 10_000 });
    await box.fill('-type:big');
    await expect.poll(() => readCounter(page, 'Shown'), { timeout: 10_000 }).toBeGreaterThan(99_000);
    expect(await frameDelay()).toBeLessThan(500);
    await clickAsPerson(page.getByRole('button', { name: 'Pause' }));
    await expect(page.getByRole('button', { name: 'Resume' })).toBeVisible({ timeout: 2000 });
    expect(errors).toEqual([]);
  } finally {
    await sim.close();
  }
});

test('with the cap at a million events, field filters show the same rows, keys in any case and arrays included', async ({ page }) => {
  // Above 200 000 events of cap the log answers field terms from per-key columns: these events are the cases where
  // a column must defer to the event (a key in another case, an array, the same key twice in two cases).
  const errors = collectErrors(page);
  const sim = await startPrivateJson();
  try {
    await openApp(page, { endpoint: sim.ws });
    const cap = page.getByLabel('Buffer cap');
    await expect(cap).toBeVisible();
    await cap.selectOption('1000000');
    await clickAsPerson(page.getByRole('button', { name: 'Connect', exact: true }));
    await expect(page.getByRole('status', { name: 'Connection status' })).toContainText('open');
    const extra = [
      { Type: 'service', action: 'update', resource_uri: '/api/v1/service/s2/', state: 'Running' },
      { type: 'service', action: 'update', resource_uri: '/api/v1/service/s3/', state: ['Stopped', 'Running'] },
      { type: 'stack', action: 'update', resource_uri: '/api/v1/stack/k2/', STATE: 'running', state: 'Stopped' },
      { type: 'node', action: 'update', resource_uri: '/api/v1/node/n2/' },
    ];
    for (const e of [...EVENTS, ...extra]) await sim.inject(JSON.stringify(e));
    const rows = dataRows(page);
    await expect(rows).toHaveCount(10);
    const box = page.getByLabel('Filter events');
    for (const [query, count] of [
      ['type:service', 4],
      ['state:running', 4],
      ['STATE:running', 5],
      ['-state:*', 1],
      ['type:service state:running', 3],
      ['type:service OR type:stack', 6],
    ] as const) {
      await box.fill(query);
      await expect(rows, query).toHaveCount(count);
    }
    expect(errors).toEqual([]);
  } finally {
    await sim.close();
  }
});
