import { useTranslation } from 'react-i18next';
import type { StatsCategoriesResponse, StatsProblemsResponse, StatsRoute, StatsSummaryResponse, StatsTechniciansResponse } from '../../shared/stats/api';
import type { CategoryRow } from '../../shared/stats/categories';
import type { ResolutionByPriorityRow, TechnicianRow } from '../../shared/stats/metrics';
import type { MostUsedArticle } from '../../shared/stats/knowledge';
import type { ProblemCategoryRow, ProblemRow } from '../../shared/stats/problems';
import type { TierRow } from '../../shared/stats/tiers';
import { PRIORITIES } from '../../shared/domain/ticket';
import type { stats as enStats } from '../i18n/locales/en/stats';
import { useCategoryLabel } from '../tickets/categoryLabel';
import { SortableTable, type Column } from './SortableTable';
import { formatFigure } from './statsFormat';

type ColumnName = keyof (typeof enStats)['tables']['columns'];

export type StatsTablesProps = {
  summary: StatsSummaryResponse | null;
  technicians: StatsTechniciansResponse | null;
  categories: StatsCategoriesResponse | null;
  problems: StatsProblemsResponse | null;
  /** Opens a ticket (a problem) in the console. */
  onOpenTicket(ticketId: string): void;
  /** Null while the figures are cached only: the export asks the server. */
  onExport: ((route: StatsRoute, table: string) => void) | null;
  /** Shows a technician's credited resolutions of the period in the queue. */
  onShowTechnician: ((technicianId: string) => void) | null;
  /** Opens a new class on a training topic, with the requesters suggested for it. */
  onPlanClass(topic: string): void;
};

export const StatsTables = ({ summary, technicians, categories, problems, onOpenTicket, onExport, onShowTechnician, onPlanClass }: StatsTablesProps) => {
  const { t, i18n } = useTranslation('stats');
  const categoryLabel = useCategoryLabel();
  const locale = i18n.language;
  const rate = (value: number | null) => formatFigure('rate', value, locale) ?? t('none');
  const hours = (value: number | null) => formatFigure('hours', value, locale) ?? t('none');
  const score = (value: number | null) => formatFigure('score', value, locale) ?? t('none');
  const count = (value: number) => formatFigure('count', value, locale) ?? t('none');
  const col = (name: ColumnName) => t(`tables.columns.${name}`);
  const exportButton = (route: StatsRoute, table: string) =>
    onExport === null ? null : (
      <button type="button" className="button small" onClick={() => onExport(route, table)}>
        {t('tables.exportCsv', { table })}
      </button>
    );
  const weeks = Math.max(categories?.weeks.length ?? 0, 1);

  const technicianColumns: Array<Column<TechnicianRow>> = [
    { key: 'name', label: col('name'), value: (r) => r.name, isText: true },
    {
      key: 'resolved',
      label: col('resolved'),
      value: (r) => r.resolved,
      render: (r) =>
        onShowTechnician === null || r.resolved === 0 ? (
          count(r.resolved)
        ) : (
          <button
            type="button"
            className="stats-drill"
            data-testid={`technician-resolved-${r.id}`}
            aria-label={t('showTechnicianInQueue', { name: r.name, value: count(r.resolved) })}
            onClick={() => onShowTechnician(r.id)}
          >
            {count(r.resolved)}
          </button>
        ),
    },
    { key: 'reopenRate', label: col('reopenRate'), value: (r) => r.reopenRate, render: (r) => rate(r.reopenRate) },
    { key: 'repeatContactRate', label: col('repeatContactRate'), value: (r) => r.repeatContactRate, render: (r) => rate(r.repeatContactRate) },
    { key: 'medianResolutionHours', label: col('medianResolutionHours'), value: (r) => r.medianResolutionHours, render: (r) => hours(r.medianResolutionHours) },
    { key: 'remoteSessionHours', label: col('remoteSessionHours'), value: (r) => r.remoteSessionHours, render: (r) => hours(r.remoteSessionHours) },
    {
      key: 'confirmedResolutionRate',
      label: col('confirmedResolutionRate'),
      value: (r) => r.confirmedResolutionRate,
      render: (r) => rate(r.confirmedResolutionRate),
    },
    { key: 'satisfactionScore', label: col('satisfactionScore'), value: (r) => r.satisfactionScore, render: (r) => rate(r.satisfactionScore) },
    {
      key: 'articlesPerResolvedTicket',
      label: col('articlesPerResolvedTicket'),
      value: (r) => r.articlesPerResolvedTicket,
      render: (r) => score(r.articlesPerResolvedTicket),
    },
  ];
  const categoryColumns: Array<Column<CategoryRow>> = [
    { key: 'category', label: col('category'), value: (r) => categoryLabel(r.category), isText: true },
    { key: 'total', label: col('total'), value: (r) => r.total, render: (r) => count(r.total) },
    { key: 'perWeek', label: col('perWeek'), value: (r) => r.total / weeks, render: (r) => hours(r.total / weeks) },
    {
      key: 'trainingTopic',
      label: col('trainingTopic'),
      value: (r) => (r.isTrainingTopic ? 1 : 0),
      render: (r) =>
        r.isTrainingTopic ? (
          <span className="stats-training-cell">
            <strong className="stats-training">{t('tables.yes')}</strong>{' '}
            <button
              type="button"
              className="button small"
              aria-label={t('tables.planClassFor', { category: categoryLabel(r.category) })}
              onClick={() => onPlanClass(r.category)}
            >
              {t('tables.planClass')}
            </button>
          </span>
        ) : (
          t('tables.no')
        ),
    },
  ];
  const priorityColumns: Array<Column<ResolutionByPriorityRow>> = [
    { key: 'priority', label: col('priority'), isText: true, value: (r) => PRIORITIES.indexOf(r.priority), render: (r) => t(`priority.${r.priority}`) },
    { key: 'resolved', label: col('resolved'), value: (r) => r.resolved, render: (r) => count(r.resolved) },
    { key: 'medianHours', label: col('medianHours'), value: (r) => r.medianHours, render: (r) => hours(r.medianHours) },
    { key: 'p90Hours', label: col('p90Hours'), value: (r) => r.p90Hours, render: (r) => hours(r.p90Hours) },
  ];
  const tierColumns: Array<Column<TierRow>> = [
    { key: 'tier', label: col('tier'), isText: true, value: (r) => r.tier, render: (r) => t('filters.tierValue', { tier: r.tier }) },
    { key: 'reached', label: col('reached'), value: (r) => r.reached, render: (r) => count(r.reached) },
    { key: 'escalated', label: col('escalated'), value: (r) => r.escalated, render: (r) => count(r.escalated) },
    { key: 'escalationRate', label: col('escalationRate'), value: (r) => r.escalationRate, render: (r) => rate(r.escalationRate) },
    { key: 'hours', label: col('hours'), value: (r) => r.hours, render: (r) => hours(r.hours) },
    { key: 'meanHours', label: col('meanHours'), value: (r) => r.meanHours, render: (r) => hours(r.meanHours) },
  ];
  const problemColumns: Array<Column<ProblemRow>> = [
    {
      key: 'code',
      label: col('code'),
      value: (r) => r.code,
      isText: true,
      render: (r) => (
        <button type="button" className="stats-drill mono" aria-label={t('tables.openProblem', { code: r.code })} onClick={() => onOpenTicket(r.id)}>
          {r.code}
        </button>
      ),
    },
    { key: 'problem', label: col('problem'), value: (r) => r.title, isText: true },
    { key: 'category', label: col('category'), value: (r) => categoryLabel(r.category), isText: true },
    { key: 'incidents', label: col('incidents'), value: (r) => r.incidents, render: (r) => count(r.incidents) },
    { key: 'calls', label: col('calls'), value: (r) => r.calls, render: (r) => count(r.calls) },
  ];
  const problemCategoryColumns: Array<Column<ProblemCategoryRow>> = [
    { key: 'category', label: col('category'), value: (r) => categoryLabel(r.category), isText: true },
    { key: 'problems', label: col('problems'), value: (r) => r.problems, render: (r) => count(r.problems) },
    { key: 'incidents', label: col('incidents'), value: (r) => r.incidents, render: (r) => count(r.incidents) },
    { key: 'calls', label: col('calls'), value: (r) => r.calls, render: (r) => count(r.calls) },
  ];
  const articleColumns: Array<Column<MostUsedArticle>> = [
    { key: 'article', label: col('article'), value: (r) => r.title, isText: true },
    { key: 'linkedTickets', label: col('linkedTickets'), value: (r) => r.tickets, render: (r) => count(r.tickets) },
    { key: 'reopened', label: col('reopened'), value: (r) => r.reopened, render: (r) => count(r.reopened) },
  ];
  return (
    <div className="stats-tables">
      <SortableTable
        caption={t('tables.technicians')}
        columns={technicianColumns}
        rows={technicians?.rows ?? []}
        rowKey={(r) => r.id}
        action={exportButton('technicians', t('tables.technicians'))}
      />
      <SortableTable
        caption={t('tables.categories')}
        columns={categoryColumns}
        rows={categories?.rows ?? []}
        rowKey={(r) => r.category}
        action={exportButton('categories', t('tables.categories'))}
      />
      <SortableTable
        caption={t('tables.problems')}
        columns={problemColumns}
        rows={problems?.rows ?? []}
        rowKey={(r) => r.id}
        action={exportButton('problems', t('tables.problems'))}
      />
      <SortableTable caption={t('tables.problemCategories')} columns={problemCategoryColumns} rows={problems?.byCategory ?? []} rowKey={(r) => r.category} />
      <SortableTable
        caption={t('tables.mostUsedArticles')}
        columns={articleColumns}
        // Figures cached by an older console carry no list.
        rows={summary?.mostUsedArticles ?? []}
        rowKey={(r) => r.id}
      />
      <SortableTable caption={t('tables.priorities')} columns={priorityColumns} rows={summary?.resolutionByPriority ?? []} rowKey={(r) => r.priority} />
      <SortableTable caption={t('tables.tiers')} columns={tierColumns} rows={summary?.tiers ?? []} rowKey={(r) => String(r.tier)} />
    </div>
  );
};
