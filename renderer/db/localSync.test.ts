import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { discard, mutate, retry } from '../../shared/sync/syncStore';
import { createSyncSteps } from '../../shared/sync/syncSteps';
import { decidePushOutcomes } from '../../shared/sync/outcomes';
import type { Change, PullResponse } from '../../shared/sync/protocol';
import type { LocalDb, LocalTx } from '../../shared/sync/localStore';
import { randomBytes, randomUuid } from '../../shared/platform';
import { makeCreateArgs, makeTicket, makeUser } from '../../tests/support/factories';
import { openMejaDb, type MejaDb } from './database';
import { createDexieLocalDb } from './localDb';

const tech = makeUser({ id: 'user-tech' });
const page = (changes: Change[], cursor = 'c1', hasMore = false): PullResponse => ({ protocol: 1, changes, cursor, hasMore });
const put = (ticket: ReturnType<typeof makeTicket>): Change => ({ entity: 'ticket', id: ticket.id, op: 'put', data: ticket });

let db: MejaDb;
let local: LocalDb;
const steps = () => createSyncSteps(local, randomUuid);
/** The entries a push would send next. */
const pendingEntries = async () => (await steps().nextPushBatch({ limit: 10 })).entries;
const act = (name: string, args: unknown, at = '2026-03-02T10:00:00.000Z') => mutate(local, { id: randomUuid(), name, args, at, actorId: tech.id });

beforeEach(async () => {
  db = openMejaDb(`test-${randomUuid()}`);
  local = createDexieLocalDb(db);
  await db.users.put(tech);
});

afterEach(async () => {
  await db.delete();
});

describe("the engine's reads", () => {
  it('gives one client id to calls that race for it, and keeps it', async () => {
    const batches = await Promise.all([steps().nextPushBatch({ limit: 1 }), steps().nextPushBatch({ limit: 1 }), steps().nextPushBatch({ limit: 1 })]);
    const ids = batches.map((batch) => batch.clientId);
    expect(new Set(ids).size).toBe(1);
    expect((await steps().nextPushBatch({ limit: 1 })).clientId).toBe(ids[0]);
  });

  it('reads in a read-only transaction, which refuses writes', async () => {
    // Read-only is what lets the engine's reads run beside the screen's instead of after them.
    await expect(local.read((tx) => (tx as LocalTx).setMeta('cursor', 'c9'))).rejects.toThrow(/read ?only/i);
    expect((await steps().beginPull()).cursor).toBeNull();
  });
});

describe('local changes', () => {
  it('writes the optimistic ticket, its event and an outbox entry in one go', async () => {
    const args = makeCreateArgs();
    const result = await act('ticket:create', args);
    expect(result).toEqual({ ok: true, value: { queued: true } });
    const ticket = await db.tickets.get(args.id);
    expect(ticket).toMatchObject({ code: args.code, number: null, status: 'new', tier: 1, createdBy: tech.id });
    expect(await db.events.where('[ticketId+at]').between([args.id, ''], [args.id, '\uffff']).count()).toBe(1);
    const outbox = await db.outbox.toArray();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ name: 'ticket:create', state: 'pending' });
    // The server has no such ticket yet: its base is "absent".
    expect(await db.bases.get(`ticket/${args.id}`)).toMatchObject({ data: null });
  });

  it('refuses a change the rules forbid and writes nothing', async () => {
    const ticket = makeTicket();
    await steps().applyPull({ page: page([put(ticket)]), reset: false });
    const result = await act('ticket:transition', { id: ticket.id, from: 'new', to: 'pending' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('invalid_transition');
    expect(await db.outbox.count()).toBe(0);
    expect(await db.bases.count()).toBe(0);
    expect((await db.tickets.get(ticket.id))?.status).toBe('new');
  });

  it('does not queue a change that changes nothing', async () => {
    const ticket = makeTicket({ assigneeId: tech.id });
    await steps().applyPull({ page: page([put(ticket)]), reset: false });
    expect(await act('ticket:assign', { id: ticket.id, assigneeId: tech.id })).toEqual({ ok: true, value: { queued: false } });
    expect(await db.outbox.count()).toBe(0);
  });
});

describe('server changes under local ones', () => {
  it('replays pending changes on top of newer server state', async () => {
    const ticket = makeTicket({ title: 'Old title' });
    await steps().applyPull({ page: page([put(ticket)]), reset: false });
    await act('ticket:update', { id: ticket.id, title: 'Local title' });
    // Someone else changed the description on the server meanwhile.
    await steps().applyPull({ page: page([put({ ...ticket, description: 'Server description', updatedAt: '2026-03-02T11:00:00.000Z' })], 'c2'), reset: false });
    const view = await db.tickets.get(ticket.id);
    expect(view?.title).toBe('Local title');
    expect(view?.description).toBe('Server description');
    expect((await db.bases.get(`ticket/${ticket.id}`))?.data).toMatchObject({ title: 'Old title', description: 'Server description' });
    expect((await steps().beginPull()).cursor).toBe('c2');
  });

  it('rolls a rejected change back to the server state and keeps it as rejected with its reason', async () => {
    const ticket = makeTicket({ status: 'open' });
    await steps().applyPull({ page: page([put(ticket)]), reset: false });
    await act('ticket:transition', { id: ticket.id, from: 'open', to: 'pending' });
    expect((await db.tickets.get(ticket.id))?.status).toBe('pending');
    const [entry] = await db.outbox.toArray();
    if (entry === undefined) throw new Error('no outbox entry');
    const outcomes = decidePushOutcomes(
      [entry],
      [{ id: entry.id, status: 'rejected', error: { code: 'conflict', message: 'The ticket is resolved now, not open.' } }],
      {
        newId: randomUuid,
        randomBytes,
      },
    );
    await steps().settlePush({ outcomes, now: '2026-03-02T10:05:00.000Z', limit: 10 });
    expect((await db.tickets.get(ticket.id))?.status).toBe('open');
    expect(await db.outbox.count()).toBe(0);
    expect(await db.bases.count()).toBe(0);
    expect(await db.events.count()).toBe(0);
    const rejected = await db.rejected.toArray();
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ name: 'ticket:transition', error: { code: 'conflict', message: 'The ticket is resolved now, not open.' } });
  });

  it('keeps an acknowledged change visible until a pull brings it, then drops it', async () => {
    const ticket = makeTicket({ status: 'open' });
    const s = steps();
    await s.applyPull({ page: page([put(ticket)]), reset: false });
    await act('ticket:escalate', { id: ticket.id, toTier: 2, reason: 'Needs AD rights' });
    const [entry] = await db.outbox.toArray();
    if (entry === undefined) throw new Error('no outbox entry');
    await s.settlePush({ outcomes: [{ id: entry.id, kind: 'acked' }], now: '2026-03-02T10:01:00.000Z', limit: 10 });
    expect((await db.tickets.get(ticket.id))?.tier).toBe(2);
    expect(await pendingEntries()).toHaveLength(0);
    expect((await s.beginPull()).acked).toEqual([entry.id]);
    const serverTicket = { ...ticket, tier: 2 as const, updatedAt: '2026-03-02T10:00:30.000Z' };
    const serverEvent: Change = {
      entity: 'event',
      id: `${entry.id}:0`,
      op: 'put',
      data: {
        id: `${entry.id}:0`,
        ticketId: ticket.id,
        actorId: tech.id,
        at: '2026-03-02T10:00:30.000Z',
        type: 'escalated',
        data: { fromTier: 1, toTier: 2, reason: 'Needs AD rights' },
      },
    };
    await s.applyPull({ page: page([put(serverTicket), serverEvent], 'c2'), reset: false });
    expect(await s.lastSyncedAt()).toBeNull();
    await s.finishSync({ acked: [entry.id], syncedAt: '2026-03-02T10:01:30.000Z' });
    expect(await s.lastSyncedAt()).toBe('2026-03-02T10:01:30.000Z');
    expect(await db.outbox.count()).toBe(0);
    expect(await db.bases.count()).toBe(0);
    expect(await db.tickets.get(ticket.id)).toEqual(serverTicket);
    // The optimistic event and the server's are one record.
    expect(await db.events.count()).toBe(1);
    expect((await db.events.toArray())[0]?.at).toBe('2026-03-02T10:00:30.000Z');
  });

  it('re-syncs from scratch keeping unsent changes on screen', async () => {
    const old = makeTicket({ title: 'Gone from the server' });
    const s = steps();
    await s.applyPull({ page: page([put(old)]), reset: false });
    const offline = makeCreateArgs();
    await act('ticket:create', offline);
    const kept = makeTicket({ title: 'Still on the server' });
    await s.applyPull({ page: page([put(kept)], 'fresh'), reset: true });
    expect(await db.tickets.get(old.id)).toBeUndefined();
    expect((await db.tickets.get(kept.id))?.title).toBe('Still on the server');
    expect((await db.tickets.get(offline.id))?.code).toBe(offline.code);
    expect(await pendingEntries()).toHaveLength(1);
    expect((await s.beginPull()).cursor).toBe('fresh');
  });

  it('gives a ticket whose code was taken a new code and sends it again with its follow-up changes', async () => {
    const args = makeCreateArgs();
    await act('ticket:create', args);
    await act('ticket:update', { id: args.id, title: 'VPN error 809 on home Wi-Fi' });
    const sent = await pendingEntries();
    expect(sent).toHaveLength(2);
    const [create, update] = sent;
    if (create === undefined || update === undefined) throw new Error('missing entries');
    const outcomes = decidePushOutcomes(
      sent,
      [
        { id: create.id, status: 'rejected', error: { code: 'code_taken', message: 'taken' } },
        { id: update.id, status: 'rejected', error: { code: 'not_found', message: 'no ticket' } },
      ],
      { newId: randomUuid, randomBytes },
    );
    expect(outcomes.map((o) => o.kind)).toEqual(['requeue', 'requeue']);
    await steps().settlePush({ outcomes, now: '2026-03-02T10:01:00.000Z', limit: 10 });
    const pending = await pendingEntries();
    expect(pending.map((e) => e.name)).toEqual(['ticket:create', 'ticket:update']);
    expect(pending.map((e) => e.id)).not.toContain(create.id);
    const newCode = (pending[0]?.args as { code: string }).code;
    expect(newCode).not.toBe(args.code);
    const view = await db.tickets.get(args.id);
    expect(view?.code).toBe(newCode);
    expect(view?.title).toBe('VPN error 809 on home Wi-Fi');
    expect(await db.rejected.count()).toBe(0);
  });

  it('keeps the server state of a conflict, and retries or discards a rejected change on request', async () => {
    const ticket = makeTicket({ status: 'open' });
    await steps().applyPull({ page: page([put(ticket)]), reset: false });
    await act('ticket:transition', { id: ticket.id, from: 'open', to: 'pending' });
    const [entry] = await db.outbox.toArray();
    if (entry === undefined) throw new Error('no outbox entry');
    const current = { ...ticket, status: 'resolved' as const, resolution: 'Fixed by Sam' };
    const outcomes = decidePushOutcomes(
      [entry],
      [{ id: entry.id, status: 'rejected', error: { code: 'conflict', message: 'The ticket is resolved now, not open.', current } }],
      { newId: randomUuid, randomBytes },
    );
    await steps().settlePush({ outcomes, now: '2026-03-02T10:05:00.000Z', limit: 10 });
    await steps().applyPull({ page: page([put(current)], 'c2'), reset: false });
    const [rejected] = await db.rejected.toArray();
    expect(rejected?.error.current).toMatchObject({ status: 'resolved', resolution: 'Fixed by Sam' });
    if (rejected === undefined) throw new Error('no rejected change');

    // As it was, the change no longer fits the ticket: the local rules refuse and it stays listed.
    const stale = await retry(local, rejected.id, { newId: randomUuid(), at: '2026-03-02T10:06:00.000Z', actorId: tech.id });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await db.rejected.count()).toBe(1);

    // Adjusted to what the ticket is now, it goes out as a new change.
    const adjusted = await retry(local, rejected.id, {
      newId: randomUuid(),
      at: '2026-03-02T10:06:00.000Z',
      actorId: tech.id,
      args: { id: ticket.id, from: 'resolved', to: 'open' },
    });
    expect(adjusted).toEqual({ ok: true, value: { queued: true } });
    expect(await db.rejected.count()).toBe(0);
    expect((await db.tickets.get(ticket.id))?.status).toBe('open');
    expect((await pendingEntries()).map((e) => e.args)).toEqual([{ id: ticket.id, from: 'resolved', to: 'open' }]);
  });

  it('discards a rejected change only when asked', async () => {
    await db.rejected.put({
      id: 'r1',
      name: 'note:add',
      args: {},
      at: '2026-03-02T10:00:00.000Z',
      error: { code: 'not_found', message: 'No ticket' },
      rejectedAt: '2026-03-02T10:01:00.000Z',
    });
    await discard(local, 'r1');
    expect(await db.rejected.count()).toBe(0);
  });
});
