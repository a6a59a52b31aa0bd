import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { apiSignIn, createTicketOnServer, serverTickets } from './support/api';
import { expect, test } from './support/fixtures';
import { makeCreateArgs } from './support/tickets';
import { queuePage } from './pages/queuePage';
import { statsPage } from './pages/statsPage';

test('a tag added offline reaches the other consoles, merges with theirs, filters the queue and the statistics', async ({ openConsole }) => {
  test.setTimeout(120_000);
  const { token } = await apiSignIn('tina');
  const ticket = makeCreateArgs();
  await createTicketOnServer(token, ticket);
  // A tag no other ticket has, typed the way people type.
  const suffix = randomUUID().slice(0, 6);
  const tag = `vpn-client-${suffix}`;

  const tina = await openConsole('tina');
  const tomas = await openConsole('tomas');
  await tina.console.open(ticket.code);
  await tomas.console.open(ticket.code);
  await expect(tina.console.detail.tags).toHaveText('No tags yet');

  // Offline, with the keyboard: Alt+T, then two tags at once.
  await tina.context.setOffline(true);
  await tina.page.keyboard.press('Alt+t');
  await expect(tina.console.detail.tagInput).toBeFocused();
  await tina.page.keyboard.type(` VPN Client ${suffix.toUpperCase()} , Laptop`);
  await tina.page.keyboard.press('Enter');
  await expect(tina.console.detail.tags.locator('li')).toHaveText([`laptop×`, `${tag}×`]);
  await expect(tina.console.row(ticket.code)).toContainText(tag);
  await tina.console.expectPending(1);

  // Meanwhile Tomas, online, tags the same ticket too.
  await tomas.console.detail.tagInput.fill('printer');
  await tomas.console.detail.tagInput.press('Enter');
  await expect(tomas.console.detail.tags.locator('li')).toHaveText(['printer×']);

  // Back online: nobody's tags are lost, on either console and on the server.
  await tina.context.setOffline(false);
  await tina.console.waitForSynced();
  await expect(tina.console.detail.tags.locator('li')).toHaveText(['laptop×', 'printer×', `${tag}×`]);
  await expect(tomas.console.detail.tags.locator('li')).toHaveText(['laptop×', 'printer×', `${tag}×`]);
  expect((await serverTickets(token)).get(ticket.id)?.tags).toEqual(['laptop', 'printer', tag]);
  await expect(tomas.console.detail.timeline).toContainText('changed the tags');
  await expect(tomas.console.detail.timeline).toContainText(`+laptop +${tag}`);

  // Tomas removes one; Tina sees it go.
  await tomas.console.detail.removeTag('laptop').click();
  await expect(tina.console.detail.tags.locator('li')).toHaveText(['printer×', `${tag}×`]);

  // A tag that cannot be one is refused before anything is sent, saying why.
  await tina.console.detail.tagInput.fill('-odd');
  await tina.console.detail.tagInput.press('Enter');
  await expect(tina.console.detail.root.getByRole('alert')).toHaveText('A tag is letters and digits, with . _ + # / - inside: "-odd" is not.');
  await tina.console.expectPending(0);

  // The queue's tag facet counts it and filters by it.
  await tomas.console.detail.closePanel();
  const queue = queuePage(tomas.page);
  await expect(queue.tagChip(tag)).toHaveText(`${tag} (1)`);
  await queue.tagChip(tag).click();
  await expect(queue.tagChip(tag)).toHaveAttribute('aria-pressed', 'true');
  await queue.expectShown(1);
  await expect(queue.row(ticket.code)).toBeVisible();
  await expect(queue.chip(`tag-${tag}`)).toHaveText(/Tag: vpn-client-/);
  await tomas.page.setViewportSize({ width: 1400, height: 700 });
  await queue.tagChip(tag).click();
  await queue.tagChip('printer').click();
  mkdirSync('docs/screenshots', { recursive: true });
  await tomas.page.screenshot({ path: 'docs/screenshots/queue-tag-facet.png' });

  // The statistics filtered by the tag (typed in capitals) count the one ticket, and open it in the queue.
  const sue = await openConsole('sue');
  const stats = statsPage(sue.page);
  await stats.open();
  await stats.tagFilter.fill(tag.toUpperCase());
  await stats.tagFilter.press('Enter');
  await expect(stats.tagFilter).toHaveValue(tag);
  await expect(stats.headline('opened')).toHaveText('1');
  await stats.headline('opened').click();
  const sueQueue = queuePage(sue.page);
  await expect(sueQueue.chip(`tag-${tag}`)).toBeVisible();
  await sueQueue.expectShown(1);
  await expect(sueQueue.row(ticket.code)).toBeVisible();
});

test('the tags speak Bahasa Indonesia', async ({ openConsole }) => {
  const { token } = await apiSignIn('tina');
  const ticket = makeCreateArgs();
  await createTicketOnServer(token, ticket);
  const { console } = await openConsole('tina');
  await console.open(ticket.code);
  await console.openUserMenu();
  await console.languageMenu.selectOption({ label: 'Bahasa Indonesia' });
  const panel = console.detail.root;
  await expect(panel.getByRole('heading', { name: 'Tag', exact: true })).toBeVisible();
  await expect(console.detail.tags).toHaveText('Belum ada tag');
  const input = panel.getByRole('textbox', { name: 'Tambah tag' });
  await input.fill('a,b, x!');
  await input.press('Enter');
  await expect(panel.getByRole('alert')).toHaveText('Tag berupa huruf dan angka, dengan . _ + # / - di tengah: "x!" tidak.');
  await input.fill('jaringan');
  await input.press('Enter');
  await expect(panel.getByRole('button', { name: 'Hapus tag jaringan' })).toBeVisible();
  await expect(panel.getByRole('list', { name: 'Linimasa' })).toContainText('mengubah tag');
});
