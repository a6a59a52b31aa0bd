import type { StatsSummary } from '../../shared/stats/metrics';

export type HeadlineKey = keyof StatsSummary | 'breachingNow';

/** How a figure is shown: a count, a rate (0..1, changes in percentage points), hours, or a score (a mean rating, one decimal). */
export type HeadlineKind = 'count' | 'rate' | 'hours' | 'score';

/** Whether a rise is good news for the desk; `neutral` for volume, which is neither. */
export type GoodDirection = 'up' | 'down' | 'neutral';

export type HeadlineSpec = { key: HeadlineKey; kind: HeadlineKind; good: GoodDirection };

/** The panel's headline figures in reading order (docs/METRICS.md). */
export const HEADLINES: readonly HeadlineSpec[] = [
  { key: 'opened', kind: 'count', good: 'neutral' },
  { key: 'resolved', kind: 'count', good: 'up' },
  { key: 'reopenRate', kind: 'rate', good: 'down' },
  { key: 'repeatContactRate', kind: 'rate', good: 'down' },
  { key: 'firstContactResolutionRate', kind: 'rate', good: 'up' },
  { key: 'escalationRate', kind: 'rate', good: 'down' },
  { key: 'medianResolutionHours', kind: 'hours', good: 'down' },
  { key: 'p90ResolutionHours', kind: 'hours', good: 'down' },
  { key: 'slaAttainment', kind: 'rate', good: 'up' },
  { key: 'breachingNow', kind: 'count', good: 'down' },
  // The caller's word (docs/METRICS.md): what callers said of their resolutions on /track.
  { key: 'confirmedResolutionRate', kind: 'rate', good: 'up' },
  { key: 'callerReopenRate', kind: 'rate', good: 'down' },
  { key: 'satisfactionScore', kind: 'rate', good: 'up' },
  { key: 'satisfactionMean', kind: 'score', good: 'up' },
  { key: 'satisfactionAnswers', kind: 'count', good: 'neutral' },
  // Knowledge (docs/METRICS.md): articles behind resolutions, and what readers of /help answered.
  { key: 'articlesPerResolvedTicket', kind: 'score', good: 'up' },
  { key: 'selfHelpYes', kind: 'count', good: 'up' },
  { key: 'selfHelpNo', kind: 'count', good: 'neutral' },
];

export type Change = {
  /** Signed difference: counts and hours as they are, rates in percentage points. */
  delta: number;
  arrow: 'up' | 'down' | 'flat';
  verdict: 'good' | 'bad' | 'neutral';
};

/** The change from the previous period, or null when either side has nothing to judge. */
export const headlineChange = (spec: HeadlineSpec, current: number | null, previous: number | null): Change | null => {
  if (current === null || previous === null) return null;
  const raw = spec.kind === 'rate' ? (current - previous) * 100 : current - previous;
  // Rounded as shown, so "+0.0 pts" is never coloured as a change.
  const delta = Math.round(raw * 10) / 10;
  const arrow = delta > 0 ? 'up' : delta < 0 ? 'down' : 'flat';
  const verdict = arrow === 'flat' || spec.good === 'neutral' ? 'neutral' : arrow === spec.good ? 'good' : 'bad';
  return { delta, arrow, verdict };
};
