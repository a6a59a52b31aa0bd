import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { MutationArgsMap, MutationName } from '../../shared/domain/mutationArgs';
import { PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { trackPage } from './pages/trackPage';
import { apiSignIn, createTicketOnServer, pushAs, serverTickets } from './support/api';
import { expect, test } from './support/fixtures';
import { makeCreateArgs } from './support/tickets';

const SCREENSHOTS = join('docs', 'screenshots');

const mutation = <N extends MutationName>(name: N, args: MutationArgsMap[N]) => ({ id: randomUUID(), name, args });

/** A ticket Tina took and resolved on the server, as her console would have. */
const resolvedByTina = async (title: string, resolution: string) => {
  const { token, user } = await apiSignIn('tina');
  const ticket = makeCreateArgs({ title, assigneeId: user.id });
  await createTicketOnServer(token, ticket);
  await pushAs(token, {
    protocol: PROTOCOL_VERSION,
    clientId: `e2e-${randomUUID()}`,
    mutations: [
      mutation('note:add', { id: randomUUID(), ticketId: ticket.id, body: 'We replaced the toner cartridge this morning.', visibility: 'public' }),
      mutation('ticket:transition', { id: ticket.id, from: 'open', to: 'resolved', resolution }),
    ],
  });
  return { ticket, token };
};

test('a caller confirms a resolution with a rating, and every mistake gets a clear message', async ({ page }) => {
  const { ticket, token } = await resolvedByTina('Printer on floor 3 prints blank pages', 'Replaced the toner cartridge.');
  const caller = trackPage(page);
  await caller.goto(ticket.code);
  await expect(caller.status).toHaveText('Resolved');
  await expect(caller.answer.form).toContainText('Is your problem solved?');

  await caller.answer.send.click();
  await expect(caller.answer.message).toHaveText('Please choose Yes or No.');
  await caller.answer.no.check();
  await caller.answer.send.click();
  await expect(caller.answer.message).toHaveText('Please tell us what is still wrong before you send your answer.');

  // In Bahasa Indonesia too.
  await caller.language.selectOption('id');
  await expect(caller.answer.form).toContainText('Apakah masalah Anda sudah terselesaikan?');
  await expect(caller.answer.message).toHaveText('Mohon tuliskan apa yang masih bermasalah sebelum mengirim jawaban Anda.');
  await caller.language.selectOption('en');

  await caller.answer.yes.check();
  await caller.answer.rate(4);
  await expect(caller.answer.stars(4)).toBeChecked();
  await caller.answer.comment.fill('Prints fine again, thank you.');
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, 'track-confirm.png'), fullPage: true });
  await caller.answer.send.click();
  await expect(caller.answer.thanks).toHaveText('Thank you! You told us the problem is solved and rated the help 4 of 5.');
  await expect(caller.answer.form).toHaveCount(0);
  expect((await serverTickets(token)).get(ticket.id)?.status).toBe('resolved');

  // A second answer to the same resolution (another tab) is refused with words the caller understands.
  const again = await page.request.post(`/api/track/${ticket.code}/answer`, { data: { solved: false, comment: 'no' } });
  expect(again.status()).toBe(409);
  expect(((await again.json()) as { code: string }).code).toBe('already_answered');
});

test('a caller’s No reopens the ticket live in the technician’s console, with the caller’s words', async ({ openConsole, page }) => {
  test.setTimeout(60_000);
  const { ticket, token } = await resolvedByTina('Scanner sends empty PDFs', 'Updated the scanner firmware.');
  const tina = await openConsole('tina');
  await tina.console.filter.fill(ticket.code);
  await tina.console.open(ticket.code);
  await expect(tina.console.detail.status).toHaveText('Resolved');

  const caller = trackPage(page);
  await caller.goto(ticket.code);
  await caller.answer.no.check();
  await caller.answer.comment.fill('The PDFs are still empty after the update.');
  await caller.answer.send.click();
  await expect(caller.answer.thanks).toHaveText('Thank you. We have reopened your request, and your technician has your message.');
  await expect(caller.status).toHaveText('Being worked on');
  await expect(caller.notes).toContainText('The PDFs are still empty after the update.');
  await expect(caller.notes).toContainText('You');

  // Tina's open ticket follows the change feed: no reload, no click.
  await expect(tina.console.detail.status).toHaveText('Open');
  await expect(tina.console.detail.timeline).toContainText('The caller reopened the ticket');
  await expect(tina.console.detail.timeline).toContainText('The PDFs are still empty after the update.');
  await expect(tina.console.detail.timeline).toContainText('The caller answered on the tracking page: not solved');
  expect((await serverTickets(token)).get(ticket.id)).toMatchObject({ status: 'open', reopenCount: 1 });
});
