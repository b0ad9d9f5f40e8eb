import { test, expect, type Page } from '@playwright/test';
import { clickAsPerson, collectErrors, readCounter } from './support';
import { startPrivateJson, type PrivateJson } from './private-servers';
import { axeViolations } from './support/axe';

// History that survives a reload: what a tab received is in IndexedDB a moment later, and comes back in front of the
// live stream when the page loads again. Each test has a fresh browser context, so a fresh IndexedDB.

let sim: PrivateJson;
test.beforeAll(async () => {
  sim = await startPrivateJson(0);
});
test.afterAll(async () => {
  await sim?.close();
});

const rows = (page: Page) => page.getByRole('table', { name: 'Events' }).getByRole('row');
/** Rows whose Type cell is exactly `type`. */
const ofType = (page: Page, type: string) => rows(page).filter({ has: page.getByRole('cell', { name: type, exact: true }) });
const history = (page: Page) => page.evaluate(() => window.__streamscope!.history());
const status = (page: Page) => page.getByRole('status', { name: 'Connection status' });

async function openConnected(page: Page, url: string) {
  await page.goto(url);
  await expect(status(page)).toContainText('open');
  await expect.poll(async () => (await sim.inject('{"type":"ready"}')).clients).toBeGreaterThan(0);
}

/** Opens the History menu (a person clicks the header button). */
async function historyMenu(page: Page) {
  const menu = page.getByRole('dialog', { name: 'Stored history' });
  if (!(await menu.isVisible())) await clickAsPerson(page.getByRole('button', { name: /^History/ }));
  await expect(menu).toBeVisible();
  return menu;
}

test('a reload brings the history back, marked "restored from <time>", then a gap row, then live events; secrets stay masked', async ({ page }) => {
  const errors = collectErrors(page);
  const url = `./?${new URLSearchParams({ endpoint: sim.ws })}`;
  await openConnected(page, url);
  for (const n of [1, 2, 3]) await sim.inject(`{"type":"before","n":${n}}`);
  await sim.inject('{"type":"login","token":"SEKRIT-42"}');
  await expect(ofType(page, 'login')).toHaveCount(1);
  await expect.poll(async () => (await history(page)).stored, { message: 'stored in IndexedDB' }).toBeGreaterThanOrEqual(6);
  // Written, not only received: six stored can be the rows before the login while its batch is still on its way.
  await expect.poll(async () => (await history(page)).backlog).toBe(0);

  await page.reload();
  await expect(status(page)).toContainText('open');
  const restoredMark = rows(page).filter({ hasText: /Restored from .*: events this tab stored before the page was reloaded/ });
  await expect(restoredMark).toHaveCount(1);
  await expect(ofType(page, 'before')).toHaveCount(3);
  const gap = rows(page).filter({ hasText: /Page reloaded: nothing recorded from/ });
  await expect(gap).toHaveCount(1);
  // The token was stored masked, as an export masks it.
  const login = ofType(page, 'login');
  await expect(login).toHaveCount(1);
  await expect(login).not.toContainText('SEKRIT-42');
  await expect(login).toContainText('••••');

  // Live events come after the gap row, on the same connection.
  await expect.poll(async () => (await sim.inject('{"type":"after","n":1}')).clients).toBeGreaterThan(0);
  const seqOf = async (r: ReturnType<typeof rows>) => Number(await r.getByRole('cell').first().textContent());
  await expect(ofType(page, 'after').first()).toBeVisible();
  const [mark, lastBefore, gapSeq, after] = [await seqOf(restoredMark), await seqOf(ofType(page, 'before').last()), await seqOf(gap), await seqOf(ofType(page, 'after').first())];
  expect(mark).toBeLessThan(lastBefore);
  expect(lastBefore).toBeLessThan(gapSeq);
  expect(gapSeq).toBeLessThan(after);
  // One connection tab: the restored rows joined the connection that reopened.
  await expect(page.getByRole('tablist', { name: 'Connections' }).getByRole('tab')).toHaveCount(1);

  const menu = await historyMenu(page);
  await expect(menu.getByRole('status').first()).toContainText(/Restored \d+ events from/);
  expect(errors).toEqual([]);
});

test('a reload the moment an event arrives keeps that event, and stores it once', async ({ page }) => {
  const errors = collectErrors(page);
  const url = `./?${new URLSearchParams({ endpoint: sim.ws })}`;
  await openConnected(page, url);
  await expect.poll(async () => (await history(page)).backlog).toBe(0);
  // A slow disk: a transaction that never ends holds the store, so the writer's next batch waits behind it, as a
  // batch does that is still being written when the page goes away.
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const open = indexedDB.open('streamscope-history');
        open.onsuccess = () => {
          const store = open.result.transaction(['sessions', 'chunks'], 'readwrite').objectStore('sessions');
          const spin = () => (store.get('none').onsuccess = spin);
          spin();
          resolve();
        };
      }),
  );
  await sim.inject('{"type":"burst","token":"SEKRIT-7"}', { repeat: 500 });
  await sim.inject('{"type":"last"}');
  await expect(ofType(page, 'last')).toHaveCount(1);
  // Past the recorder's quarter-second batch: the events are in the writer's hands, not written.
  await page.waitForTimeout(400);
  expect((await history(page)).backlog).toBeGreaterThan(500);
  const received = await readCounter(page, 'Received');
  await page.reload();
  await expect(status(page)).toContainText('open');
  await expect(ofType(page, 'last')).toHaveCount(1);
  const restored = (await history(page)).restored;
  expect(restored).toBe(received);
  // What was taken back is stored again, masked, and exactly once: a second reload brings the same events.
  // (The reopened connection's own rows are stored after them.)
  await expect.poll(async () => (await history(page)).backlog).toBe(0);
  const stored = (await history(page)).stored;
  expect(stored).toBeGreaterThanOrEqual(restored);
  expect(stored).toBeLessThan(restored + 5);
  await page.reload();
  await expect(status(page)).toContainText('open');
  await expect(ofType(page, 'last')).toHaveCount(1);
  expect((await history(page)).restored).toBe(stored);
  expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain('SEKRIT-7');
  expect(errors).toEqual([]);
});

test('how much to keep, clear stored history, and the opt-out', async ({ page }) => {
  test.slow();
  const errors = collectErrors(page);
  const url = `./?${new URLSearchParams({ endpoint: sim.ws })}`;
  await openConnected(page, url);
  let menu = await historyMenu(page);
  // The open menu passes axe-core, light and dark.
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await axeViolations(page), scheme).toEqual([]);
  }
  await menu.getByLabel('Events to keep').fill('1000');
  await clickAsPerson(menu.getByRole('button', { name: 'Apply' }));
  await expect(menu.getByLabel('Events to keep')).toHaveValue('1000');
  await sim.inject('{"type":"bulk","pad":"x"}', { repeat: 3000 });
  await sim.inject('{"type":"newest"}');
  await expect.poll(() => readCounter(page, 'Received')).toBeGreaterThan(3000);
  // Written, not only received: the writer stores in batches (up to a quarter second), and a reload before the last
  // batch lands would rightly not bring it back.
  await expect(ofType(page, 'newest')).toHaveCount(1);
  await expect.poll(async () => (await history(page)).backlog).toBe(0);
  await expect.poll(async () => (await history(page)).stored).toBe(1000);

  await page.reload();
  await expect(status(page)).toContainText('open');
  expect((await history(page)).restored).toBeLessThanOrEqual(1000);
  expect((await history(page)).restored).toBeGreaterThan(0);
  await expect(ofType(page, 'newest')).toHaveCount(1);

  // Clear stored history: the next reload brings nothing back.
  menu = await historyMenu(page);
  await clickAsPerson(menu.getByRole('button', { name: 'Clear stored history' }));
  await expect(menu.getByRole('status', { name: 'History action' })).toContainText('Stored history cleared');
  await page.reload();
  await expect(status(page)).toContainText('open');
  expect((await history(page)).restored).toBe(0);
  await expect(rows(page).filter({ hasText: /Restored from/ })).toHaveCount(0);

  // Opt out: nothing is stored, nothing comes back.
  menu = await historyMenu(page);
  await clickAsPerson(menu.getByRole('checkbox', { name: 'Keep history across reloads' }));
  await expect(menu.getByRole('checkbox', { name: 'Keep history across reloads' })).not.toBeChecked();
  await expect(menu.getByRole('status').first()).toContainText('Stored history is off');
  await sim.inject('{"type":"unstored"}');
  await expect(ofType(page, 'unstored')).toHaveCount(1);
  await page.reload();
  await expect(status(page)).toContainText('open');
  await expect(ofType(page, 'unstored')).toHaveCount(0);
  expect((await history(page)).state).toBe('off');
  expect(errors).toEqual([]);
});

test('two tabs: each keeps its own history and neither overwrites the other, saved connections included', async ({ context }) => {
  test.slow();
  const a = await context.newPage();
  const b = await context.newPage();
  const errors = [...collectErrors(a), ...collectErrors(b)];
  const url = `./?${new URLSearchParams({ endpoint: sim.ws })}`;
  await openConnected(a, url);
  await sim.inject('{"type":"only-a"}');
  await expect(ofType(a, 'only-a')).toHaveCount(1);
  await openConnected(b, url);
  await sim.inject('{"type":"both"}');
  await expect(ofType(a, 'both')).toHaveCount(1);
  await expect(ofType(b, 'both')).toHaveCount(1);
  await expect.poll(async () => (await history(a)).stored).toBeGreaterThanOrEqual(4);
  await expect.poll(async () => (await history(b)).stored).toBeGreaterThanOrEqual(2);

  // Both save a connection; neither list loses the other's.
  for (const [p, name] of [[a, 'lab A'], [b, 'lab B']] as const) {
    await p.bringToFront();
    await clickAsPerson(p.getByRole('button', { name: /Saved connections/ }));
    const menu = p.getByRole('dialog', { name: 'Saved connections' });
    await menu.getByLabel('Connection name').fill(name);
    await clickAsPerson(menu.getByRole('button', { name: 'Save', exact: true }));
    await expect(menu.getByRole('status')).toContainText(`Saved “${name}”`);
    await p.keyboard.press('Escape');
  }
  for (const p of [a, b]) await expect.poll(() => p.evaluate(() => localStorage.getItem('streamscope:saved-connections') ?? '')).toMatch(/lab A.*lab B/);

  await b.bringToFront();
  await b.reload();
  await expect(status(b)).toContainText('open');
  await expect(ofType(b, 'both')).toHaveCount(1);
  await expect(ofType(b, 'only-a')).toHaveCount(0);
  await a.bringToFront();
  await a.reload();
  await expect(status(a)).toContainText('open');
  await expect(ofType(a, 'only-a')).toHaveCount(1);
  await expect(ofType(a, 'both')).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('storage full or unavailable: a clear message, persistence stops, the buffer and the live stream carry on', async ({ page, context }) => {
  test.slow();
  const errors = collectErrors(page);
  const url = `./?${new URLSearchParams({ endpoint: sim.ws })}`;
  // A real quota, made small for this origin (Chromium's own override), so IndexedDB refuses with QuotaExceededError.
  const cdp = await context.newCDPSession(page);
  await page.goto('./?autoconnect=0&history=0');
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(page.url()).origin, quotaSize: 64 * 1024 });
  await openConnected(page, url);
  await sim.inject(`{"type":"big","pad":"${'x'.repeat(20_000)}"}`, { repeat: 20 });
  const menu = await historyMenu(page);
  await expect(menu.getByRole('status').first()).toContainText("Stored history stopped: this site's storage is full", { timeout: 15_000 });
  await expect(page.getByRole('button', { name: /^History ⚠/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(ofType(page, 'big')).not.toHaveCount(0);
  expect(await readCounter(page, 'Received')).toBeGreaterThanOrEqual(21);
  await sim.inject('{"type":"still-live"}');
  await expect(ofType(page, 'still-live')).toHaveCount(1);
  await expect(status(page)).toContainText('open');
  expect(errors).toEqual([]);
});

test('no IndexedDB at all (storage blocked): the app loads and streams, and the History menu says why', async ({ page }) => {
  const errors = collectErrors(page);
  await page.addInitScript(() => Object.defineProperty(window, 'indexedDB', { configurable: true, get: () => undefined }));
  await openConnected(page, `./?${new URLSearchParams({ endpoint: sim.ws })}`);
  await sim.inject('{"type":"no-idb"}');
  await expect(ofType(page, 'no-idb')).toHaveCount(1);
  const menu = await historyMenu(page);
  await expect(menu.getByRole('status').first()).toContainText('Stored history is unavailable: this browser gives the page no IndexedDB storage');
  expect(errors).toEqual([]);
});
