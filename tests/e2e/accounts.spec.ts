import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { apiSignIn, createUserOnServer } from './support/api';
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
  await expect(accounts.status(username)).toHaveText('Active');

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

test("an admin changes a role and a tier, deactivates and reactivates with confirmation by keyboard, and sees the server's last-admin refusal", async ({
  openConsole,
}) => {
  test.setTimeout(90_000);
  const { page } = await openConsole('admin', { password: E2E_ADMIN_PASSWORD });
  // Accounts of its own: the demo staff stay as the other tests expect them.
  const { token } = await apiSignIn('admin', E2E_ADMIN_PASSWORD);
  const suffix = randomUUID().slice(0, 6);
  const [omar, putu, wayan] = [`omar-${suffix}`, `putu-${suffix}`, `wayan-${suffix}`];
  await createUserOnServer(token, { username: omar, password: 'omar-password', displayName: 'Omar Said', role: 'technician', tier: 1 });
  await createUserOnServer(token, { username: putu, password: 'putu-password', displayName: 'Putu Ayu', role: 'technician', tier: 3 });
  await createUserOnServer(token, { username: wayan, password: 'wayan-password', displayName: 'Wayan Sari', role: 'technician', tier: 2 });
  const accounts = accountsPage(page);
  await accounts.openButton.click();
  await expect(accounts.row(omar)).toContainText('Tier 1');

  // A technician moves up a tier.
  await accounts
    .row(omar)
    .getByRole('button', { name: `Change ${omar}` })
    .click();
  const change = accounts.changeDialog(omar);
  await change.getByLabel('Tier').selectOption({ label: 'Tier 2' });
  await change.getByRole('button', { name: 'Save' }).click();
  await expect(change).toBeHidden();
  await expect(accounts.notice).toHaveText(`Account ${omar} changed.`);
  await expect(accounts.row(omar)).toContainText('Tier 2');

  // A technician becomes a supervisor and loses the tier.
  await accounts
    .row(putu)
    .getByRole('button', { name: `Change ${putu}` })
    .click();
  const putuDialog = accounts.changeDialog(putu);
  await putuDialog.getByLabel('Role').selectOption({ label: 'Supervisor' });
  await expect(putuDialog.getByLabel('Tier')).toHaveCount(0);
  await putuDialog.getByRole('button', { name: 'Save' }).click();
  await expect(putuDialog).toBeHidden();
  await expect(accounts.row(putu)).toContainText('Supervisor');
  await expect(accounts.row(putu).getByRole('cell').nth(3)).toHaveText('—');

  // Deactivation asks first; the focus starts on Cancel, so Enter alone changes nothing.
  await accounts
    .row(wayan)
    .getByRole('button', { name: `Deactivate ${wayan}` })
    .focus();
  await page.keyboard.press('Enter');
  const confirm = accounts.confirmDialog(`Deactivate ${wayan}?`);
  await expect(confirm).toContainText('can no longer sign in');
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(confirm.getByRole('button', { name: 'Deactivate' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(confirm).toBeHidden();
  await expect(accounts.status(wayan)).toHaveText('Deactivated');
  await expect(accounts.notice).toHaveText(`Account ${wayan} deactivated.`);
  await expect(apiSignIn(wayan, 'wayan-password')).rejects.toThrow(/answered 401/);

  await accounts
    .row(wayan)
    .getByRole('button', { name: `Reactivate ${wayan}` })
    .click();
  await accounts.confirmDialog(`Reactivate ${wayan}?`).getByRole('button', { name: 'Reactivate' }).click();
  await expect(accounts.status(wayan)).toHaveText('Active');
  expect((await apiSignIn(wayan, 'wayan-password')).user.username).toBe(wayan);

  // The only admin cannot stop being one: the server refuses and the dialog says why.
  await accounts.row('admin').getByRole('button', { name: 'Change admin' }).click();
  const self = accounts.changeDialog('admin');
  await self.getByLabel('Role').selectOption({ label: 'Supervisor' });
  await self.getByRole('button', { name: 'Save' }).click();
  await expect(self.getByRole('alert')).toHaveText('This would leave no active administrator. Make another account an administrator first.');
  await self.getByRole('button', { name: 'Cancel' }).click();
  await expect(accounts.row('admin')).toContainText('Administrator');
});
