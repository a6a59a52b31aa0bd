import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WEEK_MS } from './period';
import { impactFromCounts, impactWindows, MIN_IMPACT_TICKETS, trainingImpact, type ImpactClass, type ImpactTicket } from './trainingImpact';

const CLASS_WEEK = Date.parse('2026-03-16T00:00:00.000Z'); // a Monday
const CLASS_AT = new Date(CLASS_WEEK + 2 * 86_400_000 + 10 * 3_600_000).toISOString();
const iso = (ms: number) => new Date(ms).toISOString();

const PEOPLE = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7'];
const personArb = fc.constantFrom(...PEOPLE);

/** A ticket anywhere from a week before the before side to a week after the longest after side. */
const ticketArb = (weeks: number) =>
  fc.record({
    requesterKey: personArb,
    category: fc.constantFrom('vpn', 'vpn', 'vpn', 'printing'),
    createdAt: fc.integer({ min: CLASS_WEEK - (weeks + 1) * WEEK_MS, max: CLASS_WEEK + (weeks + 2) * WEEK_MS }).map(iso),
  });

const classArb: fc.Arbitrary<ImpactClass> = fc.record({
  topic: fc.constant('vpn'),
  startsAt: fc.constant(CLASS_AT),
  attendeeKeys: fc.subarray(PEOPLE),
  trainedElsewhereKeys: fc.subarray(PEOPLE, { maxLength: 2 }),
});

const caseArb = fc.integer({ min: 1, max: 4 }).chain((weeks) =>
  fc.record({
    weeks: fc.constant(weeks),
    cls: classArb,
    tickets: fc.array(ticketArb(weeks), { maxLength: 150, size: 'max' }),
    // Anywhere from before the class to long after its last week, often once every week has ended.
    now: fc.oneof(fc.integer({ min: CLASS_WEEK, max: CLASS_WEEK + (weeks + 3) * WEEK_MS }), fc.constant(CLASS_WEEK + (weeks + 3) * WEEK_MS)).map(iso),
  }),
);

describe('training impact properties', () => {
  it('ignores a ticket in another category', () => {
    fc.assert(
      fc.property(caseArb, personArb, fc.integer({ min: -10 * WEEK_MS, max: 10 * WEEK_MS }), ({ weeks, cls, tickets, now }, who, offset) => {
        const extra: ImpactTicket = { requesterKey: who, category: 'printing', createdAt: iso(CLASS_WEEK + offset) };
        expect(trainingImpact(cls, [...tickets, extra], { weeks, now })).toEqual(trainingImpact(cls, tickets, { weeks, now }));
      }),
    );
  });

  it('ignores a ticket in the topic outside both sides: earlier, in the class week, or after the weeks counted', () => {
    fc.assert(
      fc.property(caseArb, personArb, fc.constantFrom('earlier', 'class week', 'later'), fc.integer({ min: 0, max: WEEK_MS - 1 }), (c, who, where, ms) => {
        const windows = impactWindows(c.cls.startsAt, { weeks: c.weeks, now: c.now });
        const at =
          where === 'earlier'
            ? Date.parse(windows.before.from) - 1 - ms
            : where === 'class week'
              ? Date.parse(windows.classWeek) + ms
              : Date.parse(windows.after.to) + ms;
        const extra: ImpactTicket = { requesterKey: who, category: 'vpn', createdAt: iso(at) };
        expect(trainingImpact(c.cls, [...c.tickets, extra], c)).toEqual(trainingImpact(c.cls, c.tickets, c));
      }),
    );
  });

  it('does not depend on the order of the tickets', () => {
    fc.assert(
      fc.property(caseArb, fc.infiniteStream(fc.integer()), (c, seeds) => {
        const shuffled = [...c.tickets].sort(() => (seeds.next().value % 2 === 0 ? -1 : 1));
        expect(trainingImpact(c.cls, shuffled, c)).toEqual(trainingImpact(c.cls, c.tickets, c));
      }),
    );
  });

  it('gives an estimate exactly when each group has the minimum of tickets, inside its symmetric interval', () => {
    const seen = { estimate: 0, tooFewTickets: 0, tooEarly: 0 };
    fc.assert(
      fc.property(caseArb, (c) => {
        const impact = trainingImpact(c.cls, c.tickets, c);
        seen[impact.kind] += 1;
        if (impact.kind === 'tooEarly') {
          expect(impact.windows.weeksAfter).toBe(0);
          return;
        }
        const total = (g: typeof impact.attendees) => g.before.tickets + g.after.tickets;
        expect(impact.kind === 'estimate').toBe(total(impact.attendees) >= MIN_IMPACT_TICKETS && total(impact.comparison) >= MIN_IMPACT_TICKETS);
        if (impact.kind !== 'estimate') return;
        expect(impact.interval.low).toBeLessThanOrEqual(impact.estimate);
        expect(impact.interval.high).toBeGreaterThanOrEqual(impact.estimate);
        expect(impact.interval.high - impact.estimate).toBeCloseTo(impact.estimate - impact.interval.low, 9);
      }),
      { numRuns: 300 },
    );
    // The random cases reach every kind, so the property is not about one of them only.
    expect(Math.min(...Object.values(seen))).toBeGreaterThan(10);
  });

  /**
   * Time mirrored around the class week: the k-th week before becomes the k-th week after, and
   * back. With every side complete and the groups unchanged by the mirror, the estimate is negated.
   */
  it('negates the estimate when before and after swap', () => {
    const full = fc
      .integer({ min: 1, max: 4 })
      .chain((weeks) =>
        fc.record({ weeks: fc.constant(weeks), cls: classArb, tickets: fc.array(ticketArb(weeks), { minLength: 40, maxLength: 150, size: 'max' }) }),
      );
    let estimates = 0;
    fc.assert(
      fc.property(full, ({ weeks, cls, tickets }) => {
        const span = weeks * WEEK_MS;
        const beforeFrom = CLASS_WEEK - span;
        const afterFrom = CLASS_WEEK + WEEK_MS;
        const mirror = (ms: number): number => {
          if (ms >= beforeFrom && ms < CLASS_WEEK) return afterFrom + (span - 1 - (ms - beforeFrom));
          if (ms >= afterFrom && ms < afterFrom + span) return beforeFrom + (span - 1 - (ms - afterFrom));
          return ms;
        };
        // Every non-attendee gets one topic ticket in the first week before and its mirror in the last week after,
        // so the comparison group (a topic ticket before) is the same set on both sides of the mirror.
        const markers = PEOPLE.flatMap((p) => [
          { requesterKey: p, category: 'vpn', createdAt: iso(beforeFrom + 1000) },
          { requesterKey: p, category: 'vpn', createdAt: iso(mirror(beforeFrom + 1000)) },
        ]);
        const history = [...tickets, ...markers];
        const mirrored = history.map((t) => ({ ...t, createdAt: iso(mirror(Date.parse(t.createdAt))) }));
        const options = { weeks, now: iso(afterFrom + span + WEEK_MS) };
        const forward = trainingImpact(cls, history, options);
        const backward = trainingImpact(cls, mirrored, options);
        expect(backward.kind).toBe(forward.kind);
        if (forward.kind === 'tooEarly' || backward.kind === 'tooEarly') return;
        expect(backward.attendees.before.weekly).toEqual([...forward.attendees.after.weekly].reverse());
        expect(backward.comparison.after.weekly).toEqual([...forward.comparison.before.weekly].reverse());
        if (forward.kind !== 'estimate' || backward.kind !== 'estimate') return;
        estimates += 1;
        expect(backward.estimate).toBeCloseTo(-forward.estimate, 12);
        expect(backward.standardError).toBeCloseTo(forward.standardError, 12);
      }),
      { numRuns: 200 },
    );
    expect(estimates).toBeGreaterThan(50);
  });

  it('from counts: swapping the sides negates the estimate and keeps the interval width', () => {
    const side = (weeks: number) => fc.array(fc.integer({ min: 0, max: 30 }), { minLength: weeks, maxLength: weeks });
    const countsArb = fc.integer({ min: 1, max: 6 }).chain((weeks) =>
      fc.record({
        weeks: fc.constant(weeks),
        a: fc.integer({ min: 1, max: 20 }),
        c: fc.integer({ min: 1, max: 40 }),
        ab: side(weeks),
        aa: side(weeks),
        cb: side(weeks),
        ca: side(weeks),
      }),
    );
    fc.assert(
      fc.property(countsArb, ({ weeks, a, c, ab, aa, cb, ca }) => {
        const windows = impactWindows(CLASS_AT, { weeks, now: iso(CLASS_WEEK + (weeks + 2) * WEEK_MS) });
        const forward = impactFromCounts(windows, { attendees: { persons: a, before: ab, after: aa }, comparison: { persons: c, before: cb, after: ca } });
        const backward = impactFromCounts(windows, { attendees: { persons: a, before: aa, after: ab }, comparison: { persons: c, before: ca, after: cb } });
        expect(backward.kind).toBe(forward.kind);
        if (forward.kind !== 'estimate' || backward.kind !== 'estimate') return;
        expect(backward.estimate).toBeCloseTo(-forward.estimate, 12);
        expect(backward.interval.high - backward.interval.low).toBeCloseTo(forward.interval.high - forward.interval.low, 12);
      }),
    );
  });
});
