import { test, expect, type Page } from '@playwright/test';
import { clickAsPerson, clickRowInMiddle, collectErrors, readCounter, scrollToAndClick } from './support';
import { startPrivateJson, startSilentServer, type PrivateJson } from './private-servers';

// Faults and bad input against a private json simulator (its /inject reaches only this file's pages).
// The flood here is FLOOD_SECONDS (default 0.5) at 100 000 events/s so the suite stays short; the full 10 s flood runs
// in `node bench/soak.mjs --flood`, which also times a click mid-flood without Playwright's frame copying.

const FLOOD_RATE = 100_000;
const FLOOD_SECONDS = Number(process.env.FLOOD_SECONDS ?? 0.5);

let sim: PrivateJson;
test.beforeAll(async () => {
  sim = await startPrivateJson(0);
});
test.afterAll(async () => {
  await sim?.close();
});

async function open(page: Page, query: Record<string, string> = {}) {
  await page.addInitScript(() => {
    const w = window as unknown as { __long: number[] };
    w.__long = [];
    new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__long.push(e.duration))).observe({ type: 'longtask' });
  });
  await page.goto(`./?${new URLSearchParams({ autoconnect: '0', endpoint: sim.ws, ...query })}`);
  await clickAsPerson(page.getByRole('button', { name: 'Connect', exact: true }));
  await expect(page.getByRole('status', { name: 'Connection status' })).toContainText('open');
  // The socket may open in the page before the simulator has registered it.
  await expect.poll(async () => (await sim.inject('{"type":"ready"}')).clients).toBeGreaterThan(0);
}

const counters = (page: Page) => page.evaluate(() => window.__streamscope!.counters());
const longTasksSince = (page: Page, from: number) => page.evaluate((i) => (window as unknown as { __long: number[] }).__long.slice(i), from);
const longTaskCount = (page: Page) => page.evaluate(() => (window as unknown as { __long: number[] }).__long.length);

test('a flood of 100 000 events/s: counters stay exact, nothing is lost, a row click still answers', async ({ page }) => {
  test.slow();
  const errors = collectErrors(page);
  await open(page, { cap: '20000' });
  const rows = page.getByRole('table', { name: 'Events' }).getByRole('row');
  await expect(rows.filter({ hasText: 'ready' }).first()).toBeVisible();
  const before = (await counters(page)).received;

  const frame = JSON.stringify({ type: 'flood', action: 'update', resource_uri: '/api/v1/flood/x/', state: 'Running', pad: 'x'.repeat(100) });
  const perTick = FLOOD_RATE / 10;
  let sent = 0;
  const snapshots: Awaited<ReturnType<typeof counters>>[] = [];
  for (let tick = 0; tick < FLOOD_SECONDS * 10; tick++) {
    const t = Date.now();
    sent += (await sim.inject(frame, { repeat: perTick })).frames;
    snapshots.push(await counters(page));
    await new Promise((r) => setTimeout(r, Math.max(0, 100 - (Date.now() - t))));
  }

  // Mid-ingest: hold the pointer over the rows, click one, and the detail pane shows the row that got selected.
  await page.getByRole('table', { name: 'Events' }).hover();
  const clickedAt = Date.now();
  // Whatever row is drawn mid-table when the click lands: at 100 000 events/s into a 20 000 cap, a row lives 0.2 s.
  await clickRowInMiddle(page.getByRole('table', { name: 'Events' }));
  const selected = page.getByRole('table', { name: 'Events' }).getByRole('row', { selected: true });
  const seq = (await selected.getByRole('cell').first().textContent())!;
  await expect(page.getByRole('complementary', { name: 'Event detail' }).getByText(`#${seq}`, { exact: true })).toBeVisible({ timeout: 15_000 });
  const clickMs = Date.now() - clickedAt;
  snapshots.push(await counters(page));

  // Everything sent arrives and is counted; at every moment received = buffered + dropped + queued.
  await expect.poll(async () => (await counters(page)).received - before, { timeout: 90_000 }).toBe(sent);
  for (const c of snapshots) expect(c.received).toBe(c.buffered + c.dropped + c.queued);
  await expect.poll(() => counters(page)).toMatchObject({ queued: 0, buffered: 20_000 });
  // The status bar shows the counters with the table's next update (a quarter of a second apart in a flood), as a
  // person sees them settle once the flood stops.
  await expect.poll(() => readCounter(page, 'Received')).toBe(before + sent);
  expect(await readCounter(page, 'Received')).toBe((await readCounter(page, 'Shown')) + (await readCounter(page, 'Dropped')));
  test.info().annotations.push({ type: 'flood', description: `${sent} frames; click answered in ${clickMs} ms` });
  expect(clickMs).toBeLessThan(10_000);
  expect(errors).toEqual([]);
});

test('10 MB and 50 MB frames: kept, shown truncated with their size, detail opens without a long freeze, Copy gives it all', async ({ page, context }) => {
  test.slow();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const errors = collectErrors(page);
  await open(page);
  const big = (mb: number) => {
    const head = `{"type":"huge","action":"blob","size_mb":${mb},"data":"`;
    return head + 'x'.repeat(mb * 1024 * 1024 - head.length - 2) + '"}';
  };
  await sim.inject(big(10));
  await sim.inject(big(50));
  const rows = page.getByRole('table', { name: 'Events' }).getByRole('row');
  const row10 = rows.filter({ has: page.getByRole('cell', { name: '10.0 MB', exact: true }) });
  const row50 = rows.filter({ has: page.getByRole('cell', { name: '50.0 MB', exact: true }) });
  // Generous: on a loaded 2-core machine the 50 MB frame has taken 10-30 s to arrive (Playwright copies every frame).
  await expect(row10).toHaveCount(1, { timeout: 60_000 });
  await expect(row50).toHaveCount(1, { timeout: 90_000 });
  // The summary is a short prefix, not 50 MB of text.
  expect((await row50.textContent())!.length).toBeLessThan(1000);

  await page.getByRole('table', { name: 'Events' }).hover();
  await page.waitForTimeout(300);
  const from = await longTaskCount(page);
  await clickAsPerson(row50);
  const detail = page.getByRole('complementary', { name: 'Event detail' });
  await expect(detail.getByRole('tree', { name: 'JSON tree' })).toContainText('size_mb');
  await page.waitForTimeout(300);
  const openLong = await longTasksSince(page, from);
  test.info().annotations.push({ type: 'open 50 MB detail', description: `long tasks: ${openLong.map(Math.round).join(', ') || 'none'} ms` });
  // How long is measured (the annotation, and the benchmarks), not pinned: a 5x run at load 10 saw 252 ms. What is
  // pinned is that the 50 MB frame is not parsed or drawn in one go on the main thread, which takes seconds here.
  expect(Math.max(0, ...openLong)).toBeLessThan(2_000);

  await clickAsPerson(detail.getByRole('tab', { name: 'Raw' }));
  await expect(detail.getByText(/Showing the first .* of 50\.0 MB; Copy gives the whole frame/)).toBeVisible();
  await clickAsPerson(detail.getByRole('button', { name: 'Copy' }));
  await expect(detail.getByRole('status')).toHaveText('Copied', { timeout: 20_000 });
  expect(await page.evaluate(async () => (await navigator.clipboard.readText()).length)).toBe(50 * 1024 * 1024);
  expect(errors).toEqual([]);
});

test('binary, malformed, truncated, 10 000-deep, 100 000-key and __proto__ frames each show without breaking', async ({ page }) => {
  test.slow();
  const errors = collectErrors(page);
  await open(page);
  const wide = '{"type":"wide",' + Array.from({ length: 100_000 }, (_, i) => `"k${i}":${i}`).join(',') + '}';
  const cases: { name: string; body: string; binary?: boolean; row: RegExp; detail: RegExp }[] = [
    { name: 'binary', body: '\u0000\u0001binary-frame\u00ff', binary: true, row: /binary 16 bytes: 00 01 62 69/, detail: /00 01 62 69 6e/ },
    { name: 'malformed', body: '{"type": "oops", nope}', row: /Malformed JSON.*nope/, detail: /nope/ },
    { name: 'truncated', body: '{"type":"cut","list":[1,2,3', row: /Malformed JSON.*"cut"/, detail: /"list":\[1,2,3/ },
    { name: 'deep array', body: '['.repeat(10_000) + '"bottom"' + ']'.repeat(10_000), row: /^\[\[\[/, detail: /Array\(1\)/ },
    { name: 'deep object', body: '{"type":"deep","d":' + '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000) + '}', row: /deep/, detail: /d: \{a\}/ },
    { name: 'wide', body: wide, row: /wide/, detail: /Show more \(99\d\d\d left\)/ },
    { name: '__proto__', body: '{"type":"proto","__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}', row: /__proto__/, detail: /__proto__/ },
  ];
  const rows = page.getByRole('table', { name: 'Events' }).getByRole('row');
  const detail = page.getByRole('complementary', { name: 'Event detail' });
  for (const c of cases) await sim.inject(c.body, { binary: c.binary });
  for (const c of cases) {
    const row = rows.filter({ has: page.getByRole('cell', { name: c.row }) });
    await expect(row, c.name).toHaveCount(1);
    await scrollToAndClick(page.getByRole('table', { name: 'Events' }), row);
    const body = detail.getByRole('tabpanel');
    await expect(body, c.name).toContainText(c.detail);
  }
  // The wide object pages on demand; the deep one expands one level at a time.
  await scrollToAndClick(page.getByRole('table', { name: 'Events' }), rows.filter({ hasText: 'wide' }));
  await scrollToAndClick(detail.getByRole('tabpanel'), detail.getByRole('button', { name: /Show more/ }));
  await expect(detail.getByRole('tabpanel')).toContainText(/Show more \(98\d\d\d left\)/);
  // A free-text filter walks every event, the deep and wide ones included, and the page survives it.
  const filter = page.getByRole('searchbox', { name: 'Filter events' });
  await filter.fill('bottom');
  await expect.poll(() => readCounter(page, 'Shown')).toBeLessThanOrEqual(1);
  test.info().annotations.push({ type: 'free text at depth 10 000', description: `${await readCounter(page, 'Shown')} row(s) match "bottom"` });
  await filter.fill('');
  await expect.poll(() => readCounter(page, 'Shown')).toBeGreaterThan(cases.length);
  expect(await page.evaluate(() => ({} as Record<string, unknown>).polluted)).toBeUndefined();
  await expect(page.getByRole('status', { name: 'Connection status' })).toContainText('open');
  expect(errors).toEqual([]);
});

test('handshake refused, a silent connection and an invalid UTF-8 frame each say what happened and what to try', async ({ page }) => {
  const errors = collectErrors(page);
  const silent = await startSilentServer();
  // A text frame that is not UTF-8: the browser must fail the connection (it cannot be shown), so the status explains.
  const badUtf8 = await startSilentServer((ws) => setTimeout(() => ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false }), 200));
  try {
    await page.goto(`./?${new URLSearchParams({ autoconnect: '0', endpoint: `ws://127.0.0.1:${sim.port}/no-such-path` })}`);
    const status = page.getByRole('status', { name: 'Connection status' });
    await clickAsPerson(page.getByRole('button', { name: 'Connect', exact: true }));
    await expect(status).toContainText(/refused the handshake \(wrong path or credentials\)/);
    await expect(status).toContainText(/Retrying in \d+ s/);
    await clickAsPerson(page.getByRole('button', { name: 'Disconnect' }));

    await page.getByLabel('Endpoint').fill(silent.ws);
    await clickAsPerson(page.getByRole('button', { name: 'Connect', exact: true }));
    await expect(status).toContainText('open');
    await expect(status).toContainText(/Nothing received in \d+ s: .*check the path, the dialect and its settings/, { timeout: 15_000 });
    await clickAsPerson(page.getByRole('button', { name: 'Disconnect' }));

    await page.getByLabel('Endpoint').fill(badUtf8.ws);
    await clickAsPerson(page.getByRole('button', { name: 'Connect', exact: true }));
    await expect(page.getByRole('table', { name: 'Events' }).getByRole('row').filter({ hasText: 'not valid UTF-8' }).first()).toBeVisible();
    await expect(status).toContainText(/lost \(1006\) after it was open/);
    expect(errors).toEqual([]);
  } finally {
    await silent.close();
    await badUtf8.close();
  }
});
