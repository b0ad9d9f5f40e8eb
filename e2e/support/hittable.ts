import { expect, type Locator } from '@playwright/test';

/**
 * Asserts that a person could click `target` where it is now: inside the viewport, without scrolling, and the topmost
 * element at its centre (elementFromPoint returns it or something inside it). Then clicks it.
 */
export async function expectHittable(target: Locator): Promise<void> {
  await expect(target).toBeVisible();
  await expect
    .poll(
      () =>
        target.evaluate((el) => {
          const r = el.getBoundingClientRect();
          const x = r.left + r.width / 2;
          const y = r.top + r.height / 2;
          if (r.width === 0 || r.height === 0) return 'has no size';
          if (x < 0 || y < 0 || x > innerWidth || y > innerHeight) return `centre (${Math.round(x)}, ${Math.round(y)}) is outside the ${innerWidth}x${innerHeight} viewport`;
          const hit = document.elementFromPoint(x, y);
          if (!hit) return 'nothing at its centre';
          return el === hit || el.contains(hit) ? 'ok' : `covered by <${hit.tagName.toLowerCase()} class="${hit.className}">`;
        }),
      { message: 'the control is visible in the viewport and hit-testable at its centre' },
    )
    .toBe('ok');
}

export async function clickHittable(target: Locator): Promise<void> {
  await expectHittable(target);
  await target.click();
}
