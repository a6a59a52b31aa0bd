import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import type { Status } from '../../shared/domain/ticket';
import { PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { accountsPage } from './pages/accountsPage';
import { callDialog } from './pages/callDialog';
import { loginPage } from './pages/loginPage';
import { queuePage } from './pages/queuePage';
import { remoteSessions } from './pages/remoteSessions';
import { repliesPages } from './pages/replies';
import { statsPage } from './pages/statsPage';
import { trackPage } from './pages/trackPage';
import { apiSignIn, createTicketOnServer, pushAs } from './support/api';
import { expectNoSeriousA11yViolations } from './support/axe';
import { E2E_ADMIN_PASSWORD } from './support/env';
import { expect, test, type SignedInConsole } from './support/fixtures';
import { makeCreateArgs } from './support/tickets';

/**
 * Every screen of the console and of the tracking page, checked with axe in both themes: no
 * serious or critical violation (names, roles, labels, contrast, landmarks). The theme follows
 * the system's, so each page is emulated light or dark before it is walked.
 */

const THEMES = ['light', 'dark'] as const;
type Theme = (typeof THEMES)[number];

const paint = async (page: Page, theme: Theme) => {
  await page.emulateMedia({ colorScheme: theme });
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
};

const transitionOnServer = async (token: string, ticketId: string, steps: Array<[Status, Status]>) => {
  const mutations = steps.map(([from, to]) => ({ id: randomUUID(), name: 'ticket:transition' as const, args: { id: ticketId, from, to } }));
  await pushAs(token, { protocol: PROTOCOL_VERSION, clientId: `e2e-${randomUUID()}`, mutations });
};

/** The accessible names of the buttons in an ARIA snapshot, in order. */
const buttonNames = (snapshot: string): string[] => [...snapshot.matchAll(/^\s*- button "((?:[^"\\]|\\.)*)"/gm)].map((match) => match[1] ?? '');

const repeated = (names: readonly string[]): string[] => names.filter((name, index) => names.indexOf(name) !== index);

/** Opens a ticket by its code, as a technician would in a virtualised queue. */
const openTicket = async ({ console }: SignedInConsole, code: string) => {
  await console.filter.fill(code);
  await console.open(code);
  await console.filter.fill('');
  await expect(console.detail.code).toHaveText(code);
};

test('every control in the ticket panel says what it does: "Close panel" leaves the ticket as it is, "Close ticket" closes it', async ({ openConsole }) => {
  test.setTimeout(90_000);
  const { token } = await apiSignIn('tina');
  const ticket = makeCreateArgs();
  await createTicketOnServer(token, ticket);
  await pushAs(token, {
    protocol: PROTOCOL_VERSION,
    clientId: `e2e-${randomUUID()}`,
    mutations: [
      { id: randomUUID(), name: 'ticket:transition', args: { id: ticket.id, from: 'new', to: 'open' } },
      { id: randomUUID(), name: 'ticket:transition', args: { id: ticket.id, from: 'open', to: 'resolved', resolution: 'Reseated the dock cable.' } },
    ],
  });
  const tina = await openConsole('tina');
  const { page, console } = tina;
  const detail = console.detail;
  await openTicket(tina, ticket.code);
  await expect(detail.status).toHaveText('Resolved');
  const names = buttonNames(await detail.root.ariaSnapshot());
  expect(names).toEqual(expect.arrayContaining(['Close panel', 'Close ticket', 'Reopen', 'Copy code']));
  expect(repeated(names)).toEqual([]);
  await expect(page.getByRole('button', { name: /^Close/ })).toHaveText(['×', 'Close ticket']);

  // The panel's × closes the panel and leaves the ticket resolved.
  await detail.closePanel();
  await expect(detail.root).toHaveCount(0);
  await openTicket(tina, ticket.code);
  await expect(detail.status).toHaveText('Resolved');
  // The status button closes the ticket and leaves the panel open.
  await detail.action('Close ticket').click();
  await expect(detail.status).toHaveText('Closed');
  await expect(detail.root).toBeVisible();

  // The same in Bahasa Indonesia, where the two buttons must not both read "Tutup tiket".
  await console.openUserMenu();
  await console.languageMenu.selectOption('id');
  await page.keyboard.press('Escape');
  await expect(detail.status).toHaveText('Ditutup');
  const namesId = buttonNames(await detail.root.ariaSnapshot());
  expect(namesId).toEqual(expect.arrayContaining(['Tutup panel', 'Buka kembali']));
  expect(repeated(namesId)).toEqual([]);
  await detail.root.getByRole('button', { name: 'Tutup panel' }).click();
  await expect(detail.root).toHaveCount(0);
});

for (const theme of THEMES) {
  test.describe(`${theme} theme`, () => {
    test('sign-in and the caller tracking page, before and after a lookup', async ({ page }) => {
      test.setTimeout(120_000);
      await page.emulateMedia({ colorScheme: theme });
      const login = loginPage(page);
      await login.goto();
      await expect(login.heading).toBeVisible();
      await expectNoSeriousA11yViolations(page, 'sign-in');
      await login.signIn('tina', 'wrong-password');
      await expect(login.error).toBeVisible();
      await expectNoSeriousA11yViolations(page, 'sign-in with an error');

      // A resolved ticket with a public note: every part of the tracking page is shown.
      const { token } = await apiSignIn('tomas');
      const ticket = makeCreateArgs();
      await createTicketOnServer(token, ticket);
      await pushAs(token, {
        protocol: PROTOCOL_VERSION,
        clientId: `e2e-${randomUUID()}`,
        mutations: [
          { id: randomUUID(), name: 'ticket:transition', args: { id: ticket.id, from: 'new', to: 'open' } },
          { id: randomUUID(), name: 'note:add', args: { id: randomUUID(), ticketId: ticket.id, body: 'A new dock is on its way.', visibility: 'public' } },
          { id: randomUUID(), name: 'ticket:transition', args: { id: ticket.id, from: 'open', to: 'resolved', resolution: 'Replaced the dock.' } },
        ],
      });
      const caller = trackPage(page);
      await caller.goto();
      await expect(caller.heading).toBeVisible();
      await expectNoSeriousA11yViolations(page, 'track page');
      await caller.track(ticket.code);
      await expect(caller.resolution).toBeVisible();
      await expectNoSeriousA11yViolations(page, 'track page with a ticket');
      await caller.track('ZZZZ-ZZZZ');
      await expect(caller.message).toBeVisible();
      await expectNoSeriousA11yViolations(page, 'track page, unknown code');
    });

    test('the queue, its filters, bulk bar, palette, dialogs and the user menu', async ({ openConsole }) => {
      test.setTimeout(240_000);
      const tina = await openConsole('tina');
      const { page, console } = tina;
      await paint(page, theme);
      const queue = queuePage(page);
      await expectNoSeriousA11yViolations(page, 'queue');

      await queue.facet('Priority').selectOption('high');
      await expect(queue.facet('Priority')).toHaveValue('high');
      await expectNoSeriousA11yViolations(page, 'queue with a filter');
      await queue.facet('Priority').selectOption('');

      await queue.select((await queue.rows.nth(1).getAttribute('data-code')) ?? '').click();
      await expect(queue.bulk).toBeVisible();
      await expectNoSeriousA11yViolations(page, 'queue with the bulk bar');
      await queue.bulk.getByRole('button', { name: 'Clear selection' }).click();
      await expect(queue.bulk).toHaveCount(0);

      await queue.press('Control+k');
      await expect(queue.palette).toBeVisible();
      await expectNoSeriousA11yViolations(page, 'command palette');
      await page.keyboard.press('Escape');
      await expect(queue.palette).toHaveCount(0);

      await console.clickNewTicket();
      await expect(console.newTicketDialog.root).toBeVisible();
      await expectNoSeriousA11yViolations(page, 'new ticket dialog');
      await console.newTicketDialog.submit();
      await expect(console.newTicketDialog.root.locator('.field-error').first()).toBeVisible();
      await expectNoSeriousA11yViolations(page, 'new ticket dialog with errors');
      await page.keyboard.press('Escape');
      await expect(console.newTicketDialog.root).toHaveCount(0);

      const desk = callDialog(page);
      await desk.pressAnswerCall();
      await expect(desk.timer).toBeVisible();
      await expectNoSeriousA11yViolations(page, 'answer-call form');
      await desk.root.getByLabel('Requester name').fill('Greta Vogel');
      await expect(desk.root.getByTestId('caller-history').getByRole('listitem').first()).toBeVisible();
      await desk.root
        .getByTestId('caller-history')
        .getByRole('button', { name: /^Related to/ })
        .first()
        .click();
      await expectNoSeriousA11yViolations(page, 'answer-call form with the caller’s earlier tickets');
      // Closing the dialog before a ticket exists ends the call.
      await page.keyboard.press('Escape');
      await expect(desk.root).toHaveCount(0);

      await console.openUserMenu();
      await expect(console.themeMenu).toBeVisible();
      await expectNoSeriousA11yViolations(page, 'user menu');
      await page.keyboard.press('Escape');
    });

    test('the ticket detail: new, open with notes, the escalation form and a remote session', async ({ openConsole }) => {
      test.setTimeout(240_000);
      const { token } = await apiSignIn('tina');
      const ticket = makeCreateArgs();
      await createTicketOnServer(token, ticket);
      const tina = await openConsole('tina');
      const { page, console } = tina;
      await paint(page, theme);
      const detail = console.detail;
      await openTicket(tina, ticket.code);
      await expect(detail.status).toHaveText('New');
      await expectNoSeriousA11yViolations(page, 'ticket detail, new');

      // Taking a new ticket opens it.
      await detail.take();
      await expect(detail.status).toHaveText('Open');
      await detail.addNote('Asked the caller to restart the dock.', 'public');
      await expect(detail.timeline).toContainText('restart the dock');
      await detail.addNote('Dock firmware 1.2 is on the recall list.', 'internal');
      await expect(detail.timeline).toContainText('recall list');
      await expectNoSeriousA11yViolations(page, 'ticket detail, open, with notes');

      await page.keyboard.press('Alt+Q');
      await expect(repliesPages(page).pickerOptions.first()).toBeVisible();
      await expectNoSeriousA11yViolations(page, 'canned reply picker');
      await page.keyboard.press('Escape');

      await page.getByRole('button', { name: 'Escalate…' }).click();
      await expectNoSeriousA11yViolations(page, 'ticket detail, escalation form');
      await page.getByRole('form', { name: 'Escalate ticket' }).getByRole('button', { name: 'Cancel' }).click();

      const sessions = remoteSessions(page);
      await sessions.start({ tool: 'TeamViewer', target: 'FIN-PC-0142', consent: true });
      await expect(sessions.running).toBeVisible();
      await sessions.addStep('Cleared the print spooler.');
      await expect(sessions.runningSteps).toHaveCount(1);
      await expectNoSeriousA11yViolations(page, 'ticket detail, running remote session');
      await sessions.end('Resolved');
      await expect(sessions.past).toHaveCount(1);
      await sessions.unfold(0);
      await expectNoSeriousA11yViolations(page, 'ticket detail, past remote session');
    });

    test('the ticket detail: pending, resolved and closed', async ({ openConsole }) => {
      test.setTimeout(240_000);
      const { token } = await apiSignIn('tina');
      const ticket = makeCreateArgs();
      await createTicketOnServer(token, ticket);
      await transitionOnServer(token, ticket.id, [['new', 'open']]);
      const tina = await openConsole('tina');
      const { page, console } = tina;
      await paint(page, theme);
      const detail = console.detail;
      await openTicket(tina, ticket.code);
      await expect(detail.status).toHaveText('Open');

      await detail.action('Set pending').click();
      await expect(detail.status).toHaveText('Pending');
      await expectNoSeriousA11yViolations(page, 'ticket detail, pending');

      await detail.action('Resume').click();
      await detail.resolve('Replaced the docking station.');
      await expect(detail.status).toHaveText('Resolved');
      await expectNoSeriousA11yViolations(page, 'ticket detail, resolved');

      await detail.action('Close ticket').click();
      await expect(detail.status).toHaveText('Closed');
      await expectNoSeriousA11yViolations(page, 'ticket detail, closed');
    });

    test('the ticket detail: a problem with its incidents, and the link form with its matches', async ({ openConsole }) => {
      test.setTimeout(120_000);
      const { token } = await apiSignIn('tina');
      const [problem, incident, other] = [makeCreateArgs({ title: `Wi-Fi down on floor 2 ${randomUUID().slice(0, 6)}` }), makeCreateArgs(), makeCreateArgs()];
      for (const args of [problem, incident, other]) await createTicketOnServer(token, args);
      await pushAs(token, {
        protocol: PROTOCOL_VERSION,
        clientId: `e2e-${randomUUID()}`,
        mutations: [
          { id: randomUUID(), name: 'ticket:markProblem', args: { id: problem.id, isProblem: true } },
          { id: randomUUID(), name: 'ticket:link', args: { id: incident.id, otherId: problem.id, kind: 'problem' } },
        ],
      });
      const tina = await openConsole('tina');
      const { page, console } = tina;
      await paint(page, theme);
      await openTicket(tina, problem.code);
      await expect(console.detail.incidentCount).toHaveText('1 incident, 1 open');
      await expectNoSeriousA11yViolations(page, 'ticket detail, a problem with its incidents');

      await openTicket(tina, other.code);
      await page.keyboard.press('Alt+l');
      await console.detail.linkForm.getByLabel('Link as').selectOption({ label: 'Incident of problem' });
      await expect(console.detail.linkForm.getByRole('listbox', { name: 'Tickets found' }).getByRole('option')).not.toHaveCount(0);
      await expectNoSeriousA11yViolations(page, 'ticket detail, the link form with its matches');
    });

    test('a refused change: its banner on the ticket and the rejected changes dialog', async ({ openConsole }) => {
      test.setTimeout(120_000);
      const tomas = await apiSignIn('tomas');
      const ticket = makeCreateArgs();
      await createTicketOnServer(tomas.token, ticket);
      const tina = await openConsole('tina');
      const { page, context, console } = tina;
      await paint(page, theme);
      await openTicket(tina, ticket.code);
      await context.setOffline(true);
      await console.detail.action('Mark open').click();
      await expect(console.detail.status).toHaveText('Open');
      await transitionOnServer(tomas.token, ticket.id, [['new', 'open']]);
      await context.setOffline(false);
      await expect(console.detail.rejected).toHaveCount(1);
      await console.waitForSynced();
      await expectNoSeriousA11yViolations(page, 'ticket detail with a rejected banner');

      await console.rejected.click();
      await expect(console.rejectedItem(ticket.code)).toBeVisible();
      await expectNoSeriousA11yViolations(page, 'rejected changes dialog');
    });

    test('statistics for a supervisor', async ({ openConsole }) => {
      test.setTimeout(120_000);
      const { page } = await openConsole('sue');
      await paint(page, theme);
      const stats = statsPage(page);
      await stats.open();
      await expect(stats.chart('Resolved per technician').locator('svg').first()).toBeVisible();
      await expectNoSeriousA11yViolations(page, 'statistics');
    });

    test('canned replies for a supervisor: the list, the editor with a flagged placeholder, and deleting', async ({ openConsole }) => {
      test.setTimeout(120_000);
      const { page } = await openConsole('sue');
      await paint(page, theme);
      const replies = repliesPages(page);
      await replies.headerButton.click();
      await expect(replies.items.first()).toBeVisible();
      await expectNoSeriousA11yViolations(page, 'canned replies');
      await replies.write('Checked', 'Hello {{caller.name}} {{caller.phone}}');
      await expect(replies.unknownFlag).toBeVisible();
      await expectNoSeriousA11yViolations(page, 'canned reply editor with an unknown placeholder');
      await page.keyboard.press('Escape');
      await replies.items
        .first()
        .getByRole('button', { name: /^Delete/ })
        .click();
      await expect(page.getByRole('dialog', { name: 'Delete canned reply' })).toBeVisible();
      await expectNoSeriousA11yViolations(page, 'delete canned reply dialog');
      await page.keyboard.press('Escape');
    });

    test('accounts for an admin, and its dialogs', async ({ openConsole }) => {
      test.setTimeout(120_000);
      const { page } = await openConsole('admin', { password: E2E_ADMIN_PASSWORD });
      await paint(page, theme);
      const accounts = accountsPage(page);
      await accounts.openButton.click();
      await expect(accounts.row('tina')).toBeVisible();
      await expectNoSeriousA11yViolations(page, 'accounts');

      await accounts.newAccountButton.click();
      await accounts.newDialog.getByRole('button', { name: 'Create account' }).click();
      await expect(accounts.newDialog.getByRole('alert').or(accounts.newDialog.locator('.field-error')).first()).toBeVisible();
      await expectNoSeriousA11yViolations(page, 'new account dialog with errors');
      await accounts.newDialog.getByRole('button', { name: 'Close dialog' }).click();

      await accounts.row('tina').getByRole('button', { name: 'Change tina' }).click();
      await expect(accounts.changeDialog('tina')).toBeVisible();
      await expectNoSeriousA11yViolations(page, 'change account dialog');
      await page.keyboard.press('Escape');

      await accounts.row('tina').getByRole('button', { name: 'Set a new password for tina' }).click();
      await expect(accounts.passwordDialog('tina')).toBeVisible();
      await expectNoSeriousA11yViolations(page, 'set password dialog');
      await page.keyboard.press('Escape');

      await accounts.row('tina').getByRole('button', { name: 'Deactivate tina' }).click();
      await expect(accounts.confirmDialog('Deactivate tina?')).toBeVisible();
      await expectNoSeriousA11yViolations(page, 'deactivate dialog');
      await page.keyboard.press('Escape');
    });
  });
}
