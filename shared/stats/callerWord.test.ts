import { describe, expect, it } from 'vitest';
import { computeCallerFigures, type CallerFigures } from './callerWord';
import { CALLER_WEEK, callerWeek } from '../../tests/support/callerWeek';
import { computeSummary, computeTechnicians } from './metrics';
import type { StatsFilters, StatsQuery } from './selection';
import { ticketFacts } from './ticketFacts';

const query = (filters: StatsFilters = {}, period = CALLER_WEEK): StatsQuery => ({ period, filters, options: { now: CALLER_WEEK.to } });

describe("the caller's word over a hand-built week", () => {
  const history = callerWeek();

  it('computes the desk figures', () => {
    // Resolved in the week: A, B (last resolution at +5 h), C, D = 4; E was resolved the week before.
    // Confirmed: A (Yes), B (Yes to its last resolution), C (Yes); D has no answer -> 3/4.
    // Answers to resolutions made in the week: A Yes 5, B No, B Yes 3, C Yes 4 = 4, one No -> 1/4.
    // Ratings 5, 3, 4: two are 4 or 5 -> 2/3; mean (5 + 3 + 4) / 3 = 4; 3 ratings. E's 1 is the week before's.
    expect(computeCallerFigures(history, query(), ticketFacts(history))).toEqual<CallerFigures>({
      confirmedResolutionRate: 3 / 4,
      callerReopenRate: 1 / 4,
      satisfactionScore: 2 / 3,
      satisfactionMean: 4,
      satisfactionAnswers: 3,
    });
    expect(computeSummary(history, query())).toMatchObject({ resolved: 4, confirmedResolutionRate: 3 / 4, satisfactionAnswers: 3 });
  });

  it('computes them per technician', () => {
    const rows = computeTechnicians(history, query()).rows;
    // Tina: A and B credited, both confirmed -> 1; her answers A Yes 5, B No, B Yes 3 -> 1/3 No; ratings 5, 3 -> 1/2, mean 4.
    expect(rows.find((r) => r.id === 'u-tina')).toMatchObject({
      confirmedResolutionRate: 1,
      callerReopenRate: 1 / 3,
      satisfactionScore: 1 / 2,
      satisfactionMean: 4,
      satisfactionAnswers: 2,
    });
    // Tomas: C confirmed, D not -> 1/2; his answer C Yes 4 -> no No, one rating of 4.
    expect(rows.find((r) => r.id === 'u-tomas')).toMatchObject({
      confirmedResolutionRate: 1 / 2,
      callerReopenRate: 0,
      satisfactionScore: 1,
      satisfactionMean: 4,
      satisfactionAnswers: 1,
    });
  });

  it('follows the filters: a category, a technician', () => {
    // Printing: A and C resolved, both confirmed; answers A 5, C 4.
    expect(computeCallerFigures(history, query({ category: 'printing' }), ticketFacts(history))).toEqual<CallerFigures>({
      confirmedResolutionRate: 1,
      callerReopenRate: 0,
      satisfactionScore: 1,
      satisfactionMean: 4.5,
      satisfactionAnswers: 2,
    });
    expect(computeCallerFigures(history, query({ technicianId: 'u-tomas' }), ticketFacts(history)).satisfactionAnswers).toBe(1);
  });

  it('is null where nothing was answered', () => {
    const empty = { from: '2025-01-01T00:00:00.000Z', to: '2025-02-01T00:00:00.000Z' };
    expect(computeCallerFigures(history, query({}, empty), ticketFacts(history))).toEqual<CallerFigures>({
      confirmedResolutionRate: null,
      callerReopenRate: null,
      satisfactionScore: null,
      satisfactionMean: null,
      satisfactionAnswers: 0,
    });
  });
});
