import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { MutationArgsMap, MutationName } from '../../shared/domain/mutationArgs';
import { PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { trackPage } from './pages/trackPage';
import { apiSignIn, createTicketOnServer, pushAs } from './support/api';
import { makeTicketInput } from './support/factories';
import { expect, test } from './support/fixtures';
import { makeCreateArgs } from './support/tickets';

const SCREENSHOTS = join('docs', 'screenshots');

test('a caller tracks their ticket: title, status and public notes, never internal ones', async ({ openConsole, page }) => {
  // Two browsers and a service worker on a busy 2-core machine: more than the default 30 s.
  test.setTimeout(60_000);
  const tech = await openConsole('tina');
  const input = makeTicketInput();
  await tech.console.clickNewTicket();
  await tech.console.newTicketDialog.fill(input);
  await tech.console.newTicketDialog.submit();
  await expect(tech.console.newTicketDialog.number).toHaveText(/#\d+/);
  const code = (await tech.console.newTicketDialog.code.textContent())?.trim() ?? '';
  expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await tech.console.newTicketDialog.openTicket();
  const detail = tech.console.detail;
  // Taking it opens it.
  await detail.take();
  await expect(detail.status).toHaveText('Open');
  await detail.addNote('We are sending a new docking station to your desk today.', 'public');
  // The form clears itself after a note: wait for that before typing the next one.
  await expect(detail.timeline).toContainText('a new docking station');
  await detail.addNote('Internal: asset tag 4471 is on the recall list.', 'internal');
  await expect(detail.timeline).toContainText('asset tag 4471');
  await tech.console.waitForSynced();

  // The caller: another browser, no account, types the code the way people do.
  const caller = trackPage(page);
  await caller.goto();
  await expect(caller.heading).toHaveText('Track your ticket');
  await caller.track(code.replace('-', '').toLowerCase());
  await expect(caller.title).toHaveText(input.title);
  await expect(caller.status).toHaveText('Being worked on');
  await expect(caller.tier).toHaveText('First-line support');
  // Not resolved yet: nothing says how it was.
  await expect(caller.resolution).toHaveCount(0);
  await expect(caller.notes).toContainText('We are sending a new docking station to your desk today.');
  await expect(caller.notes.getByRole('listitem')).toHaveCount(1);
  await expect(page.locator('body')).not.toContainText('asset tag 4471');
  for (const secret of [input.requesterName, input.contact, input.description]) await expect(page.locator('body')).not.toContainText(secret);
  await expect(page).toHaveURL(new RegExp(`/track\\?code=${code}$`));

  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: test.info().outputPath('track-phone.png'), fullPage: true });

  // In Bahasa Indonesia, with the date written the Indonesian way.
  await caller.language.selectOption('id');
  await expect(caller.status).toHaveText('Sedang dikerjakan');
  await expect(caller.heading).toHaveText('Lacak tiket Anda');
  await expect(page.locator('html')).toHaveAttribute('lang', 'id');

  // The technician's browser runs the console's service worker: /track must still be the tracking page.
  await tech.console.waitForOfflineShell();
  await tech.page.goto(`/track?code=${code}`);
  await expect(trackPage(tech.page).status).toBeVisible();
});

test('an unknown code, a mistyped one and too many attempts each get a clear message', async ({ page }) => {
  const caller = trackPage(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await caller.goto('ZZZZ-ZZZZ');
  await expect(caller.code).toHaveValue('ZZZZ-ZZZZ');
  await expect(caller.message).toHaveText('We found no ticket with the code ZZZZ\u2011ZZZZ. Please check the code and try again.');
  await expect(caller.result).toHaveCount(0);

  await caller.language.selectOption('id');
  await expect(caller.message).toHaveText('Tidak ada tiket dengan kode ZZZZ\u2011ZZZZ. Periksa kembali kodenya lalu coba lagi.');
  await page.screenshot({ path: test.info().outputPath('track-not-found-id.png') });
  await caller.language.selectOption('en');
  await caller.track('12345');
  await expect(caller.message).toHaveText('A ticket code has eight letters and digits, for example K7Q2-9MXD.');

  // The limit itself is tested against the server; here only what the caller reads.
  await page.route('**/api/track/**', (route) =>
    route.fulfill({ status: 429, headers: { 'retry-after': '42' }, contentType: 'application/json', body: '{"statusCode":429,"code":"rate_limited"}' }),
  );
  await caller.track('ABCD-EFGH');
  await expect(caller.message).toHaveText(/^Too many attempts\. Please wait (42|41|40) seconds and try again\.$/);
  await expect(page.getByRole('button', { name: 'Track' })).toBeDisabled();
  await page.screenshot({ path: test.info().outputPath('track-rate-limited.png') });
});

const mutation = <N extends MutationName>(name: N, args: MutationArgsMap[N]) => ({ id: randomUUID(), name, args });

test.describe('a caller in Jakarta', () => {
  // The caller's browser, not the server's, decides the zone the times are written in.
  test.use({ timezoneId: 'Asia/Jakarta', locale: 'en-GB' });

  test('sees the title and the resolution of a resolved ticket, every time with its zone, and no internal note', async ({ page }) => {
    const { token } = await apiSignIn('tina');
    const ticket = makeCreateArgs({ title: 'Laptop will not charge at the branch office', description: 'Charger LED blinks orange.' });
    const resolution = 'Replaced the USB-C charger; the laptop charges again.';
    await createTicketOnServer(token, ticket);
    await pushAs(token, {
      protocol: PROTOCOL_VERSION,
      clientId: `e2e-${randomUUID()}`,
      mutations: [
        mutation('ticket:transition', { id: ticket.id, from: 'new', to: 'open' }),
        mutation('note:add', { id: randomUUID(), ticketId: ticket.id, body: 'A courier brings a new charger this afternoon.', visibility: 'public' }),
        mutation('note:add', {
          id: randomUUID(),
          ticketId: ticket.id,
          body: 'Internal: charger came from the spares cupboard, asset 7781.',
          visibility: 'internal',
        }),
        mutation('ticket:transition', { id: ticket.id, from: 'open', to: 'resolved', resolution }),
      ],
    });

    const caller = trackPage(page);
    await caller.goto(ticket.code);
    await expect(caller.status).toHaveText('Resolved');
    await expect(caller.title).toHaveText(ticket.title);
    await expect(caller.resolution).toContainText('How it was resolved');
    await expect(caller.resolution).toContainText(resolution);
    await expect(caller.notes.getByRole('listitem')).toHaveCount(1);
    await expect(caller.notes).toContainText('A courier brings a new charger this afternoon.');
    // The fix is said once, as the resolution: nowhere else on the page.
    await expect(page.getByText(resolution)).toHaveCount(1);
    await expect(page.locator('body')).not.toContainText('asset 7781');
    await expect(page.locator('body')).not.toContainText('Charger LED blinks orange.');
    // The last update and the note's time, each as "7 Dec, 10:42 GMT+7" (the year only when it is not this year).
    await expect(caller.times).toHaveCount(2);
    for (const time of await caller.times.all()) await expect(time).toHaveText(/^\d{1,2} [A-Z][a-z]{2}( \d{4})?, \d{2}:\d{2} GMT\+7$/);

    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'track.png'), fullPage: true });

    await caller.language.selectOption('id');
    await expect(caller.status).toHaveText('Selesai');
    await expect(caller.resolution).toContainText('Cara penyelesaian');
    await expect(caller.resolution).toContainText(resolution);
    for (const time of await caller.times.all()) await expect(time).toHaveText(/^\d{1,2} \S+( \d{4})?, \d{2}\.\d{2} WIB$/);
  });
});
