import { expect, type Page } from '@playwright/test';

export type QueuePage = ReturnType<typeof queuePage>;

/** The queue as a technician works it: views, search, facets, the table, selection and the palette. */
export const queuePage = (page: Page) => {
  const table = page.getByRole('table', { name: 'Ticket queue' });
  const rows = table.locator('tbody tr[data-code]');
  return {
    table,
    rows,
    row: (code: string) => table.locator(`tbody tr[data-code="${code}"]`),
    /** A row's SLA cell content: `data-target` says which deadline, its `time` when; absent when none is left. */
    deadline: (code: string) => table.locator(`tbody tr[data-code="${code}"] td.col-due .sla`),
    view: (name: string) => page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: new RegExp(`^${name}`) }),
    viewCount: (id: string) => page.getByTestId(`view-count-${id}`),
    search: page.getByRole('searchbox', { name: 'Filter tickets' }),
    count: page.getByTestId('queue-count'),
    /** The filter chips a figure of the statistics (or a tag) put there, each removable. */
    activeFilters: page.getByRole('group', { name: 'Active filters' }),
    chip: (key: string) => page.getByTestId(`filter-chip-${key}`),
    tagFacet: page.getByRole('group', { name: 'Tags' }),
    tagChip: (tag: string) => page.getByRole('group', { name: 'Tags' }).locator(`button[data-tag="${tag}"]`),
    facet: (name: string) => page.getByRole('group', { name: 'Filters' }).getByRole('combobox', { name }),
    header: (name: string) => table.getByRole('columnheader', { name }),
    sortBy: async (name: string) => {
      await table.getByRole('columnheader', { name }).getByRole('button').click();
    },
    select: (code: string) => page.getByRole('checkbox', { name: `Select ${code}` }),
    bulk: page.getByRole('toolbar', { name: 'Change selected tickets' }),
    outcome: page.getByTestId('bulk-outcome'),
    palette: page.getByRole('dialog', { name: 'Command palette' }),
    /** Presses keys with the focus on nothing in particular, as shortcuts are used. */
    press: async (...keys: string[]) => {
      await page.evaluate('document.activeElement instanceof HTMLElement && document.activeElement.blur()');
      for (const key of keys) await page.keyboard.press(key);
    },
    expectShown: async (count: number) => {
      await expect(page.getByTestId('queue-count')).toHaveAttribute('data-count', String(count));
    },
    /** The count once every timeline a resolver filter needs has been read. */
    expectSettledCount: async (count: number) => {
      await expect(page.getByTestId('queue-count')).toHaveAttribute('aria-busy', 'false');
      await expect(page.getByTestId('queue-count')).toHaveAttribute('data-count', String(count));
    },
  };
};
