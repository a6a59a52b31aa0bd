import { describe, expect, it } from 'vitest';
import { writeRecords } from '../../server/db/records';
import { querySummary } from '../../server/stats/queries';
import type { Write } from '../../shared/domain/mutators';
import type { Ticket } from '../../shared/domain/ticket';
import { computeSummary } from '../../shared/stats/metrics';
import type { StatsQuery } from '../../shared/stats/selection';
import { hoursAfter, playStory, type Story } from '../../shared/stats/story.testkit';
import { DATABASE_KINDS } from '../support/databases';
import { useMigratedDatabase } from '../support/migratedDatabase';
import { makeTicket } from '../support/factories';

/*
 * Repeat contact is read from ticket_facts.next_contact_at, which a write to one ticket can change
 * for another ticket of the same requester and category. Here the tickets arrive one write at a
 * time, as they do in production, and after each write the SQL figure must equal the reference
 * over everything written so far.
 */

const START = '2026-05-04T00:00:00.000Z';
const at = (hours: number): string => hoursAfter(START, hours);
const query: StatsQuery = { period: { from: START, to: at(24 * 28) }, filters: {}, options: { now: at(24 * 28) } };
const ada = { name: 'Ada', contact: 'ext. 1' };

describe.each(DATABASE_KINDS)('next contact upkeep on %s', (kind) => {
  const migrated = useMigratedDatabase(kind);
  const written = new Map<string, Story>();

  const write = async (story: Story): Promise<void> => {
    written.set(story.ticket.id, story);
    const writes: Write[] = [
      { entity: 'ticket', id: story.ticket.id, data: story.ticket },
      ...story.events.map((e): Write => ({ entity: 'event', id: e.id, data: e })),
    ];
    await migrated.handle.db.transaction().execute((trx) => writeRecords(trx, writes));
  };

  const repeatRate = async (): Promise<{ sql: number | null; reference: number | null }> => {
    const stories = [...written.values()];
    const history = { tickets: stories.map((s) => s.ticket), events: stories.flatMap((s) => s.events), sessions: [], users: [] };
    return { sql: (await querySummary(migrated.handle.db, kind, query)).repeatContactRate, reference: computeSummary(history, query).repeatContactRate };
  };

  const first = (overrides: Partial<Ticket> = {}): Story =>
    playStory(makeTicket({ id: 'first', number: 1, createdAt: at(1), requester: ada, category: 'email', ...overrides }), [
      [0.5, 'take', 'u-1'],
      [2, 'resolve'],
    ]);
  const second = (overrides: Partial<Ticket> = {}): Story =>
    playStory(makeTicket({ id: 'second', number: 2, createdAt: at(24), requester: ada, category: 'email', ...overrides }), [[1, 'take', 'u-1']]);

  it('follows new tickets, edits that move a ticket out of the group, and reopens', async () => {
    await write(first());
    expect(await repeatRate()).toEqual({ sql: 0, reference: 0 });

    // The same requester calls again about email the next day: the first ticket came back.
    await write(second());
    expect(await repeatRate()).toEqual({ sql: 1, reference: 1 });

    // The second ticket is recategorised: it no longer counts against the first one.
    await write(second({ category: 'network' }));
    expect(await repeatRate()).toEqual({ sql: 0, reference: 0 });

    // ...and back; then its requester is corrected to someone else.
    await write(second());
    expect(await repeatRate()).toEqual({ sql: 1, reference: 1 });
    await write(second({ requester: { name: 'Bea', contact: null } }));
    expect(await repeatRate()).toEqual({ sql: 0, reference: 0 });

    // The first ticket is reopened and resolved again after the second was opened: no later contact.
    await write(second());
    await write(
      playStory(makeTicket({ id: 'first', number: 1, createdAt: at(1), requester: ada, category: 'email' }), [
        [0.5, 'take', 'u-1'],
        [2, 'resolve'],
        [20, 'reopen'],
        [30, 'resolve'],
      ]),
    );
    expect(await repeatRate()).toEqual({ sql: 0, reference: 0 });
  });

  it('stays right when several writers add tickets to one group at the same time', async () => {
    // Resolved 1 h after creation, one a day: each ticket's next contact is the following day's ticket.
    const day = (n: number): Story =>
      playStory(makeTicket({ id: `day-${n}`, number: 100 + n, createdAt: at(24 * n), requester: { name: 'Cyd', contact: null }, category: 'printing' }), [
        [1, 'resolve'],
      ]);
    await Promise.all(Array.from({ length: 12 }, (_, n) => write(day(n + 2))));
    const rates = await repeatRate();
    expect(rates.reference).toBeGreaterThan(0.5);
    expect(rates.sql).toBe(rates.reference);
  });
});
