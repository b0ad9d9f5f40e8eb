// A minimal Chrome DevTools Protocol client over the `ws` package. The benchmark launches Chromium itself and talks
// CDP directly, enabling only Page, Runtime and Performance: Playwright's page instrumentation enables the Network
// domain, which copies every WebSocket frame to the driver and slows a WebSocket-heavy page several times.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // Only one page runs at a time, but headless targets must never be throttled as "background" mid-measurement.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
  '--window-size=1280,900',
  // gc() lets the heap be measured after a full collection without the HeapProfiler domain.
  '--js-flags=--expose-gc',
];

export async function launchChromium({ executable = '/usr/bin/chromium', extraFlags = [] } = {}) {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'streamscope-bench-'));
  const proc = spawn(executable, [...CHROMIUM_FLAGS, ...extraFlags, '--remote-debugging-port=0', `--user-data-dir=${userDataDir}`, 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const wsUrl = await new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not start in 30 s:\n${buf}`)), 30_000);
    proc.stderr.on('data', (d) => {
      buf += d;
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(buf);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    proc.on('exit', (code) => reject(new Error(`Chromium exited (${code}) before it listened:\n${buf}`)));
  });
  const browser = await CdpConnection.connect(wsUrl);
  const version = await browser.send('Browser.getVersion');
  return {
    browser,
    version: version.product,
    async close() {
      try {
        await browser.send('Browser.close');
      } catch {
        /* already gone */
      }
      browser.close();
      await new Promise((r) => (proc.exitCode !== null ? r() : proc.once('exit', r)));
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

export class CdpConnection {
  static async connect(url) {
    const ws = new WebSocket(url, { perMessageDeflate: false, maxPayload: 512 * 1024 * 1024 });
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    return new CdpConnection(ws);
  }

  constructor(ws) {
    this.ws = ws;
    this.nextId = 1;
    this.pending = new Map();
    this.handlers = new Map(); // `${sessionId}:${method}` -> Set<fn>
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString());
      if (msg.id !== undefined) {
        const p = this.pending.get(msg.id);
        if (!p) return;
        this.pending.delete(msg.id);
        if (msg.error) p.reject(new Error(`${p.method}: ${msg.error.message}${msg.error.data ? ` (${msg.error.data})` : ''}`));
        else p.resolve(msg.result);
      } else {
        for (const fn of this.handlers.get(`${msg.sessionId ?? ''}:${msg.method}`) ?? []) fn(msg.params);
      }
    });
    ws.on('close', () => {
      for (const p of this.pending.values()) p.reject(new Error(`${p.method}: the browser connection closed`));
      this.pending.clear();
    });
  }

  send(method, params = {}, sessionId) {
    const id = this.nextId++;
    const msg = { id, method, params };
    if (sessionId) msg.sessionId = sessionId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      this.ws.send(JSON.stringify(msg));
    });
  }

  on(method, fn, sessionId = '') {
    const k = `${sessionId}:${method}`;
    if (!this.handlers.has(k)) this.handlers.set(k, new Set());
    this.handlers.get(k).add(fn);
    return () => this.handlers.get(k).delete(fn);
  }

  close() {
    this.ws.close();
  }
}

/**
 * One tab, attached with a flat session. Only Page, Runtime and Performance are ever enabled. Each tab has a browser
 * context of its own: the app stores what it receives in IndexedDB and a new tab restores the newest history no open
 * tab holds, so tabs sharing storage would start with the previous run's events in their buffer.
 */
export class CdpPage {
  static async open(browser, { url = 'about:blank', initScript } = {}) {
    const { browserContextId } = await browser.send('Target.createBrowserContext', { disposeOnDetach: true });
    const { targetId } = await browser.send('Target.createTarget', { url: 'about:blank', browserContextId });
    const { sessionId } = await browser.send('Target.attachToTarget', { targetId, flatten: true });
    const page = new CdpPage(browser, targetId, sessionId);
    page.browserContextId = browserContextId;
    await page.send('Page.enable');
    await page.send('Runtime.enable');
    await page.send('Performance.enable', { timeDomain: 'timeTicks' });
    page.consoleErrors = [];
    browser.on('Runtime.exceptionThrown', (p) => page.consoleErrors.push(p.exceptionDetails?.exception?.description ?? p.exceptionDetails?.text), sessionId);
    if (initScript) await page.send('Page.addScriptToEvaluateOnNewDocument', { source: initScript });
    if (url !== 'about:blank') await page.goto(url);
    return page;
  }

  constructor(browser, targetId, sessionId) {
    this.browser = browser;
    this.targetId = targetId;
    this.sessionId = sessionId;
  }

  send(method, params = {}) {
    return this.browser.send(method, params, this.sessionId);
  }

  async goto(url) {
    const loaded = new Promise((resolve) => {
      const off = this.browser.on(
        'Page.loadEventFired',
        () => {
          off();
          resolve();
        },
        this.sessionId,
      );
    });
    const r = await this.send('Page.navigate', { url });
    if (r.errorText) throw new Error(`Could not open ${url}: ${r.errorText}`);
    await loaded;
  }

  /** Evaluates an expression in the page (awaiting a returned promise) and returns its JSON value. */
  async evaluate(expression, { timeoutMs = 600_000 } = {}) {
    const r = await this.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true, timeout: timeoutMs });
    if (r.exceptionDetails) {
      throw new Error(`In page: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}\n  evaluating: ${expression.slice(0, 200)}`);
    }
    return r.result.value;
  }

  async metrics() {
    const { metrics } = await this.send('Performance.getMetrics');
    return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
  }

  async close() {
    await this.browser.send('Target.closeTarget', { targetId: this.targetId }).catch(() => {});
    await this.browser.send('Target.disposeBrowserContext', { browserContextId: this.browserContextId }).catch(() => {});
  }
}
