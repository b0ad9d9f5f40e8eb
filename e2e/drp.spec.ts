import { test, expect, type Page } from '@playwright/test';
import { clickAsPerson, collectErrors, openApp, port, readCounter } from './support';
import { start as startDrpSim } from '../demo/simulators/drp.mjs';

// Journeys against the drp simulator: the shared demo instance (port 8092 + offset) for the everyday flows, and a
// private instance for the restart and TLS flows, so killing it disturbs no other test.
const DRP_ENDPOINT = `ws://127.0.0.1:${port(8092)}`;
const DRP_EVENTS = `http://127.0.0.1:${port(8092)}/api/v3/events`;
const BASIC = 'Basic ' + Buffer.from('rocketskates:r0cketsk8ts').toString('base64');

test.use({ timezoneId: 'UTC' });

/**
 * Network errors the diagnosis of a refused handshake causes on purpose (a 403, an untrusted certificate, and the
 * CORS-less 400 a TLS port gives plain HTTP).
 */
const EXPECTED_PROBE_ERRORS = /^console: (Failed to load resource: (the server responded with a status of 40[013]|net::ERR_CERT_AUTHORITY_INVALID|net::ERR_FAILED)|Access to fetch at 'http:\/\/127\.0\.0\.1:\d+\/api\/v3\/info' from origin .* has been blocked by CORS policy)/;

async function postEvent(url: string, event: Record<string, unknown>) {
  const res = await fetch(url, { method: 'POST', headers: { Authorization: BASIC, 'Content-Type': 'application/json' }, body: JSON.stringify(event) });
  expect(res.status).toBe(204);
}

const rowsOf = (page: Page) => page.getByRole('table', { name: 'Events' }).getByRole('row');
const filterList = (page: Page) => page.getByRole('list', { name: 'Registered filters' });
const filterItem = (page: Page, f: string) => filterList(page).getByRole('listitem').filter({ has: page.getByText(f, { exact: true }) });

async function register(page: Page, filter: string) {
  await page.getByLabel('Filter', { exact: true }).fill(filter);
  await clickAsPerson(page.getByRole('button', { name: 'Register', exact: true }));
}

async function showOnly(page: Page, query: string) {
  await page.getByRole('searchbox', { name: 'Filter events' }).fill(query);
}

async function connectDrp(page: Page, endpoint: string) {
  await openApp(page, { dialect: 'drp', endpoint });
  await clickAsPerson(page.getByRole('button', { name: 'Connect', exact: true }));
}

test('register filters, see only what they select, diff a save, deregister, and read an injected event exactly', async ({ page }) => {
  const errors = collectErrors(page);
  await connectDrp(page, DRP_ENDPOINT);
  const status = page.getByRole('status', { name: 'Connection status' });
  await expect(status).toContainText('open');
  await expect(page.getByText('No filters registered')).toBeVisible();

  // The form refuses a filter the server would never match, and says why.
  await register(page, 'machines');
  await expect(page.getByRole('alert')).toContainText('two dots');

  await clickAsPerson(page.getByRole('button', { name: 'All machine events' }));
  await expect(filterItem(page, 'machines.*.*')).toContainText('confirmed');
  const rows = rowsOf(page);
  // The live tail moves on; the table's own filter box pins down the rows each check is about.
  await showOnly(page, 'machines.*.*');
  await expect(rows.filter({ hasText: 'Server confirmed register machines.*.*' })).toHaveCount(1);
  await expect(rows.filter({ hasText: '↑ out' }).filter({ hasText: 'register machines.*.*' })).toHaveCount(1);
  await showOnly(page, 'type:machines');
  await expect.poll(() => readCounter(page, 'Shown')).toBeGreaterThan(2);
  await showOnly(page, 'dir:in -type:machines -type:websocket');
  await expect.poll(() => readCounter(page, 'Shown')).toBe(0);
  const received = await readCounter(page, 'Received');
  await expect.poll(() => readCounter(page, 'Received')).toBeGreaterThan(received + 2);
  expect(await readCounter(page, 'Shown')).toBe(0);
  await expect(filterItem(page, 'machines.*.*')).toContainText(/[1-9]\d* matched/);

  // A second filter: a save of the global profile, with its Original-vs-Object diff.
  await register(page, 'profiles.save.global');
  await expect(filterItem(page, 'profiles.save.global')).toContainText('confirmed');
  const marker = `e2e-${Date.now()}`;
  await postEvent(DRP_EVENTS, {
    Time: '2026-01-01T01:02:03.456Z', // a time no generated event has: it identifies the row
    Type: 'profiles',
    Action: 'save',
    Key: 'global',
    Object: { Name: 'global', Params: { 'kernel-console': 'console=ttyS1,115200', marker } },
    Original: { Name: 'global', Params: { 'kernel-console': 'console=ttyS0,115200' } },
  });
  await showOnly(page, '01:02:03.456');
  const saveRow = rows.filter({ hasText: '01:02:03.456' });
  await expect(saveRow).toContainText('changed Params');
  await page.getByRole('table', { name: 'Events' }).hover();
  await clickAsPerson(saveRow);
  const detail = page.getByRole('complementary', { name: 'Event detail' });
  await clickAsPerson(detail.getByRole('tab', { name: 'Diff' }));
  const diff = detail.getByRole('table', { name: 'Changes from Original to Object' });
  await expect(diff.getByRole('row').filter({ hasText: 'Params["kernel-console"]' })).toContainText('"console=ttyS0,115200"');
  await expect(diff.getByRole('row').filter({ hasText: 'Params.marker' })).toContainText(`"${marker}"`);

  // Deregister machines.*.*: the exact string goes out, the server confirms, machine events stop.
  await clickAsPerson(filterList(page).getByRole('button', { name: 'Deregister machines.*.*' }));
  await expect(filterItem(page, 'machines.*.*')).toHaveCount(0);
  await showOnly(page, 'deregister machines');
  await expect(rows.filter({ hasText: 'Server confirmed deregister machines.*.*' })).toHaveCount(1);
  await expect(rows.filter({ hasText: '↑ out' }).filter({ hasText: 'deregister machines.*.*' })).toHaveCount(1);
  const gone = `gone-${Date.now()}`;
  await postEvent(DRP_EVENTS, { Type: 'machines', Action: 'update', Key: gone, Object: { Name: gone } });
  // Events arrive in publish order: once this later one is shown, the machine event would have been too.
  const exact = {
    Time: '2026-01-02T03:04:05.123456789Z',
    Type: 'profiles',
    Action: 'save',
    Key: 'global',
    Principal: 'will-be-replaced',
    Object: { Name: 'global', Params: { exact: 1 } },
    Original: { Name: 'global', Params: {} },
  };
  await postEvent(DRP_EVENTS, exact);
  await showOnly(page, '03:04:05.123456789');
  const exactRow = rows.filter({ hasText: '03:04:05.123' });
  await expect(exactRow).toHaveCount(1);
  for (const cell of ['03:04:05.123', '↓ in', 'profiles', 'save', 'global', 'user:rocketskates', 'global, 1 param · changed Params']) {
    await expect(exactRow.getByRole('cell', { name: cell, exact: true })).toHaveCount(1);
  }
  await page.getByRole('table', { name: 'Events' }).hover();
  await clickAsPerson(exactRow);
  await clickAsPerson(detail.getByRole('tab', { name: 'Raw' }));
  await expect(detail.getByLabel('Raw frame')).toHaveText(JSON.stringify({ ...exact, Principal: 'user:rocketskates' }));
  await showOnly(page, gone);
  await expect.poll(() => readCounter(page, 'Shown')).toBe(0);
  await showOnly(page, '');
  await expect(status).toContainText('open');
  expect(errors).toEqual([]);
});

test('the send box cannot send or remember a filter that would crash the server; a remembered one is dropped on load', async ({ page }) => {
  const errors = collectErrors(page);
  // This simulator dies, as dr-provision v3 does, on the first event after a filter with fewer than two dots.
  const sim = await startDrpSim({ ports: { ws: 0 }, args: { 'drp-rate': 20, 'drp-fatal-filters': true } });
  const endpoint = `ws://127.0.0.1:${sim.port}`;
  try {
    // An older build remembered what was typed in the send box, including a filter the server cannot survive.
    await openApp(page, { dialect: 'drp', endpoint });
    await page.evaluate((key) => localStorage.setItem(key, JSON.stringify(['machines', 'jobs.*.*'])), `streamscope:drp:filters:${endpoint}/api/v3/ws`);
    await openApp(page, { dialect: 'drp', endpoint });
    const panel = page.getByLabel('Register filters');
    await expect(panel).toContainText('Remembered for this endpoint and registered on connect: jobs.*.*');
    await expect(panel).not.toContainText('machines');
    await clickAsPerson(page.getByRole('button', { name: 'Connect', exact: true }));
    const status = page.getByRole('status', { name: 'Connection status' });
    await expect(status).toContainText('open');
    await expect(page.getByRole('alert', { name: 'Dropped filters' })).toContainText('Not registered, to keep the server up: remembered "machines": A filter needs three parts');
    await expect(filterItem(page, 'jobs.*.*')).toContainText('confirmed');

    // Typed in the send box: refused with the reason, Send disabled, Enter does nothing.
    const box = page.getByRole('textbox', { name: 'Message to send' });
    const sendButton = page.getByRole('form', { name: 'Send a frame' }).getByRole('button', { name: 'Send' });
    await box.fill('register machines');
    const why = page.getByRole('form', { name: 'Send a frame' }).getByRole('alert');
    await expect(why).toContainText('Not sent: register "machines" is refused. A filter needs three parts, type.action.key, separated by two dots (this one has 0); a DRP server crashes on one with fewer.');
    await expect(box).toHaveAttribute('aria-invalid', 'true');
    await expect(sendButton).toBeDisabled();
    await box.press('Enter');
    await box.fill('register ' + 'k.'.repeat(260));
    await expect(why).toContainText('closes the connection (1009) on frames over 512 bytes');
    await box.press('Enter');

    // A valid one goes out, is confirmed, and is remembered.
    await box.fill('register machines.*.*');
    await expect(why).toHaveCount(0);
    await clickAsPerson(sendButton);
    await expect(filterItem(page, 'machines.*.*')).toContainText('confirmed');
    const rows = rowsOf(page);
    await showOnly(page, 'dir:out');
    await expect(rows.filter({ hasText: 'register' })).toHaveCount(2);
    await expect(rows.filter({ hasText: 'register jobs.*.*' })).toHaveCount(1);
    await expect(rows.filter({ hasText: 'register machines.*.*' })).toHaveCount(1);
    await showOnly(page, 'type:machines');
    await expect.poll(() => readCounter(page, 'Shown')).toBeGreaterThan(2);
    expect(sim.crashed).toBeUndefined();
    await expect(status).toContainText('open');

    // After a reload only the valid filters are remembered.
    await openApp(page, { dialect: 'drp', endpoint });
    await expect(panel).toContainText('Remembered for this endpoint and registered on connect: jobs.*.* machines.*.*');
    expect(await page.evaluate((key) => localStorage.getItem(key), `streamscope:drp:filters:${endpoint}/api/v3/ws`)).toBe('["jobs.*.*","machines.*.*"]');
  } finally {
    await sim.close();
  }
  expect(errors).toEqual([]);
});

test('the simulator restarts: filters are re-registered automatically and events resume', async ({ page }) => {
  const errors = collectErrors(page);
  let sim = await startDrpSim({ ports: { ws: 0 }, args: { 'drp-rate': 10 } });
  const simPort: number = sim.port;
  try {
    await connectDrp(page, `ws://127.0.0.1:${simPort}`);
    const status = page.getByRole('status', { name: 'Connection status' });
    await expect(status).toContainText('open');
    await register(page, 'machines.*.*');
    await register(page, 'profiles.save.global');
    await expect(filterItem(page, 'machines.*.*')).toContainText('confirmed');
    await expect(filterItem(page, 'profiles.save.global')).toContainText('confirmed');

    await sim.close();
    await expect(status).toContainText(/retrying/i);
    await expect(filterItem(page, 'machines.*.*')).toContainText('not sent');

    sim = await startDrpSim({ ports: { ws: simPort }, args: { 'drp-rate': 10 } });
    await expect(status).toContainText('open', { timeout: 15_000 });
    await expect(page.getByRole('status', { name: 'Filter notice' })).toHaveText('Re-registered 2 filters after reconnect.');
    await expect(filterItem(page, 'machines.*.*')).toContainText('confirmed');
    await expect(filterItem(page, 'profiles.save.global')).toContainText('confirmed');
    const rows = rowsOf(page);
    const key = `after-restart-${Date.now()}`;
    await postEvent(`http://127.0.0.1:${simPort}/api/v3/events`, { Type: 'machines', Action: 'create', Key: key, Object: { Name: key } });
    await showOnly(page, key);
    await expect(rows.filter({ hasText: key })).toHaveCount(1);
    await showOnly(page, '');

    // Filters are remembered per endpoint: a new session registers them again by itself.
    await clickAsPerson(page.getByRole('button', { name: 'Disconnect' }));
    await clickAsPerson(page.getByRole('button', { name: 'Connect', exact: true }));
    await expect(page.getByRole('status', { name: 'Filter notice' })).toHaveText('Registered 2 filters remembered for this endpoint.');
    await expect(filterItem(page, 'machines.*.*')).toContainText('confirmed');
  } finally {
    await sim.close();
  }
  expect(errors).toEqual([]);
});

test('a refused handshake names the cause: wrong password, or an untrusted self-signed certificate', async ({ page }) => {
  const errors = collectErrors(page);
  const plain = await startDrpSim({ ports: { ws: 0 }, args: { 'drp-rate': 0 } });
  const tls = await startDrpSim({ ports: { ws: 0 }, args: { 'drp-tls': true, 'drp-rate': 0 } });
  try {
    await openApp(page, { dialect: 'drp', endpoint: `ws://127.0.0.1:${plain.port}` });
    await page.getByLabel('Password').fill('not-the-password');
    await clickAsPerson(page.getByRole('button', { name: 'Connect', exact: true }));
    const status = page.getByRole('status', { name: 'Connection status' });
    await expect(status).toContainText('Wrong credentials');
    await expect(status).toContainText('error');
    await clickAsPerson(page.getByRole('button', { name: 'Disconnect' }));

    await page.getByLabel('Endpoint').fill(`wss://127.0.0.1:${tls.port}`);
    await clickAsPerson(page.getByRole('button', { name: 'Connect', exact: true }));
    await expect(status).toContainText('certificate');
    await expect(status.getByRole('link', { name: `Open https://127.0.0.1:${tls.port}` })).toHaveAttribute('href', `https://127.0.0.1:${tls.port}`);
    await clickAsPerson(page.getByRole('button', { name: 'Disconnect' }));

    // Plain ws:// to the TLS port: Go answers 400, which is the scheme, not the password.
    await page.getByLabel('Endpoint').fill(`ws://127.0.0.1:${tls.port}`);
    await page.getByLabel('Password').fill('r0cketsk8ts');
    await clickAsPerson(page.getByRole('button', { name: 'Connect', exact: true }));
    await expect(status).toContainText(`this port speaks TLS (a DRP server's API port is TLS-only), so use wss://127.0.0.1:${tls.port}`);
    await expect(status).toContainText('error');
    await expect(status).not.toContainText('credentials');
    await clickAsPerson(page.getByRole('button', { name: 'Disconnect' }));
  } finally {
    await Promise.all([plain.close(), tls.close()]);
  }
  expect(errors.filter((e) => !EXPECTED_PROBE_ERRORS.test(e))).toEqual([]);
});
