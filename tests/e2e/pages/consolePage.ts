import { expect, type Page } from '@playwright/test';
import { newTicketDialog } from './newTicketDialog';
import { ticketDetail } from './ticketDetail';

export type ConsolePage = ReturnType<typeof consolePage>;

/** The signed-in console: header, sync indicator and queue. */
export const consolePage = (page: Page) => {
  const sync = page.getByTestId('sync-indicator');
  const queue = page.getByRole('table', { name: 'Ticket queue' });
  const rejectedDialog = page.getByRole('dialog', { name: 'Rejected changes' });
  return {
    user: page.getByTestId('signed-in-user'),
    sync,
    syncState: page.getByTestId('sync-state'),
    pending: page.getByTestId('sync-pending'),
    rejected: page.getByTestId('sync-rejected'),
    rejectedDialog,
    /** The refused changes in the list, newest first. */
    rejectedItems: rejectedDialog.getByTestId('rejected-item'),
    /** The one refused change in the list about the ticket with this code. */
    rejectedItem: (code: string) => rejectedDialog.getByTestId('rejected-item').filter({ hasText: code }),
    syncProgress: page.getByTestId('sync-progress'),
    /** "A ticket you follow was resolved", under the header. */
    followNotices: page.getByTestId('follow-notice'),
    /** Named in the language shown, so it is found in either; in the console it is in the user menu (see openUserMenu). */
    languageMenu: page.getByRole('combobox', { name: /^(Language|Bahasa)$/ }),
    themeMenu: page.getByRole('combobox', { name: /^(Theme|Tema)$/ }),
    /** Opens the menu behind the user's name (language, theme, sign out) unless it is open. */
    openUserMenu: async () => {
      const button = page.getByTestId('signed-in-user');
      if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
    },
    queue,
    rows: queue.locator('tbody tr'),
    row: (code: string) => queue.locator(`tbody tr[data-code="${code}"]`),
    rowByTitle: (title: string) => queue.locator('tbody tr', { hasText: title }),
    filter: page.getByLabel('Filter tickets'),
    detail: ticketDetail(page),
    newTicketDialog: newTicketDialog(page),
    /** The shortcut, as a technician on the phone would use it (outside any text field). */
    pressNewTicket: async () => {
      await page.evaluate('document.activeElement instanceof HTMLElement && document.activeElement.blur()');
      await page.keyboard.press('c');
    },
    clickNewTicket: async () => {
      await page.getByRole('button', { name: /New ticket/ }).click();
    },
    open: async (code: string) => {
      await queue.locator(`tbody tr[data-code="${code}"]`).click();
    },
    signOut: async () => {
      const button = page.getByTestId('signed-in-user');
      if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
      await page.getByRole('button', { name: 'Sign out' }).click();
    },
    expectPending: async (count: number) => {
      await expect(page.getByTestId('sync-pending')).toHaveAttribute('data-count', String(count));
    },
    /** Waits until a sync has completed and nothing is left to send. */
    waitForSynced: async () => {
      await expect(sync).toHaveAttribute('data-state', 'idle');
      await expect(page.getByTestId('sync-pending')).toHaveAttribute('data-count', '0');
    },
    waitForFirstSync: async () => {
      await expect(sync).toHaveAttribute('data-synced-at', /\d/, { timeout: 20_000 });
    },
    /** Waits until the app-shell worker controls the page, so a reload works without a network. */
    waitForOfflineShell: async () => {
      // Run in the page; written as strings because the tests compile without DOM types.
      await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
      await page.waitForFunction('navigator.serviceWorker.controller !== null');
    },
  };
};
