import type { Page } from '@playwright/test';

/** The articles suggested beside the new-ticket and call form. */
export const articleSuggestions = (page: Page) => {
  const root = page.getByRole('dialog').getByTestId('article-suggestions');
  return {
    root,
    list: root.getByRole('list'),
    items: root.getByRole('listitem'),
    reader: root.getByTestId('article-suggestion-reader'),
    titles: async (): Promise<string[]> => root.locator('.article-suggestion-title').allTextContents(),
    read: async (title: string) => {
      await root.getByRole('button', { name: `Read “${title}”` }).click();
    },
    back: async () => {
      await root.getByRole('button', { name: /Back to suggestions/ }).click();
    },
  };
};
