import { test, expect } from '@playwright/test';
import path from 'node:path';
import { collectErrors, clickAsPerson } from './support';
import { serveStatic, startPrivateJson, type PrivateJson } from './private-servers';

// dist/ served by a plain static server under a sub-path, as a user would deploy it, with the everyday features on
// the way: keyboard shortcuts, a saved connection that reopens on load, and a share link that asks for the secret.

const PREFIX = '/tools/streamscope/';
let site: Awaited<ReturnType<typeof serveStatic>>;
let sim: PrivateJson;

test.beforeAll(async () => {
  site = await serveStatic(path.resolve(process.env.STREAMSCOPE_DIST ?? 'dist'), PREFIX);
  sim = await startPrivateJson(20);
});
test.afterAll(async () => {
  await site?.close();
  await sim?.close();
});

test('works from /tools/streamscope/: connect, shortcuts, save, reopen, share link without the secret', async ({ page, context }) => {
  test.slow(); // one long journey; on a busy 2-core machine each step can take a second
  const errors = collectErrors(page);
  await page.goto(`${site.url}?autoconnect=0&endpoint=${encodeURIComponent(sim.ws)}`);
  await expect(page.getByRole('table', { name: 'Events' })).toBeVisible();
  // Every asset (script, style sheet, icon) came from under the prefix, and none was missing.
  await expect.poll(() => site.requests).toContain(`200 ${PREFIX}favicon.svg`);
  expect(site.requests.filter((r) => !r.startsWith(`200 ${PREFIX}`))).toEqual([]);
  expect(site.requests.some((r) => /assets\/index-.*\.js$/.test(r))).toBe(true);

  await page.getByLabel('Token').fill('SEKRIT-123');
  await clickAsPerson(page.getByRole('button', { name: 'Connect', exact: true }));
  await expect(page.getByRole('status', { name: 'Connection status' })).toContainText('open');
  const rows = page.getByRole('table', { name: 'Events' }).getByRole('row');
  await expect(rows.filter({ hasText: '/api/v1/' }).first()).toBeVisible();

  // Shortcuts: p pauses and resumes, ? opens the help, Escape closes it.
  await page.getByRole('table', { name: 'Events' }).focus();
  await page.keyboard.press('p');
  await expect(page.getByRole('button', { name: 'Resume' })).toBeVisible();
  await page.keyboard.press('p');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help.getByRole('row', { name: /Pause or resume/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  // A filter travels with the saved connection and the share link.
  const filter = page.getByRole('searchbox', { name: 'Filter events' });
  await filter.fill('type:container');
  await filter.press('Enter');
  await page.getByRole('table', { name: 'Events' }).focus();

  // Save the connection without its secret.
  await clickAsPerson(page.getByRole('button', { name: /Saved connections/ }));
  const menu = page.getByRole('dialog', { name: 'Saved connections' });
  await menu.getByLabel('Connection name').fill('sub lab');
  await expect(menu.getByRole('checkbox', { name: 'Remember secret' })).not.toBeChecked();
  await clickAsPerson(menu.getByRole('button', { name: 'Save', exact: true }));
  await expect(menu.getByRole('status')).toContainText('Saved “sub lab”; secrets left out');
  await expect(menu.getByRole('button', { name: 'Open sub lab' })).toBeVisible();
  expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain('SEKRIT');

  // Share link: dialect, endpoint and settings, never the token.
  await clickAsPerson(page.getByRole('button', { name: 'Share link' }));
  const link = await page.getByLabel('Share link URL').inputValue();
  expect(link.startsWith(`${site.url}#dialect=json&endpoint=`)).toBe(true);
  expect(link).not.toContain('SEKRIT');
  expect(link).toContain('&x.q=type%3Acontainer');
  await expect(page.getByRole('dialog', { name: 'Share link' })).toContainText('Left out: Token');

  // Opening the link elsewhere asks for the token, then connects with it.
  const other = await context.newPage();
  const otherErrors = collectErrors(other);
  await other.goto(link);
  const ask = other.getByRole('dialog', { name: 'Secret needed' });
  await expect(ask).toBeVisible();
  await ask.getByLabel('Token').fill('SEKRIT-123');
  await clickAsPerson(ask.getByRole('button', { name: 'Connect' }));
  await expect(other.getByRole('status', { name: 'Connection status' })).toContainText('open');
  await expect(other.getByRole('status', { name: 'Connection status' })).toContainText('token=••••');
  await expect(other.getByRole('searchbox', { name: 'Filter events' })).toHaveValue('type:container');
  await other.close();

  // A plain reload of the app reopens the last saved connection; its secret was not stored, so it asks again.
  await page.goto(site.url);
  await expect(page.getByRole('tab', { name: 'sub lab' })).toBeVisible();
  await clickAsPerson(page.getByRole('dialog', { name: 'Secret needed' }).getByRole('button', { name: 'Not now' }));
  await expect(page.getByRole('status', { name: 'Connection status' })).toContainText('Not connected: enter Token');
  await expect(page.getByLabel('Endpoint')).toHaveValue(sim.ws);

  expect([...errors, ...otherErrors]).toEqual([]);
});
