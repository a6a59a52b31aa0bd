import { afterAll, beforeAll, describe, it } from 'vitest';
import { openDatabase, type DbHandle } from '../../server/db/connect';
import { migrateToLatest } from '../../server/db/migrations';
import { querySummary, queryTechnicians } from '../../server/stats/queries';
import { CALLER_WEEK, callerWeek } from '../support/callerWeek';
import type { StatsFilters, StatsQuery } from '../../shared/stats/selection';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { clearHistory, expectSameFigures, referenceAnswers, storeHistory } from './statsHistory';

const query = (filters: StatsFilters = {}): StatsQuery => ({ period: CALLER_WEEK, filters, options: { now: CALLER_WEEK.to } });

describe.each(DATABASE_KINDS)("the caller's word in SQL on %s equals the reference", (kind) => {
  let database: TestDatabase;
  let handle: DbHandle;

  beforeAll(async () => {
    database = await createDatabase(kind);
    handle = openDatabase(database.url);
    await migrateToLatest(handle.db, handle.kind);
    await clearHistory(handle.db);
    // Written as the server writes records: the answers' events fill track_answers.
    await storeHistory(handle.db, callerWeek());
  });

  afterAll(async () => {
    await handle?.close();
    await database?.drop();
  });

  for (const [name, filters] of [
    ['no filter', {}],
    ['a category', { category: 'printing' }],
    ['a technician', { technicianId: 'u-tina' }],
    ['a tier', { tier: 2 }],
  ] as const) {
    it(`summary and technicians, ${name}`, async () => {
      const expected = referenceAnswers(callerWeek(), query(filters));
      expectSameFigures(await querySummary(handle.db, handle.kind, query(filters)), expected.summary);
      expectSameFigures(await queryTechnicians(handle.db, handle.kind, query(filters)), expected.technicians);
    });
  }
});
