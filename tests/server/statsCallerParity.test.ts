import { beforeAll, describe, it } from 'vitest';
import { querySummary, queryTechnicians } from '../../server/stats/queries';
import { CALLER_WEEK, callerWeek } from '../support/callerWeek';
import type { StatsFilters, StatsQuery } from '../../shared/stats/selection';
import { DATABASE_KINDS } from '../support/databases';
import { useMigratedDatabase } from '../support/migratedDatabase';
import { clearHistory, expectSameFigures, referenceAnswers, storeHistory } from './statsHistory';

const query = (filters: StatsFilters = {}): StatsQuery => ({ period: CALLER_WEEK, filters, options: { now: CALLER_WEEK.to } });

describe.each(DATABASE_KINDS)("the caller's word in SQL on %s equals the reference", (kind) => {
  const migrated = useMigratedDatabase(kind);

  beforeAll(async () => {
    await clearHistory(migrated.handle.db);
    // Written as the server writes records: the answers' events fill track_answers.
    await storeHistory(migrated.handle.db, callerWeek());
  });

  for (const [name, filters] of [
    ['no filter', {}],
    ['a category', { category: 'printing' }],
    ['a technician', { technicianId: 'u-tina' }],
    ['a tier', { tier: 2 }],
  ] as const) {
    it(`summary and technicians, ${name}`, async () => {
      const expected = referenceAnswers(callerWeek(), query(filters));
      expectSameFigures(await querySummary(migrated.handle.db, migrated.handle.kind, query(filters)), expected.summary);
      expectSameFigures(await queryTechnicians(migrated.handle.db, migrated.handle.kind, query(filters)), expected.technicians);
    });
  }
});
