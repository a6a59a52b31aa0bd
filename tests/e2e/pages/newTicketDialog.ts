import type { Page } from '@playwright/test';
import type { TicketInput } from '../support/factories';

export type NewTicketDialog = ReturnType<typeof newTicketDialog>;

export const newTicketDialog = (page: Page) => {
  const dialog = page.getByRole('dialog');
  return {
    root: dialog,
    code: dialog.getByTestId('created-code'),
    number: dialog.getByTestId('created-number'),
    formError: dialog.locator('.form-error'),
    fieldError: (name: string) => dialog.locator(`[name="${name}"] ~ .field-error`),
    fill: async (input: TicketInput) => {
      await dialog.getByLabel('Requester name').fill(input.requesterName);
      await dialog.getByLabel('Contact').fill(input.contact);
      await dialog.getByLabel('Title').fill(input.title);
      await dialog.getByLabel('Description').fill(input.description);
      await dialog.getByLabel('Category').selectOption(input.category);
      await dialog.getByLabel('Priority').selectOption(input.priority);
      await dialog.getByLabel('Channel').selectOption(input.channel);
    },
    submit: async () => {
      await dialog.getByRole('button', { name: 'Create ticket' }).click();
    },
    close: async () => {
      await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    },
    openTicket: async () => {
      await dialog.getByRole('button', { name: 'Open ticket' }).click();
    },
  };
};
