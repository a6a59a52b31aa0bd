import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Tier } from '../../shared/domain/ticket';
import { computeSla, computeSummary, computeTechnicians } from '../../shared/stats/metrics';
import { hoursAfter, historyOf, playStory, type Step } from '../../shared/stats/story.testkit';
import { creditedTechnician } from '../../shared/stats/ticketFacts';
import { makeTicket, makeUser } from '../../tests/support/factories';
import { compileFilter } from '../queue/queueFilter';
import { toQueueEntry, type QueueEntry } from '../queue/queueEntry';
import { figureFilter, technicianResolvedFilter, type DrillFilters } from './drillDown';

/*
 * The queue filter a figure opens must keep exactly the tickets the reference counts for it
 * (docs/METRICS.md), on random lawful histories: handed on after the resolution, reopened,
 * escalated, unassigned at the resolution, pending late or in time.
 */

const START = '2026-03-02T00:00:00.000Z';
const TECHNICIANS = ['u-tina', 'u-tomas', 'u-sam'];
const users = TECHNICIANS.map((id) => makeUser({ id, username: id, displayName: id }));

const life = fc.record({
  createdH: fc.integer({ min: 0, max: 24 * 20 }),
  taker: fc.option(fc.constantFrom(...TECHNICIANS), { nil: null }),
  escalateTo: fc.option(fc.constantFrom<Tier>(2, 3), { nil: null }),
  handOffBefore: fc.option(fc.constantFrom(...TECHNICIANS, null), { nil: undefined }),
  resolveH: fc.option(fc.integer({ min: 1, max: 24 * 6 }), { nil: null }),
  after: fc.constantFrom('none', 'reopen', 'reopen-resolve', 'hand-on', 'close'),
  pendingH: fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }),
  category: fc.constantFrom('network', 'email'),
  tags: fc.subarray(['vpn', 'laptop']),
  priority: fc.constantFrom('low' as const, 'urgent' as const),
});

type Life = typeof life extends fc.Arbitrary<infer T> ? T : never;

const storyOf = (l: Life, i: number) => {
  const steps: Step[] = [];
  if (l.taker !== null) steps.push([0.5, 'take', l.taker]);
  if (l.escalateTo !== null) steps.push([1, 'escalate', l.escalateTo]);
  if (l.handOffBefore !== undefined) steps.push([1.5, 'assign', l.handOffBefore]);
  if (l.resolveH !== null) {
    steps.push([2 + l.resolveH, 'resolve']);
    if (l.after === 'hand-on') steps.push([3 + l.resolveH, 'assign', 'u-sam']);
    if (l.after === 'close') steps.push([3 + l.resolveH, 'close']);
    if (l.after.startsWith('reopen')) steps.push([3 + l.resolveH, 'reopen']);
    if (l.after === 'reopen-resolve') steps.push([4 + l.resolveH, 'resolve']);
  } else if (l.pendingH !== null) steps.push([l.pendingH, 'pending']);
  const ticket = makeTicket({ id: `t${i}`, number: i + 1, createdAt: hoursAfter(START, l.createdH), category: l.category, tags: l.tags, priority: l.priority });
  return playStory(ticket, steps);
};

const filtersArb: fc.Arbitrary<DrillFilters> = fc.record({
  tier: fc.constantFrom<Tier | null>(null, 1, 2),
  category: fc.constantFrom(null, 'network'),
  tag: fc.constantFrom(null, 'vpn'),
  technician: fc.constantFrom(null, ...TECHNICIANS),
});

describe('a figure opened in the queue', () => {
  it('keeps exactly the tickets the reference counts', () => {
    fc.assert(
      fc.property(
        fc.array(life, { maxLength: 25 }),
        fc.integer({ min: 0, max: 24 * 20 }),
        fc.integer({ min: 1, max: 24 * 14 }),
        fc.integer({ min: 24, max: 24 * 30 }),
        filtersArb,
        (lives, fromH, lengthH, nowH, drill) => {
          const stories = lives.map(storyOf);
          const history = historyOf(stories, users);
          const now = hoursAfter(START, nowH);
          const period = { from: hoursAfter(START, fromH), to: hoursAfter(START, fromH + lengthH) };
          const filters = {
            ...(drill.tier === null ? {} : { tier: drill.tier }),
            ...(drill.category === null ? {} : { category: drill.category }),
            ...(drill.tag === null ? {} : { tag: drill.tag }),
            ...(drill.technician === null ? {} : { technicianId: drill.technician }),
          };
          const query = { period, filters, options: { now } };
          // The console's view: entries of the tickets, credited from their timelines.
          const credited = new Map(stories.map((s) => [s.ticket.id, creditedTechnician(s.ticket, s.events)]));
          const context = { meId: 'u-sue', nowMs: Date.parse(now), creditedOf: (entry: QueueEntry) => credited.get(entry.id) ?? null };
          const entries = stories.map((s) => toQueueEntry(s.ticket));
          const shown = (filter: ReturnType<typeof figureFilter>) => entries.filter(compileFilter(filter, context)).length;

          const summary = computeSummary(history, query);
          expect(shown(figureFilter('opened', period, drill))).toBe(summary.opened);
          expect(shown(figureFilter('resolved', period, drill))).toBe(summary.resolved);
          expect(shown(figureFilter('breachingNow', period, drill))).toBe(computeSla(history, query).breachingNow);
          for (const row of computeTechnicians(history, query).rows) {
            expect(shown(technicianResolvedFilter(row.id, period, drill))).toBe(row.resolved);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
