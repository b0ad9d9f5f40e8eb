import { test, expect } from '@playwright/test';
import { clickAsPerson, collectErrors, openApp } from './support';
import { start as startJsonSim, TUTUM_DEMO } from '../demo/simulators/json.mjs';

type Sim = { urls: { stream: string }; close(): Promise<void> };

// What a Tutum server did after UNAUTHORIZED is not documented: the simulator closes (1008) by default, an assumption,
// or keeps the socket open. The client must stop retrying either way.
test('tutum: the auth frame reads "authenticated"; UNAUTHORIZED is an auth failure that stops reconnecting (server closes)', async ({ page }) => {
  const errors = collectErrors(page);
  const sim: Sim = await startJsonSim({ ports: { http: 0 }, args: { 'json-rate': 5 } });
  const base = sim.urls.stream.replace(/\/json$/, '');
  try {
    await openApp(page, { dialect: 'json', endpoint: `${base}/v1/events` });
    await page.getByLabel('User', { exact: true }).fill(TUTUM_DEMO.user);
    await page.getByLabel('Token', { exact: true }).fill(TUTUM_DEMO.apikey);
    await clickAsPerson(page.getByRole('button', { name: 'Connect', exact: true }));
    const rows = page.getByRole('table', { name: 'Events' }).getByRole('row');
    await expect(rows.filter({ hasText: 'Authenticated: the stream accepted the credentials' })).toHaveCount(1);
    await expect(rows.filter({ hasText: '/api/v1/' }).first()).toBeVisible();
    await clickAsPerson(page.getByRole('button', { name: 'Disconnect' }));

    await page.getByLabel('Token', { exact: true }).fill('wrong-key');
    await clickAsPerson(page.getByRole('button', { name: 'Connect', exact: true }));
    const status = page.getByRole('status', { name: 'Connection status' });
    const refused = rows.filter({ hasText: 'Authentication failed (UNAUTHORIZED)' });
    await expect(refused.filter({ hasText: 'error' }).filter({ hasNotText: 'Closed' })).toHaveCount(1);
    await expect(status).toContainText('Authentication failed (UNAUTHORIZED)');
    await expect(status).toContainText('Not reconnecting');
    await expect(rows.filter({ hasText: /Closed \(1008/ })).toHaveCount(1);
    // The first backoff delay is about half a second: after three, a reconnect would have shown a second refusal.
    await page.waitForTimeout(1500);
    await expect(rows.filter({ hasText: /Closed \(1008/ })).toHaveCount(1);
    await expect(status).not.toContainText(/retrying/i);
  } finally {
    await sim.close();
  }
  expect(errors).toEqual([]);
});

test('tutum: UNAUTHORIZED stops reconnecting when the server keeps the socket open, and the client closes it', async ({ page }) => {
  const errors = collectErrors(page);
  const sim: Sim = await startJsonSim({ ports: { http: 0 }, args: { 'json-rate': 5, 'json-unauthorized-close': 'false' } });
  const base = sim.urls.stream.replace(/\/json$/, '');
  try {
    await openApp(page, { dialect: 'json', endpoint: `${base}/v1/events` });
    await page.getByLabel('User', { exact: true }).fill(TUTUM_DEMO.user);
    await page.getByLabel('Token', { exact: true }).fill('wrong-key');
    await clickAsPerson(page.getByRole('button', { name: 'Connect', exact: true }));
    const rows = page.getByRole('table', { name: 'Events' }).getByRole('row');
    const status = page.getByRole('status', { name: 'Connection status' });
    await expect(rows.filter({ hasText: 'Authentication failed (UNAUTHORIZED)' }).filter({ hasNotText: 'Closed' })).toHaveCount(1);
    await expect(status).toContainText('Not reconnecting');
    await expect(status).not.toContainText('open');
    // The server says nothing more; the client closes the socket itself and does not come back.
    await expect(rows.filter({ hasText: /Closed \(1000 UNAUTHORIZED/ })).toHaveCount(1);
    await page.waitForTimeout(1500);
    await expect(rows.filter({ hasText: /Connected to/ })).toHaveCount(1);
    await expect(rows.filter({ hasText: /Closed \(/ })).toHaveCount(1);
    await expect(status).toContainText('Authentication failed (UNAUTHORIZED)');
    await expect(status).not.toContainText(/retrying/i);
  } finally {
    await sim.close();
  }
  expect(errors).toEqual([]);
});

test('docker cloud: namespaced URL form with a type filter', async ({ page }) => {
  const errors = collectErrors(page);
  const sim: Sim = await startJsonSim({ ports: { http: 0 }, args: { 'json-rate': 20 } });
  const base = sim.urls.stream.replace(/\/json$/, '');
  try {
    await openApp(page, { dialect: 'json', endpoint: `${base}/api/audit/v1/myorg/events` });
    await page.getByLabel('Preset').selectOption('dockercloud');
    await page.getByLabel('Auth (TUTUM_AUTH)').fill(`ApiKey ${TUTUM_DEMO.user}:${TUTUM_DEMO.apikey}`);
    await page.getByLabel('Filter: type').fill('container');
    await clickAsPerson(page.getByRole('button', { name: 'Connect', exact: true }));
    const rows = page.getByRole('table', { name: 'Events' }).getByRole('row');
    await expect(rows.filter({ hasText: 'Authenticated' })).toHaveCount(1);
    await expect(rows.filter({ hasText: '/api/app/v1/myorg/container/' }).nth(2)).toBeVisible();
    await expect(rows.filter({ hasText: '/api/app/v1/myorg/service/' }).filter({ hasText: /^\s*\d+\s+\S+\s+↓ in\s+service/ })).toHaveCount(0);
  } finally {
    await sim.close();
  }
  expect(errors).toEqual([]);
});
