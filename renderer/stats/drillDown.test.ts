import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER } from '../queue/queueFilter';
import { figureFilter, isDrillable, technicianResolvedFilter } from './drillDown';

const period = { from: '2026-03-09', to: '2026-03-16' };
const none = { tier: null, category: null, tag: null, technician: null };
const week = { fromMs: Date.parse('2026-03-09T00:00:00Z'), toMs: Date.parse('2026-03-16T00:00:00Z') };

describe('figureFilter', () => {
  it('opens "Opened" as the tickets created in the period', () => {
    expect(figureFilter('opened', period, none)).toEqual({ ...EMPTY_FILTER, createdIn: week });
  });
  it('opens "Resolved" as the tickets whose last resolution is in the period', () => {
    expect(figureFilter('resolved', period, none)).toEqual({ ...EMPTY_FILTER, resolvedIn: week });
  });
  it('opens "Breaching now" as the active tickets past their due time, whatever the period', () => {
    expect(figureFilter('breachingNow', period, none)).toEqual({ ...EMPTY_FILTER, statuses: ['new', 'open', 'pending'], sla: ['breached'] });
  });
  it('carries the statistics filters over, the technician as the statistics read it for each figure', () => {
    const filters = { tier: 2 as const, category: 'network', tag: 'vpn', technician: 'u-sam' };
    const carried = { tiers: [2], categories: ['network'], tags: ['vpn'] };
    expect(figureFilter('opened', period, filters)).toMatchObject({ ...carried, assignees: ['u-sam'], resolvers: [] });
    expect(figureFilter('breachingNow', period, filters)).toMatchObject({ ...carried, assignees: ['u-sam'], resolvers: [] });
    expect(figureFilter('resolved', period, filters)).toMatchObject({ ...carried, assignees: [], resolvers: ['u-sam'] });
  });
  it('opens a technician row as that technician\u2019s credited resolutions', () => {
    expect(technicianResolvedFilter('u-tina', period, none)).toEqual({ ...EMPTY_FILTER, resolvedIn: week, resolvers: ['u-tina'] });
  });
  it('knows which headlines count tickets', () => {
    expect(['opened', 'resolved', 'breachingNow', 'reopenRate'].filter(isDrillable)).toEqual(['opened', 'resolved', 'breachingNow']);
  });
});
