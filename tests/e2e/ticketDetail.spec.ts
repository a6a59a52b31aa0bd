import { makeTicketInput } from './support/factories';
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

  // Only the life cycle's next steps are offered: a new ticket can only be opened.
  await expect(detail.action('Mark open')).toBeVisible();
  await expect(detail.action('Resolve…')).toHaveCount(0);
  await detail.action('Mark open').click();
  await expect(detail.status).toHaveText('Open');

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
