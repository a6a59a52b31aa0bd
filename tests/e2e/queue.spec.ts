import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { queuePage } from './pages/queuePage';
import { apiSignIn, createTicketOnServer, serverTickets } from './support/api';
import { expect, test } from './support/fixtures';
import { makeCreateArgs } from './support/tickets';

const ACTIVE = ['new', 'open', 'pending'];

test('views count what they show; sort, facets and search narrow the queue', async ({ openConsole }) => {
  const { token, user } = await apiSignIn('tina');
  const onServer = [...(await serverTickets(token)).values()];
  const mine = onServer.filter((ticket) => ticket.assigneeId === user.id && ACTIVE.includes(ticket.status)).length;
  const pending = onServer.filter((ticket) => ticket.status === 'pending').length;

  const { page } = await openConsole('tina');
  const queue = queuePage(page);
  await expect(queue.viewCount('mine')).toHaveText(String(mine));
  await expect(queue.viewCount('pending')).toHaveText(String(pending));
  await queue.view('My open tickets').click();
  await expect(queue.view('My open tickets')).toHaveAttribute('aria-pressed', 'true');
  await queue.expectShown(mine);
  await queue.view('Pending').click();
  await queue.expectShown(pending);
  await expect(queue.facet('Status')).toHaveValue('pending');

  await queue.view('All tickets').click();
  await queue.sortBy('Priority');
  await expect(queue.header('Priority')).toHaveAttribute('aria-sort', 'ascending');
  await expect(queue.rows.first()).toContainText('Low');
  await queue.sortBy('Priority');
  await expect(queue.header('Priority')).toHaveAttribute('aria-sort', 'descending');
  await expect(queue.rows.first()).toContainText('Urgent');

  await queue.facet('Priority').selectOption('high');
  await queue.facet('Tier').selectOption('1');
  const highTierOne = onServer.filter((ticket) => ticket.priority === 'high' && ticket.tier === 1).length;
  await queue.expectShown(highTierOne);

  // Search covers the description too, not only what the table shows.
  const sample = onServer.find((ticket) => ticket.description.length > 20);
  if (sample === undefined) throw new Error('the demo data has no described ticket');
  await queue.facet('Priority').selectOption('');
  await queue.facet('Tier').selectOption('');
  await queue.search.fill(`${sample.description.slice(0, 20)} ${sample.code.slice(0, 4)}`);
  await expect(queue.row(sample.code)).toBeVisible();
  await queue.expectShown(1);
});

test('the keyboard moves, opens, searches, and the palette runs a command', async ({ openConsole }) => {
  const { page, console } = await openConsole('tina');
  const queue = queuePage(page);
  const first = (await queue.rows.nth(0).getAttribute('data-code')) ?? '';
  const second = (await queue.rows.nth(1).getAttribute('data-code')) ?? '';

  await queue.press('j', 'j', 'k');
  await expect(queue.row(first)).toHaveClass(/is-cursor/);
  await expect(queue.row(first)).toBeFocused();
  await page.keyboard.press('j');
  await page.keyboard.press('Enter');
  await expect(console.detail.code).toHaveText(second);
  await page.keyboard.press('Escape');
  await expect(console.detail.root).toHaveCount(0);

  await queue.press('/');
  await expect(queue.search).toBeFocused();
  // Typing in a field never runs a shortcut.
  await page.keyboard.type('jk');
  await expect(queue.search).toHaveValue('jk');
  await page.keyboard.press('Escape');
  await expect(queue.search).toHaveValue('');
  await expect(queue.row(second)).toHaveClass(/is-cursor/);

  await page.keyboard.press('Control+k');
  await expect(queue.palette).toBeVisible();
  await expect(queue.palette.getByRole('option', { name: /Assign to me/ })).toBeVisible();
  await page.keyboard.type('new tick');
  await expect(queue.palette.getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(queue.palette).toHaveCount(0);
  await expect(console.newTicketDialog.root).toBeVisible();
});

test('two tickets picked with a shift-click are assigned in bulk, and the server has it', async ({ openConsole }) => {
  const { token } = await apiSignIn('sam');
  const tag = `bulk-${randomUUID().slice(0, 6)}`;
  const tickets = [makeCreateArgs({ title: `Monitor flickers ${tag} A` }), makeCreateArgs({ title: `Monitor flickers ${tag} B` })];
  for (const ticket of tickets) await createTicketOnServer(token, ticket);

  const { page, console } = await openConsole('tina');
  const queue = queuePage(page);
  await queue.search.fill(tag);
  await queue.expectShown(2);
  const [a, b] = tickets.map((ticket) => ticket.code);
  if (a === undefined || b === undefined) throw new Error('two tickets expected');
  await queue.select(a).click();
  await queue.select(b).click({ modifiers: ['Shift'] });
  await expect(queue.bulk).toContainText('2 selected');
  await queue.bulk.getByRole('button', { name: 'Assign to me' }).click();
  await expect(queue.outcome).toContainText('2 tickets changed.');
  await expect(queue.row(a)).toContainText('Tina');
  await console.waitForSynced();

  const tina = await apiSignIn('tina');
  const onServer = await serverTickets(token);
  for (const ticket of tickets) expect(onServer.get(ticket.id)?.assigneeId).toBe(tina.user.id);

  // Taken, the new tickets are open; only transitions every selected ticket allows are offered.
  for (const ticket of tickets) expect(onServer.get(ticket.id)?.status).toBe('open');
  await expect(queue.bulk.getByRole('combobox', { name: 'Set status of selected' }).getByRole('option')).toHaveText(['Set status…', 'Pending', 'Resolved']);
});

test('queue screenshot for review', async ({ openConsole }) => {
  const { page } = await openConsole('tina');
  const queue = queuePage(page);
  await queue.press('j', 'j');
  await queue.select((await queue.rows.nth(3).getAttribute('data-code')) ?? '').click();
  await page.screenshot({ path: join(process.env.MEJA_QUEUE_SHOT_DIR ?? join('docs', 'screenshots'), 'queue.png') });
});
