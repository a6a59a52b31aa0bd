import { apiSignIn, serverTickets } from './support/api';
import { makeTicketInput } from './support/factories';
import { expect, test } from './support/fixtures';

/*
 * The cache's write fails as a full disk makes it fail: IndexedDB's `add` of an outbox entry
 * throws QuotaExceededError while `window.mejaDiskFull` is set. Written as strings because the
 * tests compile without DOM types.
 */
const INSTALL_FULL_DISK = `(() => {
  const add = IDBObjectStore.prototype.add;
  IDBObjectStore.prototype.add = function (...args) {
    if (window.mejaDiskFull === true && this.name === 'outbox') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return add.apply(this, args);
  };
})()`;

/** Every text the ticket header's title had, in order, from now on. */
const WATCH_TITLE = `(() => {
  window.mejaTitles = [];
  const title = document.querySelector('[data-testid="detail-title"]');
  new MutationObserver(() => window.mejaTitles.push(title.textContent)).observe(title, { childList: true, characterData: true, subtree: true });
})()`;

test('an edit shows at once; when the cache cannot store it, the screen goes back, says why, and nothing is sent', async ({ openConsole }) => {
  const { page, console } = await openConsole('tina');
  await console.clickNewTicket();
  await console.newTicketDialog.fill(makeTicketInput({ title: 'Scanner on floor 2 offline' }));
  await console.newTicketDialog.submit();
  await console.newTicketDialog.openTicket();
  const detail = console.detail;
  await console.waitForSynced();
  const code = (await detail.code.textContent()) ?? '';
  const row = console.row(code);
  await expect(row).toContainText('Scanner on floor 2 offline');

  await page.evaluate(INSTALL_FULL_DISK);
  await page.evaluate('window.mejaDiskFull = true');
  await page.evaluate(WATCH_TITLE);
  await detail.edit({ title: 'Scanner replaced' });

  await expect(detail.refusal).toContainText('Not saved: this computer could not store the change (QuotaExceededError');
  await expect(detail.title).toHaveText('Scanner on floor 2 offline');
  await expect(row).toContainText('Scanner on floor 2 offline');
  // Shown before the cache tried to store it, then taken back.
  expect(await page.evaluate('window.mejaTitles')).toEqual(['Scanner replaced', 'Scanner on floor 2 offline']);
  await console.expectPending(0);

  // Nothing reached the server, and after a reload the cache has the old title.
  const { token } = await apiSignIn('tina');
  const onServer = [...(await serverTickets(token)).values()].find((ticket) => ticket.code === code);
  expect(onServer?.title).toBe('Scanner on floor 2 offline');
  await page.reload();
  await console.open(code);
  await expect(detail.title).toHaveText('Scanner on floor 2 offline');

  // With room again the same edit is stored and sent.
  await detail.edit({ title: 'Scanner replaced' });
  await expect(detail.title).toHaveText('Scanner replaced');
  await expect(row).toContainText('Scanner replaced');
  await console.waitForSynced();
  const afterRetry = [...(await serverTickets(token)).values()].find((ticket) => ticket.code === code);
  expect(afterRetry?.title).toBe('Scanner replaced');
});
