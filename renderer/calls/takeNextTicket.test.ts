import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MutationArgsMap, MutationName } from '../../shared/domain/mutationArgs';
import { randomUuid } from '../../shared/platform';
import { mutate } from '../../shared/sync/syncStore';
import { makeTicket, makeUser } from '../../tests/support/factories';
import { openMejaDb, type MejaDb } from '../db/database';
import { createDexieLocalDb } from '../db/localDb';
import { takeNextTicket } from './takeNextTicket';

const tina = makeUser({ id: 'user-tina', tier: 1 });
const other = makeUser({ id: 'user-other', username: 'tomas', tier: 1 });
const at = (minute: number) => `2026-03-02T09:${String(minute).padStart(2, '0')}:00.000Z`;

let db: MejaDb;
// The console's own door for changes: the shared rules over the Dexie cache, as in openWorkspace.
const workspace = () => {
  const local = createDexieLocalDb(db);
  return {
    db,
    run: <N extends MutationName>(name: N, args: MutationArgsMap[N]) =>
      mutate(local, { id: randomUuid(), name, args, at: '2026-03-02T10:00:00.000Z', actorId: tina.id }),
  };
};

beforeEach(async () => {
  db = openMejaDb(`test-${randomUuid()}`);
  await db.users.bulkPut([tina, other]);
});

afterEach(async () => {
  await db.delete();
});

describe('takeNextTicket', () => {
  it('assigns me the unassigned ticket at my tier that has waited longest, through the rules', async () => {
    const done = makeTicket({ createdAt: at(1), status: 'closed' });
    const taken = makeTicket({ createdAt: at(2), assigneeId: other.id });
    const tierTwo = makeTicket({ createdAt: at(3), tier: 2 });
    const oldest = makeTicket({ createdAt: at(4) });
    const newer = makeTicket({ createdAt: at(5), status: 'open' });
    await db.tickets.bulkPut([newer, done, taken, tierTwo, oldest]);

    expect(await takeNextTicket(workspace(), tina)).toEqual({ kind: 'taken', ticketId: oldest.id });
    expect((await db.tickets.get(oldest.id))?.assigneeId).toBe(tina.id);
    expect(await db.outbox.count()).toBe(1);

    expect(await takeNextTicket(workspace(), tina)).toEqual({ kind: 'taken', ticketId: newer.id });
    expect(await takeNextTicket(workspace(), tina)).toEqual({ kind: 'none', tier: 1 });
    expect((await db.tickets.get(taken.id))?.assigneeId).toBe(other.id);
  });

  it('says so when nothing waits at my tier', async () => {
    await db.tickets.put(makeTicket({ tier: 2 }));
    expect(await takeNextTicket(workspace(), tina)).toEqual({ kind: 'none', tier: 1 });
    expect(await db.outbox.count()).toBe(0);
  });

  it('passes over a ticket someone took between the look-up and the change', async () => {
    const first = makeTicket({ createdAt: at(1) });
    const second = makeTicket({ createdAt: at(2) });
    await db.tickets.bulkPut([first, second]);
    const inner = workspace();
    let isFirstRun = true;
    const racing = {
      db,
      run: async <N extends MutationName>(name: N, args: MutationArgsMap[N]) => {
        // A sync lands just before our change: another technician has the oldest ticket now.
        if (isFirstRun) await db.tickets.update(first.id, { assigneeId: other.id });
        isFirstRun = false;
        return inner.run(name, args);
      },
    };
    expect(await takeNextTicket(racing, tina)).toEqual({ kind: 'taken', ticketId: second.id });
    expect((await db.tickets.get(first.id))?.assigneeId).toBe(other.id);
  });

  it('is refused for staff without a tier', async () => {
    await db.tickets.put(makeTicket());
    const outcome = await takeNextTicket(workspace(), makeUser({ role: 'supervisor', tier: null }));
    expect(outcome.kind).toBe('refused');
    expect(await db.outbox.count()).toBe(0);
  });
});
