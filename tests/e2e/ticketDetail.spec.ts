import { apiSignIn, createTicketOnServer } from './support/api';
import { makeTicketInput } from './support/factories';
import { makeCreateArgs } from './support/tickets';
import { expect, test } from './support/fixtures';

test('a ticket is taken, escalated, noted and resolved through the local rules', async ({ openConsole }) => {
  const { console } = await openConsole('tina');
  await console.clickNewTicket();
  await console.newTicketDialog.fill(makeTicketInput());
  await console.newTicketDialog.submit();
  await console.newTicketDialog.openTicket();
  const detail = console.detail;
  await expect(detail.status).toHaveText('New');
  // The SLA countdowns tick live in the header.
  const firstResponse = detail.slaFirstResponse;
  await expect(firstResponse).toHaveText(/ left$/);
  const before = await firstResponse.textContent();
  await expect(firstResponse).not.toHaveText(before ?? '');
  await expect(detail.slaResolution).toHaveAttribute('data-state', 'ok');

  await detail.take();
  const me = (await console.user.locator('.user-name').textContent()) ?? '';
  await expect(detail.assignee).toHaveText(me);
  await expect(detail.action('Take')).toHaveCount(0);

  // Taking a new ticket opens it; only the life cycle's next steps are offered then.
  await expect(detail.status).toHaveText('Open');
  await expect(detail.action('Mark open')).toHaveCount(0);
  await expect(detail.action('Set pending')).toBeVisible();

  await detail.resolve('   ');
  await expect(detail.refusal).toHaveText('Resolving a ticket needs a resolution text.');

  await detail.addNote('Asked the caller to restart Outlook.', 'internal');
  await expect(detail.timeline).toContainText('Asked the caller to restart Outlook.');

  await detail.escalate('');
  await expect(detail.refusal).toHaveText('An escalation needs a reason.');
  await detail.escalate('Mailbox permissions need an Exchange admin.');
  await expect(detail.tier).toHaveText('Tier 2');
  await expect(detail.assignee).toHaveText('Unassigned');
  await expect(detail.timeline).toContainText('escalated from tier 1 to tier 2');

  await detail.resolve('Permissions fixed on the shared mailbox.');
  await expect(detail.status).toHaveText('Resolved');
  await console.waitForSynced();
  await expect(detail.root.page().getByTestId('sync-last')).toHaveText('Last synced now');
});

test('fields are edited in place, the ticket is assigned to a colleague, and a resolved ticket is reopened', async ({ openConsole }) => {
  const { console } = await openConsole('tina');
  await console.clickNewTicket();
  await console.newTicketDialog.fill(makeTicketInput({ title: 'Scanner on floor 2 offline' }));
  await console.newTicketDialog.submit();
  await console.newTicketDialog.openTicket();
  const detail = console.detail;

  // The form is prefilled; a blank title is refused by the rules and nothing changes.
  await detail.edit({ title: '   ' });
  await expect(detail.refusal).toContainText('title: must not be blank');
  await expect(detail.title).toHaveText('Scanner on floor 2 offline');
  await detail.edit({ title: 'Scanner on floor 2 offline after update', priority: 'urgent' });
  await expect(detail.title).toHaveText('Scanner on floor 2 offline after update');
  await expect(detail.priority).toHaveText('Urgent');
  await expect(detail.timeline).toContainText('changed the priority');
  await expect(detail.timeline).toContainText('High → Urgent');

  // Any active technician can be chosen; the select starts at the current assignee.
  await detail.assignTo('Sam Okoye');
  await expect(detail.assignee).toHaveText('Sam Okoye');
  await expect(detail.timeline).toContainText('assigned the ticket to Sam Okoye');
  // Given to someone, a new ticket is open; unassigned again, it stays open.
  await expect(detail.status).toHaveText('Open');
  await detail.assignTo('Unassigned');
  await expect(detail.assignee).toHaveText('Unassigned');
  await expect(detail.status).toHaveText('Open');

  await detail.resolve('Driver reinstalled.');
  await expect(detail.status).toHaveText('Resolved');
  // A resolved ticket offers only closing and reopening.
  await expect(detail.action('Reopen')).toBeVisible();
  await expect(detail.action('Set pending')).toHaveCount(0);
  await expect(detail.action('Escalate…')).toHaveCount(0);
  await detail.action('Reopen').click();
  await expect(detail.status).toHaveText('Open');
  await expect(detail.timeline).toContainText('reopened the ticket (was resolved)');
  await console.waitForSynced();
});

test('in Bahasa Indonesia the ticket detail speaks Indonesian', async ({ openConsole }) => {
  const { token } = await apiSignIn('tomas');
  const ticket = makeCreateArgs({ priority: 'high' });
  await createTicketOnServer(token, ticket);
  const { page, console } = await openConsole('tina');
  await page.evaluate("localStorage.setItem('meja.language', 'id')");
  await page.reload();
  await console.waitForFirstSync();
  // The queue is virtualised: find the ticket by its code, through the Indonesian filter.
  await page.getByLabel('Saring tiket').fill(ticket.code);
  await page.locator(`tbody tr[data-code="${ticket.code}"]`).click();
  const detail = console.detail;
  await expect(detail.status).toHaveText('Baru');
  await expect(detail.priority).toHaveText('Tinggi');
  await expect(detail.root.getByText('Tomás Rivera membuat tiket')).toBeVisible();
  await expect(detail.root.getByRole('toolbar', { name: 'Tindakan tiket' }).getByRole('button', { name: 'Mulai kerjakan' })).toBeVisible();
  await expect(detail.slaFirstResponse).toHaveText(/^sisa /);
  await detail.root.getByRole('button', { name: 'Ambil', exact: true }).click();
  await expect(detail.root.getByRole('list', { name: 'Linimasa' })).toContainText('mengambil tiket');
  await expect(detail.root.getByRole('heading', { name: 'Riwayat' })).toBeVisible();
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.screenshot({ path: test.info().outputPath('detail-id-light.png') });
  await page.evaluate("localStorage.setItem('meja.theme', 'dark')");
  await page.reload();
  await page.getByLabel('Saring tiket').fill(ticket.code);
  await page.locator(`tbody tr[data-code="${ticket.code}"]`).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  // Taken, it is open.
  await expect(detail.status).toHaveText('Dikerjakan');
  await page.screenshot({ path: test.info().outputPath('detail-id-dark.png') });
});
