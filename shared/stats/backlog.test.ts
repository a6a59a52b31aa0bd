import { describe, expect, it } from 'vitest';
import { makeTicket } from '../../tests/support/factories';
import { ageBandOf, computeBacklog } from './backlog';
import { HOUR_MS } from './period';
import { historyOf, hoursAfter, playStory, type Step } from './story.testkit';

const NOW = '2026-03-09T00:00:00.000Z';
const aged = (id: string, ageHours: number, steps: Step[] = []) => playStory(makeTicket({ id, createdAt: hoursAfter(NOW, -ageHours) }), steps);

describe('age bands', () => {
  it('include their lower bound and exclude their upper one', () => {
    expect([0, 23.99, 24, 71.99, 72, 167.99, 168, 719.99, 720, 5000].map((h) => ageBandOf(h * HOUR_MS))).toEqual([
      'under1d',
      'under1d',
      '1to3d',
      '1to3d',
      '3to7d',
      '3to7d',
      '7to30d',
      '7to30d',
      'over30d',
      'over30d',
    ]);
  });
});

describe('backlog now', () => {
  const history = historyOf([
    aged('new-fresh', 2), // tier 1, < 1 day
    aged('open-2d', 48, [[1, 'take', 'u-tina']]), // tier 1, 1–3 days
    aged('escalated-10d', 240, [
      [1, 'take', 'u-tina'],
      [2, 'escalate', 3],
    ]), // tier 3, 7–30 days
    aged('pending-40d', 960, [
      [1, 'take', 'u-sam'],
      [2, 'escalate', 2],
      [3, 'pending'],
    ]), // tier 2, > 30 days
    aged('resolved', 30, [
      [1, 'take', 'u-tina'],
      [2, 'resolve'],
    ]), // not open
    aged('reopened', 30, [
      [1, 'take', 'u-tina'],
      [2, 'resolve'],
      [3, 'reopen'],
    ]), // open again: tier 1, 1–3 days
    aged('future', -1), // created after `now`: not there yet
  ]);

  it('counts open tickets by tier and by age band', () => {
    const zero = { under1d: 0, '1to3d': 0, '3to7d': 0, '7to30d': 0, over30d: 0 };
    expect(computeBacklog(history, {}, NOW)).toEqual({
      total: 5,
      byTier: [
        { tier: 1, total: 3, byAgeBand: { ...zero, under1d: 1, '1to3d': 2 } },
        { tier: 2, total: 1, byAgeBand: { ...zero, over30d: 1 } },
        { tier: 3, total: 1, byAgeBand: { ...zero, '7to30d': 1 } },
      ],
      byAgeBand: { under1d: 1, '1to3d': 2, '3to7d': 0, '7to30d': 1, over30d: 1 },
    });
  });

  it('applies the filters to the current tier and assignee', () => {
    expect(computeBacklog(history, { tier: 1 }, NOW).total).toBe(3);
    expect(computeBacklog(history, { technicianId: 'u-tina' }, NOW).total).toBe(2); // open-2d, reopened
  });
});
