import { test, expect } from '@playwright/test';
import { clickAsPerson, collectErrors, JSON_WS, openApp, readCounter } from './support';

// The rate chart: brushing a range of it filters the table to that range, through a time: term in the filter box.

test('brush the rate chart and see the table filter to that time range', async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page, { endpoint: JSON_WS });
  await clickAsPerson(page.getByRole('button', { name: 'Connect', exact: true }));
  await expect(page.getByRole('status', { name: 'Connection status' })).toContainText('open');
  await clickAsPerson(page.getByRole('button', { name: 'Timeline' }));
  const chart = page.getByRole('img', { name: /Events per second by type/ });
  await expect(chart).toBeVisible();
  // A few seconds of the demo stream (20 events/s), so the chart has a range to brush.
  await expect.poll(() => readCounter(page, 'Received'), { timeout: 15_000 }).toBeGreaterThan(80);
  await expect(page.getByRole('list', { name: 'Event types in the chart' })).toContainText('container');

  // Drag across the middle of the plot, as a person would with the mouse.
  const plot = chart.locator('.u-over');
  const box = (await plot.boundingBox())!;
  const y = box.y + box.height / 2;
  const hit = await plot.evaluate((el, p) => el.contains(document.elementFromPoint(p.x, p.y)), { x: box.x + box.width * 0.3, y });
  expect(hit).toBe(true);
  await page.mouse.move(box.x + box.width * 0.3, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, y, { steps: 5 });
  await page.mouse.move(box.x + box.width * 0.6, y, { steps: 5 });
  await page.mouse.up();

  const filter = page.getByRole('searchbox', { name: 'Filter events' });
  await expect(filter).toHaveValue(/^time:\d\d:\d\d:\d\d\.\d{3}\.\.\d\d:\d\d:\d\d\.\d{3}$/);
  const [from, to] = (await filter.inputValue()).slice(5).split('..');
  // The table holds only that range: fewer rows than received, and no new ones while the stream goes on.
  const shown = await readCounter(page, 'Shown');
  expect(shown).toBeGreaterThan(0);
  expect(shown).toBeLessThan(await readCounter(page, 'Received'));
  await page.waitForTimeout(1500);
  expect(await readCounter(page, 'Shown')).toBe(shown);
  // The Time column (the second cell of each drawn row); the json demo's frames carry no time of their own.
  const times = await page
    .getByRole('table', { name: 'Events' })
    .getByRole('row')
    .evaluateAll((rows) => rows.map((r) => r.querySelectorAll('[role="cell"]')[1]?.textContent ?? '').filter(Boolean));
  expect(times.length).toBeGreaterThan(0);
  for (const t of times) {
    expect(t >= from, `${t} >= ${from}`).toBe(true);
    expect(t <= to, `${t} <= ${to}`).toBe(true);
  }

  // Clearing the range shows everything again.
  await clickAsPerson(page.getByRole('button', { name: 'Clear time range' }));
  await expect(filter).toHaveValue('');
  await expect.poll(() => readCounter(page, 'Shown')).toBeGreaterThan(shown);
  expect(errors).toEqual([]);
});
