import { loginPage } from './pages/loginPage';
import { apiSignIn } from './support/api';
import { expect, test } from './support/fixtures';

test('a cache written by a newer Meja is refused with a message, and its unsent change stays', async ({ page }) => {
  const { user } = await apiSignIn('rita');
  const login = loginPage(page);
  await login.goto();
  // What a newer Meja would leave behind: a higher version, a table this code does not know, an unsent change.
  await page.evaluate(`new Promise((resolve, reject) => {
    const request = indexedDB.open('meja-${user.id}', 990);
    request.onupgradeneeded = () => {
      const db = request.result;
      db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true }).add({ id: 'm-newer', name: 'ticket:update', state: 'pending' });
      db.createObjectStore('somethingNew', { keyPath: 'key' });
    };
    request.onsuccess = () => { request.result.close(); resolve(null); };
    request.onerror = () => reject(request.error);
  })`);

  await login.signIn('rita');
  await expect(login.error).toContainText('written by a newer version of Meja');
  await expect(login.heading).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('cache-too-new.png') });

  const left = await page.evaluate(`new Promise((resolve, reject) => {
    const request = indexedDB.open('meja-${user.id}');
    request.onsuccess = () => {
      const db = request.result;
      const read = db.transaction('outbox').objectStore('outbox').getAll();
      read.onsuccess = () => { resolve({ version: db.version, outbox: read.result.map((entry) => entry.id) }); db.close(); };
      read.onerror = () => reject(read.error);
    };
    request.onerror = () => reject(request.error);
  })`);
  expect(left).toEqual({ version: 990, outbox: ['m-newer'] });
});
