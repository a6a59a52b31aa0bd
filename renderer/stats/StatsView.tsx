import './stats.css';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../shared/format/dates';
import type { StatsQueryParams, StatsRoute } from '../../shared/stats/api';
import { useApp } from '../app/store';
import { classPlanFor } from './classPlan';
import type { MejaDb } from '../db/database';
import { Headlines } from './Headlines';
import { PeriodPicker } from './PeriodPicker';
import type { StatsAnswer, StatsTransport } from './statsClient';
import { downloadStatsCsv } from './statsDownload';
import { StatsCharts } from './StatsCharts';
import { StatsFilters } from './StatsFilters';
import { StatsTables } from './StatsTables';
import { TrainingImpactSection } from './TrainingImpact';
import { DEFAULT_STATS_CHOICE, type StatsChoice, type StatsFilterValues } from './statsChoice';
import { customPeriod, presetPeriod } from './statsPeriod';
import { useStatsData } from './useStatsData';
import { useEscapeBack } from '../components/useEscapeBack';
import { figureFilter, technicianResolvedFilter } from './drillDown';

export type StatsViewProps = { db: MejaDb; transport: StatsTransport; onClose(): void };

const bodyOf = <T,>(answer: StatsAnswer<T> | undefined): T | null =>
  answer !== undefined && (answer.kind === 'fresh' || answer.kind === 'cached') ? answer.body : null;

/** The supervisor's statistics panel: period, filters, headline figures, charts and tables. */
export const StatsView = ({ db, transport, onClose }: StatsViewProps) => {
  const { t, i18n } = useTranslation('stats');
  const locale = i18n.language;
  // Kept in the app store, so coming back from a figure's tickets in the queue shows the same figures.
  const choice = useApp((state) => state.statsChoice) ?? DEFAULT_STATS_CHOICE;
  const setStatsChoice = useApp((state) => state.setStatsChoice);
  const showInQueue = useApp((state) => state.showInQueue);
  const planClass = useApp((state) => state.planClass);
  const { preset, custom, filters } = choice;
  const choose = (change: Partial<StatsChoice>) => setStatsChoice({ ...choice, ...change });
  const [exportError, setExportError] = useState<string | null>(null);
  // The day is read once per choice: the panel is not a clock.
  const [today] = useState(() => Date.now());
  const check = preset === 'custom' ? customPeriod(custom.from, custom.to) : { ok: true as const, period: presetPeriod(preset, today) };
  const params = useMemo<StatsQueryParams | null>(() => {
    if (!check.ok) return null;
    return {
      ...check.period,
      ...(filters.tier === null ? {} : { tier: filters.tier }),
      ...(filters.category === null ? {} : { category: filters.category }),
      ...(filters.tag === null ? {} : { tag: filters.tag }),
      ...(filters.technician === null ? {} : { technician: filters.technician }),
    };
  }, [check.ok, check.ok ? check.period.from : '', check.ok ? check.period.to : '', filters]); // eslint-disable-line react-hooks/exhaustive-deps
  const data = useStatsData(db, transport, params);
  useEscapeBack(onClose);
  const technicians = useLiveQuery(() => db.users.where('username').above('').toArray(), [db], []);
  const categoryOptions = useLiveQuery(async () => (await db.tickets.orderBy('category').uniqueKeys()).map(String), [db], []);
  const answers = data === null ? [] : [data.summary, data.technicians, data.categories, data.backlog, data.problems, data.training];
  const selectTicket = useApp((state) => state.selectTicket);
  const forbidden = answers.some((a) => a.kind === 'forbidden');
  const failed = answers.find((a) => a.kind === 'failed');
  const cachedTimes = answers.flatMap((a) => (a.kind === 'cached' ? [a.fetchedAt] : []));
  const isOfflineEmpty = answers.some((a) => a.kind === 'offlineEmpty');
  const isOffline = cachedTimes.length > 0 || isOfflineEmpty;
  const oldest = cachedTimes.sort()[0];
  const summary = bodyOf(data?.summary);
  const onExport =
    params === null || isOffline
      ? null
      : (route: StatsRoute) => {
          setExportError(null);
          downloadStatsCsv(transport, route, params).catch((error: unknown) => setExportError(error instanceof Error ? error.message : String(error)));
        };
  return (
    <section className="stats-view" aria-labelledby="stats-title">
      <div className="stats-top">
        <h2 id="stats-title">{t('title')}</h2>
        <button type="button" className="button" onClick={onClose} aria-keyshortcuts="Escape">
          {t('close')}
        </button>
      </div>
      <div className="stats-controls">
        <PeriodPicker
          preset={preset}
          custom={custom}
          error={check.ok ? null : check.reason}
          onPreset={(next) => choose({ preset: next })}
          onCustom={(next) => choose({ custom: next })}
          period={check.ok ? check.period : null}
        />
        <StatsFilters
          values={filters}
          technicians={technicians.filter((u) => u.role === 'technician')}
          categories={categoryOptions}
          onChange={(next: StatsFilterValues) => choose({ filters: next })}
        />
      </div>
      {forbidden ? (
        <p role="alert" className="stats-banner error">
          {t('forbidden')}
        </p>
      ) : failed !== undefined && failed.kind === 'failed' ? (
        <p role="alert" className="stats-banner error">
          {t('failed', { message: failed.message })}
        </p>
      ) : (
        <>
          {isOffline && (
            <p role="status" className="stats-banner offline">
              {oldest === undefined ? t('offlineEmpty') : t('offline', { time: formatDateTime(oldest, locale) })}
            </p>
          )}
          {exportError !== null && (
            <p role="alert" className="stats-banner error">
              {t('tables.exportFailed', { message: exportError })}
            </p>
          )}
          {params !== null && data === null && <p className="stats-loading">{t('loading')}</p>}
          {summary !== null && (
            <div className="stats-headline-block">
              <Headlines summary={summary} onShow={params === null ? null : (figure) => showInQueue(figureFilter(figure, params, filters))} />
              {onExport !== null && (
                <button type="button" className="button small" onClick={() => onExport('summary')}>
                  {t('tables.exportCsv', { table: t('tables.summary') })}
                </button>
              )}
            </div>
          )}
          {data !== null && (bodyOf(data.summary) ?? bodyOf(data.technicians) ?? bodyOf(data.categories) ?? bodyOf(data.backlog)) !== null && (
            <>
              <StatsCharts summary={summary} technicians={bodyOf(data.technicians)} categories={bodyOf(data.categories)} backlog={bodyOf(data.backlog)} />
              <StatsTables
                summary={summary}
                technicians={bodyOf(data.technicians)}
                categories={bodyOf(data.categories)}
                problems={bodyOf(data.problems)}
                onOpenTicket={(id) => {
                  onClose();
                  selectTicket(id);
                }}
                onExport={onExport}
                onShowTechnician={params === null ? null : (id) => showInQueue(technicianResolvedFilter(id, params, filters))}
                onPlanClass={(topic) => {
                  const categories = bodyOf(data.categories);
                  planClass(classPlanFor(categories ?? {}, topic));
                }}
              />
              <TrainingImpactSection training={bodyOf(data.training)} onExport={onExport} />
            </>
          )}
        </>
      )}
    </section>
  );
};
