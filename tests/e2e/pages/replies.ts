import type { Page } from '@playwright/test';

/** The supervisors' canned replies view, its editor, and the picker of a ticket's note form. */
export const repliesPages = (page: Page) => {
  const view = page.getByRole('region', { name: 'Canned replies' });
  const editor = page.getByRole('dialog', { name: /canned reply$/ });
  const picker = page.getByRole('dialog', { name: 'Insert a canned reply' });
  return {
    headerButton: page.getByRole('button', { name: /^Replies/ }),
    view,
    items: view.getByRole('listitem'),
    editor,
    unknownFlag: editor.getByTestId('reply-unknown'),
    /** Opens the editor for a new reply, fills it and saves. */
    write: async (title: string, body: string) => {
      await view.getByRole('button', { name: 'New reply' }).click();
      await editor.getByRole('textbox', { name: 'Title' }).fill(title);
      await editor.getByRole('textbox', { name: 'Text' }).fill(body);
    },
    save: async () => {
      await editor.getByRole('button', { name: 'Save reply' }).click();
    },
    picker,
    pickerSearch: picker.getByRole('combobox', { name: 'Search canned replies' }),
    pickerOptions: picker.getByRole('option'),
  };
};
