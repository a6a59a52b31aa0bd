import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import {
  RESOLUTION_BANDS,
  type StatsBacklogResponse,
  type StatsCategoriesResponse,
  type StatsSummaryResponse,
  type StatsTechniciansResponse,
} from '../../shared/stats/api';
import { AGE_BANDS } from '../../shared/stats/backlog';
import { useCategoryLabel } from '../tickets/categoryLabel';
import { formatDay, formatWeek } from './statsFormat';
import { formatNumber } from '../../shared/format/numbers';

// Distinguishable on light and dark backgrounds; categories past the palette reuse it.
const PALETTE = ['#2563eb', '#16a34a', '#d97706', '#dc2626', '#7c3aed', '#0891b2', '#db2777', '#65a30d'];
export const colour = (index: number): string => PALETTE[index % PALETTE.length] ?? '#2563eb';

/** The most categories drawn as lines; more would be unreadable (the table lists them all). */
const MAX_LINES = 6;

/** Up to this many points every x label is written; past it recharts leaves some out so they do not overlap. */
const ALL_LABELS_UP_TO = 8;

/** Dots as large as the points leave room for: a week's seven stand out, a month's thirty do not run together. */
const dotRadius = (points: number): number => (points <= ALL_LABELS_UP_TO ? 4 : points <= 16 ? 3 : 2);

type ChartFrameProps = { title: string; id: string; children: React.ReactElement };

/** A chart as a labelled figure; its text alternative is the tables below, which the note says. */
export const ChartFrame = ({ title, id, children }: ChartFrameProps) => {
  const { t } = useTranslation('stats');
  return (
    <figure className="stats-chart" role="group" aria-labelledby={id} aria-describedby={`${id}-alt`}>
      <figcaption id={id}>{title}</figcaption>
      <div className="stats-chart-body" role="img" aria-label={title}>
        <ResponsiveContainer width="100%" height={220}>
          {children}
        </ResponsiveContainer>
      </div>
      <p id={`${id}-alt`} className="stats-visually-hidden">
        {t('charts.textAlternative')}
      </p>
    </figure>
  );
};

export type StatsChartsProps = {
  summary: StatsSummaryResponse | null;
  technicians: StatsTechniciansResponse | null;
  categories: StatsCategoriesResponse | null;
  backlog: StatsBacklogResponse | null;
};

export const StatsCharts = ({ summary, technicians, categories, backlog }: StatsChartsProps) => {
  const { t, i18n } = useTranslation('stats');
  const categoryLabel = useCategoryLabel();
  const locale = i18n.language;
  const shownCategories = categories?.rows.slice(0, MAX_LINES) ?? [];
  const categoryName = (row: { category: string; isTrainingTopic: boolean }) =>
    row.isTrainingTopic ? `${categoryLabel(row.category)} (${t('charts.trainingTopic')})` : categoryLabel(row.category);
  // A period of up to a month is drawn a point a day: a week as one weekly point was a dot in an
  // empty chart. Days still to come have no point (not a zero), so the lines end at today.
  const now = Date.parse(backlog?.now ?? new Date().toISOString());
  // Answers cached before the server counted days (or from an older server) have none: drawn per week.
  const days: readonly string[] = categories?.days ?? [];
  const isDaily = days.length > 0;
  const points = isDaily
    ? days.map((day, index) => ({
        label: formatDay(day, locale),
        ...Object.fromEntries(shownCategories.map((row) => [categoryName(row), Date.parse(day) > now ? null : (row.dailyCounts[index] ?? 0)])),
      }))
    : (categories?.weeks ?? []).map((week, index) => ({
        label: formatWeek(week, locale),
        ...Object.fromEntries(shownCategories.map((row) => [categoryName(row), row.counts[index] ?? 0])),
      }));
  const perTechnician = (technicians?.rows ?? []).filter((row) => row.resolved > 0).map((row) => ({ name: row.name, resolved: row.resolved }));
  const distribution = RESOLUTION_BANDS.map((band) => ({
    band: t(`bands.${band.id}`),
    count: summary?.resolutionTimeDistribution.find((d) => d.band === band.id)?.count ?? 0,
  }));
  const backlogRows = (backlog?.byTier ?? []).map((tier) => ({
    tier: t('filters.tierValue', { tier: tier.tier }),
    ...Object.fromEntries(AGE_BANDS.map((band) => [t(`ageBands.${band.id}`), tier.byAgeBand[band.id]])),
  }));
  const formatTick = (value: number): string => formatNumber(value, locale);
  return (
    <div className="stats-charts">
      <ChartFrame title={t(isDaily ? 'charts.openedPerCategoryDaily' : 'charts.openedPerCategory')} id="stats-chart-categories">
        <LineChart data={points} margin={{ top: 8, right: 28, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" interval={points.length <= ALL_LABELS_UP_TO ? 0 : 'preserveStartEnd'} tick={{ fontSize: 12 }} />
          <YAxis allowDecimals={false} tickFormatter={formatTick} width={32} />
          <Tooltip />
          <Legend itemSorter={null} />
          {shownCategories.map((row, index) => (
            <Line
              key={row.category}
              dataKey={categoryName(row)}
              stroke={colour(index)}
              strokeWidth={row.isTrainingTopic ? 3 : points.length <= ALL_LABELS_UP_TO ? 2 : 1.5}
              dot={{ r: dotRadius(points.length), strokeWidth: points.length <= ALL_LABELS_UP_TO ? 2 : 1, fill: 'var(--surface)' }}
              activeDot={{ r: dotRadius(points.length) + 2 }}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ChartFrame>
      <ChartFrame title={t('charts.resolvedPerTechnician')} id="stats-chart-technicians">
        <BarChart data={perTechnician}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="name" />
          <YAxis allowDecimals={false} tickFormatter={formatTick} />
          <Tooltip />
          <Bar dataKey="resolved" name={t('tables.columns.resolved')} fill={colour(0)} isAnimationActive={false} />
        </BarChart>
      </ChartFrame>
      <ChartFrame title={t('charts.distribution')} id="stats-chart-distribution">
        <BarChart data={distribution}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="band" />
          <YAxis allowDecimals={false} tickFormatter={formatTick} />
          <Tooltip />
          <Bar dataKey="count" name={t('tables.columns.resolved')} fill={colour(1)} isAnimationActive={false} />
        </BarChart>
      </ChartFrame>
      <ChartFrame title={t('charts.backlog')} id="stats-chart-backlog">
        <BarChart data={backlogRows}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="tier" />
          <YAxis allowDecimals={false} tickFormatter={formatTick} />
          <Tooltip />
          <Legend itemSorter={null} />
          {AGE_BANDS.map((band, index) => (
            <Bar key={band.id} dataKey={t(`ageBands.${band.id}`)} stackId="age" fill={colour(index + 2)} isAnimationActive={false} />
          ))}
        </BarChart>
      </ChartFrame>
    </div>
  );
};
