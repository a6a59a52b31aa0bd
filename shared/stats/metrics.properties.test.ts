import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeTicket } from '../../tests/support/factories';
import { TIERS } from '../domain/ticket';
import { computeSummary, computeTechnicians } from './metrics';
import { historyOf, hoursAfter, playStory, type Step } from './story.testkit';

const START = '2026-03-02T00:00:00.000Z';
const NOW = hoursAfter(START, 24 * 60);

// A random but lawful life: taken, maybe escalated, maybe resolved, maybe reopened and resolved again.
const lifeArb = fc.record({
  createdH: fc.integer({ min: 0, max: 24 * 50 }),
  technician: fc.constantFrom('u-tina', 'u-tomas', 'u-sam'),
  escalateTo: fc.option(fc.constantFrom(...TIERS.filter((t) => t > 1))),
  resolveH: fc.option(fc.integer({ min: 1, max: 24 * 10 })),
  reopen: fc.boolean(),
  category: fc.constantFrom('network', 'printing'),
  requester: fc.constantFrom('Ada', 'Budi'),
});

const historyArb = fc.array(lifeArb, { maxLength: 25 }).map((lives) =>
  historyOf(
    lives.map((life, i) => {
      const steps: Step[] = [[0.5, 'take', life.technician]];
      if (life.escalateTo !== null) steps.push([1, 'escalate', life.escalateTo], [1.5, 'take', 'u-sam']);
      if (life.resolveH !== null) {
        steps.push([1 + life.resolveH, 'resolve']);
        if (life.reopen) steps.push([2 + life.resolveH, 'reopen'], [3 + life.resolveH, 'resolve']);
      }
      const ticket = makeTicket({
        id: `t${i}`,
        createdAt: hoursAfter(START, life.createdH),
        category: life.category,
        requester: { name: life.requester, contact: null },
      });
      return playStory(ticket, steps);
    }),
  ),
);

const periodArb = fc
  .tuple(fc.integer({ min: -24, max: 24 * 60 }), fc.integer({ min: 1, max: 24 * 30 }), fc.integer({ min: 1, max: 24 * 30 }))
  .map(([startH, firstH, secondH]) => ({
    a: hoursAfter(START, startH),
    b: hoursAfter(START, startH + firstH),
    c: hoursAfter(START, startH + firstH + secondH),
  }));

describe('metric properties', () => {
  it('keeps rates within [0, 1] (or null) and p90 at or above the median', () => {
    fc.assert(
      fc.property(historyArb, periodArb, (history, { a, c }) => {
        const s = computeSummary(history, { period: { from: a, to: c }, filters: {}, options: { now: NOW } });
        for (const r of [s.reopenRate, s.repeatContactRate, s.firstContactResolutionRate, s.escalationRate, s.slaAttainment]) {
          if (r !== null) expect(r >= 0 && r <= 1).toBe(true);
        }
        expect(s.reopenRate === null).toBe(s.resolved === 0);
        if (s.medianResolutionHours !== null && s.p90ResolutionHours !== null) expect(s.p90ResolutionHours).toBeGreaterThanOrEqual(s.medianResolutionHours);
      }),
    );
  });

  it('adds up over adjacent periods: opened and resolved of [a, b) and [b, c) make those of [a, c)', () => {
    fc.assert(
      fc.property(historyArb, periodArb, (history, { a, b, c }) => {
        const of = (from: string, to: string) => computeSummary(history, { period: { from, to }, filters: {}, options: { now: NOW } });
        const [first, second, whole] = [of(a, b), of(b, c), of(a, c)];
        expect(first.opened + second.opened).toBe(whole.opened);
        expect(first.resolved + second.resolved).toBe(whole.resolved);
      }),
    );
  });

  it('credits every resolution with an assignee to exactly one technician row', () => {
    fc.assert(
      fc.property(historyArb, periodArb, (history, { a, c }) => {
        const query = { period: { from: a, to: c }, filters: {}, options: { now: NOW } };
        const rows = computeTechnicians(history, query).rows;
        // Every story ends assigned (taken, or re-taken by Sam after an escalation), so all resolutions are credited.
        expect(rows.reduce((sum, r) => sum + r.resolved, 0)).toBe(computeSummary(history, query).resolved);
      }),
    );
  });
});
