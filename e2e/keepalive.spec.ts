import { test, expect } from '@playwright/test';
import { clickAsPerson, collectErrors, openApp } from './support';
import { start as startBartnetSim, DEMO } from '../demo/simulators/bartnet.mjs';
import { axeViolations } from './support/axe';

// Keep-alive: bartnet heartbeats every 10 s from connect (1 s here, the simulator's option, so the journey is short;
// the app holds a server to the faster pace it keeps). When the server stalls and stops heartbeating, a system row and
// a badge say so, and again when it resumes; the toolbar draws the gaps as a sparkline.

type Sim = { urls: { stream: string }; close(): Promise<void>; pauseHeartbeats(): void; resumeHeartbeats(): void };

test('stop bartnet heartbeats and see the late row and badge, then see them resume', async ({ page }) => {
  test.setTimeout(120_000); // axe-core twice on a busy machine
  const errors = collectErrors(page);
  const sim: Sim = await startBartnetSim({ ports: { http: 0 }, args: { 'bartnet-heartbeat-ms': 1000, 'bartnet-event-ms': 60_000 } });
  try {
    await openApp(page, { dialect: 'bartnet', endpoint: sim.urls.stream });
    await page.getByLabel('Token', { exact: true }).fill(DEMO.token);
    await clickAsPerson(page.getByRole('button', { name: 'Connect', exact: true }));
    await expect(page.getByRole('status', { name: 'Authentication' })).toContainText('Authenticated as customer cust1');

    // Three heartbeats in, the sparkline holds them and nothing is late.
    const spark = page.getByRole('img', { name: /^heartbeat intervals: / });
    await expect(spark).toHaveAccessibleName(/over ([3-9]|\d{2,}) \(expected every 1(\.\d)? s\)/, { timeout: 10_000 });
    const badge = page.getByRole('status', { name: 'Keep-alive' });
    await expect(badge).toHaveCount(0);

    // The server stalls: after 1.5 intervals a system row and a badge say the heartbeat is late.
    sim.pauseHeartbeats();
    const rows = page.getByRole('table', { name: 'Events' }).getByRole('row');
    await expect(rows.filter({ hasText: /No heartbeat for \d+(\.\d)? s \(expected every 1(\.\d)? s\)/ })).toHaveCount(1);
    await expect(badge).toContainText(/bartnet demo: heartbeat late \d+ s/);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      expect(await axeViolations(page), `${scheme} scheme`).toEqual([]);
    }

    // It carries on: a second row says so, the badge goes, and the long gap stays in the sparkline.
    sim.resumeHeartbeats();
    await expect(rows.filter({ hasText: /The heartbeat resumed after \d+(\.\d)? s without one/ })).toHaveCount(1);
    await expect(badge).toHaveCount(0);
    await expect(spark).toHaveAccessibleName(/longest ([2-9]|\d{2,})(\.\d)? s/);
    // Still one late row: the silence was said once.
    await expect(rows.filter({ hasText: /No heartbeat for/ })).toHaveCount(1);
  } finally {
    await sim.close();
  }
  expect(errors).toEqual([]);
});
