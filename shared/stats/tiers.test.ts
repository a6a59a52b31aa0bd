import { describe, expect, it } from 'vitest';
import { makeTicket } from '../../tests/support/factories';
import { historyOf, playStory } from './story.testkit';
import { computeTiers } from './tiers';

const WEEK = { from: '2026-03-02T00:00:00.000Z', to: '2026-03-09T00:00:00.000Z' };
const NOW = '2026-03-09T00:00:00.000Z';
const opened = (id: string, createdAt: string) => makeTicket({ id, createdAt });

describe('escalation and time per tier', () => {
  it('divides escalations away from a tier by the tickets that reached it, and sums the stays', () => {
    const history = historyOf([
      // 2 h at tier 1, then 4 h at tier 2 until resolved.
      playStory(opened('B', '2026-03-02T10:00:00.000Z'), [
        [1, 'take', 'u-tina'],
        [2, 'escalate', 2],
        [3, 'take', 'u-sam'],
        [6, 'resolve'],
      ]),
      // 1 h at tier 1, 2 h at tier 2, then tier 3 until resolved 10 h after creation: 7 h.
      playStory(opened('X', '2026-03-03T00:00:00.000Z'), [
        [1, 'escalate', 2],
        [3, 'escalate', 3],
        [10, 'resolve'],
      ]),
      // Still open at tier 1 on `now`: created Sunday 12:00, 12 h so far.
      playStory(opened('O', '2026-03-08T12:00:00.000Z'), [[1, 'take', 'u-tina']]),
      // Resolved at tier 1 in 3 h.
      playStory(opened('R', '2026-03-04T00:00:00.000Z'), [
        [1, 'take', 'u-tina'],
        [3, 'resolve'],
      ]),
      // Opened before the period: not counted.
      playStory(opened('old', '2026-02-20T00:00:00.000Z'), [[1, 'escalate', 2]]),
    ]);
    expect(computeTiers(history, { period: WEEK, filters: {}, options: { now: NOW } })).toEqual([
      // Tier 1: all 4 reached it, B and X left it. Hours 2 + 1 + 12 + 3 = 18.
      { tier: 1, reached: 4, escalated: 2, escalationRate: 0.5, hours: 18, meanHours: 4.5 },
      // Tier 2: B (4 h) and X (2 h, then escalated).
      { tier: 2, reached: 2, escalated: 1, escalationRate: 0.5, hours: 6, meanHours: 3 },
      { tier: 3, reached: 1, escalated: 0, escalationRate: 0, hours: 7, meanHours: 7 },
    ]);
  });

  it('gives null rates when no ticket reached a tier', () => {
    const rows = computeTiers(historyOf([]), { period: WEEK, filters: {}, options: { now: NOW } });
    expect(rows.map((r) => [r.reached, r.escalationRate, r.meanHours])).toEqual([
      [0, null, null],
      [0, null, null],
      [0, null, null],
    ]);
  });
});
