import { makeTicketInput } from './support/factories';
import { expect, test } from './support/fixtures';

const shotPath = (name: string) => `docs/screenshots/${name}.png`;

test('the theme follows a choice that survives a reload; the ticket detail is pictured light and dark', async ({ openConsole }) => {
  const { page, console } = await openConsole('tina');
  await page.setViewportSize({ width: 1400, height: 900 });
  const theme = page.getByRole('combobox', { name: 'Theme' });
  await console.openUserMenu();
  await theme.selectOption('light');
  await page.keyboard.press('Escape');
  await expect(theme).toBeHidden();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');

  await console.clickNewTicket();
  await console.newTicketDialog.fill(makeTicketInput({ title: 'VPN drops every few minutes on the branch laptop' }));
  await console.newTicketDialog.submit();
  await console.newTicketDialog.openTicket();
  const detail = console.detail;
  await detail.take();
  await expect(detail.status).toHaveText('Open');
  await detail.addNote('Caller is on the Surabaya branch Wi-Fi; the drops started after the router swap.', 'internal');
  await expect(detail.timeline).toContainText('router swap');
  await console.waitForSynced();
  await expect(detail.slaResolution).toHaveText(/ left$/);
  // Adding the note scrolled the panel to its form; the picture shows the ticket from its header.
  await detail.root.evaluate((panel) => panel.scrollTo(0, 0));
  await page.screenshot({ path: shotPath('ticket-detail') });

  await console.openUserMenu();
  await theme.selectOption('dark');
  await page.keyboard.press('Escape');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const code = (await detail.code.textContent()) ?? '';
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await console.openUserMenu();
  await expect(page.getByRole('combobox', { name: 'Theme' })).toHaveValue('dark');
  await page.keyboard.press('Escape');
  // The open ticket is view state, not kept over a reload: find it again as a technician would.
  await console.filter.fill(code);
  await console.row(code).click();
  await console.filter.fill('');
  await expect(detail.root).toBeVisible();
  await expect(detail.timeline).toContainText('router swap');
  await page.screenshot({ path: shotPath('ticket-detail-dark') });
});
