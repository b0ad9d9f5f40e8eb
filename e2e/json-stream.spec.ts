import { test, expect } from '@playwright/test';
import { collectErrors, inject, openApp, port, readCounter, JSON_WS, clickAsPerson } from './support';
import { start as startJsonSim } from '../demo/simulators/json.mjs';

test('connect to the json demo, watch, pause, inspect, send, and survive bad frames', async ({ page }) => {
  const errors = collectErrors(page);
  // A slow stream: the journey reads rows near the tail, and rows far above it are virtualised away.
  await openApp(page, { endpoint: `${JSON_WS}?rate=4` });
  await clickAsPerson(page.getByRole('button', { name: 'Connect', exact: true }));
  await expect(page.getByRole('status', { name: 'Connection status' })).toContainText('open');
  const rows = page.getByRole('table', { name: 'Events' }).getByRole('row');
  await expect(rows.filter({ hasText: 'Connected to ws://127.0.0.1' })).toHaveCount(1);
  await expect(rows.filter({ hasText: '/api/v1/' }).first()).toBeVisible();

  // Pause: the table freezes while events keep being received and counted.
  await clickAsPerson(page.getByRole('button', { name: 'Pause' }));
  const shownAtPause = await readCounter(page, 'Shown');
  const receivedAtPause = await readCounter(page, 'Received');
  await expect.poll(() => readCounter(page, 'Received')).toBeGreaterThan(receivedAtPause + 5);
  expect(await readCounter(page, 'Shown')).toBe(shownAtPause);
  await expect(page.getByText(/Paused: \d+ new not shown/)).toBeVisible();
  await clickAsPerson(page.getByRole('button', { name: 'Resume' }));
  await expect.poll(() => readCounter(page, 'Shown')).toBeGreaterThan(shownAtPause);

  // Select an event and read its JSON in the detail pane.
  await page.getByRole('table', { name: 'Events' }).hover();
  await clickAsPerson(rows.filter({ hasText: '/api/v1/' }).last());
  const detail = page.getByRole('complementary', { name: 'Event detail' });
  const tree = detail.getByRole('tree', { name: 'JSON tree' });
  await expect(tree).toContainText('resource_uri');
  await expect(tree).toContainText('parents');
  await clickAsPerson(detail.getByRole('tab', { name: 'Raw' }));
  await expect(detail.getByLabel('Raw frame')).toContainText('"resource_uri"');
  // Keyboard: up moves the selection to the row before, down back to it. (The row picked above may be the newest one,
  // and down from the last row rightly stays put, so the journey goes up first.)
  const title = detail.locator('.detail-title strong');
  const firstTitle = (await title.textContent())!;
  await page.getByRole('table', { name: 'Events' }).press('ArrowUp');
  await expect(title).not.toHaveText(firstTitle);
  await page.getByRole('table', { name: 'Events' }).press('ArrowDown');
  await expect(title).toHaveText(firstTitle);

  // Send a frame: it shows as an outgoing row; the send box remembers it (↑).
  const box = page.getByLabel('Message to send');
  await box.fill('{"hello":"server"}');
  await box.press('Enter');
  await expect(rows.filter({ hasText: '↑ out' }).filter({ hasText: 'hello' })).toHaveCount(1);
  await box.press('ArrowUp');
  await expect(box).toHaveValue('{"hello":"server"}');

  // Malformed JSON and a binary frame are kept and shown; the page keeps working.
  await inject('{"type": "container", "oops');
  await inject(Buffer.from([0xde, 0xad, 0xbe, 0xef]).toString('latin1'), { binary: true });
  await expect(rows.filter({ hasText: 'Malformed JSON' })).toHaveCount(1);
  await expect(rows.filter({ hasText: /binary \d+ bytes/ })).toHaveCount(1);
  // The view holds still while the pointer is over the rows, so a row of a live stream can be clicked.
  await page.getByRole('table', { name: 'Events' }).hover();
  await clickAsPerson(rows.filter({ hasText: 'Malformed JSON' }));
  await expect(detail.getByRole('note')).toContainText('Malformed JSON');
  await expect(detail.getByLabel('Raw frame')).toContainText('"oops');
  await expect(page.getByRole('status', { name: 'Connection status' })).toContainText('open');

  expect(errors).toEqual([]);
});

test('a server that goes away: status says so, reconnects with backoff when it is back, history kept', async ({ page }) => {
  const errors = collectErrors(page);
  const simPort = port(1881) + test.info().workerIndex;
  let sim = await startJsonSim({ ports: { http: simPort }, args: { 'json-rate': 3 } });
  try {
    await openApp(page, { endpoint: `ws://127.0.0.1:${simPort}/json` });
    await clickAsPerson(page.getByRole('button', { name: 'Connect', exact: true }));
    const status = page.getByRole('status', { name: 'Connection status' });
    await expect(status).toContainText('open');
    const rows = page.getByRole('table', { name: 'Events' }).getByRole('row');
    await expect(rows.filter({ hasText: '/api/v1/' }).first()).toBeVisible();
    const before = await readCounter(page, 'Received');

    await sim.close();
    await expect(status).toContainText(/retrying/i);
    await expect(status).toContainText(/Retrying in \d+ s/);
    await expect(rows.filter({ hasText: /Closed \(1006/ })).toHaveCount(1);

    sim = await startJsonSim({ ports: { http: simPort }, args: { 'json-rate': 3 } });
    await expect(status).toContainText('open', { timeout: 15_000 });
    await expect(rows.filter({ hasText: /Disconnected from .* to .*, \d+ attempts?/ })).toHaveCount(1);
    await expect(rows.filter({ hasText: 'Reconnected to' })).toHaveCount(1);
    // Nothing was wiped: the first row is still the first connect notice.
    expect(await readCounter(page, 'Shown')).toBeGreaterThanOrEqual(before);
    await page.getByRole('table', { name: 'Events' }).press('Home');
    const detail = page.getByRole('complementary', { name: 'Event detail' });
    await expect(detail).toContainText('#1');
    await expect(detail.getByLabel('Raw frame')).toContainText('Connected to ws://');
    expect(errors).toEqual([]);
  } finally {
    await sim.close();
  }
});
