import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { statsPage } from './pages/statsPage';
import { trackPage } from './pages/trackPage';
import { PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { apiSignIn, createTicketOnServer, pushAs, serverTickets } from './support/api';
import { expect, test, type SignedInConsole } from './support/fixtures';
import { makeCreateArgs } from './support/tickets';

/*
 * Linked tickets and problems: an outage's problem gets its incidents from two consoles (one of
 * them offline), and resolving it resolves them in one change, live on the other console and on
 * the callers' tracking page; a duplicate is resolved in one action; the statistics count the
 * problem's incidents.
 */

const SHOTS = 'docs/screenshots';

const openTicket = async ({ console }: SignedInConsole, code: string) => {
  await console.filter.fill(code);
  await console.open(code);
  await expect(console.detail.code).toHaveText(code);
};

test('a problem resolves the incidents two consoles linked to it, one of them offline, for every caller, and the statistics count them', async ({
  openConsole,
  page,
}) => {
  test.setTimeout(120_000);
  const suffix = randomUUID().slice(0, 6);
  const problem = makeCreateArgs({ title: `Mail server down ${suffix}`, category: 'email' });
  const first = makeCreateArgs({ title: `Outlook cannot send ${suffix}`, category: 'email', requester: { name: 'Ada Lovelace', contact: 'ext. 4411' } });
  const second = makeCreateArgs({ title: `No new mail since 9 ${suffix}`, category: 'email', requester: { name: 'Grace Hopper', contact: 'ext. 2210' } });
  const { token } = await apiSignIn('tomas');
  for (const args of [problem, first, second]) await createTicketOnServer(token, args);
  // The first caller's call was logged on their ticket.
  const callEnded = new Date();
  const call = { ticketId: first.id, startedAt: new Date(callEnded.getTime() - 240_000).toISOString(), endedAt: callEnded.toISOString() };
  await pushAs(token, { protocol: PROTOCOL_VERSION, clientId: `e2e-${randomUUID()}`, mutations: [{ id: randomUUID(), name: 'call:log', args: call }] });

  const tina = await openConsole('tina');
  const tomas = await openConsole('tomas');
  await tina.page.setViewportSize({ width: 1400, height: 900 });

  // Tina marks the outage's ticket as a problem; Tomas's console hears of it live.
  await openTicket(tina, problem.code);
  await tina.console.detail.markAsProblem();
  await expect(tina.console.detail.problemBadge).toHaveText('Problem');
  await expect(tina.console.detail.incidentCount).toHaveText('0 incidents, 0 open');
  await openTicket(tomas, problem.code);
  await expect(tomas.console.detail.problemBadge).toBeVisible();

  // Tomas, offline, links the second caller's ticket to it from his cache.
  await tomas.context.setOffline(true);
  await openTicket(tomas, second.code);
  await tomas.console.detail.linkTo('Incident of problem', problem.code);
  await expect(tomas.console.detail.linkGroup('link-problem')).toContainText(problem.code);
  await expect(tomas.console.pending).toHaveAttribute('data-count', '1');

  // Tina links the first one, online; then Tomas's link arrives.
  await openTicket(tina, first.code);
  await tina.console.detail.linkTo('Incident of problem', problem.code);
  await expect(tina.console.detail.linkRow(problem.code)).toContainText(problem.title);
  await tomas.context.setOffline(false);
  await tomas.console.waitForSynced();

  await openTicket(tina, problem.code);
  const detail = tina.console.detail;
  await expect(detail.incidentCount).toHaveText('2 incidents, 2 open');
  await expect(detail.linkRow(first.code)).toContainText('New');
  await expect(detail.linkRow(second.code)).toContainText('New');
  mkdirSync(SHOTS, { recursive: true });
  await tina.page.screenshot({ path: `${SHOTS}/links-problem.png` });

  // Tomas watches the second caller's ticket while Tina resolves the problem.
  await openTicket(tomas, second.code);
  await expect(tomas.console.detail.status).toHaveText('New');
  await detail.action('Resolve problem and its incidents…').click();
  const form = detail.root.getByRole('form', { name: 'Resolve ticket' });
  await expect(form.getByTestId('resolves-incidents')).toHaveText(
    'Resolves its 2 open incidents too: each gets this text as its resolution and as a public note to its caller.',
  );
  const resolution = `The mail server is back; mail sent since 9:00 is delivered (${suffix}).`;
  await form.getByLabel('Resolution').fill(resolution);
  await form.getByRole('button', { name: 'Resolve problem and its incidents' }).click();
  await expect(detail.status).toHaveText('Resolved');
  await expect(detail.incidentCount).toHaveText('2 incidents, 0 open');

  // Live on the other console, with the public note for the caller in the ticket's history.
  await expect(tomas.console.detail.status).toHaveText('Resolved');
  await expect(tomas.console.detail.timelineEntry(resolution).filter({ hasText: 'added a public note' })).toBeVisible();
  await expect(tomas.console.detail.timeline).toContainText(`resolved the ticket with #`);
  await tina.console.waitForSynced();
  const onServer = await serverTickets(token);
  for (const args of [first, second])
    expect(onServer.get(args.id)).toMatchObject({ status: 'resolved', resolution, links: [{ otherId: problem.id, kind: 'problem' }] });

  // Each caller reads it on the tracking page.
  const track = trackPage(page);
  for (const args of [first, second]) {
    await track.goto(args.code);
    await expect(track.status).toHaveText('Resolved');
    await expect(track.resolution).toContainText(resolution);
    await expect(track.notes).toContainText(resolution);
  }

  // The supervisor's statistics count the problem's incidents.
  const sue = await openConsole('sue');
  const stats = statsPage(sue.page);
  await stats.open();
  const table = stats.table('Problems');
  const row = table.getByRole('row').filter({ hasText: problem.code });
  await expect(row).toContainText(problem.title);
  await expect(row.getByRole('cell').nth(3)).toHaveText('2');
  await expect(row.getByRole('cell').nth(4)).toHaveText('1');
  const byCategory = stats.table('Problems by category').getByRole('row').filter({ hasText: 'Email' });
  await expect(byCategory.getByRole('cell').nth(2)).not.toHaveText('0');
  // Both problem tables with their headings, as the supervisor sees them.
  const blocks = sue.page.locator('section.stats-table-block').filter({ has: sue.page.getByRole('heading', { name: /^Problems/ }) });
  await blocks.first().scrollIntoViewIfNeeded();
  const [a, b] = [await blocks.first().boundingBox(), await blocks.last().boundingBox()];
  if (a === null || b === null) throw new Error('the problem tables are not on screen');
  const [left, top] = [Math.min(a.x, b.x), Math.min(a.y, b.y)];
  const [right, bottom] = [Math.max(a.x + a.width, b.x + b.width), Math.max(a.y + a.height, b.y + b.height)];
  await sue.page.screenshot({ path: `${SHOTS}/stats-problems.png`, clip: { x: left - 8, y: top - 8, width: right - left + 16, height: bottom - top + 16 } });
});

test('a duplicate shows its original and is resolved in one action; resolving the original resolves the duplicates still open', async ({ openConsole }) => {
  test.setTimeout(90_000);
  const suffix = randomUUID().slice(0, 6);
  const original = makeCreateArgs({ title: `Printer on floor 3 jams ${suffix}`, category: 'printing' });
  const duplicate = makeCreateArgs({ title: `Floor 3 printer eats paper ${suffix}`, category: 'printing' });
  const another = makeCreateArgs({ title: `Paper jam again, floor 3 ${suffix}`, category: 'printing' });
  const related = makeCreateArgs({ title: `Toner order for floor 3 ${suffix}`, category: 'printing' });
  const { token } = await apiSignIn('tina');
  for (const args of [original, duplicate, another, related]) await createTicketOnServer(token, args);
  const tina = await openConsole('tina');
  const sam = await openConsole('sam');
  await tina.page.setViewportSize({ width: 1400, height: 900 });
  const numbers = await serverTickets(token);
  const originalNumber = numbers.get(original.id)?.number;

  await openTicket(tina, duplicate.code);
  const detail = tina.console.detail;
  await detail.linkTo('Duplicate of', original.code);
  await expect(detail.linkGroup('link-original')).toContainText(original.code);
  await expect(detail.linkGroup('link-original')).toContainText(original.title);
  // A duplicate cannot be a problem: the button is not offered.
  await expect(detail.links.getByRole('button', { name: 'Mark as problem' })).toHaveCount(0);
  await detail.linkTo('Related to', related.code);
  await expect(detail.linkGroup('link-related')).toContainText(related.code);
  await tina.page.screenshot({ path: `${SHOTS}/links-ticket.png` });

  // No chains of duplicates: the rules say why, in the form.
  await openTicket(tina, another.code);
  await detail.linkTo('Duplicate of', duplicate.code);
  await expect(detail.linkRefusal).toHaveText('That ticket is itself a duplicate; link to its original instead.');
  await detail.linkForm.getByRole('button', { name: 'Cancel' }).click();
  await detail.linkTo('Duplicate of', original.code);
  await expect(detail.linkGroup('link-original')).toContainText(original.code);

  await openTicket(tina, duplicate.code);
  await detail.links.getByRole('button', { name: 'Resolve as duplicate' }).click();
  await expect(detail.status).toHaveText('Resolved');
  await expect(detail.root).toContainText(`Duplicate of #${String(originalNumber)}`);

  // The original lists both; resolving it resolves the one still open, live for Sam.
  await openTicket(sam, another.code);
  await expect(sam.console.detail.status).toHaveText('New');
  await openTicket(tina, original.code);
  await expect(detail.linkGroup('link-duplicates').getByTestId('link-row')).toHaveCount(2);
  await detail.resolve('Replaced the fuser unit.');
  await expect(detail.status).toHaveText('Resolved');
  await expect(sam.console.detail.status).toHaveText('Resolved');
  await expect(sam.console.detail.root).toContainText('Replaced the fuser unit.');
  await tina.console.waitForSynced();
  const onServer = await serverTickets(token);
  expect(onServer.get(duplicate.id)).toMatchObject({ status: 'resolved', resolution: `Duplicate of #${String(originalNumber)}` });
  expect(onServer.get(another.id)).toMatchObject({ status: 'resolved', resolution: 'Replaced the fuser unit.' });
  expect(onServer.get(related.id)).toMatchObject({ status: 'new' });

  // The same in Bahasa Indonesia: the section, its groups and the history name the links in Indonesian.
  await tina.page.evaluate("localStorage.setItem('meja.language', 'id')");
  await tina.page.reload();
  await tina.console.waitForFirstSync();
  await tina.page.getByLabel('Saring tiket').fill(duplicate.code);
  await tina.page.locator(`tbody tr[data-code="${duplicate.code}"]`).click();
  await expect(detail.links.getByRole('heading', { name: 'Tautan' })).toBeVisible();
  await expect(detail.links.getByRole('heading', { name: 'Duplikat dari' })).toBeVisible();
  await expect(detail.links.getByRole('heading', { name: 'Terkait' })).toBeVisible();
  await expect(detail.links.getByRole('button', { name: 'Tautkan…' })).toHaveAttribute('aria-keyshortcuts', 'Alt+L');
  await expect(detail.root.getByRole('list', { name: 'Linimasa' })).toContainText(`menandai tiket ini sebagai duplikat dari #${String(originalNumber)}`);
});
