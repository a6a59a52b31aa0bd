import { useTranslation } from 'react-i18next';
import type { StatsSummaryResponse } from '../../shared/stats/api';
import { HEADLINES, headlineChange, type HeadlineSpec } from './headlineChange';
import { formatFigure, formatSigned } from './statsFormat';

const current = (summary: StatsSummaryResponse, spec: HeadlineSpec): number | null => summary[spec.key];

// The server gives no "breaching" figure for the previous period: it is a count at this moment.
const previous = (summary: StatsSummaryResponse, spec: HeadlineSpec): number | null =>
  spec.key === 'breachingNow' ? null : summary.previous[spec.key];

const ARROWS = { up: '▲', down: '▼', flat: '▬' } as const;

/** The headline figures, each with its change from the previous period of the same length. */
export const Headlines = ({ summary }: { summary: StatsSummaryResponse }) => {
  const { t, i18n } = useTranslation('stats');
  const locale = i18n.language;
  return (
    <ul className="stats-headlines" aria-label={t('title')}>
      {HEADLINES.map((spec) => {
        const value = formatFigure(spec.kind, current(summary, spec), locale);
        const change = headlineChange(spec, current(summary, spec), previous(summary, spec));
        const shown = value === null ? t('none') : spec.kind === 'hours' ? t('hours', { value }) : value;
        const labelId = `stats-headline-${spec.key}`;
        return (
          <li key={spec.key} className="stats-headline" aria-labelledby={labelId} aria-describedby={`${labelId}-help`} title={t(`headline.${spec.key}.help`)}>
            <span id={labelId} className="stats-headline-label">
              {t(`headline.${spec.key}.label`)}
            </span>
            <span className="stats-headline-value" data-testid={`headline-${spec.key}`}>
              {shown}
            </span>
            {change !== null && (
              <span className={`stats-change ${change.verdict}`} aria-label={`${t('previous')}: ${describeChange(change, spec, locale, t)}`}>
                <span aria-hidden="true">{ARROWS[change.arrow]} </span>
                {change.arrow === 'flat' ? t('noChange') : formatDelta(change.delta, spec, locale, t)}
              </span>
            )}
            <span id={`${labelId}-help`} className="stats-visually-hidden">{t(`headline.${spec.key}.help`)}</span>
          </li>
        );
      })}
    </ul>
  );
};

type StatsT = ReturnType<typeof useTranslation<'stats'>>['t'];

const formatDelta = (delta: number, spec: HeadlineSpec, locale: string, t: StatsT): string => {
  const signed = formatSigned(delta, locale);
  return spec.kind === 'rate' ? t('points', { value: signed }) : spec.kind === 'hours' ? t('hours', { value: signed }) : signed;
};

const describeChange = (change: NonNullable<ReturnType<typeof headlineChange>>, spec: HeadlineSpec, locale: string, t: StatsT): string =>
  change.arrow === 'flat' ? t('noChange') : `${formatDelta(change.delta, spec, locale, t)} (${t(`change.${change.verdict}`)})`;
