import { describe, expect, it } from 'vitest';
import { makeTicket } from '../../tests/support/factories';
import { computeSummary } from './metrics';
import { computeStatsReport } from './report';
import { historyOf, playStory } from './story.testkit';

describe('the whole report', () => {
  it('holds the same figures as the single computations', () => {
    const history = historyOf([
      playStory(makeTicket({ id: 'a', createdAt: '2026-03-02T09:00:00.000Z' }), [
        [1, 'take', 'u-tina'],
        [3, 'resolve'],
      ]),
      playStory(makeTicket({ id: 'b', createdAt: '2026-03-03T09:00:00.000Z' }), [[1, 'take', 'u-tina']]),
    ]);
    const query = { period: { from: '2026-03-02T00:00:00.000Z', to: '2026-03-09T00:00:00.000Z' }, filters: {}, options: { now: '2026-03-09T00:00:00.000Z' } };
    const report = computeStatsReport(history, query);
    expect(report.summary).toEqual(computeSummary(history, query));
    expect(report.summary).toMatchObject({ opened: 2, resolved: 1, medianResolutionHours: 3 });
    expect(report.backlog.total).toBe(1);
    expect(report.technicians.rows).toEqual([expect.objectContaining({ id: 'u-tina', resolved: 1 })]);
  });
});
