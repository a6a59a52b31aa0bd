import type { Page } from '@playwright/test';
import { consolePage } from './pages/consolePage';
import { loginPage } from './pages/loginPage';
import { expect, test } from './support/fixtures';

const htmlLang = (page: Page) => page.locator('html');

test('the console speaks Bahasa Indonesia once chosen, keeps it after a reload and at sign-in, and switches back', async ({ openConsole }) => {
  const { page, console } = await openConsole('tina');
  await console.waitForSynced();
  await expect(console.syncState).toHaveText('Online');
  await console.openUserMenu();
  await expect(console.languageMenu).toHaveValue('en');

  await console.languageMenu.selectOption({ label: 'Bahasa Indonesia' });
  await expect(htmlLang(page)).toHaveAttribute('lang', 'id');
  await expect(console.syncState).toHaveText('Daring');
  await expect(console.pending).toHaveText('Semua perubahan terkirim');
  await expect(page.getByTestId('sync-last')).toHaveText(/^Terakhir disinkronkan /);
  await expect(page.getByRole('combobox', { name: 'Tema' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('console-indonesian.png') });

  await page.reload();
  await console.waitForFirstSync();
  await console.openUserMenu();
  await expect(console.languageMenu).toHaveValue('id');
  await expect(console.syncState).toHaveText('Daring');
  await expect(console.pending).toHaveText('Semua perubahan terkirim');

  // Signed out, the sign-in card speaks it too, refusals included.
  await console.openUserMenu();
  await page.getByRole('button', { name: 'Keluar' }).click();
  await expect(page.getByRole('heading', { name: 'Masuk ke layanan bantuan' })).toBeVisible();
  await page.getByLabel('Nama pengguna').fill('tina');
  await page.getByLabel('Kata sandi').fill('not-the-password');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByTestId('login-error')).toHaveText('Nama pengguna atau kata sandi salah.');
  await page.screenshot({ path: test.info().outputPath('login-indonesian.png') });

  // Back to English from the sign-in card, before signing in again.
  await console.languageMenu.selectOption({ label: 'English' });
  await expect(htmlLang(page)).toHaveAttribute('lang', 'en');
  const login = loginPage(page);
  await expect(login.heading).toBeVisible();
  await expect(login.error).toHaveText('Wrong username or password.');
  await login.signIn('tina');
  await console.waitForFirstSync();
  await expect(console.syncState).toHaveText('Online');
  await page.reload();
  await console.waitForFirstSync();
  await console.openUserMenu();
  await expect(console.languageMenu).toHaveValue('en');
  await expect(console.pending).toHaveText('All changes sent');
});

test('a first sync shows how far it has come, in the chosen language', async ({ page }) => {
  // Small pages against the real server, and the rest held back until the bar has been read,
  // so the first sync is caught midway without any timing.
  let releaseRest = () => {};
  const rest = new Promise<void>((resolve) => {
    releaseRest = resolve;
  });
  let pulls = 0;
  await page.route(
    (url) => url.pathname === '/api/sync/pull',
    async (route) => {
      const url = new URL(route.request().url());
      url.searchParams.set('limit', '40');
      pulls += 1;
      if (pulls > 1) await rest;
      await route.continue({ url: url.toString() });
    },
  );

  const login = loginPage(page);
  await login.goto();
  const console = consolePage(page);
  await console.languageMenu.selectOption('id');
  await page.getByLabel('Nama pengguna').fill('sam');
  await page.getByLabel('Kata sandi').fill('demo-password');
  await page.getByRole('button', { name: 'Masuk' }).click();

  await expect(console.syncState).toHaveText('Menyinkronkan');
  await expect(console.syncProgress).toHaveText(/^Sinkronisasi pertama · \d{1,2}% · 40 dari [\d.]+ data$/);
  const bar = console.syncProgress.getByRole('progressbar', { name: 'Kemajuan sinkronisasi' });
  await expect(bar).toHaveAttribute('value', /^0\.\d+$/);
  await page.screenshot({ path: test.info().outputPath('first-sync-indonesian.png') });

  releaseRest();
  await console.waitForFirstSync();
  await expect(console.syncProgress).toHaveCount(0);
  await expect(console.syncState).toHaveText('Daring');
});
