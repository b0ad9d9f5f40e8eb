import { test, expect, type Page } from '@playwright/test';
import { clickAsPerson, collectErrors, readCounter } from './support';
import { startPrivateJson, type PrivateJson } from './private-servers';

// localStorage full (filled for real, up to the browser's own quota) or disabled (the getter throws SecurityError,
// as Chrome does when a site's data is blocked): saving a connection says why it was not kept, and the rest of the
// app (stream, table, filter) carries on.

let sim: PrivateJson;
test.beforeAll(async () => {
  sim = await startPrivateJson(50);
});
test.afterAll(async () => {
  await sim?.close();
});

async function connectAndSave(page: Page, name: string) {
  const status = page.getByRole('status', { name: 'Connection status' });
  await clickAsPerson(page.getByRole('button', { name: 'Connect', exact: true }));
  await expect(status).toContainText('open');
  await expect.poll(() => readCounter(page, 'Received'), { timeout: 10_000 }).toBeGreaterThan(5);
  await clickAsPerson(page.getByRole('button', { name: /Saved connections/ }));
  const menu = page.getByRole('dialog', { name: 'Saved connections' });
  await menu.getByLabel('Connection name').fill(name);
  await clickAsPerson(menu.getByRole('button', { name: 'Save', exact: true }));
  return menu;
}

async function streamAndFilterStillWork(page: Page) {
  const before = await readCounter(page, 'Received');
  await expect.poll(() => readCounter(page, 'Received')).toBeGreaterThan(before);
  const filter = page.getByRole('searchbox', { name: 'Filter events' });
  await filter.fill('dir:system');
  await expect.poll(() => readCounter(page, 'Shown')).toBeLessThan(await readCounter(page, 'Received'));
  await filter.fill('');
  await expect(page.getByRole('status', { name: 'Connection status' })).toContainText('open');
}

test('localStorage full: saving a connection says why it was not kept; nothing else breaks', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(`./?${new URLSearchParams({ autoconnect: '0', endpoint: sim.ws })}`);
  // Fill this origin's localStorage until the browser refuses even one more character.
  const filled = await page.evaluate(() => {
    let total = 0;
    for (let size = 1 << 20, i = 0; size >= 1; size = Math.floor(size / 2)) {
      for (;;) {
        try {
          localStorage.setItem(`filler-${i++}`, 'x'.repeat(size));
          total += size;
        } catch {
          break;
        }
      }
    }
    return total;
  });
  test.info().annotations.push({ type: 'filled', description: `${filled} characters` });
  const menu = await connectAndSave(page, 'lab when full');
  await expect(menu.getByRole('status')).toContainText("“lab when full” is in the list for this page only and will be gone after a reload: it could not be stored, because this site's localStorage is full");
  await expect(menu.getByRole('list', { name: 'Saved connection list' })).toContainText('lab when full');
  await page.keyboard.press('Escape');
  await streamAndFilterStillWork(page);
  expect(errors).toEqual([]);
});

test('localStorage disabled: the app loads and streams, and saving says the browser will not store it', async ({ page }) => {
  const errors = collectErrors(page);
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException("Failed to read the 'localStorage' property from 'Window': Access is denied for this document.", 'SecurityError');
      },
    });
  });
  await page.goto(`./?${new URLSearchParams({ autoconnect: '0', endpoint: sim.ws })}`);
  await expect(page.getByRole('table', { name: 'Events' })).toBeVisible();
  const menu = await connectAndSave(page, 'lab without storage');
  await expect(menu.getByRole('status')).toContainText('could not be stored, because this browser does not let the page use its storage (localStorage is off: a private window, site data blocked for this site, or a policy)');
  await page.keyboard.press('Escape');
  await streamAndFilterStillWork(page);
  expect(errors).toEqual([]);
});
