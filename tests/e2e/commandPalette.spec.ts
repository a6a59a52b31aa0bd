import { mkdirSync } from 'node:fs';
import { queuePage } from './pages/queuePage';
import { E2E_ADMIN_PASSWORD } from './support/env';
import { expect, test } from './support/fixtures';

test('the command palette lists only what the role may do: no statistics or accounts for a technician', async ({ openConsole }) => {
  const tina = await openConsole('tina');
  const palette = queuePage(tina.page).palette;
  await tina.page.keyboard.press('Control+k');
  await expect(palette).toBeVisible();
  await expect(palette.getByRole('option', { name: /New ticket/ })).toBeVisible();
  await expect(palette.getByRole('option', { name: /Statistics/ })).toHaveCount(0);
  await expect(palette.getByRole('option', { name: /Accounts/ })).toHaveCount(0);
  mkdirSync('docs/screenshots', { recursive: true });
  await tina.page.screenshot({ path: 'docs/screenshots/palette-technician.png' });
  // Nor does typing the name bring them back.
  await tina.page.keyboard.type('statist');
  await expect(palette.getByRole('option')).toHaveCount(0);
  await expect(palette).toContainText('No command matches.');
  await tina.page.keyboard.press('Escape');
  await expect(palette).toHaveCount(0);
  // In Bahasa Indonesia, the same list in its words.
  await tina.console.openUserMenu();
  await tina.console.languageMenu.selectOption('id');
  await tina.page.keyboard.press('Escape');
  await tina.page.keyboard.press('Control+k');
  const paletteId = tina.page.getByRole('dialog', { name: 'Palet perintah' });
  await expect(paletteId.getByRole('option', { name: /^Tiket baru/ })).toBeVisible();
  await expect(paletteId.getByRole('option', { name: /^(Statistik|Akun)/ })).toHaveCount(0);

  const sue = await openConsole('sue');
  const suePalette = queuePage(sue.page).palette;
  await sue.page.keyboard.press('Control+k');
  await expect(suePalette.getByRole('option', { name: /Statistics/ })).toHaveAttribute('aria-disabled', 'false');
  await expect(suePalette.getByRole('option', { name: /Accounts/ })).toHaveCount(0);

  const admin = await openConsole('admin', { password: E2E_ADMIN_PASSWORD });
  const adminPalette = queuePage(admin.page).palette;
  await admin.page.keyboard.press('Control+k');
  await expect(adminPalette.getByRole('option', { name: /Statistics/ })).toHaveAttribute('aria-disabled', 'false');
  await expect(adminPalette.getByRole('option', { name: /Accounts/ })).toHaveAttribute('aria-disabled', 'false');
});
