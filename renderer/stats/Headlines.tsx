import { useTranslation } from 'react-i18next';
import type { StatsSummaryResponse } from '../../shared/stats/api';
import { isDrillable, type DrillFigure } from './drillDown';
import { HEADLINES, headlineChange, type HeadlineSpec } from './headlineChange';
import { formatFigure, formatPeriodTimes, formatSigned } from './statsFormat';

const current = (summary: StatsSummaryResponse, spec: HeadlineSpec): number | null => summary[spec.key];

// The server gives no "breaching" figure for the previous period: it is a count at this moment.
const previous = (summary: StatsSummaryResponse, spec: HeadlineSpec): number | null => (spec.key === 'breachingNow' ? null : summary.previous[spec.key]);

const ARROWS = { up: '▲', down: '▼', flat: '▬' } as const;

export type HeadlinesProps = {
  summary: StatsSummaryResponse;
  /** Shows the tickets a counting figure counts in the queue; null while there is no period to ask for. */
  onShow: ((figure: DrillFigure) => void) | null;
};

/**
 * The headline figures, each with its change from the period it is compared with (the same
 * elapsed part of the one before while the period runs, docs/METRICS.md). Figures that count
 * tickets are buttons that open those tickets in the queue.
 */
export const Headlines = ({ summary, onShow }: HeadlinesProps) => {
  const { t, i18n } = useTranslation('stats');
  const locale = i18n.language;
  // Figures cached before the server said what it compared with (or from an older server) do not say it.
  const comparison: StatsSummaryResponse['comparison'] | undefined = summary.comparison;
  const versus = comparison === undefined ? t('comparison.period.whole') : t(`comparison.${comparison.unit}.${comparison.isSoFar ? 'soFar' : 'whole'}`);
  return (
    <div className="stats-headlines-wrap">
      {comparison !== undefined && (
        <p className="stats-comparison" data-testid="stats-comparison">
          {t('comparison.caption', { versus, ...formatPeriodTimes(summary.previous.period.from, summary.previous.period.to, locale) })}
        </p>
      )}
      <ul className="stats-headlines" aria-label={t('title')}>
        {HEADLINES.map((spec) => {
          const value = formatFigure(spec.kind, current(summary, spec), locale);
          const change = headlineChange(spec, current(summary, spec), previous(summary, spec));
          const shown = value === null ? t('none') : spec.kind === 'hours' ? t('hours', { value }) : value;
          const labelId = `stats-headline-${spec.key}`;
          const figure = isDrillable(spec.key) ? spec.key : null;
          return (
            <li key={spec.key} className="stats-headline" aria-labelledby={labelId} aria-describedby={`${labelId}-help`} title={t(`headline.${spec.key}.help`)}>
              <span id={labelId} className="stats-headline-label">
                {t(`headline.${spec.key}.label`)}
              </span>
              {figure !== null && onShow !== null ? (
                <button
                  type="button"
                  className="stats-headline-value stats-drill"
                  data-testid={`headline-${spec.key}`}
                  aria-label={t('showInQueue', { figure: t(`headline.${spec.key}.label`), value: shown })}
                  onClick={() => onShow(figure)}
                >
                  {shown}
                </button>
              ) : (
                <span className="stats-headline-value" data-testid={`headline-${spec.key}`}>
                  {shown}
                </span>
              )}
              {change !== null && (
                <span className={`stats-change ${change.verdict}`} aria-label={`${versus}: ${describeChange(change, spec, locale, t)}`}>
                  <span aria-hidden="true">{ARROWS[change.arrow]} </span>
                  {change.arrow === 'flat' ? t('noChange') : formatDelta(change.delta, spec, locale, t)}
                </span>
              )}
              <span id={`${labelId}-help`} className="stats-visually-hidden">
                {t(`headline.${spec.key}.help`)}
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
};

type StatsT = ReturnType<typeof useTranslation<'stats'>>['t'];

const formatDelta = (delta: number, spec: HeadlineSpec, locale: string, t: StatsT): string => {
  const signed = formatSigned(delta, locale);
  return spec.kind === 'rate' ? t('points', { value: signed }) : spec.kind === 'hours' ? t('hours', { value: signed }) : signed;
};

const describeChange = (change: NonNullable<ReturnType<typeof headlineChange>>, spec: HeadlineSpec, locale: string, t: StatsT): string =>
  change.arrow === 'flat' ? t('noChange') : `${formatDelta(change.delta, spec, locale, t)} (${t(`change.${change.verdict}`)})`;
