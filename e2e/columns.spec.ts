import { test, expect } from '@playwright/test';
import { collectErrors, openAndConnect, clickAsPerson } from './support';
import { startPrivateJson } from './private-servers';

// One user task: make the table show what matters for this stream. Hide a column, move one, add a column from the
// events' own fields, drag a column wider, and find it all again after a reload.
test('choose, order and size the columns, add one from an event field; the layout is remembered', async ({ page }) => {
  const errors = collectErrors(page);
  // A server of its own: the demo's /inject reaches every client, and parallel journeys must not see this frame.
  const sim = await startPrivateJson();
  try {
    await openAndConnect(page, sim.ws);
    await expect.poll(async () => (await sim.inject('{"type":"container","action":"update","node":{"region":"eu-west"}}')).clients).toBe(1);

    const table = page.getByRole('table', { name: 'Events' });
    const header = (name: string) => table.getByRole('columnheader', { name, exact: true });
    await expect(table.getByRole('row').filter({ hasText: 'container' })).toHaveCount(1);
    await expect(header('Action')).toBeVisible();

    await clickAsPerson(page.getByRole('button', { name: 'Columns ▾' }));
    const menu = page.getByRole('dialog', { name: 'Columns for json' });
    // Hide Action, move Type left of Dir, and add node.region from the events' fields.
    await menu.getByRole('checkbox', { name: 'Action', exact: true }).uncheck();
    await expect(header('Action')).toHaveCount(0);
    await clickAsPerson(menu.getByRole('button', { name: 'Move Type left' }));
    await menu.getByRole('checkbox', { name: 'node.region' }).check();
    await page.keyboard.press('Escape');
    const headers = table.getByRole('columnheader');
    await expect(headers).toContainText(['#', 'Time', 'Type', 'Dir']);
    await expect(header('node.region')).toBeVisible();
    await expect(table.getByRole('row').filter({ hasText: 'container' }).getByRole('cell', { name: 'eu-west', exact: true })).toBeVisible();

    // Drag the Type column's right edge 80 px to the right: the header and its cells grow by 80 px.
    const before = (await header('Type').boundingBox())!;
    const handle = table.getByRole('separator', { name: 'Resize Type' });
    const h = (await handle.boundingBox())!;
    await page.mouse.move(h.x + h.width / 2, h.y + h.height / 2);
    await page.mouse.down();
    await page.mouse.move(h.x + h.width / 2 + 40, h.y + h.height / 2, { steps: 4 });
    await page.mouse.move(h.x + h.width / 2 + 80, h.y + h.height / 2, { steps: 4 });
    await page.mouse.up();
    await expect.poll(async () => Math.round((await header('Type').boundingBox())!.width - before.width)).toBe(80);
    // The drag did not sort by Type (a click on the header would).
    await expect(header('Type')).not.toHaveAttribute('aria-sort', /ascending|descending/);
    // The keyboard works too: focus the handle, ← narrows by 10 px.
    await handle.focus();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(async () => Math.round((await header('Type').boundingBox())!.width - before.width)).toBe(70);

    // Reload: the layout for the json dialect is remembered.
    await page.reload();
    await expect(table).toBeVisible();
    await expect(header('Action')).toHaveCount(0);
    await expect(header('node.region')).toBeVisible();
    await expect(table.getByRole('columnheader')).toContainText(['#', 'Time', 'Type', 'Dir']);
    await expect.poll(async () => Math.round((await header('Type').boundingBox())!.width - before.width)).toBe(70);
    // Double-click on the handle: back to the default width.
    await table.getByRole('separator', { name: 'Resize Type' }).dblclick();
    await expect.poll(async () => Math.round((await header('Type').boundingBox())!.width - before.width)).toBe(0);
    expect(errors).toEqual([]);
  } finally {
    await sim.close();
  }
});
