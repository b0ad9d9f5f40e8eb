import { expect, type Page } from '@playwright/test';
import { clickAsPerson, openApp } from '../support';

// A DRP simulator journey's two steps: post an event as the API would publish it, and connect with a registered
// `machines.*.*` filter.

const BASIC = 'Basic ' + Buffer.from('rocketskates:r0cketsk8ts').toString('base64');

/** Publishes one event through the simulator's API (as DRP does on a change). */
export async function postDrpEvent(port: number, event: Record<string, unknown>) {
  const res = await fetch(`http://127.0.0.1:${port}/api/v3/events`, { method: 'POST', headers: { Authorization: BASIC, 'Content-Type': 'application/json' }, body: JSON.stringify({ Principal: 'user:rocketskates', Original: null, ...event }) });
  expect(res.status).toBe(204);
}

/** Opens the app on the simulator, connects, and registers for every machine event. */
export async function connectDrpMachines(page: Page, port: number) {
  await openApp(page, { dialect: 'drp', endpoint: `ws://127.0.0.1:${port}` });
  await clickAsPerson(page.getByRole('button', { name: 'Connect', exact: true }));
  await expect(page.getByRole('status', { name: 'Connection status' })).toContainText('open');
  await page.getByLabel('Filter', { exact: true }).fill('machines.*.*');
  await clickAsPerson(page.getByRole('button', { name: 'Register', exact: true }));
  await expect(page.getByRole('list', { name: 'Registered filters' })).toContainText('confirmed');
}
