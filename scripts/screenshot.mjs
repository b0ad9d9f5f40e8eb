#!/usr/bin/env node
// Takes a screenshot of a page in headless Chromium so we can look at what we build:
//   node scripts/screenshot.mjs <url> <out.png> [--dark] [--wait ms] [--width 1400] [--height 800]
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium.mjs';

const [url, out = 'screenshot.png', ...rest] = process.argv.slice(2);
if (!url) {
  console.error('usage: node scripts/screenshot.mjs <url> <out.png> [--dark] [--wait ms]');
  process.exit(2);
}
const flag = (name, dflt) => {
  const i = rest.indexOf(`--${name}`);
  return i < 0 ? dflt : rest[i + 1];
};
const browser = await chromium.launch(chromiumLaunchOptions());
const page = await browser.newPage({
  viewport: { width: Number(flag('width', 1400)), height: Number(flag('height', 800)) },
  colorScheme: rest.includes('--dark') ? 'dark' : 'light',
});
page.on('pageerror', (e) => console.error('pageerror:', e.message));
await page.goto(url);
await page.waitForTimeout(Number(flag('wait', 1500)));
await page.screenshot({ path: out });
await browser.close();
console.log(out);
