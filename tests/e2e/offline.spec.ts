import type { Status } from '../../shared/domain/ticket';
import { PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { randomUUID } from 'node:crypto';
import { apiSignIn, createTicketOnServer, pushAs, serverTickets } from './support/api';
import { makeTicketInput } from './support/factories';
import { expect, test } from './support/fixtures';
import { makeCreateArgs } from './support/tickets';

test('work done offline survives a reload and reaches the server when the network returns', async ({ openConsole }) => {
  const { token } = await apiSignIn('tina');
  const existing = makeCreateArgs();
  await createTicketOnServer(token, existing);

  const { context, page, console } = await openConsole('tina');
  await expect(console.row(existing.code)).toBeVisible();
  await console.waitForOfflineShell();

  await context.setOffline(true);
  // A status change on a synced ticket.
  await console.open(existing.code);
  await console.detail.action('Mark open').click();
  await expect(console.detail.status).toHaveText('Open');
  // A new ticket, code at once, no number.
  await console.pressNewTicket();
  const input = makeTicketInput();
  await console.newTicketDialog.fill(input);
  await console.newTicketDialog.submit();
  await expect(console.newTicketDialog.code).toHaveText(/^\w{4}-\w{4}$/);
  const created = (await console.newTicketDialog.code.textContent()) ?? '';
  await expect(console.newTicketDialog.number).toHaveText('not yet synced');
  await console.newTicketDialog.close();
  await console.expectPending(2);
  await expect(console.sync).toHaveAttribute('data-state', 'offline');

  await page.reload();
  await expect(console.row(created)).toContainText('not yet synced');
  await expect(console.row(existing.code)).toContainText('Open');
  await console.expectPending(2);

  await context.setOffline(false);
  await console.waitForSynced();
  await expect(console.row(created)).toContainText(/#\d+/);

  const onServer = [...(await serverTickets(token)).values()];
  expect(onServer.find((ticket) => ticket.code === existing.code)?.status).toBe('open');
  const arrived = onServer.find((ticket) => ticket.code === created);
  expect(arrived).toMatchObject({ title: input.title, status: 'new' });
  expect(arrived?.number).toEqual(expect.any(Number));
});

const transitionOnServer = async (token: string, ticketId: string, steps: Array<[Status, Status]>) => {
  const mutations = steps.map(([from, to]) => ({ id: randomUUID(), name: 'ticket:transition', args: { id: ticketId, from, to } }));
  await pushAs(token, { protocol: PROTOCOL_VERSION, clientId: `e2e-${randomUUID()}`, mutations });
};

test('a change the server refuses is counted and shown with its reason', async ({ openConsole }) => {
  const tomas = await apiSignIn('tomas');
  const ticket = makeCreateArgs();
  await createTicketOnServer(tomas.token, ticket);

  const { context, console } = await openConsole('tina');
  await console.open(ticket.code);
  await context.setOffline(true);
  await console.detail.action('Mark open').click();
  await expect(console.detail.status).toHaveText('Open');
  // Meanwhile tomas opens the same ticket on the server, so tina's change no longer applies.
  await transitionOnServer(tomas.token, ticket.id, [['new', 'open']]);
  await context.setOffline(false);

  await expect(console.rejected).toHaveText('1 change rejected');
  await console.rejected.click();
  const item = console.rejectedItem(ticket.code);
  await expect(item).toContainText(ticket.title);
  await expect(item).toContainText('Your status change to Open was refused.');
  await expect(item).toContainText('The ticket is open now, not new.');
  await expect(item.getByTestId('rejected-server')).toHaveText('The server has: Open');
  await console.waitForSynced();

  // The ticket opens from the list, where its own banner says the same.
  await console.rejectedDialog.getByRole('button', { name: `Open ticket ${ticket.code}` }).click();
  await expect(console.rejectedDialog).toHaveCount(0);
  await expect(console.detail.code).toHaveText(ticket.code);
  await expect(console.detail.rejected).toContainText('Your status change to Open was refused.');
});

test('in the rejected list, Discard lets a change go and Retry sends it again from the status the ticket has now', async ({ openConsole }, testInfo) => {
  const tomas = await apiSignIn('tomas');
  const discarded = makeCreateArgs();
  const retried = makeCreateArgs();
  await createTicketOnServer(tomas.token, discarded);
  await createTicketOnServer(tomas.token, retried);

  const { context, page, console } = await openConsole('tina');
  await context.setOffline(true);
  for (const ticket of [discarded, retried]) {
    await console.filter.fill(ticket.code);
    await console.open(ticket.code);
    await console.detail.action('Mark open').click();
    await expect(console.detail.status).toHaveText('Open');
  }
  await transitionOnServer(tomas.token, discarded.id, [['new', 'open']]);
  await transitionOnServer(tomas.token, retried.id, [
    ['new', 'open'],
    ['open', 'pending'],
  ]);
  await context.setOffline(false);

  await expect(console.rejected).toHaveText('2 changes rejected');
  await console.rejected.click();
  await expect(console.rejectedItems).toHaveCount(2);
  await expect(console.rejectedItem(retried.code)).toContainText('The ticket is pending now, not new.');
  await expect(console.rejectedItem(retried.code).getByTestId('rejected-server')).toHaveText('The server has: Pending');
  await page.screenshot({ path: testInfo.outputPath('rejected-list.png') });

  await console.rejectedItem(discarded.code).getByRole('button', { name: 'Discard' }).click();
  await expect(console.rejectedItems).toHaveCount(1);
  await expect(console.rejectedItem(discarded.code)).toHaveCount(0);
  await expect(console.rejected).toHaveText('1 change rejected');

  await console.rejectedItem(retried.code).getByRole('button', { name: 'Retry' }).click();
  await expect(console.rejectedDialog).toContainText('No rejected changes.');
  await expect(console.rejected).toHaveCount(0);
  await console.waitForSynced();
  const onServer = await serverTickets(tomas.token);
  expect(onServer.get(retried.id)?.status).toBe('open');
  // Discarded means let go: the server keeps tomas's status.
  expect(onServer.get(discarded.id)?.status).toBe('open');
  await page.keyboard.press('Escape');
  await expect(console.rejectedDialog).toHaveCount(0);
});
