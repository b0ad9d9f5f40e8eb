import { expect, type Locator } from '@playwright/test';
import { clickAsPerson } from '../support';

/**
 * Where a person would find the control: visible, inside the viewport, and the element at its centre is the control
 * (or inside it), so nothing covers it. Checked without scrolling, so Playwright's own scroll-into-view cannot hide a
 * control that is off screen.
 */
export async function expectClickable(control: Locator) {
  await expect(control).toBeVisible();
  await expect.poll(() => whereIs(control)).toBe('clickable');
}

function whereIs(control: Locator): Promise<string> {
  return control.evaluate((el) => {
        const r = el.getBoundingClientRect();
        const x = r.left + r.width / 2;
        const y = r.top + r.height / 2;
        if (x < 0 || y < 0 || x > window.innerWidth || y > window.innerHeight) return `outside the ${window.innerWidth}x${window.innerHeight} viewport at ${Math.round(x)},${Math.round(y)}`;
        const hit = document.elementFromPoint(x, y);
        if (!hit) return 'nothing at its centre';
    return hit === el || el.contains(hit) ? 'clickable' : `covered by <${hit.tagName.toLowerCase()} class="${hit.className}">`;
  });
}

/** Scrolls `pane` with the mouse wheel, as a person would, until `control` is clickable; then clicks it. */
export async function wheelToAndClick(pane: Locator, control: Locator) {
  const box = await pane.boundingBox();
  if (!box) throw new Error('the pane to scroll is not on screen');
  await pane.page().mouse.move(box.x + box.width / 2, box.y + Math.min(box.height / 2, 200));
  for (let i = 0; i < 30 && (await whereIs(control)) !== 'clickable'; i++) await pane.page().mouse.wheel(0, 120);
  await clickAsUser(control);
}

/** Clicks a control after checking a person could: see expectClickable. */
export async function clickAsUser(control: Locator) {
  await expectClickable(control);
  await clickAsPerson(control);
}
