import type { Page } from '@playwright/test';

/** The caller's earlier tickets beside the call form, and the choice to link the new ticket to one. */
export const callerHistory = (page: Page) => {
  const root = page.getByRole('dialog').getByTestId('caller-history');
  const items = root.getByRole('listitem');
  return {
    root,
    items,
    /** The listed tickets' ids, in the order shown. */
    ids: async (): Promise<string[]> => await items.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-ticket-id') ?? '')),
    item: (ticketId: string) => root.locator(`[data-ticket-id="${ticketId}"]`),
    summary: root.getByTestId('caller-link-summary'),
  };
};
