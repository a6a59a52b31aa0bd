import type { Page } from '@playwright/test';

/** What the queue's search adds from the server: rows of tickets this console does not hold, and the offline note. */
export const serverSearch = (page: Page) => {
  const root = page.getByTestId('server-results');
  return {
    root,
    rows: root.locator('button.server-row'),
    row: (code: string) => root.locator(`button.server-row[data-code="${code}"]`),
    loadMore: root.getByRole('button', { name: 'Load more' }),
    offlineNote: page.getByTestId('server-search-offline'),
    /** The panel of a ticket read from the server and not in the cache yet. */
    fetchedPanel: page.locator('[data-testid="ticket-detail"][data-source="server"]'),
    cachedPanel: page.locator('[data-testid="ticket-detail"][data-source="cache"]'),
    fetchedNote: page.getByTestId('on-demand-note'),
  };
};
