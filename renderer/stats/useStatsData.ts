import { useEffect, useState } from 'react';
import type {
  StatsBacklogResponse,
  StatsCategoriesResponse,
  StatsProblemsResponse,
  StatsQueryParams,
  StatsSummaryResponse,
  StatsTechniciansResponse,
  StatsTrainingResponse,
} from '../../shared/stats/api';
import type { MejaDb } from '../db/database';
import { loadStats, type StatsAnswer, type StatsTransport } from './statsClient';

export type StatsData = {
  summary: StatsAnswer<StatsSummaryResponse>;
  technicians: StatsAnswer<StatsTechniciansResponse>;
  categories: StatsAnswer<StatsCategoriesResponse>;
  backlog: StatsAnswer<StatsBacklogResponse>;
  problems: StatsAnswer<StatsProblemsResponse>;
  training: StatsAnswer<StatsTrainingResponse>;
};

/**
 * The six answers for a query, loaded together. Going online again asks once more, so cached
 * figures give way to fresh ones without the supervisor doing anything.
 */
export const useStatsData = (db: MejaDb, transport: StatsTransport, params: StatsQueryParams | null): StatsData | null => {
  const [data, setData] = useState<{ key: string; value: StatsData } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const key = params === null ? null : JSON.stringify(params);
  useEffect(() => {
    const again = () => setAttempt((n) => n + 1);
    window.addEventListener('online', again);
    return () => window.removeEventListener('online', again);
  }, []);
  useEffect(() => {
    if (params === null || key === null) return;
    let isCurrent = true;
    void Promise.all([
      loadStats<StatsSummaryResponse>(db, transport, 'summary', params),
      loadStats<StatsTechniciansResponse>(db, transport, 'technicians', params),
      loadStats<StatsCategoriesResponse>(db, transport, 'categories', params),
      loadStats<StatsBacklogResponse>(db, transport, 'backlog', params),
      loadStats<StatsProblemsResponse>(db, transport, 'problems', params),
      loadStats<StatsTrainingResponse>(db, transport, 'training', params),
    ]).then(([summary, technicians, categories, backlog, problems, training]) => {
      if (isCurrent) setData({ key, value: { summary, technicians, categories, backlog, problems, training } });
    });
    return () => {
      isCurrent = false;
    };
    // `params` is represented by `key`; the transport and db live as long as the view.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, attempt]);
  return data !== null && data.key === key ? data.value : null;
};
