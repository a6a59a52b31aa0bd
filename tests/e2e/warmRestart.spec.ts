import type { Page } from '@playwright/test';
import { queuePage } from './pages/queuePage';
import { expect, test } from './support/fixtures';

/** More than the first screen's hundred rows, so the queue is drawn before its index holds every ticket. */
const EXTRA = 400;

/**
 * Runs `body` in the page inside one readwrite transaction of the console's cache (`store`: tickets,
 * `meta`), counting it in the ticket stamp as every write of the console does
 * (renderer/queue/ticketChanges.ts). A string: the tests compile without DOM types.
 */
const inStampedWrite = (body: string) => `(async () => {
  const name = (await indexedDB.databases()).find((d) => d.name.startsWith('meja-')).name;
  const db = await new Promise((resolve, reject) => { const r = indexedDB.open(name); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
  await new Promise((resolve, reject) => {
    const tx = db.transaction(['tickets', 'meta'], 'readwrite');
    const store = tx.objectStore('tickets');
    const meta = tx.objectStore('meta');
    const stamp = meta.get('tickets:stamp');
    stamp.onsuccess = () => meta.put({ key: 'tickets:stamp', value: String(Number(stamp.result?.value ?? 0) + 1) });
    ${body}
    tx.oncomplete = () => resolve(null);
    tx.onerror = () => reject(tx.error);
  });
  db.close();
})()`;

/**
 * Runs in the page (a string: the tests compile without DOM types). Puts `count` open tickets
 * straight into the console's cache, as a cache filled by earlier syncs holds them, and counts the
 * write in the ticket stamp as every write of the console does (renderer/queue/ticketChanges.ts). Their update
 * times lie ahead of every other ticket's, so they lead the queue whatever earlier tests left, and
 * collide in threes, so the code decides part of the order.
 */
const fillCache = (count: number) =>
  inStampedWrite(`
    const now = Date.now();
    const iso = (ms) => new Date(ms).toISOString();
    for (let i = 0; i < ${count}; i += 1) {
      const created = now - 2 * 86400000 + i * 1000;
      const updated = now + 86400000 + Math.floor(i / 3) * 60000;
      store.put({
        id: crypto.randomUUID(), number: 500000 + i, code: 'WR' + String(i % 97).padStart(2, '0') + '-' + String(i).padStart(4, '0'),
        title: 'Warm restart ticket ' + i, description: 'Held in the cache from an earlier sync.',
        requester: { name: 'Caller ' + (i % 13), contact: null }, category: 'hardware', priority: 'normal', channel: 'phone',
        status: 'open', tier: 1, assigneeId: null, resolution: null, createdBy: 'user-tina',
        createdAt: iso(created), updatedAt: iso(updated), firstRespondedAt: iso(created + 60000),
        resolvedAt: null, closedAt: null, reopenCount: 0, callMs: 0,
        firstResponseDueAt: iso(created + 3600000), resolutionDueAt: iso(created + 86400000), pendingSince: null, pausedMs: 0,
      });
    }
`);

/**
 * Runs in the page: deletes the queue's first ticket and dates its second back a day, in one
 * transaction that raises the ticket stamp, as the console's own writes do.
 */
const changeLeaders = inStampedWrite(`
    const byCode = store.index('code');
    const first = byCode.get('WR11-0399');
    first.onsuccess = () => store.delete(first.result.id);
    const second = byCode.get('WR10-0398');
    second.onsuccess = () => store.put({ ...second.result, updatedAt: new Date(Date.now() - 86400000).toISOString() });
`);

/** Resolves once the console has kept the queue's first screen as of the cache's latest ticket write. */
const firstScreenKept = `(async () => {
  const name = (await indexedDB.databases()).find((d) => d.name.startsWith('meja-')).name;
  const db = await new Promise((resolve, reject) => { const r = indexedDB.open(name); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
  const get = (key) => new Promise((resolve) => { const r = db.transaction('meta').objectStore('meta').get(key); r.onsuccess = () => resolve(r.result?.value); });
  for (;;) {
    const [kept, stamp] = [await get('queue:firstScreen'), await get('tickets:stamp')];
    if (kept !== undefined && JSON.parse(kept).at === Number(stamp ?? 0)) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  db.close();
})()`;

/** Runs before the page's scripts: keeps the codes of the first queue rows drawn and the count shown with them. */
const recordFirstRows = `(() => {
  window.__firstRows = null;
  new MutationObserver((_, observer) => {
    const rows = [...document.querySelectorAll('table[aria-label="Ticket queue"] tbody tr[data-code]')];
    if (rows.length === 0) return;
    window.__firstRows = { codes: rows.map((row) => row.getAttribute('data-code')), count: document.querySelector('[data-testid="queue-count"]')?.textContent ?? '' };
    observer.disconnect();
  }).observe(document, { childList: true, subtree: true });
})()`;

const shownFirst = async (page: Page): Promise<{ codes: string[]; count: string }> => {
  const first = (await page.evaluate('window.__firstRows')) as { codes: string[]; count: string } | null;
  return first ?? { codes: [], count: '' };
};

/** The first rows drawn are the complete queue's first rows, in the same order. */
const expectSameStart = async (page: Page, codes: readonly string[]) => {
  // The panes above the table may have settled meanwhile, so one row more or less can fit.
  const complete = await queuePage(page).rows.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-code')));
  const shared = Math.min(codes.length, complete.length);
  expect(shared).toBeGreaterThan(5);
  expect(complete.slice(0, shared)).toEqual(codes.slice(0, shared));
};

test('a restart on a warm cache draws the queue before its index is complete, with the rows the complete queue shows', async ({ openConsole }) => {
  // Four loads of a cache of some 500 tickets, each waiting for its complete index: more than the default on a busy machine.
  test.setTimeout(90_000);
  const { context, page, console } = await openConsole('tina');
  const queue = queuePage(page);
  // The count reads "…" until the queue's index is complete.
  await expect(queue.viewCount('all')).toHaveText(/^\d+$/);
  const held = Number(await queue.viewCount('all').textContent());
  await page.evaluate(fillCache(EXTRA));
  await context.addInitScript(recordFirstRows);
  /** Reloads, waits for the complete queue of `total` tickets, and answers what was drawn first, checked against it. */
  const restart = async (total: number) => {
    await page.reload();
    await console.waitForFirstSync();
    await expect(queue.viewCount('all')).toHaveText(String(total));
    await queue.expectShown(total);
    const first = await shownFirst(page);
    await expectSameStart(page, first.codes);
    return first;
  };

  // Written since the console kept its first screen: the restart reads the first screen through the
  // tickets' update-time index, and draws it before it reads (and counts) every ticket.
  const counted = await restart(held + EXTRA);
  // Drawn while the index still filled, before the tickets were counted: the count said so.
  expect(counted.count).toBe('Loading tickets…');
  // Latest update first; where three share one, the code decides (descending, as the order is read backwards).
  expect(counted.codes.slice(0, 4)).toEqual(['WR11-0399', 'WR10-0398', 'WR09-0397', 'WR08-0396']);

  // Rows of that first screen change behind the console's back: the first is deleted (a ticket leaving the
  // working set), the second dated back a day (a change made offline, dated when it was made).
  await page.evaluate(firstScreenKept);
  await page.evaluate(changeLeaders);
  const changed = await restart(held + EXTRA - 1);
  expect(changed.count).toBe('Loading tickets…');
  expect(changed.codes.slice(0, 3)).toEqual(['WR09-0397', 'WR08-0396', 'WR07-0395']);

  // Nothing written since the console kept it: the restart draws the kept first screen before it reads the tickets.
  await page.evaluate(firstScreenKept);
  const kept = await restart(held + EXTRA - 1);
  expect(kept.count).toBe('Loading tickets…');
  expect(kept.codes.slice(0, 3)).toEqual(['WR09-0397', 'WR08-0396', 'WR07-0395']);

  // Sorting works on the complete index once it is there.
  await queue.sortBy('Code');
  await expect(queue.rows.first()).toHaveAttribute('data-code', /^[0-9A-Z]/);
  await queue.expectShown(held + EXTRA - 1);
});
