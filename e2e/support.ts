import { expect, type Locator, type Page } from '@playwright/test';

export const PORT_OFFSET = Number(process.env.PW_PORT_OFFSET ?? 20_000);
export const port = (demoDefault: number) => demoDefault + PORT_OFFSET;
/**
 * A port for a peer a spec starts itself (a cli server, an app): shifted per parallel worker as well, so the same spec
 * can run in two workers at once (`--repeat-each`) without the second finding the port taken.
 */
export const peerPort = (base: number) => port(base) + 500 * Number(process.env.TEST_PARALLEL_INDEX ?? 0);
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

/**
 * Clicks `target` the way a person would: it must already be inside the viewport and be what is drawn at its centre
 * (`elementFromPoint` returns it or one of its descendants), then the mouse clicks that point. Playwright's own
 * click scrolls a hidden control into view first, which would pass a journey for a control nobody could see.
 */
export async function clickAsPerson(target: Locator, opts: { button?: 'left' | 'right'; modifiers?: ('Shift' | 'Control' | 'Alt' | 'Meta')[] } = {}) {
  await expect(target).toBeVisible();
  const page = target.page();
  let point: { x: number; y: number } | null = null;
  await expect
    .poll(async () => {
      // Measured and hit-tested in one step in the page: on a live, following table the rows move between two
      // round trips, and a box read in one and tested in the next is a different row's.
      const r = await target.evaluate((el) => {
        const b = el.getBoundingClientRect();
        const x = b.left + b.width / 2;
        const y = b.top + b.height / 2;
        const vw = document.documentElement.clientWidth;
        const vh = document.documentElement.clientHeight;
        if (b.width === 0 && b.height === 0) return { hit: 'no box', x, y };
        if (x < 0 || y < 0 || x > vw || y > vh) return { hit: `centre (${Math.round(x)}, ${Math.round(y)}) is outside the ${vw}×${vh} viewport`, x, y };
        const top = document.elementFromPoint(x, y);
        return { hit: !top ? 'nothing' : el === top || el.contains(top) ? 'ok' : `covered by <${top.tagName.toLowerCase()} class="${top.className}">`, x, y };
      });
      if (r.hit === 'ok') point = { x: r.x, y: r.y };
      return r.hit;
    }, { message: 'the control is visible and hit-testable at its centre' })
    .toBe('ok');
  const { x, y } = point!;
  for (const m of opts.modifiers ?? []) await page.keyboard.down(m);
  await page.mouse.click(x, y, { button: opts.button ?? 'left' });
  for (const m of opts.modifiers ?? []) await page.keyboard.up(m);
}

/** Where `el`'s centre is against the viewport and what is drawn there: 'ok', or what is wrong. */
function hitAt(el: Element): { hit: string; dy: number } {
  const b = el.getBoundingClientRect();
  const x = b.left + b.width / 2;
  const y = b.top + b.height / 2;
  const vh = document.documentElement.clientHeight;
  if (y < 0) return { hit: 'above', dy: y };
  if (y > vh) return { hit: 'below', dy: y - vh };
  const top = document.elementFromPoint(x, y);
  return { hit: top && (el === top || el.contains(top)) ? 'ok' : 'covered', dy: y - vh / 2 };
}

/**
 * Scrolls `pane` with the mouse wheel, as a person would, towards `control` until it is drawn where it can be clicked,
 * then clicks it as a person (see clickAsPerson). A row scrolled out of view under a sticky header counts as covered.
 */
export async function scrollToAndClick(pane: Locator, control: Locator) {
  await expect(control).toHaveCount(1);
  const box = await pane.boundingBox();
  if (!box) throw new Error('the pane to scroll is not on screen');
  const page = pane.page();
  await page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height / 2, 200));
  for (let i = 0; i < 200; i++) {
    const { hit, dy } = await control.evaluate(hitAt);
    if (hit === 'ok') break;
    // Covered: under the sticky header at the top or an edge at the bottom, so a little more on that side.
    const step = hit === 'covered' ? (dy < 0 ? -60 : 60) : Math.sign(dy) * Math.min(Math.abs(dy) + 120, 600);
    await page.mouse.wheel(0, step);
  }
  await clickAsPerson(control);
}

/**
 * Clicks the middle of `table`'s rows the way a person clicks into a fast stream: whatever row is drawn there is the
 * one clicked (checked to be a row, not the header or an empty area). Returns nothing: read the selection after.
 */
export async function clickRowInMiddle(table: Locator) {
  const page = table.page();
  let point: { x: number; y: number } | null = null;
  await expect
    .poll(async () => {
      const r = await table.evaluate((t) => {
        const b = t.getBoundingClientRect();
        const x = b.left + Math.min(120, b.width / 4);
        const y = b.top + b.height / 2;
        const hit = document.elementFromPoint(x, y);
        const row = hit?.closest('[role=row]');
        return { ok: !!row && t.contains(row) && !row.querySelector('[role=columnheader]'), x, y };
      });
      if (r.ok) point = { x: r.x, y: r.y };
      return r.ok;
    }, { message: 'a row is drawn in the middle of the table' })
    .toBe(true);
  await page.mouse.click(point!.x, point!.y);
}
