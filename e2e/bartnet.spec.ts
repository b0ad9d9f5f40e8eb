import { test, expect } from '@playwright/test';
import { collectErrors, openApp } from './support';
import { start as startBartnetSim, DEMO } from '../demo/simulators/bartnet.mjs';

type Sim = { urls: { stream: string; login: string }; close(): Promise<void> };

test('bartnet: password → HMAC → authenticate ok; subscribe and unsubscribe change what arrives; heartbeats fold', async ({ page }) => {
  const errors = collectErrors(page);
  const sim: Sim = await startBartnetSim({ ports: { http: 0 }, args: { 'bartnet-heartbeat-ms': 1000, 'bartnet-event-ms': 250 } });
  try {
    await openApp(page, { dialect: 'bartnet', endpoint: sim.urls.stream });
    await page.getByLabel('Credential').selectOption('password');
    await page.getByLabel('Email', { exact: true }).fill(DEMO.email);
    await page.getByLabel('Password', { exact: true }).fill(DEMO.password);
    await page.getByLabel('Topics', { exact: true }).fill('discovery');
    await page.getByRole('button', { name: 'Connect', exact: true }).click();

    const rows = page.getByRole('table', { name: 'Events' }).getByRole('row');
    await expect(rows.filter({ hasText: 'Logged in as demo@opsee.co: got an HMAC from POST /authenticate/password' })).toHaveCount(1);
    await expect(page.getByRole('status', { name: 'Authentication' })).toContainText('Authenticated as customer cust1');
    await expect(page.getByLabel('Server subscriptions')).toHaveText('Server reports: cust1.discovery');
    // The sent authenticate carries the HMAC masked.
    await expect(rows.filter({ hasText: 'authenticate' }).filter({ hasText: '↑ out' })).toHaveCount(1);
    await expect(rows.filter({ hasText: /discovery · ok/ }).first()).toBeVisible();

    await page.getByRole('checkbox', { name: 'check_results' }).check();
    await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
    await page.getByRole('checkbox', { name: 'discovery' }).check();
    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await expect(page.getByLabel('Server subscriptions')).toHaveText('Server reports: cust1.check_results');
    await expect(page.getByLabel('Requested subscriptions')).toHaveText('Requested: check_results');
    // The server applies a subscribe before it replies, so once the reply is in, only check results may arrive.
    await page.getByRole('button', { name: 'Clear' }).click();
    await expect(rows.filter({ hasText: /check_results · (up|down)/ }).nth(2)).toBeVisible();
    await expect(rows.filter({ hasText: /discovery · ok/ })).toHaveCount(0);

    // Heartbeats are a live indicator, never rows.
    await expect(page.getByRole('status', { name: 'Heartbeat' })).toContainText(/last heartbeat \d+ s ago · \d+ received/);
    await expect(page.getByRole('status', { name: 'Heartbeat' })).not.toContainText('⚠');
    await expect(rows.filter({ hasText: 'heartbeat' })).toHaveCount(0);
  } finally {
    await sim.close();
  }
  expect(errors).toEqual([]);
});

test('bartnet: a bad token is named, a silent server is timed out, a missing heartbeat is flagged', async ({ page }) => {
  const errors = collectErrors(page);
  const genC: Sim = await startBartnetSim({ ports: { http: 0 }, args: { 'bartnet-heartbeat-ms': 0 } });
  const genB: Sim = await startBartnetSim({ ports: { http: 0 }, args: { 'bartnet-gen': 'b', 'bartnet-heartbeat-ms': 0 } });
  try {
    await openApp(page, { dialect: 'bartnet', endpoint: genC.urls.stream });
    await page.getByLabel('Token', { exact: true }).fill('not-a-token');
    await page.getByLabel('Heartbeat expected within (s)').fill('1');
    await page.getByLabel('Reply timeout (s)').fill('1');
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    const auth = page.getByRole('status', { name: 'Authentication' });
    await expect(auth).toContainText('bad token');
    await expect(auth).toContainText('Bad token: the server could not read the credential');
    await expect(page.getByRole('status', { name: 'Heartbeat' })).toContainText(/⚠ no heartbeat for \d+ s/);

    // Generation B ignores a wrong HMAC: the panel says so after the reply timeout.
    await page.getByRole('button', { name: 'Disconnect' }).click();
    await page.getByLabel('Endpoint').fill(genB.urls.stream);
    await page.getByLabel('Credential').selectOption('hmac');
    await page.getByLabel('HMAC', { exact: true }).fill('1--not-the-right-digest=');
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(auth).toContainText('no reply');
    await expect(auth).toContainText('No reply in 1 s');
  } finally {
    await Promise.all([genC.close(), genB.close()]);
  }
  expect(errors).toEqual([]);
});
