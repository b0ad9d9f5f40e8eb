import { readFile } from 'node:fs/promises';
import { test, expect, type Page } from '@playwright/test';
import { collectErrors, openApp, port } from './support';
import { startReduxApp, startReduxDevtoolsCli, type Peer, type ReduxApp } from './support/remotedevPeers';
import { actionRow } from './support/remotedevJourneys';
import { clickAsUser } from './support/remotedevClickable';

// The monitor tells the truth about what real apps send: circular values, reused action ids, types, restarts. Against
// the real @redux-devtools/cli 5 and real apps started here; "the app's own state" is read from the app over HTTP.
const CLI_PORT = port(8331);
const APP_PORT = port(8332);
const endpoint = (p: number) => `ws://127.0.0.1:${p}/socketcluster/`;

test.describe.configure({ mode: 'serial' });
test.setTimeout(90_000);
test.use({ viewport: { width: 1280, height: 800 } });

async function connect(page: Page) {
  await openApp(page, { dialect: 'remotedev', endpoint: endpoint(CLI_PORT) });
  await clickAsUser(page.getByRole('button', { name: 'Connect', exact: true }));
  await expect(page.getByLabel('Channel login')).toContainText('channel log');
}

const tab = (page: Page, name: string) => page.getByRole('tabpanel', { name });

test.describe('remotedev: what real apps send', () => {
  let cli: Peer;
  let app: ReduxApp;
  test.beforeAll(async () => {
    [cli, app] = await Promise.all([startReduxDevtoolsCli(CLI_PORT), startReduxApp({ serverPort: CLI_PORT, httpPort: APP_PORT, name: 'TruthApp' })]);
  });
  test.afterAll(async () => {
    await app?.stop();
    await cli?.stop();
  });

  test('a circular action and state: every tab, Copy and Export work, references shown as references', async ({ page, context }) => {
    const errors = collectErrors(page);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await connect(page);
    await expect(page.getByLabel('Instance', { exact: true })).toContainText('TruthApp — connected');
    // KEEP puts the action in the state, and the action holds itself: both are circular.
    await app.dispatch({ type: 'KEEP', note: 'loop' }, { cycle: true });
    const row = actionRow(page, 'KEEP');
    await expect(row).toHaveCount(1);
    await clickAsUser(row.getByRole('cell').first());

    for (const name of ['Tree', 'Action', 'State', 'Diff', 'Raw']) {
      await clickAsUser(page.getByRole('tab', { name, exact: true }));
      await expect(tab(page, name)).toBeVisible();
    }
    // Raw is the action as it arrived: the reference to itself is jsan's notation, not an error.
    await expect(tab(page, 'Raw')).toContainText('"self":{"$jsan":"$.action"}');
    await clickAsUser(page.getByRole('tab', { name: 'State', exact: true }));
    await expect(tab(page, 'State')).toContainText('kept');
    await expect(tab(page, 'State')).toContainText('loop');

    await clickAsUser(page.getByRole('button', { name: 'Copy', exact: true }));
    await expect(page.getByRole('status').filter({ hasText: /^Copied$/ })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('{"$jsan":"$.action"}');

    await clickAsUser(page.getByRole('button', { name: 'Export ▾' }));
    const dialog = page.getByRole('dialog', { name: 'Export events' });
    await dialog.getByRole('radio', { name: /All in the buffer/ }).check();
    const [dl] = await Promise.all([page.waitForEvent('download'), clickAsUser(dialog.getByRole('button', { name: 'Download NDJSON' }))]);
    const lines = (await readFile((await dl.path())!, 'utf8')).trim().split('\n');
    const records = lines.map((l) => JSON.parse(l) as { type?: string; raw?: string; value?: { action?: { self?: unknown } } });
    const kept = records.find((r) => r.type === 'KEEP');
    expect(kept?.raw).toContain('"self":{"$jsan":"$.action"}');
    expect(kept?.value?.action?.self).toEqual({ $jsan: '$.value.action' });
    expect(errors).toEqual([]);
  });
});
