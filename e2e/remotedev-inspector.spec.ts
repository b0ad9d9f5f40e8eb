import { test, expect, type Locator, type Page } from '@playwright/test';
import { clickAsPerson, collectErrors, peerPort } from './support';
import { useCliPeers } from './support/remotedevPeers';
import { actionRow, drawnActionRows } from './support/remotedevJourneys';
import { axeViolations } from './support/axe';

// The inspector's State and Diff tabs and reordering actions, as a Redux user works with them, against the real
// @redux-devtools/cli 5 and a real @redux-devtools/remote 1.0 app whose own state each journey checks, at both laptop
// sizes; every control is clicked where a person would find it (clickAsPerson).
const peers = useCliPeers(peerPort(8371), peerPort(8372));
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1440, height: 900 },
];
const shots = process.env.PW_OUTPUT_DIR ?? 'test-results';

/** axe-core finds nothing on the page in light and dark, and a screenshot of each is kept to look at. */
async function accessibleAndShot(page: Page, name: string) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `${shots}/${name}-${scheme}.png` });
    expect(await axeViolations(page), `${name}, ${scheme}`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test.describe.configure({ mode: 'serial' });
// axe-core walks the whole page twice where a journey checks it: on a busy two-core machine that alone takes a minute.
test.setTimeout(180_000);

async function newApp(page: Page, name: string) {
  const app = await peers.startApp(name);
  await peers.connect(page, name);
  return app;
}

/** Selects a row as a person does (a click on its type cell); `shift` extends the selection to a range. */
const pick = (row: Locator, shift = false) => clickAsPerson(row.getByRole('cell').nth(1), shift ? { modifiers: ['Shift'] } : {});
const openTab = async (page: Page, tab: string) => {
  await clickAsPerson(page.getByRole('tab', { name: tab, exact: true }));
  return page.getByRole('tabpanel', { name: tab });
};
/** The tree's rows drawn now, top to bottom, as their paths. */
const drawnPaths = (tree: Locator) =>
  tree.evaluate((t) =>
    [...t.querySelectorAll('[role=treeitem]')]
      .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
      .map((r) => (r.getAttribute('aria-label') ?? '').split(': ')[0]),
  );

for (const size of SIZES) {
  test(`${size.width}×${size.height}: State: search with counts and next/previous, a pin that holds across actions and a reload, copy a subtree, keys A→Z`, async ({ page, context }) => {
    const errors = collectErrors(page);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.setViewportSize(size);
    const name = `State${size.width}`;
    const app = await newApp(page, name);
    await app.dispatch({ type: 'TODO_ADD', text: 'buy milk' });
    await app.dispatch({ type: 'ADD', by: 4 });
    await app.dispatch({ type: 'TODO_ADD', text: 'oat milk' });
    await app.dispatch({ type: 'TODO_ADD', text: 'walk the dog' });
    const last = actionRow(page, '{text: "walk the dog"}');
    await pick(last);
    const panel = await openTab(page, 'State');
    const tree = panel.getByRole('tree', { name: 'State' });
    await expect(tree.getByRole('treeitem', { name: /^todos: / })).toBeVisible();

    // Search: the count, next and previous (buttons, Enter and Shift+Enter), the current match drawn and marked.
    const search = panel.getByRole('searchbox', { name: 'Search keys and values' });
    await clickAsPerson(search);
    await search.fill('milk');
    const count = panel.getByRole('status', { name: 'Matches' });
    await expect(count).toHaveText('1 of 2');
    const current = tree.locator('.st-current');
    await expect(current).toHaveAttribute('aria-label', 'todos[0].text: "buy milk"');
    await expect(current.locator('mark')).toHaveText('milk');
    await clickAsPerson(panel.getByRole('button', { name: 'Next match' }));
    await expect(count).toHaveText('2 of 2');
    await expect(current).toHaveAttribute('aria-label', 'todos[1].text: "oat milk"');
    // Matches marked in the tree, which passes axe-core with them (first size only: axe takes long on a busy machine).
    if (size.width === 1280) await accessibleAndShot(page, 'state-search');
    await search.press('Enter');
    await expect(count).toHaveText('1 of 2');
    await search.press('Shift+Enter');
    await expect(count).toHaveText('2 of 2');
    await clickAsPerson(panel.getByRole('button', { name: 'Previous match' }));
    await expect(count).toHaveText('1 of 2');
    // Keys match too: "count" is a key of counter.
    await search.fill('count');
    await expect(count).toHaveText('1 of 2');
    await expect(current).toHaveAttribute('aria-label', /^counter: /);
    await search.fill('no such thing');
    await expect(count).toHaveText('No matches');
    await search.fill('');

    // Copy a subtree from its node's menu (right-click), and the whole state from the toolbar.
    await clickAsPerson(tree.getByRole('treeitem', { name: /^todos\[1\]: / }).locator('.j-key'), { button: 'right' });
    const menu = page.getByRole('menu', { name: 'Actions for todos[1]' });
    await clickAsPerson(menu.getByRole('menuitem', { name: 'Copy value' }));
    await expect(panel.getByRole('status').filter({ hasText: 'Copied todos[1]' })).toHaveCount(1);
    expect(JSON.parse(await page.evaluate(() => navigator.clipboard.readText()))).toEqual({ id: 2, text: 'oat milk', done: false });
    await clickAsPerson(panel.getByRole('button', { name: 'Copy state' }));
    expect(JSON.parse(await page.evaluate(() => navigator.clipboard.readText()))).toMatchObject((await app.state()) as Record<string, unknown>);

    // Keys in the app's order, then A→Z (arrays keep their order).
    expect((await drawnPaths(tree)).slice(0, 3)).toEqual(['state', 'counter', 'counter.count']);
    const rootKeys = async () => (await drawnPaths(tree)).filter((p) => /^[a-z]+$/.test(p) && p !== 'state');
    expect(await rootKeys()).toEqual(['counter', 'todos', 'pad', 'kept', 'typed', 'deep', 'labelled']);
    const sort = panel.getByRole('button', { name: 'Sort keys A→Z' });
    await clickAsPerson(sort);
    await expect(sort).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(rootKeys).toEqual(['counter', 'deep', 'kept', 'labelled', 'pad', 'todos', 'typed']);
    await clickAsPerson(sort);
    await expect.poll(rootKeys).toEqual(['counter', 'todos', 'pad', 'kept', 'typed', 'deep', 'labelled']);

    // Pin todos[0] from its menu, then go up a level with its crumb: the tree shows todos only.
    await clickAsPerson(tree.getByRole('treeitem', { name: /^todos\[0\]: / }).getByRole('button', { name: 'Actions for todos[0]' }));
    await clickAsPerson(page.getByRole('menu', { name: 'Actions for todos[0]' }).getByRole('menuitem', { name: 'Pin this subtree' }));
    const crumbs = panel.getByRole('navigation', { name: 'Pinned subtree' });
    await expect(crumbs.getByRole('listitem')).toHaveText(['state', 'todos', '[0]']);
    await expect(panel.getByRole('tree', { name: 'State at todos[0]' }).getByRole('treeitem', { name: 'todos[0].text: "buy milk"' })).toBeVisible();
    await clickAsPerson(crumbs.getByRole('button', { name: 'todos' }));
    await expect(crumbs.getByRole('listitem')).toHaveText(['state', 'todos']);
    const pinned = panel.getByRole('tree', { name: 'State at todos' });
    await expect(pinned.getByRole('treeitem', { name: /^todos\[2\]: / })).toBeVisible();
    await expect(pinned.getByRole('treeitem', { name: /^counter/ })).toHaveCount(0);

    // Another action keeps the pin: the state after the first TODO_ADD has one todo.
    await pick(actionRow(page, '{text: "buy milk"}'));
    await expect(pinned.getByRole('treeitem', { name: /^todos\[0\]: / })).toBeVisible();
    await expect(pinned.getByRole('treeitem', { name: /^todos\[1\]: / })).toHaveCount(0);
    if (size.width === 1440) await accessibleAndShot(page, 'state-pinned');

    // A new page load keeps it too (remembered for this app's name), on the tab last chosen. (History off for it, so
    // the rows the last page stored do not come back beside the app's own.)
    await peers.connect(page, name, { history: '0' });
    await expect(actionRow(page, '{text: "walk the dog"}')).toHaveCount(1);
    await pick(actionRow(page, '{text: "walk the dog"}'));
    await expect(page.getByRole('tab', { name: 'State', exact: true })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('navigation', { name: 'Pinned subtree' }).getByRole('listitem')).toHaveText(['state', 'todos']);
    await expect(page.getByRole('tree', { name: 'State at todos' }).getByRole('treeitem', { name: /^todos\[2\]: / })).toBeVisible();
    // The first crumb unpins.
    await clickAsPerson(page.getByRole('navigation', { name: 'Pinned subtree' }).getByRole('button', { name: 'state' }));
    await expect(page.getByRole('navigation', { name: 'Pinned subtree' })).toHaveCount(0);
    await expect(page.getByRole('tree', { name: 'State' }).getByRole('treeitem', { name: /^counter: / })).toBeVisible();

    // The JSON view: the same state as text.
    await clickAsPerson(page.getByRole('button', { name: 'JSON', exact: true }));
    await expect(page.getByLabel('State as JSON')).toContainText('"text": "walk the dog"');
    await clickAsPerson(page.getByRole('button', { name: 'Tree', exact: true }));
    expect(errors).toEqual([]);
  });
}

for (const size of SIZES) {
  test(`${size.width}×${size.height}: Diff across a shift-click range: the state before its first action against after its last`, async ({ page }) => {
    const errors = collectErrors(page);
    await page.setViewportSize(size);
    const app = await newApp(page, `Range${size.width}`);
    for (const by of [1, 2, 3]) await app.dispatch({ type: 'ADD', by });
    await app.dispatch({ type: 'TODO_ADD', text: 'after the range' });
    await pick(actionRow(page, '{by: 1}'));
    const panel = await openTab(page, 'Diff');
    await expect(panel.getByRole('table', { name: 'State changes made by this action' })).toContainText('counter.count');

    await pick(actionRow(page, '{by: 3}'), true);
    await expect(actionRow(page, '{by: 2}')).toHaveClass(/in-range/);
    await expect(page.getByLabel('Selected range')).toContainText(/Diff range: actions #1 – #3/);
    await expect(panel.locator('.rd-range-head')).toContainText(/^Changes across actions #1 – #3 · 3 actions · from the state before #1 to the state after #3$/);
    const changes = panel.getByRole('table', { name: 'State changes made by actions #1 – #3' });
    const countRow = changes.getByRole('row').filter({ has: page.getByRole('cell', { name: 'counter.count', exact: true }) });
    await expect(countRow.getByRole('cell')).toHaveText(['counter.count', 'changed', '0', '6']);
    // The todo came after the range: it is not in the diff.
    await expect(changes).not.toContainText('todos');
    expect((await app.state()).counter.count).toBe(6);
    if (size.width === 1280) await accessibleAndShot(page, 'range-diff');

    // Back to one action: the range's ✕, then the tab shows that action's own change again.
    await clickAsPerson(page.getByRole('button', { name: 'Clear the range' }));
    await expect(page.getByLabel('Selected range')).toHaveCount(0);
    await expect(panel.getByRole('table', { name: 'State changes made by this action' }).getByRole('row').filter({ hasText: 'counter.count' }).getByRole('cell')).toHaveText(['counter.count', 'changed', '3', '6']);
    expect(errors).toEqual([]);
  });
}

for (const size of SIZES) {
  test(`${size.width}×${size.height}: Reorder actions by dragging a row or from the keyboard: the app replays them in the new order`, async ({ page }) => {
    const errors = collectErrors(page);
    await page.setViewportSize(size);
    const app = await newApp(page, `Reorder${size.width}`);
    for (const by of [1, 2, 3]) await app.dispatch({ type: 'ADD', by });
    const [one, two, three] = ['{by: 1}', '{by: 2}', '{by: 3}'].map((t) => actionRow(page, t));
    await expect(three).toHaveCount(1);
    expect((await app.state()).counter.history).toEqual([1, 2, 3]);

    // Drag ADD 3 by its handle onto the upper half of ADD 2: the app now runs 1, 3, 2.
    const box = (await three.boundingBox())!;
    await page.mouse.move(box.x + 40, box.y + box.height / 2);
    const handle = three.getByRole('button', { name: /^Reorder action #\d+$/ });
    await expect(handle).toBeVisible();
    const h = (await handle.boundingBox())!;
    await page.mouse.move(h.x + h.width / 2, h.y + h.height / 2);
    await expect.poll(() => handle.evaluate((el) => { const r = el.getBoundingClientRect(); const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2); return !!hit && el.contains(hit); })).toBe(true);
    const target = (await two.boundingBox())!;
    await page.mouse.down();
    await page.mouse.move(target.x + target.width / 3, target.y + 4, { steps: 6 });
    await expect(page.getByRole('status').filter({ hasText: /^Move #\d+ before #\d+$/ })).toBeVisible();
    await page.screenshot({ path: `${shots}/reorder-drag-${size.width}.png` });
    await page.mouse.up();
    await expect.poll(async () => (await app.state()).counter.history).toEqual([1, 3, 2]);
    expect((await app.lifted()).stagedActionIds).toEqual([0, 1, 3, 2]);
    // The table follows the app's order: "#" is the place in the app's history, the action id stays the action's.
    const listed = async () => (await drawnActionRows(page)).map((r) => `#${r.n} id ${r.id}`);
    await expect.poll(listed).toEqual(['#0 id 0', '#1 id 1', '#2 id 3', '#3 id 2']);
    // The app is at its last action (ADD 2): ADD 3, now before it, is not "future" although its id is larger.
    await expect(two).toHaveClass(/rd-current/);
    await expect(three).not.toHaveClass(/rd-future/);

    // From the keyboard: the inspector's Move later on ADD 1: the app runs 3, 1, 2.
    await pick(one);
    const panel = await openTab(page, 'Action');
    await clickAsPerson(panel.getByRole('button', { name: 'Move later' }));
    await expect.poll(async () => (await app.state()).counter.history).toEqual([3, 1, 2]);
    await expect.poll(listed).toEqual(['#0 id 0', '#1 id 3', '#2 id 1', '#3 id 2']);
    await expect(panel.getByRole('button', { name: 'Move earlier' })).toBeEnabled();
    // Alt+↑ on the row's handle moves it back: 1, 3, 2.
    await one.getByRole('button', { name: /^Reorder action #\d+$/ }).focus();
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(async () => (await app.state()).counter.history).toEqual([1, 3, 2]);
    await expect.poll(listed).toEqual(['#0 id 0', '#1 id 1', '#2 id 3', '#3 id 2']);
    expect((await app.state()).counter.count).toBe(6);
    // A new action comes after them, numbered after the last.
    await app.dispatch({ type: 'ADD', by: 4 });
    await expect.poll(listed).toEqual(['#0 id 0', '#1 id 1', '#2 id 3', '#3 id 2', '#4 id 4']);

    // Locked, the app refuses changes: the controls say why instead of sending.
    await clickAsPerson(page.getByRole('button', { name: 'Lock', exact: true }));
    await expect.poll(async () => (await app.lifted()).isLocked).toBe(true);
    await expect(panel.getByRole('button', { name: 'Move later' })).toBeDisabled();
    await expect(panel.getByRole('button', { name: 'Move later' })).toHaveAttribute('title', /locked/);
    await expect(one.getByRole('button', { name: /^Reorder action #\d+$/ })).toHaveAttribute('aria-disabled', 'true');
    if (size.width === 1440) await accessibleAndShot(page, 'reorder-locked');
    expect(errors).toEqual([]);
  });
}
