import { sql, type RawBuilder } from 'kysely';
import { isOpenStatus } from '../../shared/domain/links';
import { STATUSES } from '../../shared/domain/ticket';
import { DAY_MS, windowStart, type WorkingSetParams } from '../../shared/sync/workingSet';
import type { DatabaseKind } from '../config';
import type { Db } from '../db/connect';
import { assigneeOfEvent } from '../db/eventJson';
import type { TicketSet } from '../db/changeFeed';
import { keptOpensQuery } from './ticketOpens';

const LIVE = STATUSES.filter(isOpenStatus);
const ENDED = STATUSES.filter((status) => !isOpenStatus(status));

/**
 * The ids of the tickets in a user's working set at `now`: the rule of shared/sync/workingSet.ts
 * (`workingSetReason`) computed in SQL on either engine, with the same answer
 * (tests/server/workingSet.test.ts holds the two together). Each part is one select that an index
 * serves (migrations 0010_working_set and 0012_ticket_opens), joined by UNION ALL, so the cost follows what the set holds.
 * UNION ALL, not UNION: to drop duplicates on the way SQLite merges sorted parts, and chose to read
 * whole tables in id order for that rather than each part's few rows through its index; a ticket
 * found twice is one id of the Set, and one of the set a scoped pull filters by (`in`).
 * The `type` tests are written as literals: a partial index serves only a query whose condition
 * the planner can see implies the index's, which a bound parameter hides.
 *
 * `opened` is read from the user's recorded openings (server/sync/ticketOpens.ts, `keptOpensQuery`),
 * with the window and the limit applied here, so the answer holds whether or not the rows were
 * trimmed since; openings of tickets that do not exist count toward the limit and add nothing.
 */
export const workingSetTicketIds = async (
  db: Db,
  kind: DatabaseKind,
  userId: string,
  now: string,
  params: WorkingSetParams,
  among?: readonly string[],
): Promise<Set<string>> => {
  const rows = await workingSetQuery(db, kind, userId, now, params, among).execute();
  return new Set(rows.map((row) => row.ticket_id));
};

/** The live tickets of the desk (new, open, pending): in every working set, and what a queue shows first. */
export const liveTicketIds: (db: Db) => TicketSet = (db) => (among) => {
  const live = db.selectFrom('tickets').select('id as ticket_id').where('status', 'in', LIVE);
  return among === undefined ? live : live.where('id', 'in', [...among]);
};

/**
 * The parameters of the set a console may still hold from `at`, for the feed a scoped pull reads
 * in order (server/sync/bootstrap.ts). A change made offline is dated when it happened, up to
 * `maxBackdateMs` before it reached the server (push.ts, `happenedAt`): a ticket a console held as
 * live can, by its records, have been resolved that long before the console's last pruning. The
 * plain window would then judge it out at that time too, and the console would never hear that it
 * ended. Widening the recent window by as much keeps it in until the console has heard; with the
 * default parameters (30 days, as far back as changes are dated) nothing changes.
 */
export const heldSinceParams = (params: WorkingSetParams, maxBackdateMs: number): WorkingSetParams => ({
  ...params,
  recentDays: Math.max(params.recentDays, Math.ceil(maxBackdateMs / DAY_MS)),
});

/**
 * A column as an expression no index serves. SQLite without statistics (the server never runs
 * ANALYZE) takes an equality over a range: given `status in ('resolved', 'closed')` or `closed_at
 * is null` it walked nearly every ticket through that index instead of the few that ended lately
 * through the time's (a third of a second at 100,000 tickets; docs/BENCHMARKS.md, "Million-ticket
 * desk"). The tests hold each part to the index of its time.
 */
const notIndexed = (column: 'status' | 'closed_at' | 'resolved_at') =>
  column === 'status' ? sql<string>`${sql.ref(column)} || ''` : sql<number | null>`${sql.ref(column)} + 0`;

/**
 * The select `workingSetTicketIds` runs (its plan is checked in the tests). With `among` (not
 * empty), the same rule asked of those tickets only, each part read through their keys, so a read
 * with a page's few tickets to test costs those tickets, not the whole set. The user's columns are
 * then expressions no index serves, and so is the event's type: SQLite took the user's (or the
 * type's) equality and the time's range over the ticket's `in`, reading every ticket the user worked
 * on in a year, or every assignment of the desk in a year, for each part.
 */
export const workingSetQuery = (db: Db, kind: DatabaseKind, userId: string, now: string, params: WorkingSetParams, among?: readonly string[]) => {
  const recent = windowStart(now, params.recentDays);
  const mine = windowStart(now, params.mineDays);
  const ids = among === undefined ? undefined : [...among];
  // Literals: a partial index serves only a query whose condition the planner can see implies the index's.
  const ofType = (type: 'assigned' | 'escalated') =>
    ids === undefined ? sql<boolean>`type = ${sql.lit(type)}` : sql<boolean>`(type || '') = ${sql.lit(type)}`;
  const byUser = (column: RawBuilder<string | null>) => (ids === undefined ? column : sql<string>`${column} || ''`);
  const tickets = () =>
    db
      .selectFrom('tickets')
      .select('id as ticket_id')
      .$if(ids !== undefined, (q) => q.where('id', 'in', ids ?? []));
  const events = () =>
    db
      .selectFrom('ticket_events')
      .select('ticket_id')
      .$if(ids !== undefined, (q) => q.where('ticket_id', 'in', ids ?? []));
  const ended = () => tickets().where(notIndexed('status'), 'in', ENDED);
  return (
    tickets()
      .where('status', 'in', LIVE)
      // recent: ended at closed_at, else resolved_at, else updated_at (`endedAt`), each through its own index.
      .unionAll(ended().where('closed_at', '>=', recent))
      .unionAll(ended().where(notIndexed('closed_at'), 'is', null).where('resolved_at', '>=', recent))
      .unionAll(ended().where(notIndexed('closed_at'), 'is', null).where(notIndexed('resolved_at'), 'is', null).where('updated_at', '>=', recent))
      // mine: the kinds of `involvementOf`.
      .unionAll(
        tickets()
          .where(byUser(sql.ref('created_by')), '=', userId)
          .where('created_at', '>=', mine),
      )
      .unionAll(
        events()
          .where(ofType('assigned'))
          .where(byUser(assigneeOfEvent(kind)), '=', userId)
          .where('at', '>=', mine),
      )
      .unionAll(
        events()
          .where(ofType('escalated'))
          .where(byUser(sql.ref('actor_id')), '=', userId)
          .where('at', '>=', mine),
      )
      .unionAll(
        db
          .selectFrom('notes')
          .select('ticket_id')
          .$if(ids !== undefined, (q) => q.where('ticket_id', 'in', ids ?? []))
          .where(byUser(sql.ref('author_id')), '=', userId)
          .where('created_at', '>=', mine),
      )
      .unionAll(
        db
          .selectFrom('remote_sessions')
          .select('ticket_id')
          .$if(ids !== undefined, (q) => q.where('ticket_id', 'in', ids ?? []))
          .where(byUser(sql.ref('technician_id')), '=', userId)
          .where('updated_at', '>=', mine),
      )
      // opened: the openings `keptOpened` keeps.
      .unionAll(tickets().where('id', 'in', keptOpensQuery(db, kind, userId, now, params)))
  );
};
