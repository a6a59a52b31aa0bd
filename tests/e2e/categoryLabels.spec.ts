import type { Locator } from '@playwright/test';
import { apiSignIn, createTicketOnServer } from './support/api';
import { expect, test } from './support/fixtures';
import { makeCreateArgs } from './support/tickets';
import { statsPage } from './pages/statsPage';

/** The text of a queue row's category cell. */
const categoryCell = (row: Locator) => row.locator('td.col-category');

test('a category has one label everywhere: queue, ticket, new-ticket form and statistics, in English and Indonesian', async ({ openConsole }) => {
  const { token } = await apiSignIn('tina');
  const email = makeCreateArgs({ category: 'email' });
  const software = makeCreateArgs({ category: 'software' });
  await createTicketOnServer(token, email);
  await createTicketOnServer(token, software);

  // Tina: the queue, the ticket and the form.
  const tina = await openConsole('tina');
  await expect(categoryCell(tina.console.row(email.code))).toHaveText('Email');
  await expect(categoryCell(tina.console.row(software.code))).toHaveText('Software');
  await tina.console.open(email.code);
  await expect(tina.console.detail.category).toHaveText('Email');
  await tina.console.detail.closePanel();
  await tina.console.pressNewTicket();
  const form = tina.console.newTicketDialog.root;
  await expect(form.getByLabel('Category').locator('option[value="email"]')).toHaveText('Email');
  await expect(form.getByLabel('Category').locator('option[value="software"]')).toHaveText('Software');
  await tina.page.keyboard.press('Escape');

  // Sue: the statistics' table, filter and chart legend.
  const sue = await openConsole('sue');
  const stats = statsPage(sue.page);
  await stats.open();
  const categories = stats.table('Categories');
  await expect(categories.getByRole('cell', { name: 'Email', exact: true })).toBeVisible();
  await expect(categories.getByRole('cell', { name: 'Software', exact: true })).toBeVisible();
  await expect(categories.getByRole('cell', { name: 'email', exact: true })).toHaveCount(0);
  await expect(stats.filter('Category').locator('option[value="software"]')).toHaveText('Software');
  await expect(stats.view.locator('.recharts-legend-item-text', { hasText: /^Email( \(training topic\))?$/ })).toHaveCount(1);

  // In Bahasa Indonesia, one word again in every place.
  await tina.console.openUserMenu();
  await tina.console.languageMenu.selectOption({ label: 'Bahasa Indonesia' });
  // The queue's name changes with the language: the row is found by its code alone.
  await expect(categoryCell(tina.page.locator(`tbody tr[data-code="${software.code}"]`))).toHaveText('Perangkat lunak');
  await tina.page.locator(`tbody tr[data-code="${software.code}"]`).click();
  await expect(tina.console.detail.category).toHaveText('Perangkat lunak');
  await sue.console.openUserMenu();
  await sue.console.languageMenu.selectOption({ label: 'Bahasa Indonesia' });
  const kategori = sue.page.getByRole('region', { name: 'Statistik layanan' }).getByRole('table', { name: 'Kategori' });
  await expect(kategori.getByRole('cell', { name: 'Perangkat lunak', exact: true })).toBeVisible();
});
