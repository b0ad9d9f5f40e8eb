import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './scripts/chromium.mjs';

// e2e runs against the built app (vite preview) and the demo server on ports shifted by 20000, so a developer's
// `npm start` (default ports) can keep running. `npm run test:e2e` builds first.
// PW_APP_PORT, PW_PORT_OFFSET and STREAMSCOPE_DIST let a second suite run beside another in the same checkout.
export const PORT_OFFSET = Number(process.env.PW_PORT_OFFSET ?? 20_000);
const APP_PORT = Number(process.env.PW_APP_PORT ?? 4173);
const DIST = process.env.STREAMSCOPE_DIST ?? 'dist';

export default defineConfig({
  testDir: 'e2e',
  // Several people (and helpers) may run suites at once in one checkout; each can pick its own output folder.
  outputDir: process.env.PW_OUTPUT_DIR ?? 'test-results',
  timeout: 60_000,
  expect: { timeout: 7_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? [['list'], ['json', { outputFile: 'test-results/results.json' }]] : 'list',
  use: {
    baseURL: `http://127.0.0.1:${APP_PORT}/`,
    // The smaller of the two laptop sizes the journeys are held to (1280×800 and 1440×900); journeys that check a
    // layout at the other size set it themselves.
    viewport: { width: 1280, height: 800 },
    launchOptions: chromiumLaunchOptions(),
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer: [
    {
      command: `npx vite preview --port ${APP_PORT} --strictPort --outDir ${DIST}`,
      url: `http://127.0.0.1:${APP_PORT}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      command: `node demo/server.mjs --port-offset ${PORT_OFFSET} --json-rate 20`,
      url: `http://127.0.0.1:${8781 + PORT_OFFSET}/health`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
  ],
});
