import { readFile } from 'node:fs/promises';
import { test, expect, type Page } from '@playwright/test';
import { clickAsPerson, collectErrors, openApp, peerPort } from './support';
import { startReduxApp, startReduxDevtoolsCli, type Peer, type ReduxApp } from './support/remotedevPeers';
import { actionRow, exportResetImport, killAndRestartServer } from './support/remotedevJourneys';

// Journeys against the real peers: @redux-devtools/cli 5 and a Redux app with @redux-devtools/remote 1.0 whose
// state the test reads over HTTP, so "the app changed" means the real store changed. Ports are private to this file.
const CLI_PORT = peerPort(8301);
const APP_PORT = peerPort(8302);
const endpoint = (p: number) => `ws://127.0.0.1:${p}/socketcluster/`;

test.describe.configure({ mode: 'serial' });
// Real servers and apps start in these tests, and the machine is shared (2 cores): allow for a slow start.
test.setTimeout(90_000);

async function connect(page: Page, p: number) {
  await openApp(page, { dialect: 'remotedev', endpoint: endpoint(p) });
  await clickAsPerson(page.getByRole('button', { name: 'Connect', exact: true }));
  await expect(page.getByLabel('Channel login')).toContainText('channel log');
}

async function openTab(page: Page, row: string, tab: 'Action' | 'State' | 'Diff') {
  await clickAsPerson(actionRow(page, row).first());
  await clickAsPerson(page.getByRole('tab', { name: tab, exact: true }));
}

test.describe('remotedev with @redux-devtools/cli 5 and @redux-devtools/remote 1.0', () => {
  let cli: Peer;
  let app: ReduxApp;
  test.beforeAll(async () => {
    // The app reconnects by itself, so both can start at once.
    [cli, app] = await Promise.all([startReduxDevtoolsCli(CLI_PORT), startReduxApp({ serverPort: CLI_PORT, httpPort: APP_PORT })]);
  });
  test.afterAll(async () => {
    await app?.stop();
    await cli?.stop();
  });

  test('actions stream; State and Diff; jump and skip change the real app; dispatch from the editor', async ({ page }) => {
    const errors = collectErrors(page);
    await connect(page, CLI_PORT);
    await expect(page.getByLabel('Instance', { exact: true })).toContainText('E2EApp — connected');
    for (const by of [1, 2, 3]) await app.dispatch({ type: 'ADD', by });
    await expect(actionRow(page, 'ADD')).toHaveCount(3);

    // State and Diff of the second action (count 1 -> 3).
    await openTab(page, '{by: 2}', 'State');
    await expect(page.getByRole('tabpanel', { name: 'State' })).toContainText('count');
    await expect(page.getByRole('tabpanel', { name: 'State' })).toContainText('3');
    await clickAsPerson(page.getByRole('tab', { name: 'Diff', exact: true }));
    const diff = page.getByRole('table', { name: 'State changes made by this action' });
    await expect(diff.getByRole('row').filter({ hasText: 'counter.count' })).toContainText(/changed\s*1\s*3/);

    // Jump to the first action from its own row (the buttons show on the row under the pointer, as in Redux
    // DevTools' action list): the app's own store goes back to count 1.
    await actionRow(page, '{by: 1}').hover();
    await clickAsPerson(actionRow(page, '{by: 1}').getByRole('button', { name: /^Jump to action #\d+$/ }));
    await expect.poll(async () => (await app.state()).counter.count).toBe(1);
    await expect(actionRow(page, '{by: 1}')).toContainText('current');
    await expect(actionRow(page, '{by: 1}').getByRole('button', { name: /^Jump to action/ })).toBeDisabled();

    // Back to the end, then skip the second action: the app recomputes 1 + 3.
    await openTab(page, '{by: 3}', 'Action');
    await clickAsPerson(page.getByRole('button', { name: 'Jump', exact: true }));
    await expect.poll(async () => (await app.state()).counter.count).toBe(6);
    await openTab(page, '{by: 2}', 'Action');
    await clickAsPerson(page.getByRole('button', { name: 'Skip', exact: true }));
    await expect.poll(async () => (await app.state()).counter.count).toBe(4);
    await expect(actionRow(page, '{by: 2}')).toContainText('skipped');
    await expect(page.getByRole('button', { name: 'Unskip', exact: true })).toBeVisible();

    // Dispatch from the editor: refused text is explained, valid text reaches the app and comes back as a row.
    const editor = page.getByLabel(/Dispatch action/);
    await editor.fill('{ type: foo() }');
    await clickAsPerson(page.getByRole('button', { name: 'Dispatch', exact: true }));
    await expect(page.getByRole('alert')).toContainText('"foo" is code, not data');
    await editor.fill("{ type: 'ADD', by: 10 }");
    await clickAsPerson(page.getByRole('button', { name: 'Dispatch', exact: true }));
    await expect.poll(async () => (await app.state()).counter.count).toBe(14);
    await expect(actionRow(page, '{by: 10}')).toHaveCount(1);
    expect(errors).toEqual([]);
  });

  test('export the history, reset the app, import the file: the app replays it', async ({ page }) => {
    const errors = collectErrors(page);
    await connect(page, CLI_PORT);
    await exportResetImport(page, app);
    expect(errors).toEqual([]);
  });

  test('a large state (kept in the socket worker until it is opened) shows in State, Diff and the export', async ({ page }) => {
    const errors = collectErrors(page);
    await connect(page, CLI_PORT);
    // The app's STATE first: ACTIONs that come before it are followed by a STATE that replaces them (not held).
    await expect(actionRow(page, '(from STATE)').first()).toBeVisible();
    const padding = 'x'.repeat(6000);
    await app.burst(2, padding.length);
    await expect(actionRow(page, '{by: 1, i: 1}')).toHaveCount(1);
    await openTab(page, '{by: 1, i: 1}', 'State');
    const state = page.getByRole('tabpanel', { name: 'State' });
    await expect(state).toContainText('pad');
    await expect(state).toContainText('x'.repeat(100));
    await clickAsPerson(page.getByRole('tab', { name: 'Diff', exact: true }));
    const diff = page.getByRole('table', { name: 'State changes made by this action' });
    await expect(diff.getByRole('row').filter({ hasText: 'counter.count' })).toHaveCount(1);

    const download = page.waitForEvent('download');
    await clickAsPerson(page.getByRole('button', { name: 'Export', exact: true }));
    const exported = await readFile(await (await download).path(), 'utf8');
    // Every state of the history is in the file, fetched from the worker: the padding appears once per action since PAD.
    expect(exported.split(padding).length - 1).toBe(3);
    expect(errors).toEqual([]);
  });

  // Last in this file: it kills the shared server.
  test('kill and restart the server: history stays, a gap row is shown, streaming resumes', async ({ page }) => {
    const errors = collectErrors(page);
    await connect(page, CLI_PORT);
    cli = await killAndRestartServer(page, { app, name: 'E2EApp', server: cli, restart: () => startReduxDevtoolsCli(CLI_PORT) });
    expect(errors).toEqual([]);
  });
});
