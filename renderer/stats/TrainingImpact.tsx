import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Cell, ErrorBar, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDate } from '../../shared/format/dates';
import { formatNumber } from '../../shared/format/numbers';
import type { StatsRoute, StatsTrainingResponse } from '../../shared/stats/api';
import type { ImpactGroupRow, TrainingImpactRow } from '../../shared/stats/trainingReport';
import { useCategoryLabel } from '../tickets/categoryLabel';
import { ChartFrame, colour } from './StatsCharts';
import { SortableTable, type Column } from './SortableTable';

export type TrainingImpactSectionProps = {
  training: StatsTrainingResponse | null;
  onExport: ((route: StatsRoute, table: string) => void) | null;
};

const VERDICT_ORDER = { estimate: 0, tooFewTickets: 1, tooEarly: 2 } as const;

/**
 * "Training impact" (docs/METRICS.md): per class of the period, the difference in differences
 * with its 95 % interval as an error bar around zero, and a table of the counts behind it. A class
 * without an estimate says why in words, never as a zero.
 */
export const TrainingImpactSection = ({ training, onExport }: TrainingImpactSectionProps) => {
  const { t, i18n } = useTranslation('stats');
  const locale = i18n.language;
  const categoryLabel = useCategoryLabel();
  if (training === null) return null;
  const perWeek = (value: number | null) => (value === null ? t('none') : formatNumber(value, locale, 'twoDecimals'));
  const signed = (value: number | null) => (value === null ? t('none') : formatNumber(value, locale, 'signedTwoDecimals'));
  const count = (value: number | null | undefined) => (value === null || value === undefined ? t('none') : formatNumber(value, locale));
  const verdictText = (r: TrainingImpactRow) =>
    r.verdict === 'estimate'
      ? t('training.interval', { low: signed(r.low), high: signed(r.high) })
      : r.verdict === 'tooFewTickets'
        ? t('training.tooFewTickets', { minimum: training.minimumTickets })
        : t('training.tooEarly', { date: formatDate(r.measurableFrom ?? r.after.from, locale) });
  // The counts, and under them the rates they make (tickets per person-week).
  const group = (g: ImpactGroupRow | null) =>
    g === null ? (
      t('none')
    ) : (
      <>
        {t('training.counts', { before: count(g.ticketsBefore), after: count(g.ticketsAfter), persons: count(g.persons) })}
        <span className="stats-impact-rates">{t('training.rates', { before: perWeek(g.rateBefore), after: perWeek(g.rateAfter) })}</span>
      </>
    );
  const columns: Array<Column<TrainingImpactRow>> = [
    { key: 'title', label: t('training.columns.class'), value: (r) => r.title, isText: true },
    { key: 'topic', label: t('training.columns.topic'), value: (r) => categoryLabel(r.topic), isText: true },
    { key: 'start', label: t('training.columns.start'), value: (r) => r.startsAt, isText: true, render: (r) => formatDate(r.startsAt, locale) },
    { key: 'attended', label: t('training.columns.attended'), value: (r) => r.attended, render: (r) => `${count(r.attended)} / ${count(r.invited)}` },
    {
      key: 'weeks',
      label: t('training.columns.weeks'),
      value: (r) => r.weeksAfter,
      render: (r) => t('training.weeks', { before: r.weeksBefore, after: r.weeksAfter }),
    },
    { key: 'attendees', label: t('training.columns.attendees'), value: (r) => r.attendees?.ticketsAfter ?? null, render: (r) => group(r.attendees) },
    { key: 'comparison', label: t('training.columns.comparison'), value: (r) => r.comparison?.ticketsAfter ?? null, render: (r) => group(r.comparison) },
    { key: 'estimate', label: t('training.columns.estimate'), value: (r) => r.estimate, render: (r) => signed(r.estimate) },
    {
      key: 'verdict',
      label: t('training.columns.verdict'),
      value: (r) => VERDICT_ORDER[r.verdict],
      isText: true,
      render: (r) => <span className={`stats-impact-${r.verdict}`}>{verdictText(r)}</span>,
    },
  ];
  const measured = training.rows.flatMap((r) =>
    r.verdict === 'estimate' && r.estimate !== null && r.low !== null && r.high !== null
      ? [{ id: r.id, name: r.title, estimate: r.estimate, error: [r.estimate - r.low, r.high - r.estimate] }]
      : [],
  );
  const tick = (value: number) => formatNumber(value, locale, 'signedTwoDecimals');
  return (
    <section className="stats-training-impact" aria-labelledby="stats-training-title">
      <h3 id="stats-training-title">{t('training.title')}</h3>
      <p className="stats-training-explain">{t('training.explain', { weeks: training.weeks })}</p>
      {measured.length > 0 && (
        <ChartFrame title={t('training.chart')} id="stats-chart-training">
          <BarChart data={measured} margin={{ top: 8, right: 28, bottom: 0, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="name" tick={{ fontSize: 12 }} />
            <YAxis tickFormatter={tick} width={56} />
            <Tooltip formatter={(value) => (typeof value === 'number' ? tick(value) : String(value))} />
            <ReferenceLine y={0} stroke="var(--text, #333)" strokeWidth={1.5} />
            <Bar dataKey="estimate" name={t('training.columns.estimate')} isAnimationActive={false} maxBarSize={48}>
              {measured.map((m) => (
                <Cell key={m.id} fill={m.estimate <= 0 ? colour(1) : colour(3)} />
              ))}
              <ErrorBar dataKey="error" width={10} strokeWidth={2} stroke="var(--text, #333)" direction="y" />
            </Bar>
          </BarChart>
        </ChartFrame>
      )}
      <SortableTable
        caption={t('training.table')}
        columns={columns}
        rows={training.rows}
        rowKey={(r) => r.id}
        action={
          onExport === null ? null : (
            <button type="button" className="button small" onClick={() => onExport('training', t('training.table'))}>
              {t('tables.exportCsv', { table: t('training.table') })}
            </button>
          )
        }
      />
    </section>
  );
};
