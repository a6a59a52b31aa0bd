import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MutationArgsMap, MutationName } from '../../shared/domain/mutationArgs';
import { PROTOCOL_VERSION, type PushResponse } from '../../shared/sync/protocol';
import { DEMO_PASSWORD } from './support/env';
import { expect, test } from './support/fixtures';
import { startProcessServer, type ProcessServer } from '../support/processServer';
import { makeCreateArgs } from './support/tickets';

/*
 * A console keeps its user's working set (docs/ARCHITECTURE.md, "The working set"): here resolved
 * tickets stay one day (MEJA_SYNC_RECENT_DAYS=1) on a server of this file's own. A ticket that
 * leaves the set while the console has work on it must stay until that work is seen through.
 */
let server: ProcessServer;
let folder: string | undefined;
test.beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'meja-e2e-working-set-'));
  server = await startProcessServer(`sqlite:${join(folder, 'meja.sqlite')}`, { args: ['--demo'], env: { MEJA_SYNC_RECENT_DAYS: '1' } });
});
test.afterAll(async () => {
  await server?.stop();
  if (folder !== undefined) await rm(folder, { recursive: true, force: true });
});

const DAY_MS = 24 * 3_600_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();

const signIn = async (username: string): Promise<string> => {
  const answer = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  return ((await answer.json()) as { token: string }).token;
};

/** One change pushed now by another console that made it `at` (offline since then): the server dates it then. */
const pushDated = async <N extends MutationName>(token: string, name: N, args: MutationArgsMap[N], at: string) => {
  const answer = await fetch(`${server.url}/api/sync/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      protocol: PROTOCOL_VERSION,
      clientId: `e2e-${randomUUID()}`,
      sentAt: new Date().toISOString(),
      mutations: [{ id: randomUUID(), name, args, at }],
    }),
  });
  const { results } = (await answer.json()) as PushResponse;
  expect(results.map((result) => result.status)).toEqual(['applied']);
};

test('a ticket that leaves the working set stays in the cache while it has a refused change, and goes once that is discarded', async ({ openConsole }) => {
  const sam = await signIn('sam');
  const ticket = makeCreateArgs({ title: 'Docking station drops the second screen' });
  await pushDated(sam, 'ticket:create', ticket, daysAgo(3));
  await pushDated(sam, 'ticket:transition', { id: ticket.id, from: 'new', to: 'open' }, daysAgo(3));

  const { context, page, console } = await openConsole('tina', { baseURL: server.url });
  const detail = console.detail;
  // Open, so in everyone's working set.
  await console.filter.fill(ticket.code);
  await console.open(ticket.code);
  await expect(detail.status).toHaveText('Open');

  await context.setOffline(true);
  await detail.action('Set pending').click();
  await expect(detail.status).toHaveText('Pending');
  // Resolved two days ago by the server's clock: out of every working set it was only in for being live.
  await pushDated(sam, 'ticket:transition', { id: ticket.id, from: 'open', to: 'resolved', resolution: 'Firmware updated.' }, daysAgo(2));

  await context.setOffline(false);
  await expect(detail.rejected).toHaveCount(1);
  await expect(detail.status).toHaveText('Resolved');
  await console.waitForSynced();

  // A new run prunes at its first complete sync: the refused change keeps the ticket.
  await page.reload();
  await console.waitForFirstSync();
  await console.waitForSynced();
  await console.filter.fill(ticket.code);
  await expect(console.row(ticket.code)).toBeVisible();
  await console.open(ticket.code);
  await expect(detail.rejected).toHaveCount(1);
  await detail.discardRejected();
  await expect(detail.rejected).toHaveCount(0);

  // Nothing of hers is left on it: the next run's pruning drops it.
  await page.reload();
  await console.waitForFirstSync();
  await console.waitForSynced();
  await console.filter.fill(ticket.code);
  await expect(console.row(ticket.code)).toHaveCount(0);
  expect(
    await page.evaluate(`(async () => {
    const open = indexedDB.open('meja-' + ${JSON.stringify(await tinaId(server.url))});
    const db = await new Promise((done) => (open.onsuccess = () => done(open.result)));
    const read = db.transaction('tickets').objectStore('tickets').get(${JSON.stringify(ticket.id)});
    const found = await new Promise((done) => (read.onsuccess = () => done(read.result)));
    db.close();
    return found === undefined;
  })()`),
  ).toBe(true);
});

const tinaId = async (url: string): Promise<string> => {
  const answer = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'tina', password: DEMO_PASSWORD }),
  });
  return ((await answer.json()) as { user: { id: string } }).user.id;
};
