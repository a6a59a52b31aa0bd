import { makeCreateArgs } from './factories';
import type { TestClient } from './syncClient';

const PHASE_LIMIT_MS = 30_000;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `ready()` holds; past the limit fails with what it was waiting for. */
export const waitUntil = async (what: string, ready: () => boolean | Promise<boolean>, limitMs = PHASE_LIMIT_MS): Promise<void> => {
  const deadline = Date.now() + limitMs;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`gave up after ${limitMs / 1000} s waiting for ${what}`);
    await sleep(10);
  }
};

/** A console's technician at work: a new ticket now and then, edits to her tickets in between, each one synced at once. */
export const typeAway = async (client: TestClient, producing: () => boolean): Promise<void> => {
  const mine: string[] = [];
  for (let made = 1; producing(); made += 1) {
    const target = mine[made % Math.max(1, mine.length)];
    if (target === undefined || made % 3 === 0) {
      const args = makeCreateArgs({ title: `${client.name} call ${made}` });
      if ((await client.mutate('ticket:create', args)).ok) mine.push(args.id);
    } else {
      await client.mutate('ticket:update', { id: target, title: `${client.name} edit ${made}` });
    }
    client.engine.syncSoon();
    // About what a busy technician does, well within what a console on fake-indexeddb pushes.
    await sleep(60);
  }
};

/** Mutation ids a console has been told were applied: queued, no longer pending, not refused. */
export const consoleAcks = async (client: TestClient): Promise<string[]> => {
  const pending = new Set((await client.db.outbox.toArray()).filter((entry) => entry.state === 'pending').map((entry) => entry.id));
  const refused = new Set((await client.db.rejected.toArray()).map((change) => change.id));
  return client.queued.filter((id) => !pending.has(id) && !refused.has(id));
};

/** What each console still holds in its outbox, and its engine's error, for a failure message. */
export const outboxSizes = async (clients: readonly TestClient[]) =>
  Promise.all(clients.map(async (client) => ({ name: client.name, left: await client.db.outbox.count(), error: client.engine.status().error })));
