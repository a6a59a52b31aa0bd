import { randomUUID } from 'node:crypto';
import { apiSignIn, createUserOnServer } from './support/api';
import { E2E_ADMIN_PASSWORD, E2E_BASE_URL } from './support/env';
import { expect, test } from './support/fixtures';
import { statsPage } from './pages/statsPage';

const changeUser = async (token: string, id: string, change: Record<string, unknown>): Promise<void> => {
  const response = await fetch(`${E2E_BASE_URL}/api/users/${id}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(change),
  });
  expect(response.status, await response.clone().text()).toBe(200);
};

test("an admin's change to an account reaches its open console: tier, then role, then deactivation signs it out", async ({ openConsole }) => {
  const { token: adminToken } = await apiSignIn('admin', E2E_ADMIN_PASSWORD);
  const username = `kadek-${randomUUID().slice(0, 6)}`;
  const password = 'kadek-password-1';
  const { user } = await createUserOnServer(adminToken, { username, password, displayName: 'Kadek Follow', role: 'technician', tier: 1 });
  const { page } = await openConsole(username, { password });
  const role = page.locator('.user-role');
  const stats = statsPage(page);
  const statistics = stats.openButton;
  await expect(role).toHaveText('Tier 1 technician');
  await expect(statistics).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Take next/ })).toBeVisible();

  await changeUser(adminToken, user.id, { tier: 2 });
  await expect(role).toHaveText('Tier 2 technician');

  // Promoted: the statistics the server now answers are offered, without signing in again.
  await changeUser(adminToken, user.id, { role: 'supervisor' });
  await expect(role).toHaveText('Supervisor');
  await expect(statistics).toBeVisible();
  await expect(page.getByRole('button', { name: /^Take next/ })).toHaveCount(0);
  await stats.open();
  await expect(stats.view).toBeVisible();

  // Deactivated: the server ends the session and the console says so.
  await changeUser(adminToken, user.id, { active: false });
  await expect(page.getByText('Your session has ended. Please sign in again.')).toBeVisible();
  await expect(page.getByLabel('Username')).toBeVisible();
});
