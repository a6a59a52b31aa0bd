import { consolePage } from './pages/consolePage';
import { loginPage } from './pages/loginPage';
import { apiSignIn, serverTickets } from './support/api';
import { expect, test } from './support/fixtures';

test('a wrong password is refused with a message on the page', async ({ page }) => {
  const login = loginPage(page);
  await login.goto();
  await login.signIn('tina', 'not-the-password');
  await expect(login.error).toHaveText('Wrong username or password.');
  await expect(login.heading).toBeVisible();
});

test('tina signs in and sees the demo queue synced from the server', async ({ page }) => {
  const { token, user } = await apiSignIn('tina');
  const onServer = await serverTickets(token);
  expect(onServer.size).toBeGreaterThan(0);

  const login = loginPage(page);
  await login.goto();
  await login.signIn('tina');
  const console = consolePage(page);
  await expect(console.user).toContainText(user.displayName);
  await console.waitForFirstSync();
  // The queue is virtualised: the table tells its row count (header included), the DOM holds what is in view.
  await expect(console.queue).toHaveAttribute('aria-rowcount', String(onServer.size + 1));

  // The filter narrows the queue to one ticket by its code: with its number, in the row of its code.
  const [sample] = [...onServer.values()].filter((ticket) => ticket.number !== null);
  if (sample === undefined) throw new Error('the demo data has no numbered ticket');
  await console.filter.fill(sample.code);
  await expect(console.rows).toHaveCount(1);
  await expect(console.row(sample.code)).toContainText(`#${sample.number}`);
  await expect(console.row(sample.code)).toContainText(sample.title);
});
