import type { Tier } from '../../shared/domain/ticket';
import { EMPTY_FILTER, type QueueFilter } from '../queue/queueFilter';

/** The headline figures that count tickets, which open the queue on exactly those tickets. */
export const DRILLABLE = ['opened', 'resolved', 'breachingNow'] as const;
export type DrillFigure = (typeof DRILLABLE)[number];

export const isDrillable = (key: string): key is DrillFigure => DRILLABLE.some((figure) => figure === key);

/** The statistics' filters, as the panel holds them. */
export type DrillFilters = { tier: Tier | null; category: string | null; tag: string | null; technician: string | null };

const ACTIVE = ['new', 'open', 'pending'] as const;

const range = (period: { from: string; to: string }) => ({ fromMs: Date.parse(period.from), toMs: Date.parse(period.to) });
const listOf = <T>(value: T | null): T[] => (value === null ? [] : [value]);

/**
 * The queue filter that keeps exactly the tickets a figure counts, by the definitions of
 * docs/METRICS.md: tier, category and tag as the ticket is now; the technician is the current
 * assignee for opened and breaching tickets and the credited technician for resolved ones.
 * Opened: created in [from, to). Resolved: resolved or closed now, last resolution in [from, to).
 * Breaching now: new, open or pending, past the resolution due time (the queue's "breached" SLA
 * state is the same rule). `period` is the one the server was asked (bare dates are 00:00 UTC).
 */
export const figureFilter = (figure: DrillFigure, period: { from: string; to: string }, filters: DrillFilters): QueueFilter => {
  const common = { ...EMPTY_FILTER, tiers: listOf(filters.tier), categories: listOf(filters.category), tags: listOf(filters.tag) };
  switch (figure) {
    case 'opened':
      return { ...common, createdIn: range(period), assignees: listOf(filters.technician) };
    case 'resolved':
      return { ...common, resolvedIn: range(period), resolvers: listOf(filters.technician) };
    case 'breachingNow':
      return { ...common, statuses: ACTIVE, sla: ['breached'], assignees: listOf(filters.technician) };
  }
};

/** A technician's row: the tickets resolved in the period that credit them. */
export const technicianResolvedFilter = (technicianId: string, period: { from: string; to: string }, filters: DrillFilters): QueueFilter =>
  figureFilter('resolved', period, { ...filters, technician: technicianId });
