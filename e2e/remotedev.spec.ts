import { test, expect, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { collectErrors, openApp } from './support';
import { startReduxApp, startReduxDevtoolsCli, type Peer, type ReduxApp } from './support/remotedevPeers';

// Journeys against the real peers: @redux-devtools/cli 5 and a Redux app with @redux-devtools/remote 1.0 whose
// state the test reads over HTTP, so "the app changed" means the real store changed. Ports are private to this file.
const CLI_PORT = 28_301;
const APP_PORT = 28_302;
const endpoint = (port: number) => `ws://127.0.0.1:${port}/socketcluster/`;

test.describe.configure({ mode: 'serial' });
// Real servers and apps start in these tests, and the machine is shared (2 cores): allow for a slow start.
test.setTimeout(90_000);

const table = (page: Page) => page.getByRole('table', { name: 'Events' });
const actionRow = (page: Page, text: string) => table(page).getByRole('row').filter({ hasText: text });
/** Actions received for the selected instance (the table is virtualised, so rendered rows are not a count). */
const received = async (page: Page) => Number(/(\d+) received/.exec((await page.getByLabel('Instance status').textContent()) ?? '')?.[1] ?? NaN);

async function connect(page: Page, port: number) {
  await openApp(page, { dialect: 'remotedev', endpoint: endpoint(port) });
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByLabel('Channel login')).toContainText('channel log');
}

async function openTab(page: Page, row: string, tab: 'Action' | 'State' | 'Diff') {
  await actionRow(page, row).first().click();
  await page.getByRole('tab', { name: tab, exact: true }).click();
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
    await page.getByRole('tab', { name: 'Diff', exact: true }).click();
    const diff = page.getByRole('table', { name: 'State changes made by this action' });
    await expect(diff.getByRole('row').filter({ hasText: 'counter.count' })).toContainText(/changed\s*1\s*3/);

    // Jump to the first action from its own row (the buttons show on the row under the pointer, as in Redux
    // DevTools' action list): the app's own store goes back to count 1.
    await actionRow(page, '{by: 1}').hover();
    await actionRow(page, '{by: 1}').getByRole('button', { name: /^Jump to action #\d+$/ }).click();
    await expect.poll(async () => (await app.state()).counter.count).toBe(1);
    await expect(actionRow(page, '{by: 1}')).toContainText('current');
    await expect(actionRow(page, '{by: 1}').getByRole('button', { name: /^Jump to action/ })).toBeDisabled();

    // Back to the end, then skip the second action: the app recomputes 1 + 3.
    await openTab(page, '{by: 3}', 'Action');
    await page.getByRole('button', { name: 'Jump', exact: true }).click();
    await expect.poll(async () => (await app.state()).counter.count).toBe(6);
    await openTab(page, '{by: 2}', 'Action');
    await page.getByRole('button', { name: 'Skip', exact: true }).click();
    await expect.poll(async () => (await app.state()).counter.count).toBe(4);
    await expect(actionRow(page, '{by: 2}')).toContainText('skipped');
    await expect(page.getByRole('button', { name: 'Unskip', exact: true })).toBeVisible();

    // Dispatch from the editor: refused text is explained, valid text reaches the app and comes back as a row.
    const editor = page.getByLabel(/Dispatch action/);
    await editor.fill('{ type: foo() }');
    await page.getByRole('button', { name: 'Dispatch', exact: true }).click();
    await expect(page.getByRole('alert')).toContainText('"foo" is code, not data');
    await editor.fill("{ type: 'ADD', by: 10 }");
    await page.getByRole('button', { name: 'Dispatch', exact: true }).click();
    await expect.poll(async () => (await app.state()).counter.count).toBe(14);
    await expect(actionRow(page, '{by: 10}')).toHaveCount(1);
    expect(errors).toEqual([]);
  });

  test('export the history, reset the app, import the file: the app replays it', async ({ page }) => {
    const errors = collectErrors(page);
    await connect(page, CLI_PORT);
    await expect(page.getByLabel('Instance status')).toContainText('5 in history');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const file = await (await download).path();
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ stagedActionIds: [0, 1, 2, 3, 4], skippedActionIds: [2] });

    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await expect.poll(async () => (await app.state()).counter.count).toBe(0);
    await expect(page.getByLabel('Instance status')).toContainText('1 in history');

    await page.getByLabel('Import history file').setInputFiles(file);
    await expect.poll(async () => (await app.state()).counter.count).toBe(14);
    await expect(page.getByLabel('Instance status')).toContainText('5 in history');
    expect((await app.lifted()).skippedActionIds).toEqual([2]);
    expect(errors).toEqual([]);
  });

  // Last in this file: it kills the shared server.
  test('kill and restart the server: history stays, a gap row is shown, streaming resumes', async ({ page }) => {
    const errors = collectErrors(page);
    await connect(page, CLI_PORT);
    await app.dispatch({ type: 'ADD', by: 7 });
    await expect.poll(() => received(page)).toBeGreaterThan(0);
    const kept = await received(page);
    await cli.stop();
    await expect(page.getByRole('status', { name: 'Connection status' })).toContainText(/retrying|connecting/i);
    await expect(page.getByLabel('Instance', { exact: true })).toContainText('E2EApp — disconnected');
    await expect(actionRow(page, '{by: 7}')).toHaveCount(1);

    cli = await startReduxDevtoolsCli(CLI_PORT);
    await expect(table(page).getByRole('row').filter({ hasText: /Disconnected from .* history kept/ })).toHaveCount(1, { timeout: 15_000 });
    await expect(page.getByLabel('Instance', { exact: true })).toContainText('E2EApp — connected', { timeout: 15_000 });
    for (const by of [20, 21, 22]) await app.dispatch({ type: 'ADD', by });
    await expect.poll(() => received(page)).toBe(kept + 3);
    await expect(actionRow(page, '{by: 22}')).toHaveCount(1);
    await expect(actionRow(page, '{by: 7}')).toHaveCount(1);
    expect(errors).toEqual([]);
  });
});
