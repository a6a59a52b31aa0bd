import { apiSignIn, createTicketOnServer, serverTickets } from './support/api';
import { expect, test } from './support/fixtures';
import { makeCreateArgs } from './support/tickets';

test('two technicians with the same ticket open see each other’s changes without a reload', async ({ openConsole }) => {
  const { token, user: tomas } = await apiSignIn('tomas');
  const ticket = makeCreateArgs({ priority: 'normal' });
  await createTicketOnServer(token, ticket);

  const tina = await openConsole('tina');
  const sam = await openConsole('sam');
  for (const { console } of [tina, sam]) {
    await console.filter.fill(ticket.code);
    await console.open(ticket.code);
    await expect(console.detail.priority).toHaveText('Normal');
  }

  await tina.console.detail.addNote('Caller says the dock worked yesterday.', 'public');
  await tina.console.detail.edit({ priority: 'urgent' });
  await expect(tina.console.detail.priority).toHaveText('Urgent');

  // Sam's open detail follows the server's change feed: no reload, no click.
  await expect(sam.console.detail.timeline).toContainText('Caller says the dock worked yesterday.');
  await expect(sam.console.detail.timeline).toContainText('Tina Tamm added a public note');
  await expect(sam.console.detail.priority).toHaveText('Urgent');
  await expect(sam.console.detail.timeline).toContainText('Normal → Urgent');

  await sam.console.detail.assignTo('Tomás Rivera');
  await expect(sam.console.detail.assignee).toHaveText('Tomás Rivera');
  await expect(tina.console.detail.assignee).toHaveText('Tomás Rivera');
  await expect(tina.console.detail.timeline).toContainText('Sam Okoye assigned the ticket to Tomás Rivera');

  await sam.console.waitForSynced();
  const onServer = (await serverTickets(token)).get(ticket.id);
  expect(onServer).toMatchObject({ priority: 'urgent', assigneeId: tomas.id });
});
