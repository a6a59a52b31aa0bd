import { randomUUID } from 'node:crypto';
import type { TicketEvent } from '../../shared/domain/records';
import type { Ticket } from '../../shared/domain/ticket';
import { PROTOCOL_VERSION, type PullResponse } from '../../shared/sync/protocol';
import { callDialog } from './pages/callDialog';
import { apiSignIn, pushAs, serverTickets } from './support/api';
import { E2E_BASE_URL } from './support/env';
import { makeTicketInput } from './support/factories';
import { expect, test } from './support/fixtures';

const CODE = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
const WAITING = ['new', 'open', 'pending'];

/** The events of one ticket as the server holds them, read through the change feed. */
const serverEvents = async (token: string, ticketId: string): Promise<TicketEvent[]> => {
  const events: TicketEvent[] = [];
  let cursor: string | null = null;
  for (;;) {
    const query: string = cursor === null ? 'limit=1000' : `limit=1000&cursor=${encodeURIComponent(cursor)}`;
    const response = await fetch(`${E2E_BASE_URL}/api/sync/pull?${query}`, { headers: { authorization: `Bearer ${token}` } });
    const page = (await response.json()) as PullResponse;
    for (const change of page.changes) if (change.entity === 'event' && change.op === 'put' && change.data.ticketId === ticketId) events.push(change.data);
    cursor = page.cursor;
    if (!page.hasMore) return events;
  }
};

/** The ticket that has waited longest unassigned at a tier, from the server's own data. */
const longestWaiting = (tickets: Iterable<Ticket>, tier: number): Ticket | undefined =>
  [...tickets]
    .filter((ticket) => ticket.tier === tier && ticket.assigneeId === null && WAITING.includes(ticket.status))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))[0];

test('a call opens a ticket with a running timer, its time reaches the server, and Take next hands out the oldest waiting ticket', async ({ openConsole }) => {
  const { token, user } = await apiSignIn('tina');
  const tina = await openConsole('tina');
  const desk = callDialog(tina.page);

  await desk.pressAnswerCall();
  await expect(desk.root).toHaveAccessibleName('Call: new ticket');
  await expect(desk.timer).toHaveAttribute('data-state', 'running');
  await expect(desk.clock).toHaveText(/^\d{2}:\d{2}$/);
  // The clock moves while the technician types.
  await expect(desk.clock).not.toHaveText('00:00');
  const input = makeTicketInput();
  await desk.form.fill(input);
  await desk.form.submit();
  await expect(desk.form.code).toHaveText(CODE, { timeout: 1_000 });
  const code = (await desk.form.code.textContent()) ?? '';
  await expect(desk.timer).toHaveAttribute('data-state', 'running');

  // A reload mid-call keeps the call: the same ticket's code, the clock still counting.
  const before = await desk.seconds();
  await tina.page.reload();
  await expect(desk.form.code).toHaveText(code);
  await expect(desk.timer).toHaveAttribute('data-state', 'running');
  await expect.poll(() => desk.seconds()).toBeGreaterThan(before);

  await desk.endCall();
  await expect(desk.timer).toHaveAttribute('data-state', 'ended');
  const seconds = await desk.seconds();
  await expect(desk.timer.getByRole('button', { name: 'End call' })).toHaveCount(0);
  await desk.form.openTicket();
  await expect(tina.console.detail.code).toHaveText(code);
  await expect(tina.console.detail.timeline).toContainText(/call/i);

  await tina.console.waitForSynced();
  const ticket = [...(await serverTickets(token)).values()].find((candidate) => candidate.code === code);
  if (ticket === undefined) throw new Error(`the server has no ticket ${code}`);
  // The clock showed the logged duration, cut to the second.
  expect(Math.floor(ticket.callMs / 1000)).toBe(seconds);
  const logged = (await serverEvents(token, ticket.id)).filter((event) => event.type === 'call_logged');
  expect(logged).toHaveLength(1);
  expect(logged[0]?.data).toMatchObject({ durationMs: ticket.callMs });

  const next = longestWaiting((await serverTickets(token)).values(), 1);
  if (next === undefined) throw new Error('the demo data has no unassigned tier-1 ticket');
  await desk.pressTakeNext();
  await expect(tina.console.detail.code).toHaveText(next.code);
  await expect(tina.console.detail.assignee).toHaveText(user.displayName);
  await tina.console.waitForSynced();
  expect((await serverTickets(token)).get(next.id)?.assigneeId).toBe(user.id);
});

test('closing the call dialog ends the call and logs it on the ticket it made', async ({ openConsole }) => {
  const { token } = await apiSignIn('tina');
  const tina = await openConsole('tina');
  const desk = callDialog(tina.page);
  await desk.answerButton.click();
  await desk.form.fill(makeTicketInput());
  await desk.form.submit();
  await expect(desk.form.code).toHaveText(CODE);
  const code = (await desk.form.code.textContent()) ?? '';
  await expect(desk.clock).not.toHaveText('00:00');
  await desk.form.close();
  await expect(desk.root).toHaveCount(0);
  await tina.console.waitForSynced();
  const ticket = [...(await serverTickets(token)).values()].find((candidate) => candidate.code === code);
  expect(ticket?.callMs).toBeGreaterThanOrEqual(1000);
});

test('Take next says when nothing waits at my tier, and is offered to technicians only', async ({ openConsole }) => {
  const { token, user } = await apiSignIn('rita');
  const waiting = [...(await serverTickets(token)).values()].filter(
    (ticket) => ticket.tier === 3 && ticket.assigneeId === null && WAITING.includes(ticket.status),
  );
  if (waiting.length > 0) {
    await pushAs(token, {
      protocol: PROTOCOL_VERSION,
      clientId: `e2e-${randomUUID()}`,
      mutations: waiting.map((ticket) => ({ id: randomUUID(), name: 'ticket:assign', args: { id: ticket.id, assigneeId: user.id } })),
    });
  }
  const rita = await openConsole('rita');
  const desk = callDialog(rita.page);
  // Run from the command palette: the same command as the button and the shortcut.
  await rita.page.keyboard.press('Control+k');
  await rita.page.getByRole('combobox', { name: 'Type a command' }).fill('take next');
  await expect(rita.page.getByRole('option', { name: /Take next unassigned ticket/ }).locator('kbd')).toHaveText('n');
  await rita.page.keyboard.press('Enter');
  await expect(desk.takeNextNotice).toHaveText('No unassigned tickets at tier 3.');
  await expect(rita.console.detail.root).toHaveCount(0);
  await desk.takeNextNotice.page().getByRole('button', { name: 'Dismiss' }).click();
  await expect(desk.takeNextNotice).toHaveCount(0);
  await desk.takeNextButton.click();
  await expect(desk.takeNextNotice).toHaveText('No unassigned tickets at tier 3.');

  const sue = await openConsole('sue');
  await expect(callDialog(sue.page).answerButton).toBeVisible();
  await expect(callDialog(sue.page).takeNextButton).toHaveCount(0);
});

test('the header and the call dialog speak Indonesian when it is chosen', async ({ openConsole }) => {
  const { page, console } = await openConsole('tomas');
  await page.evaluate("localStorage.setItem('meja.language', 'id')");
  await page.reload();
  await expect(page.getByRole('button', { name: /^Ambil berikutnya/ })).toBeVisible();
  await expect(page.getByTestId('signed-in-user')).toContainText('Teknisi tier 1');
  // The longer Indonesian labels still leave the whole header on screen.
  await expect(page.getByTestId('signed-in-user')).toBeInViewport({ ratio: 1 });
  await console.openUserMenu();
  await expect(page.getByRole('button', { name: 'Keluar' })).toBeInViewport({ ratio: 1 });
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Keluar' })).toBeHidden();
  await page.getByRole('button', { name: /^Terima panggilan/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Panggilan: tiket baru' });
  await expect(dialog.getByRole('timer', { name: 'Durasi panggilan' })).not.toHaveText('00:00');
  await dialog.getByRole('button', { name: 'Buat tiket' }).click();
  await expect(dialog.getByLabel('Judul').locator('~ .field-error')).toHaveText('wajib diisi');
  await expect(dialog.getByLabel('Prioritas')).toContainText('Mendesak');
});
