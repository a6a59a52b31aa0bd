import { describe, expect, it } from 'vitest';
import { makeTicket, makeUser } from '../../tests/support/factories';
import { computeRemoteTime } from './remoteTime';
import { historyOf, makeSession, playStory } from './story.testkit';

const WEEK = { from: '2026-03-02T00:00:00.000Z', to: '2026-03-09T00:00:00.000Z' };
const query = { period: WEEK, filters: {}, options: { now: WEEK.to } };

describe('remote-session time', () => {
  const net = playStory(makeTicket({ id: 'net', category: 'network', tier: 2 }), []);
  const print = playStory(makeTicket({ id: 'print', category: 'printing' }), []);
  const running = { ...makeSession('print', 'u-tina', '2026-03-03T12:00:00.000Z', 1), id: 'running', endedAt: null };
  const history = historyOf(
    [net, print],
    [makeUser({ id: 'u-tina', displayName: 'Tina' }), makeUser({ id: 'u-sam', displayName: 'Sam' })],
    [
      makeSession('net', 'u-sam', '2026-03-02T00:00:00.000Z', 2), // ends exactly at `from`: in, all 2 h
      makeSession('net', 'u-tina', '2026-03-04T10:00:00.000Z', 0.5),
      makeSession('print', 'u-tina', '2026-03-05T10:00:00.000Z', 1.25),
      makeSession('print', 'u-tina', '2026-03-09T00:00:00.000Z', 4), // ends at `to`: out
      running, // not finished: counts nowhere yet
    ],
  );

  it('sums finished sessions by the end time, per technician and per category', () => {
    expect(computeRemoteTime(history, query)).toEqual({
      byTechnician: [
        { id: 'u-sam', name: 'Sam', sessions: 1, hours: 2 },
        { id: 'u-tina', name: 'Tina', sessions: 2, hours: 1.75 },
      ],
      byCategory: [
        { category: 'network', sessions: 2, hours: 2.5 },
        { category: 'printing', sessions: 1, hours: 1.25 },
      ],
    });
  });

  it('filters by the ticket for tier and category and by the session for the technician', () => {
    expect(computeRemoteTime(history, { ...query, filters: { tier: 2 } }).byCategory).toEqual([{ category: 'network', sessions: 2, hours: 2.5 }]);
    expect(computeRemoteTime(history, { ...query, filters: { technicianId: 'u-tina' } }).byCategory).toEqual([
      { category: 'printing', sessions: 1, hours: 1.25 },
      { category: 'network', sessions: 1, hours: 0.5 },
    ]);
  });
});
