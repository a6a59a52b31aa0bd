import { beforeAll, describe, it } from 'vitest';
import { querySummary, queryTechnicians } from '../../server/stats/queries';
import { KNOWLEDGE_WEEK, knowledgeWeek } from '../support/knowledgeWeek';
import type { StatsFilters, StatsQuery } from '../../shared/stats/selection';
import { DATABASE_KINDS } from '../support/databases';
import { useMigratedDatabase } from '../support/migratedDatabase';
import { clearHistory, expectSameFigures, referenceAnswers, storeHistory } from './statsHistory';

const query = (filters: StatsFilters = {}): StatsQuery => ({ period: KNOWLEDGE_WEEK, filters, options: { now: KNOWLEDGE_WEEK.to } });

describe.each(DATABASE_KINDS)('the knowledge figures in SQL on %s equal the reference', (kind) => {
  const migrated = useMigratedDatabase(kind);

  beforeAll(async () => {
    await clearHistory(migrated.handle.db);
    // Written as the server writes records: links as article_linked events, articles as rows, self-help answers in help_feedback.
    await storeHistory(migrated.handle.db, knowledgeWeek());
  });

  for (const [name, filters] of [
    ['no filter', {}],
    ['a category', { category: 'printing' }],
    ['a technician', { technicianId: 'u-tomas' }],
    ['a tier', { tier: 2 }],
  ] as const) {
    it(`summary and technicians, ${name}`, async () => {
      const expected = referenceAnswers(knowledgeWeek(), query(filters));
      expectSameFigures(await querySummary(migrated.handle.db, migrated.handle.kind, query(filters)), expected.summary);
      expectSameFigures(await queryTechnicians(migrated.handle.db, migrated.handle.kind, query(filters)), expected.technicians);
    });
  }
});
