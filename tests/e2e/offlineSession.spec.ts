import { remoteSessions } from './pages/remoteSessions';
import { makeTicketInput } from './support/factories';
import { expect, test } from './support/fixtures';

test('a technician offline creates a ticket, adds a note and a remote session, reloads, comes back online, and it all reaches the server and a colleague', async ({
  openConsole,
}) => {
  // Two browsers, a reload and a sync: more than the default 30 s on a shared machine.
  test.setTimeout(60_000);
  const sam = await openConsole('sam');
  const { context, page, console } = await openConsole('tina');
  await console.waitForOfflineShell();

  await context.setOffline(true);
  await console.pressNewTicket();
  const input = makeTicketInput({ title: `Laptop cannot reach the VPN from home ${Date.now().toString(36)}` });
  await console.newTicketDialog.fill(input);
  await console.newTicketDialog.submit();
  await expect(console.newTicketDialog.number).toHaveText('not yet synced');
  const code = (await console.newTicketDialog.code.textContent()) ?? '';
  await console.newTicketDialog.openTicket();
  await expect(console.detail.code).toHaveText(code);

  await console.detail.addNote('Caller works from home today; VPN client shows error 809.', 'internal');
  await expect(console.detail.timeline).toContainText('error 809');
  const sessions = remoteSessions(page);
  await sessions.start({ tool: 'AnyDesk', target: 'LT-HR-0231', consent: true });
  await expect(sessions.running).toBeVisible();
  await sessions.addStep('Home router blocks GRE; switched the client to SSTP');
  await expect(sessions.runningSteps).toHaveCount(1);
  await sessions.end('Follow-up needed');
  await expect(sessions.past).toHaveCount(1);
  // The ticket, the note, and the session's start, step and end: five changes wait in the outbox.
  await console.expectPending(5);
  await expect(console.sync).toHaveAttribute('data-state', 'offline');

  // The web console reloads from its service worker without a network; the work is in the cache.
  await page.reload();
  await console.filter.fill(code);
  await expect(console.row(code)).toContainText('not yet synced');
  await console.open(code);
  await console.filter.fill('');
  await expect(console.detail.timeline).toContainText('error 809');
  await expect(sessions.past).toHaveCount(1);
  await expect(sessions.past.first().getByTestId('session-outcome')).toHaveText('Follow-up needed');
  await console.expectPending(5);

  await context.setOffline(false);
  await console.waitForSynced();
  await expect(console.detail.number).toHaveText(/#\d+/);

  // Sam's console, open all along, gets the ticket live and sees the note and the ended session.
  await sam.console.filter.fill(code);
  await sam.console.open(code);
  await expect(sam.console.detail.number).toHaveText(/#\d+/);
  await expect(sam.console.detail.timeline).toContainText('VPN client shows error 809');
  const samSessions = remoteSessions(sam.page);
  await expect(samSessions.past).toHaveCount(1);
  const session = samSessions.past.first();
  await expect(session).toContainText('AnyDesk');
  await expect(session).toContainText('LT-HR-0231');
  await expect(session).toContainText('Tina Tamm');
  await expect(session.getByTestId('session-outcome')).toHaveText('Follow-up needed');
  await samSessions.unfold(0);
  await expect(samSessions.pastSteps(0)).toHaveText([/switched the client to SSTP$/]);
});
