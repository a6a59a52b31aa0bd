import { mkdirSync } from 'node:fs';
import { callerLinkKinds } from '../../shared/domain/callerHistory';
import type { Ticket } from '../../shared/domain/ticket';
import { callDialog } from './pages/callDialog';
import { callerHistory } from './pages/callerHistory';
import { apiSignIn, serverTickets } from './support/api';
import { makeTicketInput } from './support/factories';
import { expect, test } from './support/fixtures';

const STATUS_TEXT: Record<Ticket['status'], string> = { new: 'New', open: 'Open', pending: 'Pending', resolved: 'Resolved', closed: 'Closed' };

/** The demo caller who reported "Mailbox full, cannot send" again and again, newest first, as the server has them. */
const gretasTickets = async (token: string): Promise<Ticket[]> =>
  [...(await serverTickets(token)).values()].filter((ticket) => ticket.requester.name === 'Greta Vogel').sort((a, b) => b.createdAt.localeCompare(a.createdAt));

test('typing a caller’s name on a call lists their earlier tickets, offline too, and the new ticket is linked to the one picked by keyboard', async ({
  openConsole,
}) => {
  const { token } = await apiSignIn('tina');
  const greta = await gretasTickets(token);
  // The demo desk: the same caller, the same complaint, tickets #12, #28 and #44 among them, none linked.
  expect(greta.map((ticket) => ticket.number)).toEqual(expect.arrayContaining([12, 28, 44]));
  expect(greta.every((ticket) => ticket.title === 'Mailbox full, cannot send' && (ticket.links ?? []).length === 0)).toBe(true);

  const { context, page, console } = await openConsole('tina');
  const desk = callDialog(page);
  const history = callerHistory(page);
  await context.setOffline(true);
  await expect(console.sync).toHaveAttribute('data-state', 'offline');

  await desk.pressAnswerCall();
  await expect(history.root).toContainText('Type the caller’s name or contact');
  // Typed as a caller spells it out, in another case: the same requester by the statistics' rule.
  await desk.root.getByLabel('Requester name').pressSequentially('greta vogel');
  await expect.poll(() => history.ids()).toEqual(greta.slice(0, 8).map((ticket) => ticket.id));
  for (const ticket of greta) {
    const item = history.item(ticket.id);
    await expect(item).toContainText(`#${String(ticket.number)}`);
    await expect(item).toContainText(ticket.code);
    await expect(item).toContainText(STATUS_TEXT[ticket.status]);
  }
  mkdirSync('docs/screenshots', { recursive: true });
  await page.screenshot({ path: 'docs/screenshots/call-caller-history.png' });

  // Keyboard only: Alt+H reaches the newest ticket's first choice, Enter picks it.
  const newest = greta[0];
  if (newest === undefined) throw new Error('the demo has no tickets of Greta Vogel');
  const [kind] = callerLinkKinds(newest);
  const choice = kind === 'duplicate' ? `Same problem as #${String(newest.number)}` : `Related to #${String(newest.number)}`;
  await page.keyboard.press('Alt+H');
  await expect(history.item(newest.id).getByRole('button', { name: choice })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(history.item(newest.id).getByRole('button', { name: choice })).toHaveAttribute('aria-pressed', 'true');
  await expect(history.summary).toContainText(`#${String(newest.number)}`);

  const input = makeTicketInput({ title: `Mailbox full again ${newest.id.slice(0, 6)}` });
  // The contact finds the same tickets: the list and the pick stay.
  await desk.root.getByLabel('Contact').fill('ext. 1990');
  await desk.root.getByLabel('Title').fill(input.title);
  await expect.poll(() => history.ids()).toEqual(greta.slice(0, 8).map((ticket) => ticket.id));
  await expect(history.summary).toContainText(`#${String(newest.number)}`);
  await desk.form.submit();
  await expect(desk.form.code).toHaveText(/^\w{4}-\w{4}$/);
  await expect(desk.root.getByTestId('created-link')).toHaveText(
    kind === 'duplicate' ? `Linked as the same problem as #${String(newest.number)}.` : `Linked to #${String(newest.number)} as related.`,
  );
  const code = (await desk.form.code.textContent()) ?? '';
  await desk.endCall();
  await desk.form.close();

  await context.setOffline(false);
  await console.waitForSynced();
  const onServer = [...(await serverTickets(token)).values()];
  const made = onServer.find((ticket) => ticket.code === code);
  const earlier = onServer.find((ticket) => ticket.id === newest.id);
  expect(made?.links).toEqual([{ otherId: newest.id, kind: kind === 'duplicate' ? 'original' : 'related' }]);
  expect(earlier?.links).toEqual([{ otherId: made?.id, kind: kind === 'duplicate' ? 'duplicate' : 'related' }]);

  // The new-ticket form (c) has the same list, here found by the contact alone; the new ticket is in it.
  await console.pressNewTicket();
  await page.getByRole('dialog').getByLabel('Contact').pressSequentially('EXT. 1990');
  await expect.poll(() => history.ids()).toEqual([made?.id, ...greta.map((ticket) => ticket.id)].slice(0, 8));
});

test('the caller history speaks Bahasa Indonesia', async ({ openConsole }) => {
  const { page, console } = await openConsole('tomas');
  await console.openUserMenu();
  await console.languageMenu.selectOption({ label: 'Bahasa Indonesia' });
  await console.pressNewTicket();
  const history = callerHistory(page);
  await expect(history.root.getByRole('heading')).toHaveText('Tiket pelapor sebelumnya');
  await page.getByRole('dialog').getByLabel('Nama pelapor').pressSequentially('Greta Vogel');
  await expect(history.items.first()).toContainText('Terkait dengan #');
});
