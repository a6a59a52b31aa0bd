import { randomUUID } from 'node:crypto';
import { CACHE_VERSION } from '../../renderer/db/database';
import { consolePage } from './pages/consolePage';
import { loginPage } from './pages/loginPage';
import { apiSignIn, createTicketOnServer, serverTickets } from './support/api';
import { expect, test } from './support/fixtures';
import { makeCreateArgs } from './support/tickets';

/**
 * Version 3 of the console's cache as Dexie lays it out on disk (version 3 is stored as 30): the
 * stores and indexes of SCHEMA_V1, statsCache from version 2, the ticket indexes of version 3.
 */
const VERSION_3_STORES = {
  tickets: { keyPath: 'id', indexes: ['code', 'status', 'category'] },
  events: { keyPath: 'id', indexes: [['ticketId', 'at']] },
  notes: { keyPath: 'id', indexes: ['ticketId'] },
  sessions: { keyPath: 'id', indexes: ['ticketId', 'technicianId'] },
  users: { keyPath: 'id', indexes: ['username'] },
  outbox: { keyPath: 'seq', autoIncrement: true, indexes: ['id', 'state'], unique: ['id'] },
  bases: { keyPath: 'key', indexes: [] },
  rejected: { keyPath: 'id', indexes: ['rejectedAt'] },
  meta: { keyPath: 'key', indexes: [] },
  statsCache: { keyPath: 'key', indexes: [] },
};

/** Runs in the page (as a string: the tests compile without DOM types). */
const writeVersion3Cache = (name: string, rows: Record<string, unknown[]>) => `new Promise((resolve, reject) => {
  const stores = ${JSON.stringify(VERSION_3_STORES)};
  const rows = ${JSON.stringify(rows)};
  const request = indexedDB.open(${JSON.stringify(name)}, 30);
  request.onupgradeneeded = () => {
    const db = request.result;
    for (const [storeName, spec] of Object.entries(stores)) {
      const store = db.createObjectStore(storeName, { keyPath: spec.keyPath, autoIncrement: spec.autoIncrement === true });
      for (const keyPath of spec.indexes) {
        const indexName = Array.isArray(keyPath) ? '[' + keyPath.join('+') + ']' : keyPath;
        store.createIndex(indexName, keyPath, { unique: (spec.unique ?? []).includes(indexName) });
      }
      for (const row of rows[storeName] ?? []) store.add(row);
    }
  };
  request.onsuccess = () => { request.result.close(); resolve(null); };
  request.onerror = () => reject(request.error);
})`;

test('a version 3 cache is upgraded at sign-in: its unsent change reaches the server and its refused change shows on its ticket', async ({ page }) => {
  const { token: tomas } = await apiSignIn('tomas');
  const edited = makeCreateArgs();
  const refusedOn = makeCreateArgs();
  await createTicketOnServer(tomas, edited);
  await createTicketOnServer(tomas, refusedOn);
  const { user } = await apiSignIn('tina');
  const newTitle = `Dock fixed offline before the upgrade ${randomUUID().slice(0, 8)}`;
  const at = new Date().toISOString();

  const login = loginPage(page);
  await login.goto();
  // What the previous Meja left: a title edit not yet sent, and a status change the server refused.
  await page.evaluate(
    writeVersion3Cache(`meja-${user.id}`, {
      outbox: [
        {
          id: randomUUID(),
          name: 'ticket:update',
          args: { id: edited.id, title: newTitle },
          at,
          actorId: user.id,
          state: 'pending',
          touched: [`ticket/${edited.id}`],
        },
      ],
      bases: [{ key: `ticket/${edited.id}`, entity: 'ticket', id: edited.id, data: null }],
      rejected: [
        {
          id: randomUUID(),
          name: 'ticket:transition',
          args: { id: refusedOn.id, from: 'new', to: 'pending' },
          at,
          error: { code: 'forbidden', message: 'Only the assignee can set a ticket pending.' },
          rejectedAt: at,
        },
      ],
    }),
  );

  await login.signIn('tina');
  const console = consolePage(page);
  await console.waitForFirstSync();
  await expect.poll(async () => (await serverTickets(tomas)).get(edited.id)?.title).toBe(newTitle);
  await console.waitForSynced();
  // Upgraded to the newest schema, which Dexie keeps as ten times its version.
  expect(await page.evaluate(`indexedDB.databases().then((all) => all.find((db) => db.name === 'meja-${user.id}')?.version)`)).toBe(CACHE_VERSION * 10);

  await console.filter.fill(refusedOn.code);
  await console.open(refusedOn.code);
  const detail = console.detail;
  await expect(detail.code).toHaveText(refusedOn.code);
  await expect(detail.rejected).toHaveCount(1);
  await expect(detail.rejected).toContainText('Your status change to Pending was refused.');
  await expect(detail.rejected).toContainText('Reason: Only the assignee can set a ticket pending.');
  await expect(console.rejected).toHaveText('1 change rejected');
  await page.screenshot({ path: test.info().outputPath('cache-upgraded.png') });

  // The refusal belongs to its own ticket only; the edited ticket shows the title that was sent.
  await console.filter.fill(edited.code);
  await console.open(edited.code);
  await expect(detail.code).toHaveText(edited.code);
  await expect(detail.title).toHaveText(newTitle);
  await expect(detail.rejected).toHaveCount(0);
});
