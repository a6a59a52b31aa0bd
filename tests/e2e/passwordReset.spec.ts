import { mkdirSync } from 'node:fs';
import { apiSignIn, createUserOnServer } from './support/api';
import { E2E_ADMIN_PASSWORD, E2E_BASE_URL } from './support/env';
import { expect, test } from './support/fixtures';
import { accountsPage } from './pages/accountsPage';
import { consolePage } from './pages/consolePage';
import { loginPage } from './pages/loginPage';

/** The status of GET /api/auth/me with a token: 200 while it signs someone in. */
const meStatus = async (token: string): Promise<number> =>
  (await fetch(`${E2E_BASE_URL}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } })).status;

test('an admin sets a new password for a technician who forgot theirs: the old password and the old sessions stop working, the new password signs in', async ({
  openConsole,
  browser,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const { token } = await apiSignIn('admin', E2E_ADMIN_PASSWORD);
  // Each run starts on a fresh database (playwright.config.ts), so the name is free and the screenshot stable.
  const username = 'rina';
  await createUserOnServer(token, { username, password: 'rina-old-password', displayName: 'Rina Wati', role: 'technician', tier: 1 });
  const before = await apiSignIn(username, 'rina-old-password');
  // Rina's own console, running on the old password.
  const rina = await openConsole(username, { password: 'rina-old-password' });

  const { page } = await openConsole('admin', { password: E2E_ADMIN_PASSWORD });
  await page.setViewportSize({ width: 1400, height: 900 });
  const accounts = accountsPage(page);
  await accounts.openButton.click();
  await accounts
    .row(username)
    .getByRole('button', { name: `Set a new password for ${username}` })
    .click();
  const dialog = accounts.passwordDialog(username);
  await expect(dialog).toContainText('Every session of theirs ends at once');

  // Two different passwords: the console says so and sends nothing.
  await dialog.getByLabel(/^New password/).fill('rina-new-password');
  await dialog.getByLabel('Repeat the new password').fill('rina-new-passwrod');
  await dialog.getByRole('button', { name: 'Set password' }).click();
  await expect(accounts.fieldError(dialog, 'Repeat the new password')).toHaveText('The two passwords differ. Type the same password twice.');
  expect(await meStatus(before.token)).toBe(200);

  // Too short: the server's reason, beside the field.
  await dialog.getByLabel(/^New password/).fill('short');
  await dialog.getByLabel('Repeat the new password').fill('short');
  await dialog.getByRole('button', { name: 'Set password' }).click();
  await expect(accounts.fieldError(dialog, 'New password')).toHaveText('at least 10 characters');
  await expect(dialog.getByLabel(/^New password/)).toHaveAttribute('aria-invalid', 'true');
  mkdirSync('docs/screenshots', { recursive: true });
  await page.screenshot({ path: 'docs/screenshots/accounts-password.png' });
  expect(await meStatus(before.token)).toBe(200);

  await dialog.getByLabel(/^New password/).fill('rina-new-password');
  await dialog.getByLabel('Repeat the new password').fill('rina-new-password');
  await dialog.getByRole('button', { name: 'Set password' }).click();
  await expect(dialog).toBeHidden();
  await expect(accounts.notice).toHaveText(`New password set for ${username}. All their sessions were ended: they sign in again with the new password.`);

  // Her sessions ended at once: the token from before, and her running console.
  expect(await meStatus(before.token)).toBe(401);
  // Well before any timer of hers: the server ended her event stream, her console met the 401.
  await expect(loginPage(rina.page).error).toHaveText('Your session has ended. Please sign in again.', { timeout: 5000 });
  await expect(apiSignIn(username, 'rina-old-password')).rejects.toThrow(/answered 401/);

  // On the sign-in card: the old password is refused, the new one signs in.
  const context = await browser.newContext({ baseURL });
  try {
    const card = await context.newPage();
    const login = loginPage(card);
    await login.goto();
    await login.signIn(username, 'rina-old-password');
    await expect(login.error).toHaveText('Wrong username or password.');
    await login.signIn(username, 'rina-new-password');
    await expect(consolePage(card).user).toContainText('Rina Wati');
  } finally {
    await context.close();
  }
  // The admin is still signed in.
  await expect(accounts.row(username)).toBeVisible();
  expect(await meStatus(token)).toBe(200);
});
