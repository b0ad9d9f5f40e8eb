import { test, expect } from '@playwright/test';
import { clickAsPerson, collectErrors } from './support';
import { start as startDrpSim } from '../demo/simulators/drp.mjs';
import { axeViolations } from './support/axe';
import { connectDrpMachines, postDrpEvent } from './support/drp';

// Shape drift: a DRP machine event that brings a field its type never had is marked in the table, found with
// `shape:new`, and the Shapes summary lists the type's fields with how often each appears. A private, silent
// simulator (rate 0) so every event is one the journey posted.

test('send a new field and see the shape marker, filter shape:new, read the Shapes summary', async ({ page }) => {
  test.setTimeout(120_000); // axe-core twice on a busy machine
  const errors = collectErrors(page);
  const sim = await startDrpSim({ ports: { ws: 0 }, args: { 'drp-rate': 0 } });
  try {
    await connectDrpMachines(page, sim.port);
    const table = page.getByRole('table', { name: 'Events' });
    const rows = table.getByRole('row').filter({ hasText: 'uuid-' });
    await postDrpEvent(sim.port, { Type: 'machines', Action: 'create', Key: 'uuid-alpha', Object: { Name: 'alpha', Stage: 'discover' } });
    await postDrpEvent(sim.port, { Type: 'machines', Action: 'update', Key: 'uuid-alpha', Object: { Name: 'alpha', Stage: 'sledgehammer' } });
    await expect(rows).toHaveCount(2);
    // The first event set the type's shape, the second kept to it: no marker.
    await expect(table.getByRole('img', { name: /^Shape changed/ })).toHaveCount(0);

    // A new field, and a value of a new type for a known one.
    await postDrpEvent(sim.port, { Type: 'machines', Action: 'update', Key: 'uuid-alpha', Object: { Name: 'alpha', Stage: 'complete', Owner: 'ops' } });
    await postDrpEvent(sim.port, { Type: 'machines', Action: 'create', Key: 'uuid-beta', Object: { Name: 'beta', Stage: 7 } });
    await postDrpEvent(sim.port, { Type: 'machines', Action: 'update', Key: 'uuid-beta', Object: { Name: 'beta', Stage: 'discover', Owner: 'dev' } });
    await expect(rows).toHaveCount(5);
    const owner = table.getByRole('img', { name: 'Shape changed: new field Object.Owner (string)' });
    await expect(owner).toHaveCount(1);
    await expect(rows.nth(2)).toContainText('new shape');
    await expect(table.getByRole('img', { name: 'Shape changed: Object.Stage is now also number (was string)' })).toHaveCount(1);

    // shape:new keeps exactly the two events that changed the shape.
    const filter = page.getByRole('searchbox', { name: 'Filter events' });
    await clickAsPerson(filter);
    await filter.fill('shape:new');
    await filter.press('Enter');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toContainText('uuid-alpha');
    await expect(rows.nth(1)).toContainText('uuid-beta');
    await filter.fill('shape:old');
    await expect(page.getByRole('alert')).toContainText('shape takes new');
    await filter.fill('');
    await filter.press('Enter');
    await expect(rows).toHaveCount(5);

    // The Shapes summary: one click away, the type's fields with how often each appeared and their types.
    await clickAsPerson(page.getByRole('tab', { name: 'Shapes' }));
    const shapes = page.getByRole('region', { name: 'Shapes' });
    await expect(shapes).toContainText('2 changed its shape');
    const fields = shapes.getByRole('table', { name: 'Fields of machines' });
    const ownerRow = fields.getByRole('row').filter({ has: page.getByRole('cell', { name: 'Object.Owner', exact: true }) });
    await expect(ownerRow).toContainText('2 (40%)');
    await expect(ownerRow).toContainText('string');
    const stageRow = fields.getByRole('row').filter({ has: page.getByRole('cell', { name: 'Object.Stage', exact: true }) });
    await expect(stageRow).toContainText('5 (all)');
    await expect(stageRow).toContainText('string ×4, number ×1');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      expect(await axeViolations(page), `${scheme} scheme`).toEqual([]);
    }
    // "Show" on the type filters the table to its changes.
    await clickAsPerson(shapes.getByRole('button', { name: 'Show', exact: true }));
    await expect(filter).toHaveValue('shape:new type:machines');
    await expect(rows).toHaveCount(2);
    expect(errors).toEqual([]);
  } finally {
    await sim.close();
  }
});
