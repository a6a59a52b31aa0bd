import { randomUUID } from 'node:crypto';
import type { MutationArgsMap } from '../../shared/domain/mutationArgs';
import { PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { apiSignIn, createTicketOnServer, pushAs, serverTickets } from './support/api';
import { expect, test, type SignedInConsole } from './support/fixtures';
import { makeCreateArgs } from './support/tickets';

/** A ticket on the server, made by tomas and already moved to `open` when asked. */
const arrangeTicket = async (status: 'new' | 'open') => {
  const { token } = await apiSignIn('tomas');
  const ticket = makeCreateArgs();
  await createTicketOnServer(token, ticket);
  if (status === 'open') {
    const args: MutationArgsMap['ticket:transition'] = { id: ticket.id, from: 'new', to: 'open' };
    await pushAs(token, { protocol: PROTOCOL_VERSION, clientId: `e2e-${randomUUID()}`, mutations: [{ id: randomUUID(), name: 'ticket:transition', args }] });
  }
  return { ticket, token };
};

/**
 * Waits until the server holds Sam's change, so Tina's queued one arrives after it. Sam's sync
 * indicator is not enough: it can still read "idle, nothing pending" in the instant after his
 * click, before his change is queued, and then Tina's push could win the race (seen in CI).
 */
const serverHas = async (token: string, ticketId: string, fields: { status: string }) => {
  await expect.poll(async () => (await serverTickets(token)).get(ticketId)?.status).toBe(fields.status);
};

const openTicket = async ({ console }: SignedInConsole, code: string) => {
  await console.filter.fill(code);
  await console.open(code);
  await expect(console.detail.code).toHaveText(code);
};

test('a status change refused because another technician resolved the ticket is shown to the loser, who discards it', async ({ openConsole }) => {
  const { ticket, token } = await arrangeTicket('open');
  const tina = await openConsole('tina');
  const sam = await openConsole('sam');
  await openTicket(tina, ticket.code);
  await openTicket(sam, ticket.code);
  await expect(tina.console.detail.status).toHaveText('Open');

  await tina.context.setOffline(true);
  await tina.console.detail.action('Set pending').click();
  await expect(tina.console.detail.status).toHaveText('Pending');
  await sam.console.detail.resolve('Dock firmware updated.');
  await serverHas(token, ticket.id, { status: 'resolved' });

  await tina.context.setOffline(false);
  const detail = tina.console.detail;
  await expect(detail.rejected).toHaveCount(1);
  await expect(detail.rejected).toHaveAttribute('role', 'alert');
  await expect(detail.rejected).toContainText('Your status change to Pending was refused.');
  await expect(detail.rejected).toContainText('Reason: The ticket is resolved now, not open.');
  await expect(detail.rejectedServerValue).toHaveText('The server has: Resolved by Sam Okoye');
  // Her cache has the server's state, not her refused guess.
  await expect(detail.status).toHaveText('Resolved');
  await expect(tina.console.rejected).toHaveText('1 change rejected');
  await tina.page.screenshot({ path: test.info().outputPath('rejected-banner.png') });

  await detail.discardRejected();
  await expect(detail.rejected).toHaveCount(0);
  await expect(tina.console.rejected).toHaveCount(0);
  expect((await serverTickets(token)).get(ticket.id)?.status).toBe('resolved');
});

test('an escalation refused because the ticket was resolved succeeds on Retry once the ticket is reopened', async ({ openConsole }) => {
  const { ticket, token } = await arrangeTicket('open');
  const tina = await openConsole('tina');
  const sam = await openConsole('sam');
  await openTicket(tina, ticket.code);
  await openTicket(sam, ticket.code);

  await tina.context.setOffline(true);
  await tina.console.detail.escalate('Docking firmware needs a tier 2 tool.');
  await expect(tina.console.detail.tier).toHaveText('Tier 2');
  await sam.console.detail.resolve('Replugged the dock.');
  await serverHas(token, ticket.id, { status: 'resolved' });

  await tina.context.setOffline(false);
  const detail = tina.console.detail;
  await expect(detail.rejected).toContainText('Escalating to tier 2 was refused.');
  await expect(detail.rejected).toContainText('A resolved ticket cannot be escalated; reopen it first.');
  await expect(detail.rejectedServerValue).toHaveText('The server has: Resolved by Sam Okoye and tier 1');
  await tina.page.evaluate("localStorage.setItem('meja.theme', 'dark')");
  await tina.page.reload();
  await tina.console.waitForFirstSync();
  await openTicket(tina, ticket.code);
  await expect(detail.rejected).toHaveCount(1);
  await tina.page.screenshot({ path: test.info().outputPath('rejected-banner-dark.png') });
  await expect(detail.tier).toHaveText('Tier 1');

  // As the reason says: reopen first, then the same escalation applies.
  await detail.action('Reopen').click();
  await expect(detail.status).toHaveText('Open');
  await detail.retryRejected();
  await expect(detail.rejected).toHaveCount(0);
  await expect(detail.tier).toHaveText('Tier 2');
  await tina.console.waitForSynced();
  expect((await serverTickets(token)).get(ticket.id)).toMatchObject({ status: 'open', tier: 2 });
  // Sam sees the outcome live.
  await expect(sam.console.detail.tier).toHaveText('Tier 2');
});

test('a status change refused because the status moved is retried from the status the ticket has now', async ({ openConsole }) => {
  const { ticket, token } = await arrangeTicket('new');
  const tina = await openConsole('tina');
  const sam = await openConsole('sam');
  await openTicket(tina, ticket.code);
  await openTicket(sam, ticket.code);

  await tina.context.setOffline(true);
  await tina.console.detail.action('Mark open').click();
  await sam.console.detail.action('Mark open').click();
  await sam.console.detail.action('Set pending').click();
  await serverHas(token, ticket.id, { status: 'pending' });

  await tina.context.setOffline(false);
  const detail = tina.console.detail;
  await expect(detail.rejected).toContainText('Your status change to Open was refused.');
  await expect(detail.rejected).toContainText('The ticket is pending now, not new.');
  await expect(detail.rejectedServerValue).toHaveText('The server has: Pending');
  await expect(detail.status).toHaveText('Pending');

  await detail.retryRejected();
  await expect(detail.rejected).toHaveCount(0);
  await expect(detail.status).toHaveText('Open');
  await tina.console.waitForSynced();
  expect((await serverTickets(token)).get(ticket.id)?.status).toBe('open');
  await expect(sam.console.detail.status).toHaveText('Open');
});
