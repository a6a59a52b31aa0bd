import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeTicket, makeUser } from '../../tests/support/factories';
import { PRIORITIES, STATUSES } from '../domain/ticket';
import type { LocalMutation } from './localOps';
import { createMemoryLocalDb, type MemoryLocalDb } from './memoryLocalDb';
import { predictMutation, type HeldRecords } from './predictMutation';
import { entityKey, type EntityName } from './protocol';
import { mutate } from './syncStore';

const tina = makeUser({ id: 'tina', username: 'tina', tier: 1 });
const sam = makeUser({ id: 'sam', username: 'sam', displayName: 'Sam Tier-Two', tier: 2 });
const TICKET_IDS = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'];

const seeded = async (): Promise<MemoryLocalDb> => {
  const db = createMemoryLocalDb();
  await db.transaction(async (tx) => {
    await tx.putMany('user', [tina, sam]);
    await tx.putMany('ticket', [
      makeTicket({ id: TICKET_IDS[0], number: 1 }),
      makeTicket({ id: TICKET_IDS[1], number: 2, status: 'open', assigneeId: 'tina' }),
    ]);
  });
  return db;
};

/** Everything the cache holds, as a screen that had read all of it would hold it. */
const heldAll =
  (db: MemoryLocalDb): HeldRecords =>
  (entity, id) =>
    db.records(entity).find((record) => 'id' in record && record.id === id);

const recordOf = (db: MemoryLocalDb, entity: EntityName, id: string): unknown => db.records(entity).find((record) => 'id' in record && record.id === id);

const ticketId = fc.constantFrom(...TICKET_IDS);
const changeArgs = fc.oneof(
  fc.record({
    name: fc.constant('ticket:update'),
    args: fc.record({ id: ticketId, title: fc.constantFrom('VPN drops', 'Printer jams', ''), priority: fc.constantFrom(...PRIORITIES) }),
  }),
  fc.record({ name: fc.constant('ticket:assign'), args: fc.record({ id: ticketId, assigneeId: fc.constantFrom('tina', 'sam', null, 'nobody-0000') }) }),
  fc.record({
    name: fc.constant('ticket:transition'),
    args: fc.record({
      id: ticketId,
      from: fc.constantFrom(...STATUSES),
      to: fc.constantFrom(...STATUSES),
      resolution: fc.constantFrom('Replaced the cable', null),
    }),
  }),
  fc.record({
    name: fc.constant('ticket:escalate'),
    args: fc.record({ id: ticketId, toTier: fc.integer({ min: 1, max: 4 }), reason: fc.constantFrom('needs admin rights', '') }),
  }),
  fc.record({ name: fc.constant('ticket:tag'), args: fc.record({ id: ticketId, add: fc.subarray(['vpn', 'laptop', 'urgent']) }) }),
);

describe('predictMutation', () => {
  it('shows exactly what storing the change writes, whenever memory holds what the rule reads', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(changeArgs, fc.constantFrom('tina', 'sam')), { minLength: 1, maxLength: 12 }), async (changes) => {
        const db = await seeded();
        let step = 0;
        for (const [{ name, args }, actorId] of changes) {
          step += 1;
          const mutation: LocalMutation = { id: `m-${step}`, name, args, at: `2026-03-02T10:${String(step).padStart(2, '0')}:00.000Z`, actorId };
          const predicted = predictMutation(mutation, heldAll(db));
          const stored = await mutate(db, mutation);
          // Shown before storing only what storing then writes; and with everything held, every stored change is shown.
          expect(predicted !== null).toBe(stored.ok && stored.value.queued);
          for (const write of predicted ?? []) expect(recordOf(db, write.entity, write.id), entityKey(write.entity, write.id)).toEqual(write.data);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('tells nothing when a record the rule reads is not held in memory', async () => {
    const db = await seeded();
    const held = heldAll(db);
    const withoutSam: HeldRecords = (entity, id) => (entity === 'user' && id === 'sam' ? undefined : held(entity, id));
    const assignSam: LocalMutation = {
      id: 'm-1',
      name: 'ticket:assign',
      args: { id: TICKET_IDS[0], assigneeId: 'sam' },
      at: '2026-03-02T10:00:00.000Z',
      actorId: 'tina',
    };
    expect(predictMutation(assignSam, withoutSam)).toBeNull();
    expect(predictMutation(assignSam, held)?.find((write) => write.entity === 'ticket')?.data).toMatchObject({ assigneeId: 'sam' });
    const noTickets: HeldRecords = (entity, id) => (entity === 'ticket' ? undefined : held(entity, id));
    expect(predictMutation({ ...assignSam, args: { id: TICKET_IDS[0], assigneeId: null } }, noTickets)).toBeNull();
  });

  it('tells nothing for malformed arguments, refusals and changes that alter nothing', async () => {
    const held = heldAll(await seeded());
    const at = '2026-03-02T10:00:00.000Z';
    expect(predictMutation({ id: 'm-1', name: 'ticket:update', args: { id: TICKET_IDS[0] }, at, actorId: 'tina' }, held)).toBeNull();
    expect(predictMutation({ id: 'm-2', name: 'ticket:nonsense', args: {}, at, actorId: 'tina' }, held)).toBeNull();
    expect(
      predictMutation({ id: 'm-3', name: 'ticket:transition', args: { id: TICKET_IDS[0], from: 'new', to: 'resolved' }, at, actorId: 'tina' }, held),
    ).toBeNull();
    expect(predictMutation({ id: 'm-4', name: 'ticket:assign', args: { id: TICKET_IDS[1], assigneeId: 'tina' }, at, actorId: 'tina' }, held)).toBeNull();
  });
});
