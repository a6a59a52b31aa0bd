import type { DatabaseKind } from '../config';
import type { Db } from '../db/connect';
import type { StatsQuery } from '../../shared/stats/selection';
import { MIN_IMPACT_TICKETS } from '../../shared/stats/trainingImpact';
import { impactClassesOf, trainingImpactRow, type ReportClass, type StatsTrainingResponse } from '../../shared/stats/trainingReport';
import type { Attendance } from '../../shared/training/trainingClass';
import { queryTrainingImpact } from './trainingImpactQueries';

/**
 * GET /api/stats/training: the classes that started in the period (on one topic when the
 * category filter is set), oldest first, each with its training impact measured over `weeks`
 * weeks on each side (docs/METRICS.md, "Training impact"). Tier, tag and technician filters do
 * not apply: the measurement is about everyone's tickets in the topic.
 */

const iso = (ms: number): string => new Date(ms).toISOString();

/** Classes with their invited requesters; `topics` narrows to those topics, `period` to those starting in it. */
const loadClasses = async (db: Db, where: { topics?: readonly string[]; period?: StatsQuery['period'] }): Promise<ReportClass[]> => {
  let select = db.selectFrom('training_classes').select(['id', 'title', 'topic', 'starts_at']);
  if (where.topics !== undefined) {
    if (where.topics.length === 0) return [];
    select = select.where('topic', 'in', [...where.topics]);
  }
  if (where.period !== undefined) select = select.where('starts_at', '>=', Date.parse(where.period.from)).where('starts_at', '<', Date.parse(where.period.to));
  const rows = await select.orderBy('starts_at').orderBy('id').execute();
  if (rows.length === 0) return [];
  const attendees = await db
    .selectFrom('training_class_attendees')
    .select(['class_id', 'name', 'contact', 'attendance'])
    .where(
      'class_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('class_id')
    .execute();
  const byClass = new Map<string, ReportClass['attendees'][number][]>();
  for (const a of attendees) {
    const list = byClass.get(a.class_id) ?? [];
    // The column holds what trainingClass.ts's ATTENDANCE allows: the class's rules wrote it.
    list.push({ name: a.name, contact: a.contact, attendance: a.attendance as Attendance });
    byClass.set(a.class_id, list);
  }
  return rows.map((r) => ({ id: r.id, title: r.title, topic: r.topic, startsAt: iso(Number(r.starts_at)), attendees: byClass.get(r.id) ?? [] }));
};

export const queryTraining = async (db: Db, kind: DatabaseKind, query: StatsQuery, weeks: number): Promise<StatsTrainingResponse> => {
  const { category } = query.filters;
  const classes = await loadClasses(db, { period: query.period, ...(category === undefined ? {} : { topics: [category] }) });
  // Every class on these topics, whenever it was: an earlier one's attendees are trained already.
  const known = await loadClasses(db, { topics: [...new Set(classes.map((c) => c.topic))] });
  const options = { weeks, now: query.options.now };
  const impacts = await queryTrainingImpact(db, kind, impactClassesOf(classes, known, options), options);
  return {
    period: query.period,
    weeks,
    minimumTickets: MIN_IMPACT_TICKETS,
    rows: classes.map((c, i) => {
      const impact = impacts[i];
      if (impact === undefined) throw new Error(`no impact measured for class ${c.id}`);
      return trainingImpactRow(c, impact);
    }),
  };
};
