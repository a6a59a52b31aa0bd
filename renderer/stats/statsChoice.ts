import type { Tier } from '../../shared/domain/ticket';
import type { PeriodPreset } from './statsPeriod';

/** The statistics' filters: each null for "all". */
export type StatsFilterValues = { tier: Tier | null; category: string | null; tag: string | null; technician: string | null };

/** What the supervisor chose on the statistics panel: kept while the queue shows a figure's tickets. */
export type StatsChoice = { preset: PeriodPreset; custom: { from: string; to: string }; filters: StatsFilterValues };

export const DEFAULT_STATS_CHOICE: StatsChoice = {
  preset: 'last30Days',
  custom: { from: '', to: '' },
  filters: { tier: null, category: null, tag: null, technician: null },
};
