import { clickAsPerson } from '../support';
import { expect, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import type { Peer, ReduxApp } from './remotedevPeers';

// Journeys both remotedev specs walk, against @redux-devtools/cli 5 and against remotedev-server 0.3: the same steps
// and the same checks on the app's own state, only the peers differ.

export const table = (page: Page) => page.getByRole('table', { name: 'Events' });
export const actionRow = (page: Page, text: string) => table(page).getByRole('row').filter({ hasText: text });
/** Actions received for the selected instance (the table is virtualised, so rendered rows are not a count). */
export const received = async (page: Page) => Number(/(\d+) received/.exec((await page.getByLabel('Instance status').textContent()) ?? '')?.[1] ?? NaN);
/**
 * The received count once it has stopped moving. The instance line is refreshed on its own short throttle, after the
 * rows are drawn, so right after a row appears it can still show the count from before it.
 */
export async function settledReceived(page: Page): Promise<number> {
  let last = await received(page);
  for (;;) {
    await page.waitForTimeout(400);
    const now = await received(page);
    if (now === last) return now;
    last = now;
  }
}

/**
 * With the app at ADD 1, 2 (skipped), 3, 10 (count 14): Export downloads the lifted state, Reset empties the app,
 * importing the file makes the app replay it to count 14 with the same action skipped.
 */
export async function exportResetImport(page: Page, app: ReduxApp) {
  await expect(page.getByLabel('Instance status')).toContainText('5 in history');
  const download = page.waitForEvent('download');
  await clickAsPerson(page.getByRole('button', { name: 'Export', exact: true }));
  const file = await (await download).path();
  expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ stagedActionIds: [0, 1, 2, 3, 4], skippedActionIds: [2] });

  await clickAsPerson(page.getByRole('button', { name: 'Reset', exact: true }));
  await expect.poll(async () => (await app.state()).counter.count).toBe(0);
  await expect(page.getByLabel('Instance status')).toContainText('1 in history');

  await page.getByLabel('Import history file').setInputFiles(file);
  await expect.poll(async () => (await app.state()).counter.count).toBe(14);
  await expect(page.getByLabel('Instance status')).toContainText('5 in history');
  expect((await app.lifted()).skippedActionIds).toEqual([2]);
}

/**
 * Kills the server under a connected monitor and app, then starts a new one: the history stays, a gap row is shown,
 * the same instance (picked explicitly, so autoselect cannot hide a twin) comes back connected and streams again.
 * Returns the new server.
 */
export async function killAndRestartServer(page: Page, o: { app: ReduxApp; name: string; server: Peer; restart(): Promise<Peer> }): Promise<Peer> {
  const instance = page.getByLabel('Instance', { exact: true });
  const ours = instance.getByRole('option', { name: new RegExp(`^${o.name} — `) });
  await instance.selectOption({ label: (await ours.textContent())! });
  await o.app.dispatch({ type: 'ADD', by: 7 });
  await expect(actionRow(page, '{by: 7}')).toHaveCount(1);
  const kept = await settledReceived(page);
  await o.server.stop();
  await expect(page.getByRole('status', { name: 'Connection status' })).toContainText(/retrying|connecting/i);
  await expect(instance).toContainText(`${o.name} — disconnected`);
  await expect(actionRow(page, '{by: 7}')).toHaveCount(1);

  const server = await o.restart();
  await expect(table(page).getByRole('row').filter({ hasText: /Disconnected from .* history kept/ })).toHaveCount(1, { timeout: 15_000 });
  await expect(page.getByLabel('Instance status')).toContainText(`${o.name} · connected`, { timeout: 15_000 });
  await expect(ours).toHaveText([`${o.name} — connected, ${kept} actions`]);
  for (const by of [20, 21, 22]) await o.app.dispatch({ type: 'ADD', by });
  await expect.poll(() => received(page)).toBe(kept + 3);
  await expect(actionRow(page, '{by: 22}')).toHaveCount(1);
  await expect(actionRow(page, '{by: 7}')).toHaveCount(1);
  return server;
}

/**
 * The action rows the table draws ("#", action id, type, State marker; "history" for rows no longer in the app's history,
 * which are dimmed rather than labelled), in the table's order. The newest rows are drawn while it follows.
 */
export async function drawnActionRows(page: Page): Promise<{ n: number; id: number; type: string; mark: string }[]> {
  return table(page).evaluate((t) => {
    const headers = [...t.querySelectorAll('[role=columnheader]')].map((h) => h.textContent?.trim() ?? '');
    const at = (name: string) => headers.findIndex((h) => h.startsWith(name));
    const type = at('Type');
    const mark = at('State');
    const id = at('Δ ms') - 1;
    const n = at('#');
    // Drawn rows are positioned, not ordered, in the DOM: order them by their row index.
    const rows = [...t.querySelectorAll('.tbody [role=row]')]
      .sort((a, b) => Number(a.getAttribute('aria-rowindex')) - Number(b.getAttribute('aria-rowindex')))
      .map((r) => ({ gone: r.classList.contains('rd-gone'), cells: [...r.querySelectorAll('[role=cell]')].map((c) => c.textContent?.trim() ?? '') }));
    return rows.filter(({ cells: c }) => c[id] !== '' && c[id] !== undefined).map(({ gone, cells: c }) => ({ n: Number(c[n]), id: Number(c[id]), type: c[type], mark: gone ? 'history' : c[mark] }));
  });
}

/** Rows that stand for an action of the app's history now (not history themselves). */
export const isLiveMark = (mark: string) => mark !== 'history';
