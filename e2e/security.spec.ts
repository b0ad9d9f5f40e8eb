import { test, expect, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { collectErrors, openApp, clickAsPerson } from './support';
import { freePort, startPrivateJson, type PrivateJson } from './private-servers';
import { start as startDrpSim } from '../demo/simulators/drp.mjs';
import { start as startRemotedevSim } from '../demo/simulators/remotedev.mjs';

// Event content is data: hostile frames are streamed into every view (table cells, summary, detail tree and raw,
// filter box and cell menu, saved-connection and tab names, share links, export) and nothing may run. A payload that
// ran would set window.__pwned or open a dialog; one the CSP had to stop would fire securitypolicyviolation, which
// also counts as a failure (the content should never have been treated as markup in the first place).

const RUN = "window.__pwned=(window.__pwned||0)+1;alert('pwned')";
const IMG = `<img src=x onerror="${RUN}">`;
const JS_URL = `javascript:${RUN}`;
const SCRIPT = `</script><script>${RUN}</script>`;
const SVG = `<svg/onload="${RUN}">`;
const HOSTILE = {
  type: IMG,
  action: SCRIPT,
  resource_uri: JS_URL,
  state: SVG,
  [IMG]: JS_URL,
  href: JS_URL,
  nested: { [SCRIPT]: { html: IMG, url: JS_URL } },
};

let sim: PrivateJson;
test.beforeAll(async () => {
  sim = await startPrivateJson(0);
});
test.afterAll(async () => {
  await sim?.close();
});

async function watchForExecution(page: Page) {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return async () => {
    const seen = await page.evaluate(() => {
      const w = window as unknown as { __pwned?: number; __csp: string[] };
      return { pwned: w.__pwned ?? 0, csp: w.__csp };
    });
    expect({ ...seen, dialogs }).toEqual({ pwned: 0, csp: [], dialogs: [] });
  };
}

test('hostile frames are shown as text everywhere and never run', async ({ page }) => {
  test.slow(); // many views, one journey
  const errors = collectErrors(page);
  const nothingRan = await watchForExecution(page);
  await page.goto(`./?autoconnect=0&endpoint=${encodeURIComponent(sim.ws)}`);
  await clickAsPerson(page.getByRole('button', { name: 'Connect', exact: true }));
  await expect(page.getByRole('status', { name: 'Connection status' })).toContainText('open');
  await expect.poll(async () => (await sim.inject('{"type":"hello"}')).clients).toBe(1);

  await sim.inject(JSON.stringify(HOSTILE));
  await sim.inject(`${IMG} ${SCRIPT} plain text frame`);
  await sim.inject(`{"broken": "${SVG}`);
  await sim.inject(IMG, { binary: true });

  const table = page.getByRole('table', { name: 'Events' });
  const rows = table.getByRole('row');
  // Table cells: the payloads are visible as literal text.
  const hostileRow = rows.filter({ has: page.getByRole('cell', { name: IMG, exact: true }) });
  await expect(hostileRow).toHaveCount(1);
  await expect(hostileRow.getByRole('cell', { name: SCRIPT, exact: true })).toBeVisible();
  await expect(hostileRow.getByRole('cell', { name: JS_URL, exact: true })).toBeVisible();
  await expect(rows.filter({ hasText: 'plain text frame' })).toContainText(IMG);
  await expect(rows.filter({ hasText: 'Malformed JSON' })).toContainText('<svg/onload=');
  await expect(rows.filter({ hasText: /binary \d+ bytes: 3c 69 6d 67/ })).toHaveCount(1);
  await expect(table.locator('img, script, svg, iframe, a[href^="javascript"]')).toHaveCount(0);

  // Detail: tree (keys and values, expanded) and raw.
  await page.getByRole('table', { name: 'Events' }).hover();
  await clickAsPerson(hostileRow);
  const detail = page.getByRole('complementary', { name: 'Event detail' });
  const tree = detail.getByRole('tree', { name: 'JSON tree' });
  await expect(tree).toContainText(IMG);
  await clickAsPerson(tree.getByRole('button', { name: `Expand ${SCRIPT}` }));
  await expect(tree).toContainText(`html: "${IMG.replaceAll('"', '\\"')}"`);
  await clickAsPerson(detail.getByRole('tab', { name: 'Raw' }));
  await expect(detail.getByLabel('Raw frame')).toContainText(SCRIPT);
  await expect(detail.locator('img, script, svg, iframe, a[href^="javascript"]')).toHaveCount(0);

  // Filters: the payload typed as a query and picked from a cell's menu is only ever text.
  const filter = page.getByRole('searchbox', { name: 'Filter events' });
  await filter.fill(`"${IMG.replaceAll('"', '\\"')}"`);
  await expect(rows.filter({ hasText: 'plain text frame' })).toHaveCount(1);
  await filter.fill(SCRIPT);
  await filter.fill('');
  // As a person would, wait for the cleared filter to bring the rows back before right-clicking one: the box applies
  // typing after a short pause, and a click during it lands on a row that is about to move. (The plain text frame
  // matches the previous filter too; the hello frame only comes back with the cleared one.)
  await expect(rows.filter({ hasText: 'hello' })).toHaveCount(1);
  await clickAsPerson(hostileRow.getByRole('cell', { name: SVG, exact: true }), { button: 'right' });
  await clickAsPerson(page.getByRole('menu').getByRole('menuitem', { name: /Filter to this/ }));
  await expect(filter).toHaveValue(/svg\/onload/);
  await expect(rows.filter({ hasText: 'plain text frame' })).toHaveCount(0);
  await filter.fill('');

  // A connection named with the payload: saved list, tab, share link and the page it opens.
  await clickAsPerson(page.getByRole('button', { name: /Saved connections/ }));
  const menu = page.getByRole('dialog', { name: 'Saved connections' });
  await menu.getByLabel('Connection name').fill(IMG);
  await clickAsPerson(menu.getByRole('button', { name: 'Save', exact: true }));
  await expect(menu.getByRole('button', { name: `Open ${IMG}` })).toBeVisible();
  await expect(page.getByRole('tab', { name: IMG })).toBeVisible();
  await clickAsPerson(page.getByRole('button', { name: /Saved connections/ }));
  await clickAsPerson(page.getByRole('button', { name: 'Share link' }));
  const link = await page.getByLabel('Share link URL').inputValue();
  await clickAsPerson(page.getByRole('dialog', { name: 'Share link' }).getByRole('button', { name: 'Close' }));

  // Export: the file name is the app's own, the content is the frame as data.
  await clickAsPerson(page.getByRole('button', { name: 'Export ▾' }));
  const [download] = await Promise.all([page.waitForEvent('download'), clickAsPerson(page.getByRole('dialog', { name: 'Export events' }).getByRole('button', { name: 'Download NDJSON' }))]);
  expect(download.suggestedFilename()).toMatch(/^streamscope-[\w.-]+\.ndjson$/);
  expect(await readFile(await download.path(), 'utf8')).toContain(JSON.stringify(IMG).slice(1, -1));

  // A javascript: endpoint is refused by the socket, and opens nothing as a link.
  await clickAsPerson(page.getByRole('button', { name: 'Disconnect' }));
  await page.getByLabel('Endpoint').fill(JS_URL);
  await clickAsPerson(page.getByRole('button', { name: 'Connect', exact: true }));
  await expect(page.getByRole('status', { name: 'Connection status' })).toContainText(/Cannot connect/);

  await page.goto(link);
  await expect(page.getByRole('tab', { name: IMG })).toBeVisible();
  // A link whose endpoint is javascript: is ignored (the last saved connection opens instead).
  await page.goto('about:blank');
  await page.goto(`./#dialect=json&endpoint=${encodeURIComponent(JS_URL)}&name=evil%20link`);
  await expect(page.getByRole('table', { name: 'Events' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'evil link' })).toHaveCount(0);
  await expect(page.getByLabel('Endpoint')).toHaveValue(sim.ws);

  await nothingRan();
  expect(errors).toEqual([]);

  // The Content-Security-Policy is in force: even an inline script added by hand does not run.
  const inline = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inline = 1';
    document.head.append(s);
    const w = window as unknown as { __inline?: number; __csp: string[] };
    return { ran: w.__inline ?? 0, blocked: w.__csp.length };
  });
  expect(inline.ran).toBe(0);
  await expect.poll(() => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([expect.stringMatching(/^script-src/)]);
});

/** Elements the payloads would have become had they been parsed as markup, anywhere in the app (its logo is an img). */
// The app draws one svg of its own (the keep-alive sparkline, marked data-app-ui); any other is content turned markup.
const markup = (page: Page) => page.locator('#root').locator('img[src="x"], [onerror], [onload], script, svg:not([data-app-ui]), iframe, a[href^="javascript"]');

test("a DRP event's Key, Object and Original are text in the table and in the Original-vs-Object diff", async ({ page }) => {
  const errors = collectErrors(page);
  const nothingRan = await watchForExecution(page);
  const sim = await startDrpSim({ ports: { ws: 0 }, args: { 'drp-rate': 0 } });
  try {
    await openApp(page, { dialect: 'drp', endpoint: `ws://127.0.0.1:${sim.port}` });
    await clickAsPerson(page.getByRole('button', { name: 'Connect', exact: true }));
    await page.getByLabel('Filter', { exact: true }).fill('profiles.*.*');
    await clickAsPerson(page.getByRole('button', { name: 'Register', exact: true }));
    await expect(page.getByRole('list', { name: 'Registered filters' })).toContainText('confirmed');
    const res = await fetch(`http://127.0.0.1:${sim.port}/api/v3/events`, {
      method: 'POST',
      headers: { Authorization: 'Basic ' + Buffer.from('rocketskates:r0cketsk8ts').toString('base64'), 'Content-Type': 'application/json' },
      body: JSON.stringify({
        Type: 'profiles',
        Action: 'save',
        Key: IMG,
        Original: { Name: IMG, Params: { [SCRIPT]: 'old', url: 'https://example.test/' } },
        Object: { Name: IMG, Params: { [SCRIPT]: SVG, url: JS_URL, [IMG]: { html: IMG } } },
      }),
    });
    expect(res.status).toBe(204);

    const row = page.getByRole('table', { name: 'Events' }).getByRole('row').filter({ has: page.getByRole('cell', { name: IMG, exact: true }) });
    await expect(row).toHaveCount(1);
    await page.getByRole('table', { name: 'Events' }).hover();
    await clickAsPerson(row);
    const detail = page.getByRole('complementary', { name: 'Event detail' });
    await clickAsPerson(detail.getByRole('tab', { name: 'Diff' }));
    const diff = detail.getByRole('table', { name: 'Changes from Original to Object' });
    // Hostile keys become paths, hostile values stay JSON text.
    await expect(diff.getByRole('row').filter({ hasText: `Params[${JSON.stringify(SCRIPT)}]` })).toContainText(JSON.stringify(SVG));
    await expect(diff.getByRole('row').filter({ hasText: 'Params.url' })).toContainText(JSON.stringify(JS_URL));
    await expect(diff.getByRole('row').filter({ hasText: `Params[${JSON.stringify(IMG)}]` })).toContainText(JSON.stringify({ html: IMG }));
    await expect(diff.getByRole('row')).toHaveCount(4); // the header and three changes
    await expect(markup(page)).toHaveCount(0);
    await nothingRan();
  } finally {
    await sim.close();
  }
  expect(errors).toEqual([]);
});

test('a remotedev action and state carrying markup are text in the table, State and Diff', async ({ page }) => {
  const errors = collectErrors(page);
  const nothingRan = await watchForExecution(page);
  // The demo's SocketCluster relay and its real @redux-devtools/remote app (idle), private to this journey.
  const port = await freePort();
  const sim = await startRemotedevSim({ host: '127.0.0.1', ports: { sc: port }, args: { 'remotedev-rate': 0 }, log: () => undefined });
  try {
    await openApp(page, { dialect: 'remotedev', endpoint: `ws://127.0.0.1:${port}/socketcluster/` });
    await clickAsPerson(page.getByRole('button', { name: 'Connect', exact: true }));
    await expect(page.getByLabel('Instance status')).toContainText('connected');
    // Sent from the editor, evaluated by the app, stored in its state by its todos reducer, relayed back as jsan.
    await page.getByLabel(/Dispatch action/).fill(JSON.stringify({ type: 'ADD_TODO', id: 1, text: IMG, [SVG]: JS_URL }));
    await clickAsPerson(page.getByRole('button', { name: 'Dispatch', exact: true }));

    const row = page.getByRole('table', { name: 'Events' }).getByRole('row').filter({ hasText: 'ADD_TODO' });
    await expect(row).toContainText('text: "<img src=x onerror=');
    await clickAsPerson(row);
    const detail = page.getByRole('complementary', { name: 'Event detail' });
    await clickAsPerson(detail.getByRole('tab', { name: 'Action', exact: true }));
    await expect(detail.getByRole('tabpanel', { name: 'Action' })).toContainText(`${SVG}: ${JSON.stringify(JS_URL)}`);
    await clickAsPerson(detail.getByRole('tab', { name: 'State', exact: true }));
    await clickAsPerson(detail.getByRole('tabpanel', { name: 'State' }).getByRole('button', { name: 'Expand 0', exact: true }));
    await expect(detail.getByRole('tabpanel', { name: 'State' })).toContainText(`text: "${IMG.replaceAll('"', '\\"')}"`);
    await clickAsPerson(detail.getByRole('tab', { name: 'Diff', exact: true }));
    const diff = detail.getByRole('table', { name: 'State changes made by this action' });
    await expect(diff.getByRole('row').filter({ hasText: 'todos[0]' })).toContainText(JSON.stringify(IMG));
    await expect(markup(page)).toHaveCount(0);
    await nothingRan();
  } finally {
    await sim.close();
  }
  expect(errors).toEqual([]);
});
