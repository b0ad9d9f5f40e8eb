import { test, expect, type Locator, type Page } from '@playwright/test';
import { clickAsPerson, collectErrors, peerPort } from './support';
import { useCliPeers } from './support/remotedevPeers';
import { actionRow, table } from './support/remotedevJourneys';

// Working in the remotedev monitor as a Redux user does, against the real @redux-devtools/cli 5 and a real
// @redux-devtools/remote 1.0 app, at both laptop sizes; every control is clicked where a person would find it.
const peers = useCliPeers(peerPort(8341), peerPort(8342));
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1440, height: 900 },
];

test.describe.configure({ mode: 'serial' });
test.setTimeout(90_000);

/** A fresh app (so each journey starts from its own history), and the monitor connected to it. */
async function connectToNewApp(page: Page, name: string, o: { trace?: boolean } = {}) {
  const app = await peers.startApp(name, { trace: o.trace });
  await peers.connect(page, name);
  return app;
}

/** Selects a row and opens one of the inspector's tabs on it; returns the tab's panel. */
async function inspect(row: Locator, tab: string) {
  await expect(row).toHaveCount(1);
  await clickAsPerson(row.getByRole('cell').nth(1));
  await clickAsPerson(row.page().getByRole('tab', { name: tab, exact: true }));
  return row.page().getByRole('tabpanel', { name: tab });
}

/** Moves the pointer over a row, near its left end, as a person reaching for its buttons would. */
async function pointAt(row: Locator) {
  const box = (await row.boundingBox())!;
  await row.page().mouse.move(box.x + 40, box.y + box.height / 2);
}

/**
 * Turns the mouse wheel over a tab panel's edge (its padding, not a text box that would scroll itself), as a person
 * scrolls it, until `target` is drawn at its centre.
 */
async function scrollPaneTo(panel: Locator, target: Locator) {
  const page = panel.page();
  const box = (await panel.boundingBox())!;
  await page.mouse.move(box.x + 3, box.y + box.height / 2);
  await expect
    .poll(async () => {
      const inView = await target.evaluate((el) => {
        const r = el.getBoundingClientRect();
        const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
        return !!hit && (hit === el || el.contains(hit));
      });
      if (!inView) await page.mouse.wheel(0, 200);
      return inView;
    })
    .toBe(true);
}

for (const size of SIZES) {
  test(`${size.width}×${size.height}: Jump and Skip on a row's own buttons; current, future and skipped rows look so`, async ({ page }) => {
    const errors = collectErrors(page);
    await page.setViewportSize(size);
    const app = await connectToNewApp(page, `Rows${size.width}`);
    for (const by of [1, 2, 3]) await app.dispatch({ type: 'ADD', by });
    const [first, second, third] = ['{by: 1}', '{by: 2}', '{by: 3}'].map((t) => actionRow(page, t));
    await expect(third).toHaveCount(1);
    await expect(third).toHaveClass(/rd-current/);

    // The buttons of the row under the pointer are in view and on top, however wide the columns make the row.
    await pointAt(first);
    await clickAsPerson(first.getByRole('button', { name: /^Jump to action #\d+$/ }));
    await expect.poll(async () => (await app.state()).counter.count).toBe(1);
    await expect(first).toHaveClass(/rd-current/);
    await expect(first).toContainText('current');
    await expect(second).toHaveClass(/rd-future/);
    await expect(third).toHaveClass(/rd-future/);
    await expect(third.getByRole('cell').first()).toHaveCSS('opacity', '0.5');

    // Skip the second action (still in the future), then jump to the last: the app replays 1 + 3.
    await pointAt(second);
    await clickAsPerson(second.getByRole('button', { name: /^Skip action #\d+$/ }));
    await expect.poll(async () => (await app.lifted()).skippedActionIds.length).toBe(1);
    await expect(second).toHaveClass(/rd-skipped/);
    await expect(second.getByRole('cell').first()).toHaveCSS('text-decoration-line', 'line-through');
    await pointAt(third);
    await clickAsPerson(third.getByRole('button', { name: /^Jump to action #\d+$/ }));
    await expect.poll(async () => (await app.state()).counter.count).toBe(4);
    await expect(third).toHaveClass(/rd-current/);
    await expect(first).not.toHaveClass(/rd-future|rd-current/);
    await expect(second).toHaveClass(/rd-skipped/);

    // The selected row keeps its buttons when the pointer leaves the table: Unskip from there.
    await clickAsPerson(second.getByRole('cell').nth(1));
    await page.mouse.move(5, 5);
    await clickAsPerson(second.getByRole('button', { name: /^Unskip action #\d+$/ }));
    await expect.poll(async () => (await app.state()).counter.count).toBe(6);
    await expect(second).not.toHaveClass(/rd-skipped/);
    expect(errors).toEqual([]);
  });
}

for (const size of SIZES) {
  test(`${size.width}×${size.height}: Trace shows where the app dispatched an action, its own frames apart from library frames`, async ({ page, context }) => {
    const errors = collectErrors(page);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.setViewportSize(size);
    const app = await connectToNewApp(page, `Trace${size.width}`, { trace: true });
    await app.dispatch({ type: 'ADD', by: 5 });
    const panel = await inspect(actionRow(page, '{by: 5}'), 'Trace');
    const frames = panel.getByRole('list', { name: 'Stack frames' });
    // The app's own frame (its HTTP handler in remotedev-app.mjs) is shown with file:line:column; the runtime's
    // frames under it (Node's event emitter) are folded until asked for.
    const appFrame = frames.getByRole('listitem').filter({ hasText: /remotedev-app\.mjs:\d+:\d+/ });
    await expect(appFrame).toHaveCount(1);
    await expect(appFrame).not.toContainText('runtime');
    await expect(frames).not.toContainText('node:');
    await clickAsPerson(frames.getByRole('button', { name: /^\d+ runtime frames?$/ }));
    await expect(frames.getByRole('listitem').filter({ hasText: /node:(events|internal)/ }).first()).toContainText('runtime');

    await clickAsPerson(panel.getByRole('button', { name: 'Copy stack' }));
    await expect(panel.getByRole('status')).toHaveText('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^Error[\s\S]*remotedev-app\.mjs:\d+:\d+/);

    // An action the monitor had the app's action creator make is dispatched by @redux-devtools/remote itself: its
    // frames are library frames, all shown since none is the app's.
    const creators = page.getByRole('form', { name: 'Action creators' });
    await creators.getByLabel('Action creator').selectOption({ label: 'add(by)' });
    await creators.getByRole('textbox', { name: 'by', exact: true }).fill('7');
    await clickAsPerson(creators.getByRole('button', { name: 'Call' }));
    await expect(actionRow(page, '{by: 7}')).toHaveCount(1);
    await clickAsPerson(actionRow(page, '{by: 7}').getByRole('cell').nth(1));
    await expect(panel).toContainText(/0 in the app's code/);
    const remoteFrame = frames.getByRole('listitem').filter({ hasText: /node_modules[\\/]@redux-devtools[\\/]remote[\\/]/ });
    await expect(remoteFrame.first()).toBeVisible();
    await expect(remoteFrame.first()).toContainText('library');

    // @@INIT is recorded without a stack: the tab says how to get one.
    await clickAsPerson(actionRow(page, '@@INIT').getByRole('cell').nth(1));
    await expect(panel).toContainText('No stack trace came with this action');
    await expect(panel).toContainText('trace: true');
    expect(errors).toEqual([]);
  });
}

for (const size of SIZES) {
  test(`${size.width}×${size.height}: Test writes a reducer test for an action or a range, from an editable, remembered template`, async ({ page, context }) => {
    const errors = collectErrors(page);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.setViewportSize(size);
    const app = await connectToNewApp(page, `Test${size.width}`);
    await app.dispatch({ type: 'ADD', by: 1 });
    await app.dispatch({ type: 'ADD', by: 2 });
    const panel = await inspect(actionRow(page, '{by: 2}'), 'Test');
    const code = panel.getByLabel('Generated test');

    // The selected action alone, with the Vitest template: the recorded state before it, the action, the state after.
    await expect(code).toHaveValue(/^import \{ expect, test \} from 'vitest';/);
    await expect(code).toHaveValue(/state = reducers\(\{[\s\S]*count: 1[\s\S]*\}, \{ type: 'ADD', by: 2 \}\);\n\s+expect\(state\)\.toEqual\(\{[\s\S]*count: 3/);
    await clickAsPerson(panel.getByRole('button', { name: 'Copy test' }));
    await expect(panel.getByRole('status').filter({ hasText: 'Copied' })).toHaveCount(1);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain("{ type: 'ADD', by: 2 }");

    // Mocha, from the first ADD: two steps, the second one from the first one's result.
    await panel.getByLabel('Template', { exact: true }).selectOption({ label: 'Mocha (node:assert)' });
    const from = panel.getByLabel('From action');
    await from.selectOption({ label: (await from.getByRole('option', { name: /^\d+ ADD$/ }).textContent())! });
    await expect(code).toHaveValue(/describe\('reducers'[\s\S]*it\('reducers: ADD, ADD'/);
    await expect(code).toHaveValue(/by: 1 \}\);[\s\S]*assert\.deepStrictEqual[\s\S]*state = reducers\(state, \{ type: 'ADD', by: 2 \}\);/);

    // Edit the template's assertion: the test follows, and the edit is remembered after a reload.
    await clickAsPerson(panel.getByText('Edit the Mocha (node:assert) template'));
    const assertion = panel.getByLabel('Assertion, after each call');
    await scrollPaneTo(panel, assertion);
    await clickAsPerson(assertion);
    await assertion.fill('assert.deepEqual(state, ${curState});');
    await expect(code).toHaveValue(/assert\.deepEqual\(state, \{/);
    await expect(code).not.toHaveValue(/deepStrictEqual/);

    await page.reload();
    await clickAsPerson(page.getByRole('button', { name: 'Connect', exact: true }));
    await inspect(actionRow(page, '{by: 2}'), 'Test');
    await expect(panel.getByLabel('Template', { exact: true })).toHaveValue('mocha');
    await expect(panel.getByLabel('Template', { exact: true }).getByRole('option', { name: 'Mocha (node:assert) (edited)' })).toHaveCount(1);
    await expect(code).toHaveValue(/assert\.deepEqual\(state, \{/);
    await clickAsPerson(panel.getByText('Edit the Mocha (node:assert) template'));
    const restore = panel.getByRole('button', { name: 'Restore the built-in template' });
    await scrollPaneTo(panel, restore);
    await clickAsPerson(restore);
    await expect(code).toHaveValue(/assert\.deepStrictEqual\(state, \{/);
    expect(errors).toEqual([]);
  });
}

for (const size of SIZES) {
  test(`${size.width}×${size.height}: RTK Query shows the API's queries, mutations, subscriptions and tags at each action`, async ({ page }) => {
    const errors = collectErrors(page);
    await page.setViewportSize(size);
    const rtk = await peers.startRtkQueryApp(`Rtk${size.width}`);
    await peers.connect(page, `Rtk${size.width}`);
    await rtk.query('getTodos');
    await rtk.query('getTodo', 2);
    await rtk.query('getTodo', 9); // 404: rejected
    await rtk.mutate('hello'); // invalidates the list: getTodos runs again
    // Wait until the app has settled (the refetch and the subscriptions' batch), then for the monitor to have it all.
    await expect.poll(async () => {
      const s = (await rtk.state()).api;
      return s.queries['getTodos(undefined)']?.status === 'fulfilled' && (s.queries['getTodos(undefined)'].data as unknown[]).length === 3 && Object.keys(s.subscriptions).length === 3;
    }).toBe(true);
    const staged = await rtk.staged();
    await expect(page.getByLabel('Instance status')).toContainText(`${staged} in history`);

    const panel = await inspect(table(page).getByRole('row').filter({ hasText: 'current' }), 'RTK Query');
    await expect(panel.getByLabel('RTK Query summary')).toHaveText('api after this action: 3 queries, 1 mutation, 1 rejected, 3 subscriptions, 5 tags');
    const list = panel.getByRole('table', { name: 'Queries and mutations' });
    await expect(list.getByRole('row').filter({ hasText: 'getTodos(undefined)' })).toContainText(/fulfilled\s*\d+ ms\s*1/);
    const detail = (key: string) => panel.getByRole('region', { name: key });
    await expect(detail('Query getTodos(undefined)')).toContainText('Todo:LIST');
    await expect(detail('Query getTodos(undefined)')).toContainText('hello');

    await clickAsPerson(list.getByRole('button', { name: 'getTodo(9)' }));
    await expect(detail('Query getTodo(9)')).toContainText(/Status\s*rejected/);
    await expect(detail('Query getTodo(9)')).toContainText(/Arguments\s*9/);
    await expect(detail('Query getTodo(9)')).toContainText('no todo 9');
    await clickAsPerson(list.getByRole('button', { name: 'addTodo (mutation)' }));
    await expect(panel.getByRole('region', { name: /^Mutation / })).toContainText(/Endpoint\s*addTodo \(mutation\)/);
    await expect(panel.getByRole('region', { name: /^Mutation / })).toContainText('hello');

    await clickAsPerson(list.getByRole('button', { name: 'getTodo(2)' }));
    await scrollPaneTo(panel, panel.getByText('Provided tags (5)'));
    await clickAsPerson(panel.getByText('Provided tags (5)'));
    await expect(panel.getByRole('table', { name: 'Provided tags' }).getByRole('row').filter({ hasText: 'Todo:2' })).toContainText('getTodo(2), getTodos(undefined)');

    // Back in time: at the first fulfilled request only the list had been fetched, and the chosen query is not there yet.
    await clickAsPerson(actionRow(page, 'api/executeQuery/fulfilled').first().getByRole('cell').nth(1));
    await expect(panel.getByLabel('RTK Query summary')).toHaveText(/^api after this action: 1 query, 0 mutations, [01] subscriptions?, 3 tags$/);
    await expect(list.getByRole('button', { name: 'getTodos(undefined)' })).toHaveAttribute('aria-pressed', 'true');
    expect(errors).toEqual([]);
  });
}

for (const size of SIZES) {
  test(`${size.width}×${size.height}: the inspector opens on the tab last chosen; its header tells the app's time and no size for rows read from STATE`, async ({ page }) => {
    const errors = collectErrors(page);
    await page.setViewportSize(size);
    const app = await connectToNewApp(page, `Inspect${size.width}`);
    for (const by of [1, 2, 3]) await app.dispatch({ type: 'ADD', by });
    const third = actionRow(page, '{by: 3}');
    await expect(third).toHaveCount(1);
    const detail = page.getByRole('complementary', { name: 'Event detail' });
    const selectedTab = detail.getByRole('tab', { selected: true });

    // An action row opens on the action, not on the row's wrapper; plain words for where the app is.
    await clickAsPerson(third.getByRole('cell').nth(1));
    await expect(selectedTab).toHaveText('Action');
    // The header's number is the table's "#" (the action's place in the app's history).
    await expect(detail.locator('.detail-title strong')).toHaveText(`#${await third.getByRole('cell').first().textContent()}`);
    await expect(page.getByRole('tabpanel', { name: 'Action' })).toContainText(/Action \d+ · the app is at this action/);
    await expect(page.getByLabel('Current position')).toHaveText(/^At action \d+ · 4 of 4 in history$/);
    await expect(page.getByLabel('Instance status')).toContainText('4 in history');

    // State, once chosen, is what the next row opens on, and after a reload.
    await clickAsPerson(detail.getByRole('tab', { name: 'State', exact: true }));
    await clickAsPerson(actionRow(page, '{by: 1}').getByRole('cell').nth(1));
    await expect(selectedTab).toHaveText('State');
    await page.reload();
    // The rows this tab stored come back first (restored from storage, above what comes next); then connect.
    await expect(table(page).getByRole('row').filter({ hasText: /Restored from .*: events this tab stored/ })).toHaveCount(1);
    await clickAsPerson(page.getByRole('button', { name: 'Connect', exact: true }));
    // After the reload the history arrives in the app's STATE: its rows have the app's timestamps and no frame.
    await expect(actionRow(page, '@@INIT (from STATE)')).toHaveCount(2);
    const init = actionRow(page, '@@INIT (from STATE)').last();
    await clickAsPerson(init.getByRole('cell').nth(1));
    await expect(selectedTab).toHaveText('State');
    const rowTime = await init.getByRole('cell').nth(1).textContent();
    await expect(detail.getByTitle(/^The sender's timestamp \(as in the table\); received at /)).toHaveText(rowTime!);
    await expect(detail.getByTitle(/no frame of its own/)).toBeVisible();
    await expect(detail).not.toContainText('0 B');
    expect(errors).toEqual([]);
  });
}
