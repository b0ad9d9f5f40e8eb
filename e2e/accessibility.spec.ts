import { expect, test } from '@playwright/test';
import { axeViolations as violations } from './support/axe';
import { clickAsPerson, collectErrors, openApp, port } from './support';

// The main views pass axe-core in light and dark: each dialect's connection bar and panel, the table with rows, and the
// detail pane of a selected event. Endpoints are the demo server's (started by the Playwright config).
const VIEWS = [
  { dialect: 'json', endpoint: `ws://127.0.0.1:${port(8781)}/json?rate=5` },
  { dialect: 'drp', endpoint: `ws://127.0.0.1:${port(8092)}` },
  { dialect: 'bigchaindb', endpoint: `http://127.0.0.1:${port(9984)}` },
  { dialect: 'bartnet', endpoint: `ws://127.0.0.1:${port(8080)}/stream` },
  { dialect: 'remotedev', endpoint: `ws://127.0.0.1:${port(8000)}/socketcluster/` },
];

// axe-core walks the whole DOM twice per view; on a busy two-core machine that alone can take half a minute.
test.setTimeout(120_000);

for (const { dialect, endpoint } of VIEWS) {
  test(`${dialect}: the connected view with a selected event has no axe-core violations, light and dark`, async ({ page }) => {
    const errors = collectErrors(page);
    await openApp(page, { dialect, endpoint });
    if (dialect === 'bartnet') await page.getByLabel('Token', { exact: true }).fill('demo-token');
    await clickAsPerson(page.getByRole('button', { name: 'Connect', exact: true }));
    await expect(page.getByRole('status', { name: 'Connection status' })).toContainText('open');
    // DRP sends nothing until a filter is registered: register one, which also puts its panel's list on screen.
    if (dialect === 'drp') await clickAsPerson(page.getByRole('button', { name: 'All machine events' }));
    const rows = page.getByRole('table', { name: 'Events' }).getByRole('row');
    await expect(rows.nth(3)).toBeVisible({ timeout: 15_000 });
    await page.getByRole('table', { name: 'Events' }).hover();
    // The newest row's first cell: a remotedev row under the pointer carries Jump and Skip in its middle, and the
    // first rows drawn of a long list sit under the sticky header.
    await clickAsPerson(rows.last().getByRole('cell').first());
    await expect(page.getByRole('complementary', { name: 'Event detail' })).toBeVisible();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      expect(await violations(page), `${scheme} scheme`).toEqual([]);
    }
    // Where the pointer rests after choosing a tab: the hovered selected tab keeps its contrast too.
    await page.getByRole('complementary', { name: 'Event detail' }).getByRole('tab', { selected: true }).hover();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      expect(await violations(page, { rules: ['color-contrast'] }), `${scheme} scheme, selected tab hovered`).toEqual([]);
    }
    expect(errors).toEqual([]);
  });
}
