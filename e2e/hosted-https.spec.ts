import { test, expect } from '@playwright/test';
import path from 'node:path';
import { CHROMIUM_ARGS, chromiumExecutable } from '../scripts/chromium.mjs';
import { selfSignedCert } from '../demo/simulators/drp.mjs';
import { clickAsPerson, collectErrors } from './support';
import { serveStatic, startNoCorsServer, startPrivateJson, type PrivateJson } from './private-servers';

// dist/ hosted over https under a public-looking name, as a team would deploy it. The name is mapped to 127.0.0.1
// inside the browser (no resolver is asked), the page's self-signed certificate is accepted for this journey's
// context only, and nothing is ever opened to the private-range address typed into the endpoint box: the app
// refuses it before connecting (and the browser would block it too).

const HOST = 'streamscope.test';
const PRIVATE = '10.1.2.3';

test.use({
  ignoreHTTPSErrors: true,
  launchOptions: { executablePath: chromiumExecutable(), args: [...CHROMIUM_ARGS, `--host-resolver-rules=MAP ${HOST} 127.0.0.1`] },
});

let site: Awaited<ReturnType<typeof serveStatic>>;
let sim: PrivateJson;
let noCors: Awaited<ReturnType<typeof startNoCorsServer>>;
let noCorsTls: Awaited<ReturnType<typeof startNoCorsServer>>;

test.beforeAll(async () => {
  site = await serveStatic(path.resolve(process.env.STREAMSCOPE_DIST ?? 'dist'), '/', { tls: selfSignedCert({ commonName: HOST, dnsNames: [HOST], ips: [] }), host: HOST });
  sim = await startPrivateJson(20);
  // Answers like a BigchainDB node (and DRP's root) but without CORS headers, and refuses WebSocket upgrades.
  noCors = await startNoCorsServer({ streams: 'ws://127.0.0.1:1/api/v1/streams/valid_transactions' });
  // The same over TLS (this journey's context accepts the certificate): a DRP endpoint behind a proxy without CORS.
  noCorsTls = await startNoCorsServer({}, { tls: selfSignedCert() });
});
test.afterAll(async () => {
  await site?.close();
  await sim?.close();
  await noCors?.close();
  await noCorsTls?.close();
});

test('hosted over https: mixed content and local-network access are explained before connecting, CORS-blocked probes say so', async ({ page }) => {
  test.slow();
  const errors = collectErrors(page);
  const opened: string[] = [];
  page.on('websocket', (ws) => opened.push(ws.url()));
  page.on('request', (r) => opened.push(r.url()));
  await page.goto(`${site.url}?autoconnect=0&endpoint=${encodeURIComponent(`ws://${PRIVATE}:8781/json`)}`);
  await expect(page.getByRole('table', { name: 'Events' })).toBeVisible();
  expect(page.url()).toMatch(/^https:\/\/streamscope\.test:/);

  // ws:// to a lab address from an https page: said before connecting, with the ways out.
  const advice = page.getByRole('note', { name: 'Before connecting' });
  await expect(advice).toContainText(`the browser blocks ws://${PRIVATE}:8781 as mixed content`);
  await expect(advice).toContainText('Use wss://');
  await expect(advice).toContainText('npm start');
  await expect(advice).toContainText('dist/');
  const status = page.getByRole('status', { name: 'Connection status' });
  await clickAsPerson(page.getByRole('button', { name: 'Connect', exact: true }));
  await expect(status).toContainText('error');
  await expect(status).toContainText('mixed content');
  await expect(page.getByRole('button', { name: 'Connect', exact: true })).toBeVisible();

  // wss:// to the same address is allowed, but Chrome will ask for local-network access: say what to click.
  const endpoint = page.getByLabel('Endpoint');
  await endpoint.fill(`wss://${PRIVATE}:8781/json`);
  await expect(advice).not.toContainText('mixed content');
  await expect(advice).toContainText(`${PRIVATE} is a private-network address`);
  await expect(advice).toContainText('Chrome may ask whether this site may reach devices on your local network. Click Allow.');
  await expect(advice).toContainText('Local network access');

  // Loopback is secure in the browser's eyes: ws://127.0.0.1 connects from the https page.
  await endpoint.fill(sim.ws);
  await expect(advice).toContainText('apps on this device');
  await expect(advice).not.toContainText('mixed content');
  await clickAsPerson(page.getByRole('button', { name: 'Connect', exact: true }));
  await expect(status).toContainText('open');
  await expect(page.getByRole('table', { name: 'Events' }).getByRole('row').filter({ hasText: '/api/v1/' }).first()).toBeVisible();
  await expect(advice).toBeHidden();
  await clickAsPerson(page.getByRole('button', { name: 'Disconnect' }));

  // bigchaindb: an http:// root on a lab address is blocked the same way; a node without CORS says it was CORS.
  await page.getByLabel('Dialect').selectOption('bigchaindb');
  await endpoint.fill(`http://${PRIVATE}:9984/`);
  await expect(advice).toContainText(`blocks http://${PRIVATE}:9984 as mixed content`);
  await expect(advice).toContainText('Use https://');
  await endpoint.fill(`http://127.0.0.1:${noCors.port}/`);
  await clickAsPerson(page.getByRole('button', { name: 'Connect', exact: true }));
  await expect(status).toContainText(`127.0.0.1:${noCors.port} answered, but the browser blocked reading`);
  await expect(status).toContainText('(CORS)');
  expect(noCors.requests).toContain('GET /api/v1/');
  await clickAsPerson(page.getByRole('button', { name: 'Disconnect' }));

  // drp: the handshake is refused and the credentials check is blocked by CORS: the status says so.
  await page.getByLabel('Dialect').selectOption('drp');
  await endpoint.fill(`wss://127.0.0.1:${noCorsTls.port}`);
  await clickAsPerson(page.getByRole('button', { name: 'Connect', exact: true }));
  await expect(status).toContainText('the browser blocked the credentials check (CORS', { timeout: 15_000 });
  expect(noCorsTls.requests.some((r) => r.startsWith('UPGRADE /api/v3/ws'))).toBe(true);
  await clickAsPerson(page.getByRole('button', { name: 'Disconnect' }));

  // Nothing ever went to the private-range address.
  expect(opened.filter((u) => new URL(u).hostname === PRIVATE)).toEqual([]);
  expect(errors.filter((e) => !/CORS|ERR_FAILED|401/.test(e))).toEqual([]);
});
