import { test, expect, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { collectErrors, openAndConnect, clickAsPerson } from './support';
import { startPrivateJson } from './private-servers';

const EVENTS = [
  { type: 'container', action: 'create', resource_uri: '/api/v1/container/c1/', state: 'Starting' },
  { type: 'container', action: 'update', resource_uri: '/api/v1/container/c1/', state: 'Running' },
  { type: 'service', action: 'create', resource_uri: '/api/v1/service/s1/', state: 'Starting' },
  { type: 'service', action: 'update', resource_uri: '/api/v1/service/s1/', state: 'Running' },
  { type: 'login', resource_uri: '/api/v1/session/1/', token: 's3cret-token-value' },
];

/** The data rows as the user reads them: time, direction, type, action, key (the # column and summary differ). */
async function readRows(page: Page): Promise<string[]> {
  const rows = page.getByRole('table', { name: 'Events' }).getByRole('row').filter({ hasText: '/api/v1/' });
  return rows.evaluateAll((rs) => rs.map((r) => [...r.querySelectorAll('[role=cell]')].slice(1, 6).map((c) => c.textContent).join(' | ')));
}

async function download(page: Page, scope: 'All in the buffer' | 'Only the filtered', format: 'Download NDJSON' | 'Download HAR', secrets = false): Promise<{ name: string; text: string }> {
  await clickAsPerson(page.getByRole('button', { name: 'Export ▾' }));
  const dialog = page.getByRole('dialog', { name: 'Export events' });
  await dialog.getByRole('radio', { name: new RegExp(scope) }).check();
  if (secrets) await dialog.getByRole('checkbox', { name: /Include secrets/ }).check();
  const [dl] = await Promise.all([page.waitForEvent('download'), clickAsPerson(dialog.getByRole('button', { name: format }))]);
  return { name: dl.suggestedFilename(), text: await readFile((await dl.path())!, 'utf8') };
}

test('export NDJSON and HAR (secrets masked), import them into read-only sessions with the same rows, replay', async ({ page }) => {
  const errors = collectErrors(page);
  const sim = await startPrivateJson();
  try {
    await openAndConnect(page, sim.ws);
    for (const e of EVENTS) await sim.inject(JSON.stringify(e));
    const rows = page.getByRole('table', { name: 'Events' }).getByRole('row').filter({ hasText: '/api/v1/' });
    await expect(rows).toHaveCount(5);
    const original = await readRows(page);

    // Only the filtered events.
    await page.getByLabel('Filter events').fill('type:service');
    await expect(rows).toHaveCount(2);
    const filtered = await download(page, 'Only the filtered', 'Download NDJSON');
    expect(filtered.name).toMatch(/^streamscope-.*\.ndjson$/);
    expect(filtered.text.trim().split('\n').map((l) => JSON.parse(l).type)).toEqual(['service', 'service']);
    await page.getByLabel('Filter events').fill('');
    await expect(rows).toHaveCount(5);

    // Everything, masked by default; with secrets only when asked.
    const all = await download(page, 'All in the buffer', 'Download NDJSON');
    const lines = all.text.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.dir === 'in').map((l) => l.value?.type)).toEqual(EVENTS.map((e) => e.type));
    expect(lines[0]).toMatchObject({ dir: 'system', kind: 'connect', conn: expect.any(String), time: expect.any(String) });
    expect(all.text).not.toContain('s3cret-token-value');
    expect(lines.find((l) => l.type === 'login').value.token).toBe('••••');
    const withSecrets = await download(page, 'All in the buffer', 'Download NDJSON', true);
    expect(withSecrets.text).toContain('s3cret-token-value');

    const har = await download(page, 'All in the buffer', 'Download HAR');
    const entries = JSON.parse(har.text).log.entries;
    expect(entries).toHaveLength(1);
    expect(entries[0]._resourceType).toBe('websocket');
    expect(entries[0]._webSocketMessages.map((m: { type: string; opcode: number }) => `${m.type}/${m.opcode}`)).toEqual(Array(5).fill('receive/1'));
    expect(har.text).not.toContain('s3cret-token-value');

    // Import the NDJSON: a read-only session with the same rows.
    await page.getByLabel('Import capture').setInputFiles({ name: 'capture.ndjson', mimeType: 'application/x-ndjson', buffer: Buffer.from(all.text) });
    await expect(page.getByRole('status', { name: 'Import status' })).toContainText(`Imported ${lines.length} events from capture.ndjson`);
    await expect(page.getByRole('tab', { name: 'capture.ndjson' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('status', { name: 'Connection status' })).toContainText('read-only');
    await expect(rows).toHaveCount(5);
    expect(await readRows(page)).toEqual(original);
    // It filters like a live session.
    await page.getByLabel('Filter events').fill('type:container action:update');
    await expect(rows).toHaveCount(1);
    await page.getByLabel('Filter events').fill('');

    // The HAR reads back to the same rows too.
    await page.getByLabel('Import capture').setInputFiles({ name: 'capture.har', mimeType: 'application/json', buffer: Buffer.from(har.text) });
    await expect(page.getByRole('tab', { name: 'capture.har' })).toHaveAttribute('aria-selected', 'true');
    await expect(rows).toHaveCount(5);
    expect(await readRows(page)).toEqual(original);

    // Replay feeds the capture through the pipeline again, into a new session.
    await page.getByLabel('Replay speed').selectOption('max');
    await clickAsPerson(page.getByRole('button', { name: '▶ Replay' }));
    await expect(page.getByRole('tab', { name: /▶ capture.har ×max/ })).toHaveAttribute('aria-selected', 'true');
    await expect(rows).toHaveCount(5);
    await expect(page.getByRole('status', { name: 'Connection status' })).toContainText('Replayed 5 events');
    expect(errors).toEqual([]);
  } finally {
    await sim.close();
  }
});
