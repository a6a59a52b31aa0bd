import { join } from 'node:path';
import { consolePage } from './pages/consolePage';
import { loginPage } from './pages/loginPage';
import { makeTicketInput } from './support/factories';
import { expect, test } from './support/fixtures';

/**
 * Walks the main screens and keeps pictures of them for review: in $MEJA_SHOTS_DIR if set (for
 * example `MEJA_SHOTS_DIR=/tmp/meja-shots npx playwright test screenshots`), else test-results/screens.
 */
const dir = process.env.MEJA_SHOTS_DIR ?? join('test-results', 'screens');

test('screens for review', async ({ page }) => {
  const shot = (name: string) => page.screenshot({ path: join(dir, `${name}.png`) });

  const login = loginPage(page);
  await login.goto();
  await shot('login');
  await login.signIn('tina', 'wrong-password');
  await expect(login.error).toBeVisible();
  await shot('login-error');

  await login.signIn('tina');
  const console = consolePage(page);
  await console.waitForFirstSync();
  await shot('queue');

  // The richest history in the demo: the ticket with the most events.
  const busiest = await page.evaluate(`(async () => {
    const open = indexedDB.open((await indexedDB.databases()).find((d) => d.name.startsWith('meja-')).name);
    const db = await new Promise((resolve) => { open.onsuccess = () => resolve(open.result); });
    const events = await new Promise((resolve) => { const r = db.transaction('events').objectStore('events').getAll(); r.onsuccess = () => resolve(r.result); });
    const counts = new Map();
    for (const e of events) counts.set(e.ticketId, (counts.get(e.ticketId) ?? 0) + 1);
    const [id] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
    const ticket = await new Promise((resolve) => { const r = db.transaction('tickets').objectStore('tickets').get(id); r.onsuccess = () => resolve(r.result); });
    db.close();
    return ticket.code;
  })()`);
  // The queue is virtualised: find the ticket by its code first, as a technician would.
  await console.filter.fill(String(busiest));
  await console.row(String(busiest)).click();
  await console.filter.fill('');
  await expect(console.detail.root).toBeVisible();
  await shot('detail');

  await console.filter.fill('open');
  await console.rows.first().click();
  await page.getByRole('button', { name: 'Escalate…' }).click();
  await shot('detail-active');
  await console.filter.fill('');

  await console.pressNewTicket();
  await console.newTicketDialog.fill(makeTicketInput());
  await shot('new-ticket');
  await console.newTicketDialog.submit();
  await expect(console.newTicketDialog.number).toHaveText(/#\d+/);
  await shot('ticket-created');
});
