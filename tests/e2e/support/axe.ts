import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** The WCAG 2.0–2.2 A and AA rules and axe's best practices (landmarks, one main, headings). */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

type Violation = { id: string; impact?: string | null; help: string; nodes: ReadonlyArray<{ target: unknown; failureSummary?: string }> };

/** One line per failing element, so the report says which control on which screen. */
const describe = (violations: readonly Violation[]): string =>
  violations
    .flatMap((violation) =>
      violation.nodes.map(
        (node) =>
          `${violation.impact ?? '?'} ${violation.id} (${violation.help}) at ${JSON.stringify(node.target)}: ${(node.failureSummary ?? '').replaceAll('\n', ' ')}`,
      ),
    )
    .join('\n');

/**
 * Runs axe over the page as it is now and fails (softly, so one walk reports every screen) on any
 * serious or critical violation. `label` names the screen in the report.
 */
export const expectNoSeriousA11yViolations = async (page: Page, label: string): Promise<void> => {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect.soft(describe(serious), `serious or critical accessibility violations on ${label}`).toBe('');
};
