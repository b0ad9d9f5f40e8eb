import { test, expect, type Page } from '@playwright/test';
import { clickAsPerson, collectErrors, openApp } from './support';
import { start as startBartnetSim, DEMO, hmacFor } from '../demo/simulators/bartnet.mjs';

type Sim = { urls: { stream: string; login: string }; close(): Promise<void> };

const rowsOf = (page: Page) => page.getByRole('table', { name: 'Events' }).getByRole('row');
const connectButton = (page: Page) => page.getByRole('button', { name: 'Connect', exact: true });

test('bartnet gen C: token → authenticate ok; subscribe adds a topic; unsubscribe reconnects instead of crashing the server; heartbeats fold', async ({ page }) => {
  const errors = collectErrors(page);
  const sim: Sim = await startBartnetSim({ ports: { http: 0 }, args: { 'bartnet-heartbeat-ms': 1000, 'bartnet-event-ms': 250 } });
  try {
    await openApp(page, { dialect: 'bartnet', endpoint: sim.urls.stream });
    await page.getByLabel('Token', { exact: true }).fill(DEMO.token);
    await page.getByLabel('Topics', { exact: true }).fill('discovery');
    await expect(page.getByRole('alert', { name: 'Settings warning' })).toHaveCount(0);
    await clickAsPerson(connectButton(page));

    const rows = rowsOf(page);
    await expect(page.getByRole('status', { name: 'Authentication' })).toContainText('Authenticated as customer cust1');
    await expect(page.getByLabel('Server subscriptions')).toHaveText('Server reports: cust1.discovery');
    await expect(rows.filter({ hasText: 'authenticate' }).filter({ hasText: '↑ out' })).toHaveCount(1);
    await expect(rows.filter({ hasText: /discovery · ok/ }).first()).toBeVisible();

    // The topics offered are the ones this generation publishes.
    const topics = page.getByRole('group', { name: 'Topics' });
    await expect(topics.getByRole('checkbox')).toHaveCount(3);
    await expect(topics.getByRole('checkbox', { name: 'check_results' })).toHaveCount(0);

    await clickAsPerson(topics.getByRole('checkbox', { name: 'launch-bastion' }));
    await clickAsPerson(page.getByRole('button', { name: 'Subscribe', exact: true }));
    await expect(page.getByLabel('Server subscriptions')).toHaveText('Server reports: cust1.discovery, cust1.launch-bastion');

    // Gen C crashes on any unsubscribe_from: the app reconnects and subscribes to what is left instead.
    await clickAsPerson(topics.getByRole('checkbox', { name: 'discovery' }));
    await clickAsPerson(page.getByRole('button', { name: 'Unsubscribe (reconnects)' }));
    await expect(topics).toContainText('Gen C servers crash on unsubscribe_from (close 1011), so it was not sent: reconnected and subscribed to launch-bastion instead.');
    await expect(page.getByLabel('Server subscriptions')).toHaveText('Server reports: cust1.launch-bastion');
    await expect(page.getByLabel('Requested subscriptions')).toHaveText('Requested: launch-bastion');
    await clickAsPerson(page.getByRole('button', { name: 'Clear' }));
    await expect(rows.filter({ hasText: /launch-bastion · / }).nth(2)).toBeVisible();
    await expect(rows.filter({ hasText: /discovery · ok/ })).toHaveCount(0);
    await page.getByRole('searchbox', { name: 'Filter events' }).fill('unsubscribe_from');
    await expect(rows.filter({ hasText: '↑ out' })).toHaveCount(0);
    await page.getByRole('searchbox', { name: 'Filter events' }).fill('');
    await expect(page.getByRole('status', { name: 'Connection status' })).toContainText('open');

    // Heartbeats are a live indicator, never rows.
    await expect(page.getByRole('status', { name: 'Heartbeat' })).toContainText(/last heartbeat \d+ s ago · \d+ received/);
    await expect(page.getByRole('status', { name: 'Heartbeat' })).not.toContainText('⚠');
    await expect(rows.filter({ hasText: 'heartbeat' })).toHaveCount(0);
  } finally {
    await sim.close();
  }
  expect(errors).toEqual([]);
});

test('bartnet: each generation says which credential it takes; a bad token is named, a silent gen B is timed out, a missing heartbeat is flagged', async ({ page }) => {
  const errors = collectErrors(page);
  const genC: Sim = await startBartnetSim({ ports: { http: 0 }, args: { 'bartnet-heartbeat-ms': 0 } });
  const genB: Sim = await startBartnetSim({ ports: { http: 0 }, args: { 'bartnet-gen': 'b', 'bartnet-heartbeat-ms': 0, 'bartnet-event-ms': 250 } });
  try {
    await openApp(page, { dialect: 'bartnet', endpoint: genC.urls.stream });
    await page.getByLabel('Heartbeat expected within (s)').fill('1');
    await page.getByLabel('Reply timeout (s)').fill('1');
    // An HMAC with a gen C server: warned before connecting, and the bad-token reply says what it wants.
    await page.getByLabel('Credential').selectOption('hmac');
    const warning = page.getByRole('alert', { name: 'Settings warning' });
    await expect(warning).toHaveText('⚠ Gen C servers take only a token: an HMAC gets "bad-token".');
    await page.getByLabel('Credential').selectOption('password');
    await expect(warning).toContainText('Gen C servers have no password login (POST /authenticate/password was removed on 2015-09-02)');
    await page.getByLabel('Credential').selectOption('hmac');
    await page.getByLabel('HMAC', { exact: true }).fill(hmacFor(1));
    await clickAsPerson(connectButton(page));
    const auth = page.getByRole('status', { name: 'Authentication' });
    await expect(auth).toContainText('bad token');
    await expect(auth).toContainText('Bad token: this server generation wants a token');
    await expect(page.getByRole('status', { name: 'Heartbeat' })).toContainText(/⚠ no heartbeat for \d+ s/);
    await clickAsPerson(page.getByRole('button', { name: 'Disconnect' }));

    // Gen B: email and password are exchanged for an HMAC; unsubscribe is a real unsubscribe_from there.
    await page.getByLabel('Endpoint').fill(genB.urls.stream);
    await page.getByLabel('Protocol generation').selectOption('b');
    await page.getByLabel('Credential').selectOption('password');
    await expect(warning).toHaveCount(0);
    await page.getByLabel('Email', { exact: true }).fill(DEMO.email);
    await page.getByLabel('Password', { exact: true }).fill(DEMO.password);
    await page.getByLabel('Topics', { exact: true }).fill('connected,launch-bastion');
    await clickAsPerson(connectButton(page));
    const rows = rowsOf(page);
    await expect(rows.filter({ hasText: 'Logged in as demo@opsee.co: got an HMAC from POST /authenticate/password' })).toHaveCount(1);
    await expect(page.getByLabel('Server subscriptions')).toHaveText('Server reports: cust1.connected, cust1.launch-bastion');
    await clickAsPerson(page.getByRole('group', { name: 'Topics' }).getByRole('checkbox', { name: 'connected' }));
    await clickAsPerson(page.getByRole('button', { name: 'Unsubscribe', exact: true }));
    await expect(page.getByLabel('Server subscriptions')).toHaveText('Server reports: cust1.launch-bastion');
    await clickAsPerson(page.getByRole('button', { name: 'Disconnect' }));

    // Gen B ignores a well-formed but wrong HMAC: the panel says so after the reply timeout.
    await page.getByLabel('Credential').selectOption('hmac');
    await page.getByLabel('HMAC', { exact: true }).fill(hmacFor(1, 'not-the-secret'));
    await clickAsPerson(connectButton(page));
    await expect(auth).toContainText('no reply');
    await expect(auth).toContainText('No reply in 1 s');
  } finally {
    await Promise.all([genC.close(), genB.close()]);
  }
  expect(errors).toEqual([]);
});

test('bartnet: the send box warns before text that is not JSON, and the 1011 close is named in words', async ({ page }) => {
  const errors = collectErrors(page);
  const sim: Sim = await startBartnetSim({ ports: { http: 0 }, args: { 'bartnet-heartbeat-ms': 0 } });
  try {
    await openApp(page, { dialect: 'bartnet', endpoint: sim.urls.stream });
    await page.getByLabel('Token', { exact: true }).fill(DEMO.token);
    await clickAsPerson(page.getByLabel('Auto-reconnect'));
    await expect(page.getByLabel('Auto-reconnect')).not.toBeChecked();
    await clickAsPerson(connectButton(page));
    await expect(page.getByRole('status', { name: 'Authentication' })).toContainText('Authenticated as customer cust1');
    const form = page.getByRole('form', { name: 'Send a frame' });
    const box = form.getByRole('textbox', { name: 'Message to send' });
    await box.fill('hello');
    await expect(form.getByRole('alert')).toHaveText('bartnet closes the connection (1011 JsonParseException) on a text frame that is not JSON; auto-reconnect authenticates again.');
    // The first Enter only arms the warning.
    await box.press('Enter');
    await expect(form.getByRole('alert')).toContainText('Press Enter again to send it anyway.');
    await expect(page.getByRole('status', { name: 'Connection status' })).toContainText('open');
    await clickAsPerson(form.getByRole('button', { name: 'Send anyway' }));
    const status = page.getByRole('status', { name: 'Connection status' });
    await expect(status).toContainText("The server closed the connection with 1011, an internal error (JsonParseException): bartnet's handler threw because it was sent a text frame that is not JSON.");
  } finally {
    await sim.close();
  }
  expect(errors).toEqual([]);
});
