import { test, expect, type Locator, type Page } from '@playwright/test';
import { clickAsPerson, collectErrors, JSON_WS, openApp, peerPort } from './support';
import { useCliPeers } from './support/remotedevPeers';
import { actionRow, table } from './support/remotedevJourneys';
import { axeViolations } from './support/axe';

// The monitor layout a Redux user works in, against the real @redux-devtools/cli 5 and two real
// @redux-devtools/remote 1.0 apps, with a json connection streaming beside them: the table lists the selected
// instance's actions alone (the merged timeline one click away), the panel keeps its height while commands answer,
// and the columns that matter fit beside the inspector. Every control is clicked where a person would find it.
const peers = useCliPeers(peerPort(8361), peerPort(8362));
const { endpoint, startApp } = peers;
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1440, height: 900 },
];
// Outside the output folder, which Playwright empties at each run.
const SHOTS = `${process.env.PW_OUTPUT_DIR ?? 'test-results'}-shots`;

test.describe.configure({ mode: 'serial' });
test.setTimeout(120_000);

const instance = (page: Page) => page.getByLabel('Instance', { exact: true });
const jsonRows = (page: Page) => table(page).getByRole('row').filter({ hasText: /resource_uri|container|service/ });
const headerY = async (page: Page) => (await table(page).getByRole('columnheader').first().boundingBox())!.y;

/** Picks an instance the way a person does: the selector is in view, then the option by its label. */
async function pick(page: Page, name: string) {
  await clickAsPerson(instance(page));
  await page.keyboard.press('Escape');
  const option = instance(page).getByRole('option', { name: new RegExp(`^${name} — `) });
  await instance(page).selectOption({ label: (await option.textContent())! });
}

/**
 * A json connection beside the remotedev one, streamed from a while and disconnected (its rows stay), so the rows
 * that come next are the last of the merged timeline; the remotedev tab active again.
 */
async function addJsonConnection(page: Page) {
  await clickAsPerson(page.getByRole('button', { name: 'Add connection' }));
  const endpointBox = page.getByRole('textbox', { name: 'Endpoint' });
  await clickAsPerson(endpointBox);
  await endpointBox.fill(JSON_WS);
  await clickAsPerson(page.getByRole('button', { name: 'Connect', exact: true }));
  await expect(jsonRows(page).nth(3)).toBeVisible();
  await clickAsPerson(page.getByRole('button', { name: 'Disconnect', exact: true }));
  await clickAsPerson(page.getByRole('tab', { name: /^remotedev/ }));
}

async function expectHeaderIn(page: Page, name: string) {
  const header = table(page).getByRole('columnheader', { name, exact: true });
  await expect(header).toHaveCount(1);
  // In view and on top at its centre (not scrolled to, not under the inspector).
  const where = await header.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    return r.x + r.width / 2 < window.innerWidth && !!hit && (hit === el || el.contains(hit)) ? 'in view' : `at ${Math.round(r.x)}..${Math.round(r.right)}`;
  });
  expect(where, `${name} column`).toBe('in view');
}

async function screenshots(page: Page, name: string) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `${SHOTS}/${name}-${scheme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

for (const size of SIZES) {
  test(`${size.width}×${size.height}: the table lists the selected instance's actions alone; Merged timeline brings every connection back`, async ({ page }) => {
    const errors = collectErrors(page);
    await page.setViewportSize(size);
    const [ours, other] = await Promise.all([startApp(`Ours${size.width}`), startApp(`Other${size.width}`)]);
    await openApp(page, { dialect: 'remotedev', endpoint });
    await clickAsPerson(page.getByRole('button', { name: 'Connect', exact: true }));
    await expect(instance(page)).toContainText(`Other${size.width} — connected`);
    await expect(instance(page)).toContainText(`Ours${size.width} — connected`);
    await addJsonConnection(page);
    await pick(page, `Ours${size.width}`);
    await ours.dispatch({ type: 'ADD', by: 1 });
    await other.dispatch({ type: 'ADD', by: 100 });
    await ours.dispatch({ type: 'ADD', by: 2 });

    // The monitor layout: our instance's actions, nothing of the other app or of the json stream, no Conn column.
    await expect(actionRow(page, '{by: 2}')).toHaveCount(1);
    await expect(actionRow(page, '{by: 1}')).toHaveCount(1);
    await expect(actionRow(page, '{by: 100}')).toHaveCount(0);
    await expect(jsonRows(page)).toHaveCount(0);
    await expect(table(page).getByRole('columnheader', { name: 'Conn', exact: true })).toHaveCount(0);
    await expect(table(page).getByRole('columnheader', { name: 'App', exact: true })).toHaveCount(0);
    const onlyThis = page.getByRole('checkbox', { name: 'This connection only', exact: true });
    await expect(onlyThis).toBeChecked();
    await expect(onlyThis).toBeDisabled();
    await expect(onlyThis).toHaveAccessibleDescription(/Merged timeline/);
    await screenshots(page, `monitor-${size.width}`);

    // One click: every connection's rows and every instance's actions, with the column that tells them apart.
    const merged = page.getByRole('checkbox', { name: 'Merged timeline', exact: true });
    await clickAsPerson(merged);
    await expect(actionRow(page, '{by: 100}')).toHaveCount(1);
    await expect(jsonRows(page).first()).toBeVisible();
    await expect(table(page).getByRole('columnheader', { name: 'Conn', exact: true })).toHaveCount(1);
    // Each action says which app instance it came from, without a column to turn on, in view beside the inspector.
    await expectHeaderIn(page, 'App');
    const headerIndex = await table(page).getByRole('columnheader').evaluateAll((hs) => hs.findIndex((h) => h.textContent?.trim() === 'App'));
    const instanceCell = (row: Locator) => row.getByRole('cell').nth(headerIndex);
    await expect(instanceCell(actionRow(page, '{by: 100}'))).toHaveText(`Other${size.width}`);
    await expect(instanceCell(actionRow(page, '{by: 2}'))).toHaveText(`Ours${size.width}`);
    for (const name of ['Type', 'Summary']) await expectHeaderIn(page, name);
    await expect(onlyThis).toBeEnabled();
    await screenshots(page, `merged-${size.width}`);
    // And back: remembered as the user's choice, until unticked.
    await clickAsPerson(merged);
    await expect(actionRow(page, '{by: 100}')).toHaveCount(0);
    await expect(jsonRows(page)).toHaveCount(0);
    await expect(actionRow(page, '{by: 2}')).toHaveCount(1);

    // Another instance picked: its actions alone.
    await pick(page, `Other${size.width}`);
    await expect(actionRow(page, '{by: 100}')).toHaveCount(1);
    await expect(actionRow(page, '{by: 2}')).toHaveCount(0);
    expect(errors).toEqual([]);
  });
}

for (const size of SIZES) {
  test(`${size.width}×${size.height}: commands answer in the status line without moving the table; Sweep, Revert and Commit say why they would do nothing`, async ({ page }) => {
    const errors = collectErrors(page);
    await page.setViewportSize(size);
    const app = await startApp(`Layout${size.width}`);
    await peers.connect(page, `Layout${size.width}`);
    // The connection's details are one line in the panel's top row; the whole account opens on demand.
    const details = page.getByRole('group', { name: 'Channel login' });
    await expect(details.getByRole('button')).toHaveText(/^Protocol 2 \((auto|detected)\) · channel log$/);
    await clickAsPerson(details.getByRole('button'));
    await expect(page.getByRole('region', { name: 'Connection details' })).toContainText('Login "monitor" → channel log');
    await expect(page.getByRole('region', { name: 'Connection details' })).toContainText('log (subscribed)');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('region', { name: 'Connection details' })).toBeHidden();

    const sweep = page.getByRole('button', { name: 'Sweep', exact: true });
    const revert = page.getByRole('button', { name: 'Revert', exact: true });
    const commit = page.getByRole('button', { name: 'Commit', exact: true });
    await expect(sweep).toBeDisabled();
    await expect(sweep).toHaveAccessibleDescription(/^Nothing to sweep: no action is skipped/);
    await expect(commit).toBeDisabled();
    await expect(commit).toHaveAccessibleDescription(/^Nothing to commit: nothing happened since the last commit/);
    await expect(revert).toBeDisabled();
    await expect(revert).toHaveAccessibleDescription(/^Nothing to revert/);

    for (const by of [1, 2, 3]) await app.dispatch({ type: 'ADD', by });
    await expect(actionRow(page, '{by: 3}')).toHaveCount(1);
    await expect(commit).toBeEnabled();
    await expect(revert).toBeEnabled();
    await expect(sweep).toBeDisabled();
    const y = await headerY(page);

    // A command's result: plain words, and the table header stays where it was.
    const row = actionRow(page, '{by: 1}');
    const box = (await row.boundingBox())!;
    await page.mouse.move(box.x + 40, box.y + box.height / 2);
    const jump = row.getByRole('button', { name: /^Jump to action #\d+$/ });
    const id = Number(/#(\d+)/.exec((await jump.getAttribute('aria-label'))!)![1]);
    await clickAsPerson(jump);
    await expect(page.getByRole('status', { name: 'Last command' })).toHaveText(`Jumped to action ${id}`);
    expect(await headerY(page)).toBe(y);

    // Skip one: Sweep now has something to do.
    const second = actionRow(page, '{by: 2}');
    const box2 = (await second.boundingBox())!;
    await page.mouse.move(box2.x + 40, box2.y + box2.height / 2);
    await clickAsPerson(second.getByRole('button', { name: /^Skip action #\d+$/ }));
    await expect(page.getByRole('status', { name: 'Last command' })).toHaveText(/^Skipped action \d+$/);
    await expect(sweep).toBeEnabled();
    expect(await headerY(page)).toBe(y);

    // A refused dispatch: its reason in the same line, and still the table does not move.
    const editor = page.getByLabel(/Dispatch action/);
    await clickAsPerson(editor);
    await editor.fill('{ type: foo }');
    await clickAsPerson(page.getByRole('button', { name: 'Dispatch', exact: true }));
    await expect(page.getByRole('alert')).toContainText('"foo" is code, not data');
    await expect(editor).toHaveAccessibleDescription(/"foo" is code, not data/);
    expect(await headerY(page)).toBe(y);
    await screenshots(page, `status-${size.width}`);

    // Commit: then there is nothing left to commit or revert, and the buttons say so.
    await clickAsPerson(commit);
    await expect(page.getByRole('status', { name: 'Last command' })).toHaveText('Committed: the current state is the new starting point');
    // The rows from before are dimmed, and why is said once, in a row of its own where it happened.
    await expect(actionRow(page, '{by: 3}')).toHaveClass(/rd-gone/);
    await expect(actionRow(page, '{by: 3}')).not.toContainText('committed');
    await expect(table(page).getByRole('row').filter({ hasText: /Committed: Layout\d+ folded its 3 actions into its base state/ })).toHaveCount(1);
    await screenshots(page, `commit-${size.width}`);
    await expect(commit).toBeDisabled();
    await expect(commit).toHaveAccessibleDescription(/^Nothing to commit/);
    await expect(revert).toBeDisabled();
    expect(await headerY(page)).toBe(y);

    // The controls fold away (remembered after a reload), leaving the top line and the status line.
    const fold = page.getByRole('button', { name: 'Monitor controls' });
    await expect(fold).toHaveAttribute('aria-expanded', 'true');
    await clickAsPerson(fold);
    await expect(commit).toBeHidden();
    const foldedY = await headerY(page);
    expect(foldedY).toBeLessThan(y);
    await page.reload();
    await clickAsPerson(page.getByRole('button', { name: 'Connect', exact: true }));
    await expect(instance(page)).toContainText(`Layout${size.width} — connected`);
    await expect(page.getByRole('button', { name: 'Monitor controls' })).toHaveAttribute('aria-expanded', 'false');
    await expect(commit).toBeHidden();
    await clickAsPerson(page.getByRole('button', { name: 'Monitor controls' }));
    await expect(commit).toBeVisible();
    expect(errors).toEqual([]);
  });
}

for (const size of [...SIZES, { width: 1024, height: 768 }]) {
  test(`${size.width}×${size.height}: one "#" column, and the action's columns in view beside the inspector`, async ({ page }) => {
    const errors = collectErrors(page);
    await page.setViewportSize(size);
    const app = await startApp(`Cols${size.width}`);
    await app.dispatch({ type: 'ADD', by: 1 });
    await openApp(page, { dialect: 'remotedev', endpoint });
    await clickAsPerson(page.getByRole('button', { name: 'Connect', exact: true }));
    // The app's history from before the monitor came arrives in its STATE: rows without a frame of their own.
    const first = actionRow(page, '{by: 1}');
    await expect(first).toHaveCount(1);
    await clickAsPerson(first.getByRole('cell').nth(1));
    await expect(table(page).getByRole('columnheader', { name: '#', exact: true })).toHaveCount(1);
    await expect(table(page).getByRole('columnheader', { name: 'Action id', exact: true })).toHaveCount(1);
    for (const name of ['Δ ms', 'State', 'Summary']) await expectHeaderIn(page, name);
    if (size.width >= 1280) await expectHeaderIn(page, 'Size');
    const sizeCell = first.getByRole('cell').nth(await table(page).getByRole('columnheader').evaluateAll((hs) => hs.findIndex((h) => h.getAttribute('aria-label') === 'Size')));
    await expect(sizeCell).toHaveText('—');
    await expect(sizeCell).toHaveAttribute('title', /no frame of its own/i);
    await expect(table(page)).not.toContainText('0 B');

    // On a remotedev connection the send box says what it sends.
    await expect(page.getByRole('textbox', { name: 'Message to send' })).toHaveAttribute('placeholder', /respond.*every connected app/);
    await screenshots(page, `columns-${size.width}`);
    expect(errors).toEqual([]);
  });
}

test('the monitor layout passes axe-core, light and dark, with the connection details open', async ({ page }) => {
  const app = await startApp('AxeLayout');
  await peers.connect(page, 'AxeLayout');
  await app.dispatch({ type: 'ADD', by: 1 });
  await expect(actionRow(page, '{by: 1}')).toHaveCount(1);
  await clickAsPerson(page.getByRole('group', { name: 'Channel login' }).getByRole('button'));
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await axeViolations(page)).toEqual([]);
  }
});

export type { Locator };
