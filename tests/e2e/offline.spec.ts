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
  await pushAs(tomas.token, { protocol: PROTOCOL_VERSION, clientId: `e2e-${randomUUID()}`, mutations: [{ id: randomUUID(), name: 'ticket:transition', args: { id: ticket.id, from: 'new', to: 'open' } }] });
  await context.setOffline(false);

  await expect(console.rejected).toHaveText('1 change rejected');
  await console.rejected.click();
  const dialog = console.rejectedDialog;
  await expect(dialog).toContainText('Change status');
  await expect(dialog).toContainText(ticket.code);
  await expect(dialog).toContainText('The ticket is open now, not new.');
  await console.waitForSynced();
});
