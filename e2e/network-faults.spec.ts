import { test, expect, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../scripts/chromium.mjs';
import { selfSignedCert } from '../demo/simulators/drp.mjs';
import { clickAsPerson, collectErrors, openApp } from './support';
import { startHangingServer, startUntrustedTlsServer } from './private-servers';

// Faults below the protocol: an untrusted certificate, a name that does not resolve, a handshake that never ends.
// Every server here is on loopback. `.invalid` names are answered "not found" by the browser itself (a resolver
// rule), so no DNS query leaves the machine; the name fails the way a mistyped host does.

test.use({ launchOptions: { executablePath: chromiumExecutable(), args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP *.invalid ~NOTFOUND'] } });

let tls: Awaited<ReturnType<typeof startUntrustedTlsServer>>;
test.beforeAll(async () => {
  tls = await startUntrustedTlsServer(selfSignedCert({ commonName: 'untrusted lab server' }));
});
test.afterAll(async () => {
  await tls?.close();
});

const status = (page: Page) => page.getByRole('status', { name: 'Connection status' });

async function connectTo(page: Page, query: Record<string, string>) {
  await openApp(page, query);
  await clickAsPerson(page.getByRole('button', { name: 'Connect', exact: true }));
}

test('an untrusted TLS certificate (remotedev, bartnet) says so and links where to accept it', async ({ page }) => {
  const errors = collectErrors(page);
  const origin = `https://127.0.0.1:${tls.port}`;
  await connectTo(page, { dialect: 'remotedev', endpoint: `wss://127.0.0.1:${tls.port}/socketcluster/` });
  await expect(status(page)).toContainText(`TLS certificate is not trusted (a self-signed one must be accepted once: open ${origin}/ in a tab`);
  await expect(status(page).getByRole('link', { name: `Open ${origin}` })).toHaveAttribute('href', origin);
  await expect(status(page)).toContainText(/retrying|Retrying in \d+ s/i);
  await clickAsPerson(page.getByRole('button', { name: 'Disconnect' }));

  await openApp(page, { dialect: 'bartnet', endpoint: `wss://127.0.0.1:${tls.port}/stream` });
  await page.getByLabel('Token', { exact: true }).fill('demo-token');
  await clickAsPerson(page.getByRole('button', { name: 'Connect', exact: true }));
  await expect(status(page)).toContainText(`TLS certificate is not trusted (a self-signed one must be accepted once: open ${origin}/ in a tab`);
  await expect(status(page).getByRole('link', { name: `Open ${origin}` })).toBeVisible();
  expect(errors.filter((e) => !/ERR_CERT/.test(e))).toEqual([]);
});

test('a host name that does not resolve names DNS among the causes and keeps retrying', async ({ page }) => {
  const errors = collectErrors(page);
  await connectTo(page, { endpoint: 'ws://no-such-lab.invalid:8781/json' });
  await expect(status(page)).toContainText('the host name no-such-lab.invalid does not resolve (DNS)');
  await expect(status(page)).toContainText(/Retrying in \d+ s \(attempt 2\)/);
  await expect(status(page)).not.toContainText('TLS');
  expect(errors.filter((e) => !/ERR_NAME_NOT_RESOLVED/.test(e))).toEqual([]);
});

test('a server that accepts TCP and never answers the handshake times out, says so, and is retried', async ({ page }) => {
  test.slow();
  const errors = collectErrors(page);
  const hang = await startHangingServer();
  try {
    await connectTo(page, { endpoint: `ws://127.0.0.1:${hang.port}/json` });
    await expect(status(page)).toContainText('connecting');
    await expect.poll(() => hang.connections()).toBe(1);
    await expect(status(page)).toContainText(`No answer from 127.0.0.1:${hang.port} within 10 s: nothing completed the WebSocket handshake`, { timeout: 20_000 });
    await expect(page.getByRole('table', { name: 'Events' }).getByRole('row').filter({ hasText: 'No answer from' })).toHaveCount(1);
    // The retry begins after a short backoff; while it waits, the status still says why the last attempt failed.
    await expect.poll(() => hang.connections(), { timeout: 10_000 }).toBe(2);
    await expect(status(page)).toContainText(`Connecting to ws://127.0.0.1:${hang.port}/json (attempt 2)… The last attempt: No answer from`);
    await clickAsPerson(page.getByRole('button', { name: 'Disconnect' }));
    await expect(status(page)).toContainText('Disconnected.');
    expect(errors).toEqual([]);
  } finally {
    await hang.close();
  }
});
