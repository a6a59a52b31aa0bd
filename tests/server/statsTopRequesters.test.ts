import { beforeAll, describe, expect, it } from 'vitest';
import { queryCategories } from '../../server/stats/queries';
import { historyOf, hoursAfter, playStory } from '../../shared/stats/story.testkit';
import type { StatsQuery } from '../../shared/stats/selection';
import { DATABASE_KINDS } from '../support/databases';
import { useMigratedDatabase } from '../support/migratedDatabase';
import { makeTicket } from '../support/factories';
import { clearHistory, expectSameFigures, referenceAnswers, storeHistory } from './statsHistory';

const MONDAY = '2026-03-02T00:00:00.000Z';
const query: StatsQuery = { period: { from: MONDAY, to: '2026-03-30T00:00:00.000Z' }, filters: {}, options: { now: '2026-03-30T00:00:00.000Z' } };

let number = 0;
/** An access ticket of `name` (and contact) opened `hours` after MONDAY; `id` sorts the ties. */
const call = (id: string, name: string, contact: string | null, hours: number) => {
  number += 1;
  return playStory(makeTicket({ id, number, category: 'access', requester: { name, contact }, createdAt: hoursAfter(MONDAY, hours) }), []);
};

/**
 * Access rises over four whole weeks (1, 2, 3, 6 tickets: a training topic). Greta calls four times
 * under three spellings (one requester by the repeat-contact rule; her latest spelling wins); Hadi and
 * Ivo call twice each, Ivo's latest later; Jo and Kai once each at the same moment (the ticket id decides).
 */
const history = historyOf([
  call('t01', 'greta vogel', 'EXT. 12', 30),
  call('t02', 'Hadi', null, 168 + 30),
  call('t03', 'Ivo', 'ivo@example.com', 168 + 31),
  call('t04', ' Greta Vogel', 'ext. 12', 336 + 30),
  call('t05', 'Hadi', null, 336 + 31),
  call('t06', 'Ivo', 'ivo@example.com', 336 + 40),
  call('t07', 'Greta Vogel', 'ext. 12 ', 504 + 30),
  call('t08', 'GRETA VOGEL', 'ext. 12', 504 + 31),
  call('t10', 'Jo', null, 504 + 32),
  call('t09', 'Kai', null, 504 + 32),
  call('t11', 'Lena', 'ext. 7', 504 + 33),
  call('t12', 'Mo', 'ext. 8', 504 + 34),
]);

describe.each(DATABASE_KINDS)('suggested attendees of training topics in SQL on %s', (kind) => {
  const migrated = useMigratedDatabase(kind);

  beforeAll(async () => {
    await clearHistory(migrated.handle.db);
    await storeHistory(migrated.handle.db, history);
  });

  it('ranks the topic’s requesters as the reference does, names them as on their latest ticket, and breaks ties by time and ticket id', async () => {
    const answer = await queryCategories(migrated.handle.db, migrated.handle.kind, query);
    expectSameFigures(answer, referenceAnswers(history, query).categories, 'categories');
    expect(answer.rows).toMatchObject([{ category: 'access', total: 12, isTrainingTopic: true }]);
    expect(answer.topRequesters.map((r) => [r.name, r.contact, r.tickets])).toEqual([
      ['GRETA VOGEL', 'ext. 12', 4],
      ['Ivo', 'ivo@example.com', 2],
      ['Hadi', null, 2],
      ['Mo', 'ext. 8', 1],
      ['Lena', 'ext. 7', 1],
      ['Jo', null, 1],
      ['Kai', null, 1],
    ]);
  });

  it('suggests nobody when no category is a training topic, and follows the filters', async () => {
    const week = { ...query, period: { from: MONDAY, to: '2026-03-09T00:00:00.000Z' } };
    expect((await queryCategories(migrated.handle.db, migrated.handle.kind, week)).topRequesters).toEqual([]);
    const elsewhere = await queryCategories(migrated.handle.db, migrated.handle.kind, { ...query, filters: { category: 'printing' } });
    expect(elsewhere.topRequesters).toEqual([]);
  });
});
