import { expect, test } from '@playwright/test';
import { collectErrors, inject, JSON_WS } from './support';

// Open the app and see the newest events: a burst that arrives and ends while the page has only just loaded must
// leave the table at its tail, not scrolled to the top with the drawn rows far below (the pointer-hold clock once
// started at page load, so the first 1.5 s behaved as if the pointer had just moved over the rows).
test('a burst right after load leaves the table showing its newest rows', async ({ page }) => {
  const errors = collectErrors(page);
  const loadedAt = Date.now();
  await page.goto(`./?${new URLSearchParams({ endpoint: `${JSON_WS}?rate=0` })}`);
  await expect(page.getByRole('status', { name: 'Connection status' })).toContainText('open');
  await inject(JSON.stringify({ type: 'burst', action: 'update', resource_uri: '/api/v1/burst/' }), { repeat: 299 });
  await inject(JSON.stringify({ type: 'tail-marker', action: 'update', resource_uri: '/api/v1/last/' }));
  const burstEndedMs = Date.now() - loadedAt;
  const rows = page.getByRole('table', { name: 'Events' }).getByRole('row');
  await expect(rows.filter({ hasText: 'tail-marker' })).toBeInViewport();
  await expect(page.getByRole('button', { name: /Jump to latest/ })).toHaveCount(0);
  test.info().annotations.push({ type: 'burst ended after load (ms)', description: String(burstEndedMs) });
  expect(errors).toEqual([]);
});
