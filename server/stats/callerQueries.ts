import { sql } from 'kysely';
import type { Db } from '../db/connect';
import type { CallerFigures } from '../../shared/stats/callerWord';
import type { Period } from '../../shared/stats/period';
import { rate } from '../../shared/stats/percentile';
import type { StatsFilters } from '../../shared/stats/selection';
import { boundsOf, countWhere, inPeriod, matchesFilters } from './sqlParts';

type Confirmed = { id: string | null; resolved: number | string; confirmed: number | string };
type Answered = {
  id: string | null;
  answers: number | string;
  noes: number | string;
  ratings: number | string;
  happy: number | string;
  rating_sum: number | string;
};

const NONE: Answered = { id: null, answers: 0, noes: 0, ratings: 0, happy: 0, rating_sum: 0 };

const figuresOf = (c: Confirmed | undefined, a: Answered | undefined): CallerFigures => {
  const ratings = Number(a?.ratings ?? 0);
  return {
    confirmedResolutionRate: rate(Number(c?.confirmed ?? 0), Number(c?.resolved ?? 0)),
    callerReopenRate: rate(Number(a?.noes ?? 0), Number(a?.answers ?? 0)),
    satisfactionScore: rate(Number(a?.happy ?? 0), ratings),
    satisfactionMean: ratings === 0 ? null : Number(a?.rating_sum ?? 0) / ratings,
    satisfactionAnswers: ratings,
  };
};

/**
 * The caller's word (shared/stats/callerWord.ts, the reference): the tickets resolved in the
 * period whose last resolution has a Yes in track_answers, and the answers to resolutions made in
 * the period, overall (`by` null) or per technician (`by` the credited technician for the
 * confirmations, the answer's technician for the answers).
 */
const callerRows = async (db: Db, period: Period, filters: StatsFilters, byTechnician: boolean) => {
  const bounds = boundsOf(period);
  const creditedKey = byTechnician ? sql`f.credited_to` : sql`null`;
  const answerKey = byTechnician ? sql`a.technician_id` : sql`null`;
  const [confirmed, answered] = await Promise.all([
    sql<Confirmed>`
      select ${creditedKey} as id, count(*) as resolved,
        ${countWhere(sql`exists (select 1 from track_answers a where a.ticket_id = f.ticket_id and a.resolved_at = f.resolved_at and a.solved = 1)`)} as confirmed
      from ticket_facts f
      where f.resolved_at is not null and ${inPeriod('f.resolved_at', bounds)} and ${matchesFilters(filters, 'f.credited_to')}
      ${byTechnician ? sql`group by f.credited_to` : sql``}`.execute(db),
    sql<Answered>`
      select ${answerKey} as id, count(*) as answers,
        ${countWhere(sql`a.solved = 0`)} as noes,
        ${countWhere(sql`a.solved = 1 and a.rating is not null`)} as ratings,
        ${countWhere(sql`a.solved = 1 and a.rating >= 4`)} as happy,
        coalesce(sum(case when a.solved = 1 and a.rating is not null then a.rating else 0 end), 0) as rating_sum
      from track_answers a join ticket_facts f on f.ticket_id = a.ticket_id
      where ${inPeriod('a.resolved_at', bounds)} and ${matchesFilters(filters, 'a.technician_id')}
      ${byTechnician ? sql`group by a.technician_id` : sql``}`.execute(db),
  ]);
  return { confirmed: confirmed.rows, answered: answered.rows };
};

/** The desk's figures for a period. */
export const callerFigures = async (db: Db, period: Period, filters: StatsFilters): Promise<CallerFigures> => {
  const { confirmed, answered } = await callerRows(db, period, filters, false);
  return figuresOf(confirmed[0], answered[0] ?? NONE);
};

/** Each technician's figures for a period; a technician with neither resolutions nor answers gets the empty figures. */
export const callerFiguresByTechnician = async (db: Db, period: Period, filters: StatsFilters): Promise<(id: string) => CallerFigures> => {
  const { confirmed, answered } = await callerRows(db, period, filters, true);
  const confirmedBy = new Map(confirmed.flatMap((row) => (row.id === null ? [] : [[row.id, row] as const])));
  const answeredBy = new Map(answered.flatMap((row) => (row.id === null ? [] : [[row.id, row] as const])));
  return (id) => figuresOf(confirmedBy.get(id), answeredBy.get(id));
};
