import type { Locator, Page } from '@playwright/test';

/** The supervisor statistics panel, found by role and name as a user would. */
export const statsPage = (page: Page) => {
  const view = page.getByRole('region', { name: 'Desk statistics' });
  return {
    view,
    openButton: page.getByRole('button', { name: 'Statistics' }),
    async open(): Promise<void> {
      await page.getByRole('button', { name: 'Statistics' }).click();
    },
    headline: (key: string): Locator => view.getByTestId(`headline-${key}`),
    /** What the changes are compared with, in words and dates. */
    comparison: view.getByTestId('stats-comparison'),
    /** A technician row's resolved count, a button that opens those tickets in the queue. */
    technicianResolved: (id: string): Locator => view.getByTestId(`technician-resolved-${id}`),
    preset: (name: 'This week' | 'This month' | 'This quarter' | 'This year' | 'Last 30 days' | 'Custom'): Locator => view.getByRole('radio', { name }),
    customFrom: view.getByLabel('From'),
    customTo: view.getByLabel('To (inclusive)'),
    filter: (name: 'Tier' | 'Category' | 'Technician'): Locator => view.getByRole('combobox', { name, exact: true }),
    tagFilter: view.getByRole('searchbox', { name: 'Tag' }),
    table: (name: string): Locator => view.getByRole('table', { name }),
    sortButton: (table: string, column: string): Locator => view.getByRole('table', { name: table }).getByRole('button', { name: `Sort by ${column}` }),
    exportButton: (table: string): Locator => view.getByRole('button', { name: `Export ${table} as CSV` }),
    banner: view.getByRole('status'),
    alert: view.getByRole('alert'),
    chart: (name: string): Locator => view.getByRole('img', { name }),
  };
};
