import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { callDialog } from './pages/callDialog';
import { queuePage } from './pages/queuePage';
import { apiSignIn, createTicketOnServer, pushAs, serverTickets } from './support/api';
import { makeTicketInput } from './support/factories';
import { expect, test } from './support/fixtures';
import { makeCreateArgs } from './support/tickets';

/*
 * A technician's day, as a new user met it: a ticket resolved on the call, a call's ticket owned
 * from the start, a ticket handed on and followed, the SLA column's next deadline, and notes that
 * go to the caller only when asked to, each time.
 */

const CODE = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
const SHOTS = 'docs/screenshots';

/** Presses a shortcut as a technician would, with the focus in no text field. */
const press = async (page: Page, key: string) => {
  await page.evaluate('document.activeElement instanceof HTMLElement && document.activeElement.blur()');
  await page.keyboard.press(key);
};

const resolveOnServer = (token: string, ticketId: string, resolution: string) =>
  pushAs(token, {
    protocol: PROTOCOL_VERSION,
    clientId: `e2e-${randomUUID()}`,
    mutations: [{ id: randomUUID(), name: 'ticket:transition', args: { id: ticketId, from: 'new', to: 'resolved', resolution } }],
  });

test('a new ticket is resolved on the call in one step with Alt+R, and taking a new ticket opens it', async ({ openConsole }) => {
  const tomas = await apiSignIn('tomas');
  const fixedOnCall = makeCreateArgs({ title: `Caps lock stuck on ${randomUUID().slice(0, 8)}` });
  const taken = makeCreateArgs();
  await createTicketOnServer(tomas.token, fixedOnCall);
  await createTicketOnServer(tomas.token, taken);
  const { user: tinaUser } = await apiSignIn('tina');
  const { page, console } = await openConsole('tina');
  const detail = console.detail;

  await console.filter.fill(fixedOnCall.code);
  await console.open(fixedOnCall.code);
  await expect(detail.status).toHaveText('New');
  await expect(detail.action('Resolve…')).toBeVisible();
  await press(page, 'Alt+r');
  const form = detail.root.getByRole('form', { name: 'Resolve ticket' });
  await expect(form).toBeVisible();
  await form.getByLabel('Resolution').fill('Cleaned under the key; caps lock works again.');
  await form.getByRole('button', { name: 'Resolve ticket' }).click();
  await expect(detail.status).toHaveText('Resolved');
  await expect(detail.timeline).toContainText('changed the status from New to Resolved');
  // Resolved by her, so credited to her.
  await expect(detail.assignee).toHaveText('Tina Tamm');

  await console.filter.fill(taken.code);
  await console.open(taken.code);
  await expect(detail.status).toHaveText('New');
  await detail.take();
  await expect(detail.status).toHaveText('Open');
  await expect(detail.action('Mark open')).toHaveCount(0);
  await console.waitForSynced();

  // The server applied the same rules.
  const onServer = await serverTickets(tomas.token);
  expect(onServer.get(fixedOnCall.id)).toMatchObject({ status: 'resolved', assigneeId: tinaUser.id, firstRespondedAt: expect.any(String) });
  expect(onServer.get(taken.id)).toMatchObject({ status: 'open', assigneeId: tinaUser.id, firstRespondedAt: expect.any(String) });
});

test('an answered call’s ticket is the technician’s and open; escalated, she follows it and is told live when another technician resolves it', async ({
  openConsole,
}) => {
  test.setTimeout(90_000);
  const { token, user: tinaUser } = await apiSignIn('tina');
  // A ticket tomas made and gave her: she will follow it only because she escalates it.
  const tomas = await apiSignIn('tomas');
  const handedOn = makeCreateArgs({ title: `Laptop fan loud ${randomUUID().slice(0, 8)}`, assigneeId: tinaUser.id });
  await createTicketOnServer(tomas.token, handedOn);
  const tina = await openConsole('tina');
  await tina.page.setViewportSize({ width: 1400, height: 900 });
  const desk = callDialog(tina.page);
  await desk.pressAnswerCall();
  await desk.form.fill(makeTicketInput({ title: `Shared drive S: gone after the password change ${randomUUID().slice(0, 8)}` }));
  await desk.form.submit();
  await expect(desk.form.code).toHaveText(CODE);
  const code = (await desk.form.code.textContent()) ?? '';
  await desk.form.openTicket();
  const detail = tina.console.detail;
  await expect(detail.code).toHaveText(code);
  await expect(detail.assignee).toHaveText('Tina Tamm');
  await expect(detail.status).toHaveText('Open');

  await detail.escalate('The share permissions need a server admin.');
  await expect(detail.tier).toHaveText('Tier 2');
  await expect(detail.assignee).toHaveText('Unassigned');

  await tina.console.filter.fill(handedOn.code);
  await tina.console.open(handedOn.code);
  await expect(detail.status).toHaveText('Open');
  await expect(detail.assignee).toHaveText('Tina Tamm');
  await detail.escalate('The fan needs a hardware swap.');
  await expect(detail.tier).toHaveText('Tier 2');
  await tina.console.filter.fill('');
  await detail.closePanel();

  const queue = queuePage(tina.page);
  await press(tina.page, 'f');
  await expect(queue.view('Following')).toHaveAttribute('aria-pressed', 'true');
  await expect(tina.console.row(code)).toBeVisible();
  await expect(tina.console.row(code)).toContainText('Unassigned');
  await expect(tina.console.row(handedOn.code)).toBeVisible();
  await tina.console.waitForSynced();
  mkdirSync(SHOTS, { recursive: true });
  await tina.page.screenshot({ path: `${SHOTS}/queue-following.png` });

  const ticket = [...(await serverTickets(token)).values()].find((candidate) => candidate.code === code);
  expect(ticket).toMatchObject({ tier: 2, assigneeId: null, status: 'open', createdBy: tinaUser.id, channel: 'phone' });

  const sam = await openConsole('sam');
  await sam.console.filter.fill(code);
  await sam.console.open(code);
  await sam.console.detail.resolve('Granted modify rights on the S: share again.');
  await expect(sam.console.detail.status).toHaveText('Resolved');

  const notice = tina.console.followNotices;
  await expect(notice).toHaveCount(1);
  await expect(notice).toContainText(`${code} “`);
  await expect(notice).toContainText('which you follow, was resolved by Sam Okoye.');
  await expect(tina.console.row(code)).toContainText('Resolved');
  await tina.page.screenshot({ path: `${SHOTS}/follow-notice.png` });
  await notice.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(detail.code).toHaveText(code);
  await expect(detail.status).toHaveText('Resolved');
  await expect(notice).toHaveCount(0);
});

test('the SLA column shows the first response due until there is one, then the resolution due, and nothing once resolved', async ({ openConsole }) => {
  const tomas = await apiSignIn('tomas');
  const args = makeCreateArgs({ priority: 'high' });
  await createTicketOnServer(tomas.token, args);
  const ticket = (await serverTickets(tomas.token)).get(args.id);
  if (ticket === undefined) throw new Error('the server has no such ticket');
  const { page, console } = await openConsole('tina');
  await page.setViewportSize({ width: 1400, height: 900 });
  const queue = queuePage(page);
  const row = queue.row(args.code);
  const due = queue.deadline(args.code);

  // Unassigned at her tier: new tickets, each showing when its first response is due.
  await queue.view('Unassigned at my tier').click();
  await expect(due).toHaveAttribute('data-target', 'firstResponse');
  await expect(due.locator('time')).toHaveAttribute('datetime', ticket.firstResponseDueAt);
  await expect(due).toContainText('Response');
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/queue-sla.png` });

  // A public note is the first response: the resolution is what is due next.
  await queue.view('All tickets').click();
  await console.filter.fill(args.code);
  await console.open(args.code);
  await console.detail.addNote('We have your request and are looking at it.', 'public');
  await expect(due).toHaveAttribute('data-target', 'resolution');
  await expect(due.locator('time')).toHaveAttribute('datetime', ticket.resolutionDueAt);
  await expect(due).toContainText('Resolution');

  await console.detail.resolve('Replaced the docking station.');
  await expect(row).toContainText('Resolved');
  await expect(due).toHaveCount(0);
  await expect(row.locator('td.col-due')).toHaveText('');
});

test('every note starts internal; a public one is marked visible to the caller on the form and on the timeline', async ({ openConsole }) => {
  const tomas = await apiSignIn('tomas');
  const args = makeCreateArgs();
  await createTicketOnServer(tomas.token, args);
  const { console } = await openConsole('tina');
  await console.filter.fill(args.code);
  await console.open(args.code);
  const detail = console.detail;
  const { noteForm: form, noteVisibility: visibility, notePublicHint: hint, noteBody: body } = detail;

  await expect(visibility).toHaveValue('internal');
  await expect(hint).toHaveCount(0);
  await body.fill('A new toner cartridge is on its way to you.');
  await visibility.selectOption('public');
  await expect(hint).toHaveText('Visible to the caller: shown on their tracking page.');
  await expect(visibility).toHaveAccessibleDescription('Visible to the caller: shown on their tracking page.');
  await form.getByRole('button', { name: 'Add note' }).click();

  const publicEntry = detail.timelineEntry('A new toner cartridge');
  await expect(publicEntry).toContainText('added a public note');
  await expect(publicEntry.getByTestId('note-visible')).toHaveText('Visible to the caller');
  // The next note goes to the caller only if chosen again.
  await expect(body).toHaveValue('');
  await expect(visibility).toHaveValue('internal');
  await expect(hint).toHaveCount(0);

  await body.fill('Toner ordered from stock, asset 4471.');
  await form.getByRole('button', { name: 'Add note' }).click();
  const internalEntry = detail.timelineEntry('asset 4471');
  await expect(internalEntry).toContainText('added an internal note');
  await expect(internalEntry.getByTestId('note-visible')).toHaveCount(0);
});

test('in Bahasa Indonesia: the Following view, its notice, the SLA column and the public note', async ({ openConsole }) => {
  test.setTimeout(60_000);
  const tinaApi = await apiSignIn('tina');
  const sam = await apiSignIn('sam');
  const followed = makeCreateArgs({ title: `Printer driver ${randomUUID().slice(0, 8)}` });
  const waiting = makeCreateArgs();
  await createTicketOnServer(tinaApi.token, followed);
  await createTicketOnServer(sam.token, waiting);
  const { page, console } = await openConsole('tina');
  await page.evaluate("localStorage.setItem('meja.language', 'id')");
  await page.reload();
  await console.waitForFirstSync();

  await expect(page.locator('[data-view="following"]')).toContainText('Diikuti');
  await press(page, 'f');
  await expect(page.locator('[data-view="following"]')).toHaveAttribute('aria-pressed', 'true');
  await page.getByLabel('Saring tiket').fill(followed.code);
  // The page objects name the table in English: the row by its code alone.
  const row = page.locator(`tbody tr[data-code="${followed.code}"]`);
  await expect(row).toBeVisible();
  await expect(row.locator('td.col-due .sla')).toContainText('Respons');

  // Resolved on the server by sam in one step from new: the notice comes live, in Indonesian.
  await console.waitForSynced();
  await resolveOnServer(sam.token, followed.id, 'Driver diperbarui.');
  const notice = console.followNotices;
  await expect(notice).toContainText(`${followed.code} “${followed.title}” yang Anda ikuti telah diselesaikan oleh Sam Okoye.`);
  await expect(notice.getByRole('button', { name: 'Buka' })).toBeVisible();

  await page.locator('[data-view="all"]').click();
  await page.getByLabel('Saring tiket').fill(waiting.code);
  await page.locator(`tbody tr[data-code="${waiting.code}"]`).click();
  const form = console.detail.root.locator('form.note-form');
  await form.getByRole('textbox').fill('Kami sedang menanganinya.');
  await form.locator('select[name="visibility"]').selectOption('public');
  await expect(form.getByTestId('note-public-hint')).toHaveText('Terlihat oleh penelepon: tampil di halaman pelacakan mereka.');
  await form.getByRole('button', { name: 'Tambah catatan' }).click();
  await expect(console.detail.root.getByTestId('note-visible')).toHaveText('Terlihat oleh penelepon');
  await expect(form.locator('select[name="visibility"]')).toHaveValue('internal');
});
