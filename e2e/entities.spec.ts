import { test, expect, type Page } from '@playwright/test';
import { clickAsPerson, collectErrors } from './support';
import { start as startDrpSim } from '../demo/simulators/drp.mjs';
import { axeViolations } from './support/axe';
import { connectDrpMachines, postDrpEvent } from './support/drp';

// Journeys for what the stream means: DRP machines in the Entities view, the time scrubber, an entity's history.
// A private, silent simulator (rate 0) so every event is one the journey posted.

test.use({ timezoneId: 'UTC' });

const entityRows = (page: Page) => page.getByRole('list', { name: 'Entities list' }).getByRole('button');
const machine = (page: Page, name: string) => entityRows(page).filter({ hasText: name });

test('watch DRP machines appear and change, scrub back before a delete, and read a machine’s history with its diff', async ({ page }) => {
  test.setTimeout(120_000); // axe-core twice on a busy machine
  const errors = collectErrors(page);
  const sim = await startDrpSim({ ports: { ws: 0 }, args: { 'drp-rate': 0 } });
  try {
    await connectDrpMachines(page, sim.port);
    await clickAsPerson(page.getByRole('tab', { name: 'Entities' }));
    await expect(page.getByRole('region', { name: 'Timeline' })).toBeVisible();
    await expect(page.getByRole('status', { name: 'Entities as of' })).toHaveText('Live');

    // Machines appear and change, live.
    await postDrpEvent(sim.port, { Type: 'machines', Action: 'create', Key: 'uuid-alpha', Object: { Name: 'alpha', Stage: 'discover', Runnable: true } });
    await expect(machine(page, 'alpha')).toContainText('discover');
    await expect(machine(page, 'alpha')).toContainText('created');
    await postDrpEvent(sim.port, {
      Type: 'machines',
      Action: 'update',
      Key: 'uuid-alpha',
      Object: { Name: 'alpha', Stage: 'sledgehammer-wait', Runnable: true },
      Original: { Name: 'alpha', Stage: 'discover', Runnable: true },
    });
    await expect(machine(page, 'alpha')).toContainText('sledgehammer-wait');
    await postDrpEvent(sim.port, { Type: 'machines', Action: 'create', Key: 'uuid-beta', Object: { Name: 'beta', Stage: 'discover' } });
    await expect(machine(page, 'beta')).toBeVisible();
    await postDrpEvent(sim.port, { Type: 'machines', Action: 'delete', Key: 'uuid-alpha', Object: { Name: 'alpha', Stage: 'sledgehammer-wait' } });
    await expect(machine(page, 'alpha')).toHaveCount(0);
    await expect(entityRows(page)).toHaveCount(1);

    // One step back lands on the delete itself (alpha is still gone), a second one before it: alpha is back as it was.
    const table = page.getByRole('table', { name: 'Events' });
    await clickAsPerson(page.getByRole('button', { name: 'Previous event' }));
    await expect(page.getByRole('status', { name: 'Entities as of' })).toContainText('As of #');
    await expect(table.locator('[role="row"][aria-selected="true"]')).toContainText('delete');
    await expect(machine(page, 'alpha')).toHaveCount(0);
    const slider = page.getByRole('slider', { name: 'Time' });
    await slider.focus();
    await page.keyboard.press('ArrowLeft');
    await expect(machine(page, 'alpha')).toContainText('sledgehammer-wait');
    await expect(table.locator('[role="row"][aria-selected="true"]')).toContainText('uuid-beta');
    // Back on alpha's update: beta did not exist yet; one more, on alpha's create: the state it had then.
    await page.keyboard.press('ArrowLeft');
    await expect(machine(page, 'beta')).toHaveCount(0);
    await expect(machine(page, 'alpha')).toContainText('sledgehammer-wait');
    await page.keyboard.press('ArrowLeft');
    await expect(machine(page, 'alpha')).toContainText('discover');

    // Its history: every event in order, each with the diff from the version before.
    await clickAsPerson(machine(page, 'alpha'));
    const history = page.getByRole('list', { name: 'History of machines uuid-alpha' });
    await expect(history.getByRole('listitem')).toHaveCount(3);
    await expect(history.getByRole('listitem').nth(0)).toContainText('create');
    await expect(history.getByRole('listitem').nth(0)).toHaveAttribute('aria-current', 'step');
    await expect(history.getByRole('listitem').nth(2)).toContainText('delete');
    const update = history.getByRole('listitem').nth(1);
    const diff = update.getByRole('table');
    await expect(diff).toContainText('Stage');
    await expect(diff).toContainText('"discover" → "sledgehammer-wait"');
    // The Entities view with a history open, the rate chart and the scrubber: nothing for axe-core, light and dark.
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      expect(await axeViolations(page), `${scheme} scheme`).toEqual([]);
    }

    // Clicking the delete in the history moves the scrubber there; Live follows the stream again.
    await clickAsPerson(history.getByRole('button', { name: /delete/ }));
    await expect(machine(page, 'alpha')).toHaveCount(0);
    await clickAsPerson(page.getByRole('button', { name: 'Back to live' }));
    await expect(page.getByRole('status', { name: 'Entities as of' })).toHaveText('Live');
    await postDrpEvent(sim.port, { Type: 'machines', Action: 'update', Key: 'uuid-beta', Object: { Name: 'beta', Stage: 'complete' } });
    await expect(machine(page, 'beta')).toContainText('complete');
    expect(errors).toEqual([]);
  } finally {
    await sim.close();
  }
});
