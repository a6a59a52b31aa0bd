import { sql, type RawBuilder } from 'kysely';
import type { DatabaseKind } from '../config';
import type { Db } from '../db/connect';
import { WEEK_MS } from '../../shared/stats/period';
import {
  impactFromCounts,
  impactWindows,
  type GroupCounts,
  type ImpactClass,
  type ImpactOptions,
  type ImpactWindows,
  type TrainingImpact,
} from '../../shared/stats/trainingImpact';
import { inStatsSnapshot } from './snapshot';
import { boundsOf, bucketIndex, inPeriod } from './sqlParts';

/**
 * Training impact in SQL (docs/METRICS.md, "Training impact"): the database counts the topic's
 * tickets per week and group, the reference's `impactFromCounts` does the arithmetic, as the
 * category trends do. The class comes as parameters, so this does not care where classes live.
 */

/**
 * A list of requester keys as one parameter, read back as a one-column set: no statement grows
 * with the list, and no list meets either engine's parameter limit.
 */
const keySet = (kind: DatabaseKind, keys: ReadonlySet<string>): RawBuilder<unknown> => {
  const json = JSON.stringify([...keys]);
  return kind === 'postgres' ? sql`select jsonb_array_elements_text(cast(${json} as jsonb))` : sql`select value from json_each(${json})`;
};

type Sets = { attendees: RawBuilder<unknown>; excluded: RawBuilder<unknown> };

/** The comparison group: requesters with a topic ticket in the weeks before, neither attendee nor trained elsewhere. */
const comparisonSize = async (db: Db, topic: string, windows: ImpactWindows, sets: Sets): Promise<number> => {
  const { rows } = await sql<{ n: number | string }>`
    select count(distinct f.requester_key) as n from ticket_facts f
    where f.category = ${topic} and ${inPeriod('f.created_at', boundsOf(windows.before))}
      and f.requester_key not in (${sets.excluded})`.execute(db);
  return Number(rows[0]?.n ?? 0);
};

/**
 * The topic's tickets per group and week over both sides (the class week, index weeksBefore, is
 * in neither). A non-attendee's ticket counts when the requester is in the comparison group,
 * looked up through the (requester_key, category, created_at) index.
 */
const weeklyCounts = async (db: Db, kind: DatabaseKind, topic: string, windows: ImpactWindows, sets: Sets) => {
  const before = boundsOf(windows.before);
  const after = boundsOf(windows.after);
  const { rows } = await sql<{ attended: number | string; i: number | string; n: number | string }>`
    select c.attended as attended, c.i as i, count(*) as n from (
      select case when f.requester_key in (${sets.attendees}) then 1 else 0 end as attended, ${bucketIndex(kind, before.from, WEEK_MS)} as i
      from ticket_facts f
      where f.category = ${topic}
        and ((${inPeriod('f.created_at', before)}) or (${inPeriod('f.created_at', after)}))
        and (f.requester_key in (${sets.attendees})
          or (f.requester_key not in (${sets.excluded}) and exists (
            select 1 from ticket_facts b
            where b.requester_key = f.requester_key and b.category = ${topic} and ${inPeriod('b.created_at', before)})))
    ) c
    group by c.attended, c.i`.execute(db);
  return rows.map((r) => ({ attended: Number(r.attended) === 1, week: Number(r.i), tickets: Number(r.n) }));
};

const impactOf = async (db: Db, kind: DatabaseKind, trainingClass: ImpactClass, windows: ImpactWindows): Promise<TrainingImpact> => {
  if (windows.weeksAfter === 0) return impactFromCounts(windows, { attendees: emptyCounts(0, windows), comparison: emptyCounts(0, windows) });
  const attendees = new Set(trainingClass.attendeeKeys);
  const excluded = new Set([...attendees, ...(trainingClass.trainedElsewhereKeys ?? [])]);
  const sets = { attendees: keySet(kind, attendees), excluded: keySet(kind, excluded) };
  const [persons, rows] = await Promise.all([
    comparisonSize(db, trainingClass.topic, windows, sets),
    weeklyCounts(db, kind, trainingClass.topic, windows, sets),
  ]);
  const counts = { attendees: emptyCounts(attendees.size, windows), comparison: emptyCounts(persons, windows) };
  for (const row of rows) {
    const group = row.attended ? counts.attendees : counts.comparison;
    // Weeks 0 … weeksBefore − 1 are before; the class week is weeksBefore; after starts one later.
    const side = row.week < windows.weeksBefore ? group.before : group.after;
    const index = row.week < windows.weeksBefore ? row.week : row.week - windows.weeksBefore - 1;
    side[index] = (side[index] ?? 0) + row.tickets;
  }
  return impactFromCounts(windows, counts);
};

const emptyCounts = (persons: number, windows: ImpactWindows): GroupCounts => ({
  persons,
  before: Array.from({ length: windows.weeksBefore }, () => 0),
  after: Array.from({ length: windows.weeksAfter }, () => 0),
});

/**
 * The training impact of each class, in the order given, from one snapshot of the tickets.
 * Throws RangeError (before touching the database) when `options.weeks` is not an integer from 1
 * to MAX_IMPACT_WEEKS or a class's `startsAt` or `now` is not a time; the route validates first.
 */
export const queryTrainingImpact = async (db: Db, kind: DatabaseKind, classes: readonly ImpactClass[], options: ImpactOptions): Promise<TrainingImpact[]> => {
  const jobs = classes.map((trainingClass) => ({ trainingClass, windows: impactWindows(trainingClass.startsAt, options) }));
  return inStatsSnapshot(db, kind, async (snapshot) => {
    const out: TrainingImpact[] = [];
    for (const job of jobs) out.push(await impactOf(snapshot, kind, job.trainingClass, job.windows));
    return out;
  });
};
