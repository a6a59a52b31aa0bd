import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { apiSignIn, createTicketOnServer } from './support/api';
import { makeTicketInput } from './support/factories';
import { expect, test } from './support/fixtures';
import { makeCreateArgs } from './support/tickets';

const SCREENSHOTS = 'docs/screenshots';

const shootHeader = async (page: Page, name: string) => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.locator('header.app-header').screenshot({ path: `${SCREENSHOTS}/${name}.png` });
};

/** The header's "Last synced …" as the console's language writes `syncedAt`, computed in the page by Intl itself. */
const lastSyncedText = (page: Page, syncedAt: string, locale: string): Promise<string> =>
  page.evaluate(
    ([at, language]) => {
      const minutes = Math.floor((Date.now() - Date.parse(at)) / 60_000);
      const relative = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
      return minutes < 1 ? relative.format(0, 'second') : relative.format(-minutes, 'minute');
    },
    [syncedAt, locale] as const,
  );

/** Date and time as the console writes them (day, short month, two-digit time; this year's dates without the year). */
const dateTimeText = (page: Page, at: string, locale: string): Promise<string> =>
  page.evaluate(
    ([iso, language]) => new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(new Date(iso)),
    [at, locale] as const,
  );

test('the header says offline within moments of the network going, with no one touching the console, and online when it is back', async ({ openConsole }) => {
  const { context, page, console } = await openConsole('tina');
  await console.waitForSynced();
  await expect(console.syncState).toHaveText('Online');
  await expect(console.pending).toHaveText('All changes sent');
  await shootHeader(page, 'header-online');

  await context.setOffline(true);
  // Nothing is clicked, typed or changed from here to the check: only the network went.
  await expect(console.sync).toHaveAttribute('data-state', 'offline');
  await expect(console.syncState).toHaveText('Offline');
  // Everything made before was sent; the last sync's time stays on screen.
  await expect(console.pending).toHaveText('All changes sent');
  await expect(page.getByTestId('sync-last')).toHaveText(/^Last synced /);
  await shootHeader(page, 'header-offline');

  // Offline with work waiting: one state, with the count.
  await console.pressNewTicket();
  await console.newTicketDialog.fill(makeTicketInput());
  await console.newTicketDialog.submit();
  await expect(console.newTicketDialog.number).toHaveText('not yet synced');
  await console.newTicketDialog.close();
  await expect(console.pending).toHaveText('1 change waiting');
  await expect(console.syncState).toHaveText('Offline');
  await shootHeader(page, 'header-offline-waiting');

  await context.setOffline(false);
  await console.waitForSynced();
  await expect(console.syncState).toHaveText('Online');
  await expect(console.pending).toHaveText('All changes sent');
});

test('a console reloaded offline says it is offline and when it last synced, from its cache', async ({ openConsole }) => {
  const { token } = await apiSignIn('tomas');
  const ticket = makeCreateArgs();
  await createTicketOnServer(token, ticket);
  const { context, page, console } = await openConsole('tina');
  await expect(console.row(ticket.code)).toBeVisible();
  await console.waitForSynced();
  await console.waitForOfflineShell();
  const syncedAt = (await console.sync.getAttribute('data-synced-at')) ?? '';
  expect(Date.parse(syncedAt)).not.toBeNaN();

  await context.setOffline(true);
  await page.reload();
  await expect(console.row(ticket.code)).toBeVisible();
  await expect(console.sync).toHaveAttribute('data-state', 'offline');
  await expect(console.syncState).toHaveText('Offline');
  // The time of the last sync before the reload, read back from the cache.
  await expect(console.sync).toHaveAttribute('data-synced-at', syncedAt);
  await expect(page.getByTestId('sync-last')).toHaveText(`Last synced ${await lastSyncedText(page, syncedAt, 'en')}`);
  await expect(page.getByTestId('sync-last')).toHaveAttribute('title', await dateTimeText(page, syncedAt, 'en'));

  // In Bahasa Indonesia too.
  await console.openUserMenu();
  await console.languageMenu.selectOption('id');
  await expect(console.syncState).toHaveText('Luring');
  await expect(page.getByTestId('sync-last')).toHaveText(`Terakhir disinkronkan ${await lastSyncedText(page, syncedAt, 'id')}`);
  await expect(page.getByTestId('sync-last')).toHaveAttribute('title', await dateTimeText(page, syncedAt, 'id'));
  await expect(console.pending).toHaveText('Semua perubahan terkirim');
});
