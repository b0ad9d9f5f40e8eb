import { expect, type Page } from '@playwright/test';

export const PORT_OFFSET = Number(process.env.PW_PORT_OFFSET ?? 20_000);
export const port = (demoDefault: number) => demoDefault + PORT_OFFSET;
export const JSON_WS = `ws://127.0.0.1:${port(8781)}/json`;
export const JSON_INJECT = `http://127.0.0.1:${port(8781)}/inject`;

/** Collects uncaught page errors and console errors; assert it is empty at the end of every journey. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/WebSocket connection to .* failed/.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  return errors;
}

/** Opens the app on one connection, idle, so the journey decides when to connect. */
export async function openApp(page: Page, query: Record<string, string> = {}) {
  const q = new URLSearchParams({ autoconnect: '0', ...query });
  await page.goto(`./?${q}`);
  await expect(page.getByRole('table', { name: 'Events' })).toBeVisible();
}

/** Opens the app on `endpoint` and connects: the status line says open. */
export async function openAndConnect(page: Page, endpoint: string) {
  await openApp(page, { endpoint });
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Connection status' })).toContainText('open');
}

export async function inject(body: string, opts: { binary?: boolean; repeat?: number } = {}) {
  const q = new URLSearchParams();
  if (opts.binary) q.set('binary', '1');
  if (opts.repeat) q.set('repeat', String(opts.repeat));
  const res = await fetch(`${JSON_INJECT}?${q}`, { method: 'POST', body });
  if (!res.ok) throw new Error(`inject failed: ${res.status}`);
  return res.json() as Promise<{ clients: number }>;
}

/** Reads one of the toolbar counters (Received, Shown, Dropped, Events/s) as a number. */
export async function readCounter(page: Page, name: string): Promise<number> {
  return Number(await page.getByLabel(name, { exact: true }).textContent());
}
