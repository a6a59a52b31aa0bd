import { mkdirSync } from 'node:fs';
import { E2E_ADMIN_PASSWORD } from './support/env';
import { expect, test } from './support/fixtures';
import { accountsPage } from './pages/accountsPage';

test('an admin creates a technician account in the accounts view, and the technician signs in and does not see the view', async ({ openConsole }) => {
  test.setTimeout(90_000);
  const { context, page } = await openConsole('admin', { password: E2E_ADMIN_PASSWORD });
  await page.setViewportSize({ width: 1400, height: 900 });
  const accounts = accountsPage(page);

  // Opened from the keyboard; the server's list is shown, the admin marked as the one signed in.
  await accounts.pressShortcut();
  await expect(accounts.view).toBeVisible();
  await expect(accounts.row('tina')).toContainText('Technician');
  await expect(accounts.row('tina')).toContainText('Tier 1');
  await expect(accounts.row('sue')).toContainText('Supervisor');
  await expect(accounts.row('admin')).toContainText('(you)');
  await expect(accounts.row('admin').getByRole('button', { name: 'Deactivate admin' })).toHaveCount(0);

  // The server's rules come back beside the fields they are about.
  await accounts.newAccountButton.click();
  const dialog = accounts.newDialog;
  await accounts.fillNew({ username: 'Not Valid', displayName: 'Nadia Putri', password: 'short', role: 'Technician', tier: 2 });
  await dialog.getByRole('button', { name: 'Create account' }).click();
  await expect(accounts.fieldError(dialog, 'Username')).toHaveText('2 to 32 lower-case letters, digits, dots, dashes or underscores');
  await expect(accounts.fieldError(dialog, 'Password')).toHaveText('at least 10 characters');
  await expect(dialog.getByLabel('Username')).toHaveAttribute('aria-invalid', 'true');
  mkdirSync('docs/screenshots', { recursive: true });
  await page.screenshot({ path: 'docs/screenshots/accounts-new.png' });

  await dialog.getByLabel('Username').fill('tina');
  await dialog.getByLabel('Password').fill('nadia-secret-pw');
  await dialog.getByRole('button', { name: 'Create account' }).click();
  await expect(accounts.fieldError(dialog, 'Username')).toHaveText('This username is already taken.');
  await expect(accounts.fieldError(dialog, 'Password')).toHaveCount(0);

  // Each run starts on a fresh database (playwright.config.ts), so the name is free and the screenshot stable.
  const username = 'nadia';
  await dialog.getByLabel('Username').fill(username);
  await dialog.getByRole('button', { name: 'Create account' }).click();
  await expect(dialog).toBeHidden();
  await expect(accounts.notice).toHaveText(`Account ${username} created.`);
  await expect(accounts.row(username)).toContainText('Nadia Putri');
  await expect(accounts.row(username)).toContainText('Technician');
  await expect(accounts.row(username)).toContainText('Tier 2');
  await expect(accounts.row(username)).toContainText('Active');

  await page.screenshot({ path: 'docs/screenshots/accounts.png' });

  // Offline it says plainly that this needs the server; nothing is queued.
  await context.setOffline(true);
  await accounts.view.getByRole('button', { name: 'Reload' }).click();
  await expect(accounts.alert).toContainText('Managing accounts needs the server');
  await expect(accounts.row(username)).toBeVisible();
  await context.setOffline(false);
  await accounts.alert.getByRole('button', { name: 'Try again' }).click();
  await expect(accounts.alert).toBeHidden();

  // Escape goes back to the queue.
  await page.keyboard.press('Escape');
  await expect(accounts.view).toBeHidden();

  // The new technician signs in with that password; the view is not theirs, by button or key.
  const nadia = await openConsole(username, { password: 'nadia-secret-pw' });
  await expect(nadia.console.user).toContainText('Nadia Putri');
  const theirs = accountsPage(nadia.page);
  await expect(theirs.openButton).toHaveCount(0);
  await theirs.pressShortcut();
  await expect(theirs.view).toHaveCount(0);
  await expect(nadia.console.queue).toBeVisible();
});
