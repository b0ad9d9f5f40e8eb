// Where Chromium comes from: Playwright's own build when installed, else Debian's /usr/bin/chromium
// (STREAMSCOPE_CHROMIUM overrides). Debian's Chromium as root needs --no-sandbox; this machine has no network beyond
// loopback, so background services are switched off.
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function chromiumExecutable() {
  if (process.env.STREAMSCOPE_CHROMIUM) return process.env.STREAMSCOPE_CHROMIUM;
  try {
    const own = chromium.executablePath();
    if (own && existsSync(own)) return undefined;
  } catch {
    // no bundled browser
  }
  return '/usr/bin/chromium';
}

export function chromiumLaunchOptions() {
  return { executablePath: chromiumExecutable(), args: CHROMIUM_ARGS };
}
