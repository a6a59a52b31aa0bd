import { mkdirSync } from 'node:fs';
import { consolePage } from './pages/consolePage';
import { loginPage } from './pages/loginPage';
import { expect, test } from './support/fixtures';

const SCREENSHOTS = 'docs/screenshots';
/** Records of the first pull page in this test: a small share of the demo desk, so the progress has a step to show. */
const PAGE = 150;

/*
 * Counts, per object store, the records the page's own thread hands IndexedDB. Runs in every
 * document of the context before its scripts (not in workers). Strings: the tests compile without
 * DOM types.
 */
const COUNT_PAGE_WRITES = `
  window.__pageWrites = {};
  for (const name of ['put', 'add']) {
    const original = IDBObjectStore.prototype[name];
    IDBObjectStore.prototype[name] = function (...args) {
      window.__pageWrites[this.name] = (window.__pageWrites[this.name] ?? 0) + 1;
      return original.apply(this, args);
    };
  }
`;

/** The tickets in the signed-in user's cache, read in the page. */
const CACHED_TICKETS = `(async () => {
  const [cache] = (await indexedDB.databases()).filter((database) => database.name.startsWith('meja-'));
  const db = await new Promise((resolve, reject) => {
    const request = indexedDB.open(cache.name);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const count = await new Promise((resolve, reject) => {
    const request = db.transaction('tickets').objectStore('tickets').count();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  db.close();
  return count;
})()`;

test('a first sync is written into the cache by the cache worker, off the page, and shows its percentage meanwhile', async ({
  browser,
  baseURL,
  browserLog,
}) => {
  const context = await browser.newContext({ baseURL });
  await context.addInitScript({ content: COUNT_PAGE_WRITES });
  // The first page small; the second held until the progress has been looked at.
  let pulls = 0;
  let release = (): void => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await context.route('**/api/sync/pull?*', async (route) => {
    pulls += 1;
    if (pulls === 2) await held;
    if (pulls > 1) {
      await route.continue();
      return;
    }
    const url = new URL(route.request().url());
    url.searchParams.set('limit', String(PAGE));
    await route.continue({ url: url.toString() });
  });
  const page = await context.newPage();
  page.on('console', (message) => browserLog.push(`[tina] ${message.type()}: ${message.text()}`));
  const login = loginPage(page);
  await login.goto();
  await login.signIn('tina');
  const console = consolePage(page);

  // The first page is in the cache: the header says how far the first sync is, in percent.
  await expect(console.syncProgress).toContainText(/^First sync · \d+% · [\d,]+ of [\d,]+ records$/);
  expect(page.workers().map((worker) => worker.url())).toEqual([expect.stringMatching(/\/assets\/cacheWorker-[\w-]+\.js$/)]);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.locator('header.app-header').screenshot({ path: `${SCREENSHOTS}/header-first-sync.png` });

  release();
  await console.waitForFirstSync();
  await expect(console.syncProgress).toHaveCount(0);
  expect(pulls).toBeGreaterThan(1);
  const cached = Number(await page.evaluate(CACHED_TICKETS));
  expect(cached).toBeGreaterThan(0);
  await expect(console.rows.first()).toBeVisible();
  // Every ticket of the sync went in from the worker: the page's thread wrote none.
  const pageWrites = (await page.evaluate('window.__pageWrites')) as Record<string, number>;
  expect(pageWrites.tickets ?? 0).toBe(0);
  expect(pageWrites.events ?? 0).toBe(0);
  await context.close();
});
