import type { Page } from '@playwright/test';

/** The Knowledge view: its search, category filter, article list, reader and editor. */
export const knowledgePage = (page: Page) => {
  const view = page.getByRole('region', { name: /^(Knowledge base|Basis pengetahuan)$/ });
  const editor = page.getByRole('dialog', { name: /^(New article|Edit article)$/ });
  return {
    headerButton: page.getByRole('button', { name: /^Knowledge/ }),
    view,
    search: view.getByRole('searchbox', { name: 'Search articles' }),
    category: view.getByRole('combobox', { name: 'Category' }),
    list: view.getByRole('list', { name: 'Articles' }),
    items: view.getByRole('list', { name: 'Articles' }).getByRole('button'),
    reader: view.locator('.knowledge-reader'),
    editor,
    /** Opens the editor for a new article and fills it (not saved). */
    write: async (fields: { title: string; category: string; tags: string; body: string }) => {
      await view.getByRole('button', { name: 'New article' }).click();
      await editor.getByRole('textbox', { name: 'Title' }).fill(fields.title);
      await editor.getByRole('combobox', { name: 'Category' }).fill(fields.category);
      await editor.getByRole('textbox', { name: 'Tags, separated by commas' }).fill(fields.tags);
      await editor.getByRole('textbox', { name: 'Text (Markdown)' }).fill(fields.body);
    },
  };
};
