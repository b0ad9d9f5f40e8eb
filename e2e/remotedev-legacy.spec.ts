import { test, expect, type Page } from '@playwright/test';
import { clickAsPerson, collectErrors, openApp, peerPort } from './support';
import { legacyPeersReady, startLegacyServer, startReduxApp, type Peer, type ReduxApp } from './support/remotedevPeers';
import { actionRow, exportResetImport, killAndRestartServer } from './support/remotedevJourneys';

// The same journeys against the protocol-1 peers: remotedev-server 0.3.1 (SocketCluster 14) and a Redux app with
// remote-redux-devtools 0.5. They are not project dependencies (sqlite3 4 and SocketCluster 14 need a native build);
// `node scripts/prepare-remotedev-peers.mjs --legacy` installs them into node_modules/.cache.
// Shifted by PW_PORT_OFFSET like the demo ports (28311 by default), so two suites in one checkout never share them.
const PORT = peerPort(8311);
const APP_PORT = peerPort(8312);
const endpoint = `ws://127.0.0.1:${PORT}/socketcluster/`;

test.skip(!legacyPeersReady(), 'protocol-1 peers not installed: run node scripts/prepare-test-peers.mjs (npm test does)');
test.describe.configure({ mode: 'serial' });
test.setTimeout(90_000);

/**
 * Connects with protocol 1 chosen in the settings: the first journey proves auto-detection (which waits for the old
 * server's first "#1" ping, 8 s); the later ones need not wait for it again.
 */
async function connectForced(page: Page) {
  await openApp(page, { dialect: 'remotedev', endpoint });
  await page.getByLabel('SocketCluster protocol').selectOption('1');
  await clickAsPerson(page.getByRole('button', { name: 'Connect', exact: true }));
  await expect(page.getByLabel('Channel login')).toContainText('Protocol 1 (forced)');
  await expect(page.getByLabel('Channel login')).toContainText('channel log');
}

test.describe('remotedev with remotedev-server 0.3 and remote-redux-devtools 0.5 (protocol 1)', () => {
  let server: Peer;
  let app: ReduxApp;
  test.beforeAll(async () => {
    [server, app] = await Promise.all([startLegacyServer(PORT), startReduxApp({ serverPort: PORT, httpPort: APP_PORT, name: 'OldApp', legacy: true })]);
  });
  test.afterAll(async () => {
    await app?.stop();
    await server?.stop();
  });

  test('detects protocol 1 by itself; actions stream; State and Diff; jump, skip and dispatch reach the app', async ({ page }) => {
    const errors = collectErrors(page);
    await openApp(page, { dialect: 'remotedev', endpoint });
    await clickAsPerson(page.getByRole('button', { name: 'Connect', exact: true }));
    // SocketCluster 14 pings ("#1") every 8 s; the monitor then reconnects speaking protocol 1.
    await expect(page.getByLabel('Channel login')).toContainText('Protocol 1 (detected)', { timeout: 15_000 });
    await expect(page.getByLabel('Channel login')).toContainText('Found an old server');
    await expect(page.getByLabel('Instance', { exact: true })).toContainText('OldApp — connected');

    for (const by of [1, 2, 3]) await app.dispatch({ type: 'ADD', by });
    await expect(actionRow(page, 'ADD')).toHaveCount(3);
    await clickAsPerson(actionRow(page, '{by: 2}'));
    await clickAsPerson(page.getByRole('tab', { name: 'State', exact: true }));
    await expect(page.getByRole('tabpanel', { name: 'State' })).toContainText('3');
    // Diff of the second action: the state before (count 1) against the state after (count 3).
    await clickAsPerson(page.getByRole('tab', { name: 'Diff', exact: true }));
    const diff = page.getByRole('table', { name: 'State changes made by this action' });
    await expect(diff.getByRole('row').filter({ hasText: 'counter.count' })).toContainText(/changed\s*1\s*3/);
    await expect(diff.getByRole('row').filter({ hasText: 'counter.history[1]' })).toContainText(/added\s*2/);

    await clickAsPerson(actionRow(page, '{by: 1}'));
    await clickAsPerson(page.getByRole('tab', { name: 'Action', exact: true }));
    await clickAsPerson(page.getByRole('button', { name: 'Jump', exact: true }));
    await expect.poll(async () => (await app.state()).counter.count).toBe(1);
    await clickAsPerson(actionRow(page, '{by: 3}'));
    await clickAsPerson(page.getByRole('button', { name: 'Jump', exact: true }));
    await expect.poll(async () => (await app.state()).counter.count).toBe(6);
    await clickAsPerson(actionRow(page, '{by: 2}'));
    await clickAsPerson(page.getByRole('button', { name: 'Skip', exact: true }));
    await expect.poll(async () => (await app.state()).counter.count).toBe(4);

    await page.getByLabel(/Dispatch action/).fill("{ type: 'ADD', by: 10 }");
    await clickAsPerson(page.getByRole('button', { name: 'Dispatch', exact: true }));
    await expect.poll(async () => (await app.state()).counter.count).toBe(14);
    await expect(actionRow(page, '{by: 10}')).toHaveCount(1);
    expect(errors).toEqual([]);
  });

  test('export the history, reset the app, import the file: the app replays it', async ({ page }) => {
    const errors = collectErrors(page);
    await connectForced(page);
    await exportResetImport(page, app);
    expect(errors).toEqual([]);
  });

  // Last in this file: it kills the shared server. remote-redux-devtools 0.5 sends no instanceId and comes back with a
  // new socket id: the monitor must continue the same instance, not list a second "OldApp" beside a disconnected one.
  test('kill and restart the server: history stays, a gap row is shown, streaming resumes', async ({ page }) => {
    const errors = collectErrors(page);
    await connectForced(page);
    server = await killAndRestartServer(page, { app, name: 'OldApp', server, restart: () => startLegacyServer(PORT) });
    expect(errors).toEqual([]);
  });
});
