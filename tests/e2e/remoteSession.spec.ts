import { clockSeconds, remoteSessions } from './pages/remoteSessions';
import { apiSignIn, createTicketOnServer } from './support/api';
import { expect, test } from './support/fixtures';
import { makeCreateArgs } from './support/tickets';

const SCREENSHOT = 'docs/screenshots/ticket-remote-session.png';

test('log a remote session: steps survive a reload, the timer keeps its start, and a colleague sees the ended session', async ({ openConsole }) => {
  // Two browsers and a reload: more than the default 30 s on a shared machine.
  test.setTimeout(60_000);
  const { token } = await apiSignIn('tina');
  const ticket = makeCreateArgs({ title: 'Printer queue stuck on the finance floor', requester: { name: 'Grace Hopper', contact: 'ext. 2291' } });
  await createTicketOnServer(token, ticket);

  const { page, console } = await openConsole('tina');
  await console.openUserMenu();
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('light');
  await page.keyboard.press('Escape');
  const openTicket = async () => {
    // The queue is virtualised: find the ticket by its code, as a technician would.
    await console.filter.fill(ticket.code);
    await console.open(ticket.code);
    await console.filter.fill('');
    await expect(console.detail.root).toBeVisible();
  };
  await openTicket();
  const sessions = remoteSessions(page);
  await expect(sessions.total).toHaveCount(0);

  // A remote tool needs the caller's consent first.
  await sessions.start({ tool: 'TeamViewer', target: 'FIN-PC-0142', consent: false });
  await expect(sessions.refusal).toHaveText('A remote session needs the caller’s consent first.');
  await expect(sessions.running).toHaveCount(0);

  await sessions.start({ tool: 'TeamViewer', target: 'FIN-PC-0142', consent: true });
  await expect(sessions.running).toContainText('TeamViewer');
  await expect(sessions.running).toContainText('FIN-PC-0142');
  const runningSince = Date.now();
  await expect(sessions.startForm).toHaveCount(0);
  // The step box takes the focus at once; Enter adds a step, clears the box and keeps the focus.
  await expect(sessions.stepBox).toBeFocused();
  await sessions.addStep('Connected; the caller sees my cursor');
  await expect(sessions.stepBox).toHaveValue('');
  await expect(sessions.stepBox).toBeFocused();
  await sessions.addStep('Print queue holds 37 jobs from the payroll export');
  await expect(sessions.runningSteps).toHaveText(
    ['Connected; the caller sees my cursor', 'Print queue holds 37 jobs from the payroll export'].map((text) => new RegExp(`${text}$`)),
  );
  // Let the clock run a few seconds, so a timer that restarted on reload would show less than it should.
  await expect(sessions.clock).toHaveText(/^00:00:(0[3-9]|[1-5]\d)$/);

  await page.reload();
  await console.waitForFirstSync();
  await openTicket();
  await expect(sessions.running).toBeVisible();
  await expect(sessions.runningSteps).toHaveCount(2);
  await expect(sessions.runningSteps.nth(1)).toContainText('payroll export');
  const sinceStart = (Date.now() - runningSince) / 1000;
  // The clock counts from the saved start: at least the time since the session ran, less a tick.
  expect(clockSeconds((await sessions.clock.textContent()) ?? '')).toBeGreaterThanOrEqual(Math.floor(sinceStart) - 1);
  await sessions.addStep('Restarted the Print Spooler service; test page printed');
  await expect(sessions.runningSteps).toHaveCount(3);

  await console.waitForSynced();
  await sessions.running.scrollIntoViewIfNeeded();
  await page.screenshot({ path: SCREENSHOT });

  // An outcome is chosen before the session ends.
  await sessions.end(null);
  await expect(sessions.refusal).toHaveText('Choose the outcome before ending the session.');
  await sessions.end('Resolved');
  await expect(sessions.running).toHaveCount(0);
  await expect(sessions.startForm).toBeVisible();
  await expect(sessions.past).toHaveCount(1);
  const past = sessions.past.first();
  await expect(past).toContainText('TeamViewer');
  await expect(past).toContainText('FIN-PC-0142');
  await expect(past).toContainText('Tina Tamm');
  await expect(past.getByTestId('session-outcome')).toHaveText('Resolved');
  await expect(past.getByTestId('session-duration')).toHaveText(/^\d+ seconds?$|^\d+ minutes?$/);
  await expect(past).toContainText('3 steps');
  await sessions.unfold(0);
  await expect(sessions.pastSteps(0)).toHaveCount(3);
  await expect(sessions.total).toHaveText(/^Total time in sessions: \d+ (seconds?|minutes?)$/);
  await console.waitForSynced();

  // A colleague sees the ended session as the server has it.
  const sam = await openConsole('sam');
  await sam.console.filter.fill(ticket.code);
  await sam.console.open(ticket.code);
  const samSessions = remoteSessions(sam.page);
  await expect(samSessions.past).toHaveCount(1);
  await expect(samSessions.past.first()).toContainText('Tina Tamm');
  await expect(samSessions.past.first().getByTestId('session-outcome')).toHaveText('Resolved');
  await expect(samSessions.past.first().getByTestId('session-duration')).toHaveText((await past.getByTestId('session-duration').textContent()) ?? '');
  await samSessions.unfold(0);
  await expect(samSessions.pastSteps(0)).toHaveText([/Connected; the caller sees my cursor$/, /payroll export$/, /test page printed$/]);
  // Sam started nothing here: the start form is his, tina's session is only listed.
  await expect(samSessions.running).toHaveCount(0);
  await expect(samSessions.startForm).toBeVisible();
});
