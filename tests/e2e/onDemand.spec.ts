import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTicketCode } from '../../shared/domain/ticketCode';
import type { Ticket } from '../../shared/domain/ticket';
import { PROTOCOL_VERSION, type PushRequest, type PushResponse } from '../../shared/sync/protocol';
import { startProcessServer, type ProcessServer } from '../support/processServer';
import { callDialog } from './pages/callDialog';
import { callerHistory } from './pages/callerHistory';
import { consolePage } from './pages/consolePage';
import { loginPage } from './pages/loginPage';
import { queuePage } from './pages/queuePage';
import { serverSearch } from './pages/serverSearch';
import { expectNoSeriousA11yViolations } from './support/axe';
import { DEMO_PASSWORD } from './support/env';
import { expect, test } from './support/fixtures';
import type { Browser, BrowserContext, Page } from '@playwright/test';

/*
 * Everything else on demand: a console holds its user's working set; the server's search and a
 * ticket's read reach the rest of the desk. A server of this file's own keeps resolved tickets in
 * every working set for one day (MEJA_SYNC_RECENT_DAYS=1), and another technician makes a ticket
 * that ended three days ago, so Tina's console does not hold it.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

let folder: string;
let server: ProcessServer;

test.beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'meja-e2e-ondemand-'));
  server = await startProcessServer(`sqlite:${join(folder, 'meja.sqlite')}`, { args: ['--demo'], env: { MEJA_SYNC_RECENT_DAYS: '1' } });
});

test.afterAll(async () => {
  await server?.stop();
  if (folder !== undefined) await rm(folder, { recursive: true, force: true });
});

const signIn = async (username: string): Promise<{ token: string; user: { id: string } }> => {
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  return (await response.json()) as { token: string; user: { id: string } };
};

/** Pushes as another console would, its changes made `ageMs` before it sends them; every one must apply. */
const pushAged = async (token: string, mutations: Array<{ name: string; args: unknown }>, ageMs: number): Promise<void> => {
  const sentAt = new Date();
  const at = new Date(sentAt.getTime() - ageMs).toISOString();
  const body: PushRequest = {
    protocol: PROTOCOL_VERSION,
    clientId: `e2e-${randomUUID()}`,
    sentAt: sentAt.toISOString(),
    mutations: mutations.map((mutation) => ({ id: randomUUID(), ...mutation, at })),
  };
  const response = await fetch(`${server.url}/api/sync/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const results = ((await response.json()) as PushResponse).results;
  if (results.length !== mutations.length || results.some((result) => result.status !== 'applied')) throw new Error(`not applied: ${JSON.stringify(results)}`);
};

type OldTicket = { id: string; code: string; title: string; note: string };

/** The changes of a ticket Sam opened, noted and resolved. */
const oldTicketChanges = (word: string, requester = 'Ines Ruiz'): { ticket: OldTicket; mutations: Array<{ name: string; args: unknown }> } => {
  const id = randomUUID();
  const code = makeTicketCode((n) => new Uint8Array(randomBytes(n)));
  const title = `Plotter ${word} prints blank sheets`;
  const note = `Replaced the ${word} print head`;
  return {
    ticket: { id, code, title, note },
    mutations: [
      {
        name: 'ticket:create',
        args: {
          id,
          code,
          title,
          description: 'Every sheet comes out blank.',
          requester: { name: requester, contact: null },
          category: 'printing',
          priority: 'normal',
          channel: 'phone',
        },
      },
      { name: 'note:add', args: { id: randomUUID(), ticketId: id, body: note, visibility: 'internal' } },
      { name: 'ticket:transition', args: { id, from: 'new', to: 'resolved', resolution: `Print head ${word} replaced.` } },
    ],
  };
};

/** Tickets Sam opened, noted and resolved three days ago: out of Tina's working set. */
const makeOldTickets = async (word: string, count: number, requester?: string): Promise<OldTicket[]> => {
  const { token } = await signIn('sam');
  const made = Array.from({ length: count }, () => oldTicketChanges(word, requester));
  await pushAged(
    token,
    made.flatMap((one) => one.mutations),
    3 * DAY_MS,
  );
  return made.map((one) => one.ticket);
};

const makeOldTicket = async (word: string): Promise<OldTicket> => {
  const [made] = await makeOldTickets(word, 1);
  if (made === undefined) throw new Error('one ticket made');
  return made;
};

/** The ticket with this id from the page's IndexedDB cache, or null. */
const cachedTicket = (page: Page, userId: string, ticketId: string): Promise<Ticket | null> =>
  page.evaluate(`(async () => {
    const open = indexedDB.open('meja-${userId}');
    const db = await new Promise((resolve, reject) => { open.onsuccess = () => resolve(open.result); open.onerror = () => reject(open.error); });
    const ticket = await new Promise((resolve) => { const r = db.transaction('tickets').objectStore('tickets').get(${JSON.stringify(ticketId)}); r.onsuccess = () => resolve(r.result ?? null); });
    db.close();
    return ticket;
  })()`);

const openTina = async (browser: Browser, browserLog: string[]): Promise<{ context: BrowserContext; page: Page }> => {
  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();
  page.on('console', (message) => browserLog.push(`[tina] ${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => browserLog.push(`[tina] page error: ${error.message}`));
  await loginPage(page).goto();
  await loginPage(page).signIn('tina');
  await consolePage(page).waitForFirstSync();
  return { context, page };
};

test('the search finds a ticket outside the working set on the server; opening it shows its timeline at once, and the sync brings it in', async ({
  browser,
  browserLog,
}) => {
  const word = `zq${randomUUID().slice(0, 6)}`;
  const old = await makeOldTicket(word);
  const { user } = await signIn('tina');
  const { context, page } = await openTina(browser, browserLog);
  try {
    const console = consolePage(page);
    const queue = queuePage(page);
    const fromServer = serverSearch(page);
    expect(await cachedTicket(page, user.id, old.id)).toBeNull();

    await queue.search.fill(word);
    await queue.expectShown(0);
    await expect(fromServer.row(old.code)).toBeVisible();
    await expect(fromServer.rows).toHaveCount(1);
    await expect(fromServer.row(old.code)).toContainText(old.title);
    await expect(fromServer.row(old.code).getByTestId('not-held')).toHaveText('Not held offline');
    mkdirSync('docs/screenshots', { recursive: true });
    await page.screenshot({ path: 'docs/screenshots/search-server-rows.png' });
    await expectNoSeriousA11yViolations(page, 'search with a row from the server');

    // By keyboard: Tab reaches the row, Enter opens it.
    await fromServer.row(old.code).focus();
    await page.keyboard.press('Enter');
    // Shown from the server's answer, or already from the cache if the sync was that quick; either way its timeline.
    await expect(console.detail.code).toHaveText(old.code);
    await expect(console.detail.timelineEntry(old.note)).toBeVisible();
    await expect(console.detail.status).toHaveAttribute('data-status', 'resolved');

    // The sync the opening asked for catches the ticket up: it is in the cache, with its timeline,
    // the panel reads the cache and can be worked on, and the search finds it among the console's own.
    await expect.poll(async () => (await cachedTicket(page, user.id, old.id))?.status ?? null).toBe('resolved');
    await expect(fromServer.cachedPanel).toBeVisible();
    await expect(fromServer.fetchedNote).toHaveCount(0);
    await expect(console.detail.timelineEntry(old.note)).toBeVisible();
    await expect(console.detail.noteForm).toBeVisible();
    await expect(console.row(old.code)).toBeVisible();
    await expect(fromServer.rows).toHaveCount(0);

    // Editable: a note written now goes to the server.
    const body = `Checked the plotter again ${word}`;
    await console.detail.noteBody.fill(body);
    await console.detail.noteBody.press('Control+Enter');
    await expect(console.detail.timelineEntry(body)).toBeVisible();
    await console.waitForSynced();
    const { token } = await signIn('tina');
    const read = await fetch(`${server.url}/api/tickets/${old.id}`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await read.json()) as { notes: Array<{ body: string }> }).notes.map((note) => note.body)).toContain(body);
  } finally {
    await context.close();
  }
});

test('a ticket read from the server stays read-only, with a note saying why, until the cache holds it', async ({ browser, browserLog }) => {
  const word = `zr${randomUUID().slice(0, 6)}`;
  const old = await makeOldTicket(word);
  const { context, page } = await openTina(browser, browserLog);
  try {
    const console = consolePage(page);
    const fromServer = serverSearch(page);
    await queuePage(page).search.fill(word);
    await expect(fromServer.row(old.code)).toBeVisible();
    // The network goes as soon as the ticket's read has answered, so the sync cannot bring it.
    await page.route(`**/api/tickets/${old.id}`, async (route) => {
      const response = await route.fetch();
      await context.setOffline(true);
      await route.fulfill({ response });
    });
    await fromServer.row(old.code).click();
    await expect(fromServer.fetchedPanel).toBeVisible();
    await expect(fromServer.fetchedNote).toContainText('Read from the server');
    await expect(console.detail.timelineEntry(old.note)).toBeVisible();
    await expect(fromServer.fetchedPanel.locator('.detail-resolution')).toContainText(`Print head ${word} replaced.`);
    await expect(console.detail.noteForm).toHaveCount(0);
    await expect(fromServer.fetchedPanel.getByRole('button', { name: /Reopen|Open/ })).toHaveCount(0);
    await page.screenshot({ path: 'docs/screenshots/ticket-read-from-server.png' });
    await expectNoSeriousA11yViolations(page, 'a ticket read from the server');

    // Back online, the sync brings it and the panel becomes the usual one.
    await context.setOffline(false);
    await expect(fromServer.cachedPanel).toBeVisible({ timeout: 20_000 });
    await expect(console.detail.noteForm).toBeVisible();
  } finally {
    await context.close();
  }
});

test('offline, the search says it searched the working set the console holds and that older tickets need the network', async ({ browser, browserLog }) => {
  const { context, page } = await openTina(browser, browserLog);
  try {
    const console = consolePage(page);
    const queue = queuePage(page);
    const held = Number(await queue.count.getAttribute('data-count'));
    expect(held).toBeGreaterThan(0);
    await context.setOffline(true);
    await expect(console.sync).toHaveAttribute('data-state', 'offline');
    await queue.search.fill('printer');
    await expect(serverSearch(page).offlineNote).toHaveText(
      `Offline: this console holds its working set, ${new Intl.NumberFormat('en').format(held)} tickets, and searched it. Older tickets need the network.`,
    );
    await expect(serverSearch(page).root).toHaveCount(0);
    await page.screenshot({ path: 'docs/screenshots/search-offline.png' });
    await expectNoSeriousA11yViolations(page, 'the search offline');
  } finally {
    await context.close();
  }
});

test('the server’s rows come a page at a time: Load more brings the next page', async ({ browser, browserLog }) => {
  const word = `zs${randomUUID().slice(0, 6)}`;
  // More than the server's default page of 50.
  const made = await makeOldTickets(word, 53);
  const { context, page } = await openTina(browser, browserLog);
  try {
    const fromServer = serverSearch(page);
    await queuePage(page).search.fill(word);
    await expect(fromServer.rows).toHaveCount(50);
    await fromServer.loadMore.click();
    await expect(fromServer.rows).toHaveCount(53);
    await expect(fromServer.loadMore).toHaveCount(0);
    // Newest first, each once, every one marked.
    const codes = await fromServer.rows.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-code')));
    expect(new Set(codes)).toEqual(new Set(made.map((ticket) => ticket.code)));
    await expect(fromServer.root.getByTestId('not-held')).toHaveCount(53);
  } finally {
    await context.close();
  }
});

test('on a call, the caller’s tickets the console does not hold come from the server, marked and offered for no link', async ({ browser, browserLog }) => {
  const word = `zt${randomUUID().slice(0, 6)}`;
  const caller = `Nadia ${word}`;
  const [old] = await makeOldTickets(word, 1, caller);
  if (old === undefined) throw new Error('one ticket made');
  // A live ticket of the same caller: in every working set, so the console holds it.
  const { token } = await signIn('sam');
  const heldId = randomUUID();
  const heldCode = makeTicketCode((n) => new Uint8Array(randomBytes(n)));
  await pushAged(
    token,
    [
      {
        name: 'ticket:create',
        args: {
          id: heldId,
          code: heldCode,
          title: `Plotter ${word} again`,
          description: '',
          requester: { name: caller, contact: null },
          category: 'printing',
          priority: 'normal',
          channel: 'phone',
        },
      },
    ],
    0,
  );
  const { context, page } = await openTina(browser, browserLog);
  try {
    const desk = callDialog(page);
    const history = callerHistory(page);
    await expect(consolePage(page).row(heldCode)).toBeVisible();
    await desk.pressAnswerCall();
    await desk.root.getByLabel('Requester name').pressSequentially(caller.toUpperCase());
    // Newest first: the live ticket held here, then the one only the server has.
    await expect.poll(() => history.ids()).toEqual([heldId, old.id]);
    await expect(history.item(old.id).getByTestId('not-held')).toHaveText('Not held offline');
    await expect(history.item(old.id).getByRole('button')).toHaveCount(0);
    await expect(history.item(heldId).getByTestId('not-held')).toHaveCount(0);
    await expect(history.item(heldId).getByRole('button', { name: /Same problem as/ })).toBeVisible();
    // Alt+H still reaches the first choice, on the ticket the console holds.
    await page.keyboard.press('Alt+H');
    await expect(history.item(heldId).getByRole('button').first()).toBeFocused();

    // Offline, the cache's answer alone.
    await context.setOffline(true);
    await expect(consolePage(page).sync).toHaveAttribute('data-state', 'offline');
    await desk.root.getByLabel('Requester name').fill('');
    await desk.root.getByLabel('Requester name').pressSequentially(caller);
    await expect.poll(() => history.ids()).toEqual([heldId]);
  } finally {
    await context.close();
  }
});
