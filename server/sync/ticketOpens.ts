import { sql, type Kysely } from 'kysely';
import type { OpenedTicket } from '../../shared/sync/openedTickets';
import { windowStart, type WorkingSetParams } from '../../shared/sync/workingSet';
import type { DatabaseKind } from '../config';
import type { Db } from '../db/connect';
import type { Schema } from '../db/schema';

type OpenedParams = Pick<WorkingSetParams, 'openedDays' | 'openedMax'>;

/**
 * Equal opening times fall back to ticket id order, compared as `keptOpened` compares them (code
 * units; ids are ASCII): SQLite's default collation is bytewise, PostgreSQL's may be a locale's,
 * so it is named there.
 */
const ticketIdOrder = (kind: DatabaseKind) => (kind === 'postgres' ? sql<string>`ticket_id collate "C"` : sql<string>`ticket_id`);

/**
 * A user's openings that `keptOpened` keeps at `now`: within the last `openedDays` days (a time
 * after `now` is within), newest first, at most `openedMax`. The table holds one row per ticket
 * (its latest opening), so this is the rule itself whether or not the rows were trimmed since.
 */
export const keptOpensQuery = (db: Kysely<Schema>, kind: DatabaseKind, userId: string, now: string | number, params: OpenedParams) =>
  db
    .selectFrom('ticket_opens')
    .select('ticket_id')
    .where('user_id', '=', userId)
    .where('opened_at', '>=', windowStart(now, params.openedDays))
    .orderBy('opened_at', 'desc')
    .orderBy(ticketIdOrder(kind))
    .limit(params.openedMax);

/**
 * The user's kept openings at `now` (as `keptOpensQuery`), those at or after `since` (server ms;
 * null: all), newest first: what a scoped pull tells a console about (server/routes/sync.ts).
 */
export const openedSince = async (
  db: Db,
  kind: DatabaseKind,
  userId: string,
  now: number,
  params: OpenedParams,
  since: number | null,
): Promise<OpenedTicket[]> => {
  const rows = await db
    .selectFrom(keptOpensQuery(db, kind, userId, now, params).select('opened_at').as('kept'))
    .select(['kept.ticket_id', 'kept.opened_at'])
    .where('kept.opened_at', '>=', since ?? Number.MIN_SAFE_INTEGER)
    .orderBy('kept.opened_at', 'desc')
    .execute();
  return rows.map((row) => ({ ticketId: row.ticket_id, openedAt: new Date(Number(row.opened_at)).toISOString() }));
};

/**
 * Records that the user opened the ticket on demand at `at` (the server's clock): a re-opening
 * moves its time forward, never back. Then drops the user's rows `keptOpened` would no longer keep
 * at `at` (past the window, or past the newest `openedMax`), so the table holds at most
 * `openedMax` rows a user. Dropping is safe for every later `now`: the window only moves forward,
 * and what falls past `openedMax` is older than every row kept.
 */
export const recordTicketOpen = async (db: Db, kind: DatabaseKind, userId: string, ticketId: string, at: number, params: OpenedParams): Promise<void> => {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('ticket_opens')
      .values({ user_id: userId, ticket_id: ticketId, opened_at: at })
      .onConflict((conflict) =>
        conflict
          .columns(['user_id', 'ticket_id'])
          .doUpdateSet({ opened_at: (eb) => eb.ref('excluded.opened_at') })
          .where((eb) => eb('ticket_opens.opened_at', '<', eb.ref('excluded.opened_at'))),
      )
      .execute();
    await trimTicketOpens(trx, kind, userId, at, params);
  });
};

const trimTicketOpens = async (db: Kysely<Schema>, kind: DatabaseKind, userId: string, now: number, params: OpenedParams): Promise<void> => {
  const start = windowStart(now, params.openedDays);
  // The first row past the newest `openedMax`: it and every row after it in the same order go.
  const firstDropped = await db
    .selectFrom('ticket_opens')
    .select(['opened_at', 'ticket_id'])
    .where('user_id', '=', userId)
    .where('opened_at', '>=', start)
    .orderBy('opened_at', 'desc')
    .orderBy(ticketIdOrder(kind))
    .limit(1)
    .offset(params.openedMax)
    .executeTakeFirst();
  await db
    .deleteFrom('ticket_opens')
    .where('user_id', '=', userId)
    .where((eb) => {
      const old = eb('opened_at', '<', start);
      if (firstDropped === undefined) return old;
      return eb.or([
        old,
        eb('opened_at', '<', firstDropped.opened_at),
        eb.and([eb('opened_at', '=', firstDropped.opened_at), eb(ticketIdOrder(kind), '>=', firstDropped.ticket_id)]),
      ]);
    })
    .execute();
};
