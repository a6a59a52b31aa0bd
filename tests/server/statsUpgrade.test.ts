import { afterAll, beforeAll, describe, it } from 'vitest';
import { openDatabase, type DbHandle } from '../../server/db/connect';
import { migrateToLatest, migrateUpTo } from '../../server/db/migrations';
import { writeRecordRows } from '../../server/db/records';
import { querySummary, queryTechnicians } from '../../server/stats/queries';
import type { Write } from '../../shared/domain/mutators';
import type { StatsQuery } from '../../shared/stats/selection';
import { historyOf, hoursAfter, playStory, type Step } from '../../shared/stats/story.testkit';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { makeTicket } from '../support/factories';
import { expectSameFigures, referenceAnswers } from './statsHistory';

/*
 * A database that already holds tickets from before the statistics columns of migration 0004
 * is upgraded: the migration builds every ticket's facts, in the migration's one transaction.
 * Each ticket has its own requester, so the rebuild meets more (requester, category) groups
 * than PostgreSQL's default lock table holds (64 × 100 connections); taking an advisory lock
 * per group there failed with "out of shared memory".
 */

const START = '2026-01-05T00:00:00.000Z';
const TICKETS = 15_000;
const TECHNICIANS = ['u-tina', 'u-sam', 'u-rita'];
const query: StatsQuery = {
  period: { from: hoursAfter(START, 24 * 7), to: hoursAfter(START, 24 * 63) },
  filters: {},
  options: { now: hoursAfter(START, 24 * 70) },
};

const stories = Array.from({ length: TICKETS }, (_, i) => {
  const createdAt = hoursAfter(START, (i * 24 * 60) / TICKETS);
  const ticket = makeTicket({
    id: `old-${i}`,
    number: i + 1,
    createdAt,
    requester: { name: `Caller ${i}`, contact: `ext. ${i}` },
    category: ['email', 'vpn', 'printer'][i % 3] ?? 'email',
  });
  const technician = TECHNICIANS[i % TECHNICIANS.length] ?? 'u-tina';
  // Every fifth ticket is escalated to tier 2, every seventh stays open; resolution takes 1 to 40 hours.
  const steps: Step[] = [[0.5, 'take', technician]];
  if (i % 5 === 0) steps.push([1, 'escalate', 2]);
  if (i % 7 !== 0) steps.push([1 + (i % 40), 'resolve']);
  return playStory(ticket, steps);
});

describe.each(DATABASE_KINDS)('upgrading a %s database that holds tickets', (kind) => {
  let database: TestDatabase;
  let handle: DbHandle;

  beforeAll(async () => {
    database = await createDatabase(kind);
    handle = openDatabase(database.url);
    await migrateUpTo(handle.db, kind, '0003_imports');
    const writes: Write[] = stories.flatMap((s): Write[] => [
      { entity: 'ticket', id: s.ticket.id, data: s.ticket },
      ...s.events.map((e): Write => ({ entity: 'event', id: e.id, data: e })),
    ]);
    await handle.db.transaction().execute(async (trx) => {
      await writeRecordRows(trx, writes);
    });
  });
  afterAll(async () => {
    await handle.close();
    await database.drop();
  });

  it('builds the facts of every existing ticket, and the figures equal the reference', async () => {
    await migrateToLatest(handle.db, kind);
    const expected = referenceAnswers(historyOf(stories), query);
    expectSameFigures(await querySummary(handle.db, kind, query), expected.summary);
    expectSameFigures(await queryTechnicians(handle.db, kind, query), expected.technicians);
  });
});
