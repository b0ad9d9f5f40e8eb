import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** axe-core's findings on the page (WCAG 2.1 A/AA and best practice), one line each; [] when there are none. */
export async function axeViolations(page: Page, o: { rules?: string[] } = {}): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  const r = await (o.rules ? builder.withRules(o.rules) : builder.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])).analyze();
  return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')} [${n.any.map((a) => a.message).join('; ')}]`).join(' | ')}`);
}
