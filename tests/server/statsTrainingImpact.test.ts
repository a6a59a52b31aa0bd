import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { queryTrainingImpact } from '../../server/stats/queries';
import type { Ticket } from '../../shared/domain/ticket';
import { WEEK_MS } from '../../shared/stats/period';
import { impactTicketOf, trainingImpact, type ImpactClass, type ImpactOptions } from '../../shared/stats/trainingImpact';
import { adaAndBudi, CLASS_AT, CLASS_WEEK, deskKey, impactDesk, LATER, type DeskCall } from '../../shared/stats/trainingImpact.testkit';
import { DATABASE_KINDS } from '../support/databases';
import { useMigratedDatabase } from '../support/migratedDatabase';
import { makeTicket } from '../support/factories';
import { plansOf } from '../support/queryPlans';
import { clearHistory, storeHistory } from './statsHistory';

/*
 * The training impact computed in SQL must equal the reference (trainingImpact in
 * shared/stats/trainingImpact.ts) on the same tickets, on both engines: the hand-built desk with
 * every kind of answer, then random desks and classes.
 */

const ticketsOf = (calls: readonly DeskCall[]): Ticket[] =>
  calls.map((c, i) =>
    makeTicket({ id: `t${String(i).padStart(4, '0')}`, number: i + 1, requester: c.requester, category: c.category, createdAt: c.createdAt }),
  );

const reference = (tickets: readonly Ticket[], classes: readonly ImpactClass[], options: ImpactOptions) =>
  classes.map((c) => trainingImpact(c, tickets.map(impactTicketOf), options));

describe.each(DATABASE_KINDS)('training impact in SQL on %s matches the reference', (kind) => {
  const migrated = useMigratedDatabase(kind);

  const store = async (tickets: Ticket[]): Promise<void> => {
    await clearHistory(migrated.handle.db);
    await storeHistory(migrated.handle.db, { tickets, events: [], sessions: [], users: [] });
  };

  it('gives every kind of answer on the hand-built desk', async () => {
    const tickets = ticketsOf(impactDesk());
    await store(tickets);
    const classes: ImpactClass[] = [
      adaAndBudi,
      { ...adaAndBudi, trainedElsewhereKeys: [deskKey('Dewi')] },
      // Below the minimum: Budi alone has 6 tickets.
      { ...adaAndBudi, attendeeKeys: [deskKey('Budi')] },
      { ...adaAndBudi, attendeeKeys: [] },
      { ...adaAndBudi, topic: 'email' },
      // Not held yet on LATER.
      { ...adaAndBudi, startsAt: '2026-06-01T09:00:00.000Z' },
    ];
    for (const options of [
      { weeks: 2, now: LATER },
      { weeks: 2, now: '2026-04-01T00:00:00.000Z' },
      { weeks: 1, now: LATER },
      { weeks: 8, now: LATER },
    ]) {
      const answers = await queryTrainingImpact(migrated.handle.db, kind, classes, options);
      expect(answers, JSON.stringify(options)).toEqual(reference(tickets, classes, options));
    }

    // The agreement is on real figures: the desk's estimate (shared/stats/trainingImpact.test.ts) and a "too few".
    const [first, , budi, nobody, , notYet] = await queryTrainingImpact(migrated.handle.db, kind, classes, { weeks: 2, now: LATER });
    expect(first).toMatchObject({
      kind: 'estimate',
      attendees: { persons: 2, before: { weekly: [6, 6] } },
      comparison: { persons: 3, after: { weekly: [4, 2] } },
    });
    expect(first?.kind === 'estimate' ? first.estimate : null).toBeCloseTo(-1.75, 12);
    expect(budi).toMatchObject({ kind: 'tooFewTickets', attendees: { before: { tickets: 5 }, after: { tickets: 1 } } });
    expect(nobody).toMatchObject({ kind: 'tooFewTickets', attendees: { persons: 0 } });
    expect(notYet).toMatchObject({ kind: 'tooEarly', measurableFrom: '2026-06-15T00:00:00.000Z' });
  });

  it('takes no class as no answer, and refuses bad weeks before reading anything', async () => {
    expect(await queryTrainingImpact(migrated.handle.db, kind, [], { weeks: 8, now: LATER })).toEqual([]);
    await expect(queryTrainingImpact(migrated.handle.db, kind, [adaAndBudi], { weeks: 0, now: LATER })).rejects.toThrow(RangeError);
  });

  it('reads the tickets of the class weeks through an index, never the whole table', async () => {
    await store(ticketsOf(impactDesk()));
    const plans = await plansOf(migrated.database.url, kind, (db) => queryTrainingImpact(db, kind, [adaAndBudi], { weeks: 8, now: LATER }));
    expect(plans).toHaveLength(2);
    for (const plan of plans) {
      if (kind === 'postgres') expect(plan, plan).not.toMatch(/Seq Scan on ticket_facts/);
      else expect(plan, plan).not.toMatch(/^\s*SCAN (f|b|ticket_facts)\b/m);
      expect(plan, plan).toMatch(/ticket_facts_(created|requester)/);
    }
  });

  const PEOPLE = ['Ada', 'Budi', 'Citra', 'Dewi', 'Eko', 'Fajar'];
  const WEEK0 = Date.parse(CLASS_WEEK);

  const callArb = fc.record({
    who: fc.constantFrom(...PEOPLE),
    spelling: fc.nat({ max: 2 }),
    category: fc.constantFrom('vpn', 'vpn', 'email'),
    at: fc.integer({ min: WEEK0 - 5 * WEEK_MS, max: WEEK0 + 6 * WEEK_MS }),
  });

  const classArb: fc.Arbitrary<ImpactClass> = fc.record({
    topic: fc.constantFrom('vpn', 'email'),
    startsAt: fc.integer({ min: Date.parse(CLASS_AT) - WEEK_MS, max: Date.parse(CLASS_AT) + WEEK_MS }).map((ms) => new Date(ms).toISOString()),
    attendeeKeys: fc.subarray(PEOPLE).map((names) => names.map(deskKey)),
    trainedElsewhereKeys: fc.subarray(PEOPLE, { maxLength: 2 }).map((names) => names.map(deskKey)),
  });

  it('agrees with the reference on random desks and classes', async () => {
    let estimates = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(callArb, { minLength: 80, maxLength: 200, size: 'max' }),
        fc.array(classArb, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 5 }),
        // Often after every week has ended, sometimes part-way or before the class.
        fc.oneof(fc.constant(WEEK0 + 8 * WEEK_MS), fc.integer({ min: WEEK0, max: WEEK0 + 8 * WEEK_MS })),
        async (calls, classes, weeks, now) => {
          const tickets = ticketsOf(calls.map((c) => ({ ...c, ...callAt(c) })));
          await store(tickets);
          const options = { weeks, now: new Date(now).toISOString() };
          const answers = await queryTrainingImpact(migrated.handle.db, kind, classes, options);
          expect(answers).toEqual(reference(tickets, classes, options));
          estimates += answers.filter((a) => a.kind === 'estimate').length;
        },
      ),
      { numRuns: 20 },
    );
    // Random desks reach estimates too, not only "too few" and "too early".
    expect(estimates).toBeGreaterThan(0);
  });
});

/** A random call as a desk call: its person spelt one of the ways callers do. */
const callAt = (c: { who: string; spelling: number; category: string; at: number }): DeskCall => {
  const spelt = [c.who, ` ${c.who.toUpperCase()}`, `${c.who.toLowerCase()} `][c.spelling] ?? c.who;
  return { requester: { name: spelt, contact: 'ext. 1' }, category: c.category, createdAt: new Date(c.at).toISOString() };
};
