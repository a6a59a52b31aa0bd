import type { Locator, Page } from '@playwright/test';

/** The administrator's accounts view and its dialogs, found by role and name as a user would. */
export const accountsPage = (page: Page) => {
  const view = page.getByRole('region', { name: 'Accounts' });
  const table = view.getByRole('table', { name: 'Accounts' });
  const newDialog = page.getByRole('dialog', { name: 'New account' });
  return {
    view,
    table,
    openButton: page.getByRole('button', { name: /^Accounts/ }),
    /** The U key, pressed outside any text field. */
    pressShortcut: async () => {
      await page.evaluate('document.activeElement instanceof HTMLElement && document.activeElement.blur()');
      await page.keyboard.press('u');
    },
    row: (username: string): Locator => table.locator(`tbody tr[data-username="${username}"]`),
    /** The Status cell of an account's row. */
    status: (username: string): Locator => table.locator(`tbody tr[data-username="${username}"] td`).nth(4),
    notice: view.getByRole('status'),
    alert: view.getByRole('alert'),
    newDialog,
    newAccountButton: view.getByRole('button', { name: 'New account' }),
    /** Fills the new-account form; `tier` only for a technician. */
    fillNew: async (account: { username: string; displayName: string; password: string; role: string; tier?: number }) => {
      await newDialog.getByLabel('Username').fill(account.username);
      await newDialog.getByLabel('Full name').fill(account.displayName);
      await newDialog.getByLabel('Password').fill(account.password);
      await newDialog.getByLabel('Role').selectOption({ label: account.role });
      if (account.tier !== undefined) await newDialog.getByLabel('Tier').selectOption({ label: `Tier ${account.tier}` });
    },
    fieldError: (dialog: Locator, label: string): Locator =>
      dialog.locator('label.field', { has: dialog.page().getByText(label, { exact: true }) }).locator('.field-error'),
    changeDialog: (username: string): Locator => page.getByRole('dialog', { name: `Change ${username}` }),
    confirmDialog: (title: string): Locator => page.getByRole('dialog', { name: title }),
    passwordDialog: (username: string): Locator => page.getByRole('dialog', { name: `New password for ${username}` }),
  };
};
