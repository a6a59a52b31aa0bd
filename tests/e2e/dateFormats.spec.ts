import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { trackPage } from './pages/trackPage';
import { apiSignIn, pushAs, serverTickets } from './support/api';
import { expect, test } from './support/fixtures';
import { makeCreateArgs } from './support/tickets';

/*
 * One way per kind of date, in the console's language, wherever it appears. The expected texts
 * are what Intl itself writes in the page for the instants the server recorded, with the options
 * each kind is defined by; nothing here is a hard-coded date.
 */

type Kind = 'timeToday' | 'dateTime';

/** `at` as Intl writes the kind in `locale`, in the page's time zone (both instants are today). */
const written = (page: Page, kind: Kind, at: string, locale: string, showZone = false): Promise<string> =>
  page.evaluate(
    ([which, iso, language, zone]) => {
      const time = { hour: '2-digit', minute: '2-digit' } as const;
      const options = which === 'timeToday' ? time : ({ day: 'numeric', month: 'short', ...time } as const);
      return new Intl.DateTimeFormat(language, zone ? { ...options, timeZoneName: 'short' } : options).format(new Date(iso));
    },
    [kind, at, locale, showZone] as const,
  );

test('in Bahasa Indonesia, the queue, the ticket history, the header and the tracking page write dates one way per kind', async ({ openConsole }) => {
  test.setTimeout(60_000);
  const tomas = await apiSignIn('tomas');
  const ticket = makeCreateArgs();
  const noteBody = `Teknisi akan datang ke meja Anda ${randomUUID().slice(0, 8)}`;
  await pushAs(tomas.token, {
    protocol: PROTOCOL_VERSION,
    clientId: `e2e-${randomUUID()}`,
    mutations: [
      { id: randomUUID(), name: 'ticket:create', args: ticket },
      { id: randomUUID(), name: 'note:add', args: { id: randomUUID(), ticketId: ticket.id, body: noteBody, visibility: 'public' } },
    ],
  });
  const onServer = (await serverTickets(tomas.token)).get(ticket.id);
  if (onServer === undefined) throw new Error('the ticket did not reach the server');

  const { context, page, console } = await openConsole('tina');
  await console.filter.fill(ticket.code);
  await console.open(ticket.code);
  await console.openUserMenu();
  await console.languageMenu.selectOption('id');
  await expect(page.locator('html')).toHaveAttribute('lang', 'id');

  // The queue's "updated" column: time today.
  // Found by its code: the table's name is in Indonesian now.
  const updated = page.locator(`tr[data-code="${ticket.code}"] td.col-updated time`);
  await expect(updated).toHaveAttribute('datetime', onServer.updatedAt);
  await expect(updated).toHaveText(await written(page, 'timeToday', onServer.updatedAt, 'id'));

  // The ticket's history: its creation and the note, date and time.
  const entries = console.detail.root.locator('li.timeline-item');
  await expect(entries).toHaveCount(2);
  const created = entries.first().locator('time');
  await expect(created).toHaveAttribute('datetime', onServer.createdAt);
  await expect(created).toHaveText(await written(page, 'dateTime', onServer.createdAt, 'id'));
  const noted = entries.filter({ hasText: noteBody }).locator('time');
  const noteAt = (await noted.getAttribute('datetime')) ?? '';
  expect(Date.parse(noteAt)).not.toBeNaN();
  const noteText = await written(page, 'dateTime', noteAt, 'id');
  await expect(noted).toHaveText(noteText);

  // The header's last sync, in full where the pointer rests.
  await console.waitForSynced();
  const syncedAt = (await console.sync.getAttribute('data-synced-at')) ?? '';
  await expect(page.getByTestId('sync-last')).toHaveAttribute('title', await written(page, 'dateTime', syncedAt, 'id'));

  // The caller's tracking page writes the same note's time as the console does, with its time zone (the caller may be elsewhere).
  const callerPage = await context.newPage();
  const caller = trackPage(callerPage);
  await caller.goto(ticket.code);
  await caller.language.selectOption('id');
  await expect(caller.notes).toContainText(noteBody);
  await expect(caller.notes.locator('time')).toHaveAttribute('datetime', noteAt);
  await expect(caller.notes.locator('time')).toHaveText(await written(callerPage, 'dateTime', noteAt, 'id', true));
});
