import { describe, expect, it } from 'vitest';
import { WEEK_MS } from './period';
import { DEFAULT_IMPACT_WEEKS, impactFromCounts, impactTicketOf, impactWindows, trainingImpact, type TrainingImpact } from './trainingImpact';
import { adaAndBudi, AFTER_FROM, BEFORE_FROM, CLASS_AT, call, deskKey as key, impactDesk, LATER, plus, weekly as weeklyCalls } from './trainingImpact.testkit';

const desk = () => impactDesk().map(impactTicketOf);
const ticket = (name: string, category: string, createdAt: string) => impactTicketOf(call(name, category, createdAt));
const weekly = (name: string, from: string, perWeek: number[]) => weeklyCalls(name, from, perWeek).map(impactTicketOf);

const estimateOf = (impact: TrainingImpact) => {
  if (impact.kind !== 'estimate') throw new Error(`expected an estimate, got ${impact.kind}`);
  return impact;
};

const twoWeeks = { weeks: 2, now: LATER };

describe('training impact', () => {
  it('compares the change in rates per person-week of attendees and of the comparison group', () => {
    const impact = estimateOf(trainingImpact(adaAndBudi, desk(), twoWeeks));
    expect(impact.windows).toEqual({
      classWeek: '2026-03-16T00:00:00.000Z',
      before: { from: BEFORE_FROM, to: '2026-03-16T00:00:00.000Z' },
      after: { from: AFTER_FROM, to: '2026-04-06T00:00:00.000Z' },
      weeksBefore: 2,
      weeksAfter: 2,
    });
    // Attendees (Ada counted once though named three ways): 12 tickets in 2 × 2 = 4 person-weeks before (3 each), 3 after (0.75); change −2.25.
    expect(impact.attendees).toEqual({
      persons: 2,
      before: { weekly: [6, 6], tickets: 12, personWeeks: 4, rate: 3 },
      after: { weekly: [2, 1], tickets: 3, personWeeks: 4, rate: 0.75 },
      change: -2.25,
    });
    // Comparison: 9 tickets in 3 × 2 = 6 person-weeks before (1.5), 6 after (1); change −0.5.
    expect(impact.comparison).toEqual({
      persons: 3,
      before: { weekly: [3, 6], tickets: 9, personWeeks: 6, rate: 1.5 },
      after: { weekly: [4, 2], tickets: 6, personWeeks: 6, rate: 1 },
      change: -0.5,
    });
    // −2.25 − (−0.5) = −1.75 tickets per person-week.
    expect(impact.estimate).toBeCloseTo(-1.75, 12);
    // Variance 12/4² + 3/4² + 9/6² + 6/6² = 0.75 + 0.1875 + 0.25 + 0.1667 = 1.3542; SE 1.1637; 1.96 × SE = 2.2808.
    expect(impact.standardError).toBeCloseTo(Math.sqrt(0.75 + 0.1875 + 0.25 + 6 / 36), 12);
    expect(impact.interval.low).toBeCloseTo(-4.0308, 4);
    expect(impact.interval.high).toBeCloseTo(0.5308, 4);
  });

  it('keeps people trained by another class on the topic out of the comparison group', () => {
    const impact = estimateOf(trainingImpact({ ...adaAndBudi, trainedElsewhereKeys: [key('Dewi'), key('Ada')] }, desk(), twoWeeks));
    // Citra and Eko: before 2+0, 2+2 = [2, 4] (6 in 4 person-weeks, 1.5), after [3, 1] (4, 1); change −0.5 again, on fewer people.
    expect(impact.comparison).toMatchObject({ persons: 2, before: { weekly: [2, 4], personWeeks: 4 }, after: { weekly: [3, 1], personWeeks: 4 } });
    expect(impact.attendees.persons).toBe(2);
    expect(impact.estimate).toBeCloseTo(-1.75, 12);
    // Variance 12/16 + 3/16 + 6/16 + 4/16 = 25/16; SE 1.25.
    expect(impact.standardError).toBeCloseTo(1.25, 12);
  });

  it('counts only the weeks after the class that have ended, the same weeks for both groups', () => {
    // On 1 April only the first week after (23–30 March) has ended.
    const impact = estimateOf(trainingImpact(adaAndBudi, desk(), { weeks: 2, now: '2026-04-01T00:00:00.000Z' }));
    expect(impact.windows.after).toEqual({ from: AFTER_FROM, to: '2026-03-30T00:00:00.000Z' });
    // Attendees after: 2 tickets in 2 person-weeks (1); change 1 − 3 = −2. Comparison after: 4 in 3 (1.3333); change −0.1667.
    expect(impact.attendees.after).toEqual({ weekly: [2], tickets: 2, personWeeks: 2, rate: 1 });
    expect(impact.comparison.after).toEqual({ weekly: [4], tickets: 4, personWeeks: 3, rate: 4 / 3 });
    expect(impact.estimate).toBeCloseTo(-2 - (4 / 3 - 1.5), 12);
    // Variance 12/16 + 2/4 + 9/36 + 4/9 = 1.9444.
    expect(impact.standardError ** 2).toBeCloseTo(0.75 + 0.5 + 0.25 + 4 / 9, 12);
  });

  it('waits until the first week after the class has ended', () => {
    expect(trainingImpact(adaAndBudi, desk(), { weeks: 2, now: '2026-03-29T23:59:59.999Z' })).toMatchObject({
      kind: 'tooEarly',
      measurableFrom: '2026-03-30T00:00:00.000Z',
      windows: { weeksAfter: 0 },
    });
    expect(trainingImpact(adaAndBudi, desk(), { weeks: 2, now: '2026-03-30T00:00:00.000Z' })).toMatchObject({ kind: 'estimate', windows: { weeksAfter: 1 } });
    // A class not held yet.
    expect(trainingImpact(adaAndBudi, desk(), { weeks: 2, now: '2026-03-01T00:00:00.000Z' }).kind).toBe('tooEarly');
  });

  it('says "too few tickets" below the minimum in either group, with the counts', () => {
    // Budi alone: 5 before + 1 after = 6 tickets, under 10.
    const budi = trainingImpact({ ...adaAndBudi, attendeeKeys: [key('Budi')] }, desk(), twoWeeks);
    expect(budi).toMatchObject({ kind: 'tooFewTickets', minimum: 10, attendees: { persons: 1, before: { tickets: 5 }, after: { tickets: 1 } } });
    // Comparison of Eko alone (Citra and Dewi trained elsewhere): 2 + 1 = 3 tickets.
    const eko = trainingImpact({ ...adaAndBudi, trainedElsewhereKeys: [key('Citra'), key('Dewi')] }, desk(), twoWeeks);
    expect(eko).toMatchObject({ kind: 'tooFewTickets', comparison: { persons: 1, before: { tickets: 2 }, after: { tickets: 1 } } });
    // Exactly 10 is enough: Citra and Eko, 6 + 4.
    expect(trainingImpact({ ...adaAndBudi, trainedElsewhereKeys: [key('Dewi')] }, desk(), twoWeeks).kind).toBe('estimate');
    // Nobody attended: no rate at all.
    expect(trainingImpact({ ...adaAndBudi, attendeeKeys: [] }, desk(), twoWeeks)).toMatchObject({
      kind: 'tooFewTickets',
      attendees: { persons: 0, before: { personWeeks: 0, rate: null }, change: null },
    });
  });

  it('finds a drop the interval is sure of over the default eight weeks', () => {
    // Five attendees with a vpn ticket every week before (40 in 40 person-weeks: 1) and one each after (5 in 40: 0.125);
    // ten others with half as many, before and after (40 in 80: 0.5 both). Estimate −0.875 − 0 = −0.875.
    const eight = DEFAULT_IMPACT_WEEKS * WEEK_MS;
    const from = plus('2026-03-16T00:00:00.000Z', -eight);
    const attendees = ['a0', 'a1', 'a2', 'a3', 'a4'];
    const others = ['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9'];
    const tickets = [
      ...attendees.flatMap((name) => [...weekly(name, from, [1, 1, 1, 1, 1, 1, 1, 1]), ticket(name, 'vpn', plus(AFTER_FROM, 3 * WEEK_MS))]),
      ...others.flatMap((name, i) => [
        ...weekly(name, from, i % 2 === 0 ? [1, 0, 1, 0, 1, 0, 1, 0] : [0, 1, 0, 1, 0, 1, 0, 1]),
        ...weekly(name, AFTER_FROM, [0, 1, 0, 1, 0, 1, 0, 1]),
      ]),
    ];
    const impact = estimateOf(
      trainingImpact({ topic: 'vpn', startsAt: CLASS_AT, attendeeKeys: attendees.map(key) }, tickets, {
        weeks: DEFAULT_IMPACT_WEEKS,
        now: '2026-06-01T00:00:00.000Z',
      }),
    );
    expect(impact.estimate).toBeCloseTo(-0.875, 12);
    // Variance 40/40² + 5/40² + 40/80² + 40/80² = 0.025 + 0.003125 + 0.00625 + 0.00625 = 0.040625; SE 0.20156; ± 0.39505.
    expect(impact.interval.low).toBeCloseTo(-1.27005, 5);
    expect(impact.interval.high).toBeCloseTo(-0.47995, 5);
  });

  it('refuses weeks outside 1 to 52 and times that are not times', () => {
    for (const weeks of [0, 53, 1.5, Number.NaN]) expect(() => impactWindows(CLASS_AT, { weeks, now: LATER })).toThrow(RangeError);
    expect(() => impactWindows('next Tuesday', { weeks: 8, now: LATER })).toThrow(/startsAt/);
    expect(() => impactWindows(CLASS_AT, { weeks: 8, now: 'soon' })).toThrow(/now/);
  });

  it('aligns the sides on ISO weeks in UTC, the class week left out', () => {
    // Sunday 23:59 UTC still belongs to the week that began on Monday 9 March.
    expect(impactWindows('2026-03-15T23:59:00.000Z', twoWeeks).classWeek).toBe('2026-03-09T00:00:00.000Z');
    expect(impactWindows('2026-03-16T00:00:00.000Z', twoWeeks)).toMatchObject({ classWeek: '2026-03-16T00:00:00.000Z', after: { from: AFTER_FROM } });
  });
});

describe('impact from counts', () => {
  const windows = impactWindows(CLASS_AT, twoWeeks);
  it('is the same figure whoever counted', () => {
    const fromCounts = impactFromCounts(windows, {
      attendees: { persons: 2, before: [6, 6], after: [2, 1] },
      comparison: { persons: 3, before: [3, 6], after: [4, 2] },
    });
    expect(fromCounts).toEqual(trainingImpact(adaAndBudi, desk(), twoWeeks));
  });
});
