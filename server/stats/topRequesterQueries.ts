import { sql, type RawBuilder } from 'kysely';
import type { DatabaseKind } from '../config';
import type { Db } from '../db/connect';
import { rankRequesters, type RequesterGroup, type TopRequester } from '../../shared/stats/topRequesters';

// Ties between equal times break on the ticket id as JavaScript compares strings (code units);
// PostgreSQL's default collation would compare them by the locale's rules instead.
const idOrder = (kind: DatabaseKind) => (kind === 'postgres' ? sql`f.ticket_id collate "C"` : sql`f.ticket_id`);

/**
 * The suggested attendees of each training topic (`computeTopRequesters`, the reference): the
 * tickets opened in the period that match `where` are counted per category and requester
 * (`ticket_facts.requester_key`), each group's latest ticket found by a window, and the groups
 * ranked by the shared rule; the names and contacts are read from the winners' latest tickets.
 */
export const queryTopRequesters = async (db: Db, kind: DatabaseKind, where: RawBuilder<unknown>, topics: readonly string[]): Promise<TopRequester[]> => {
  if (topics.length === 0) return [];
  const { rows } = await sql<{ category: string; key: string; n: number | string; last_at: number | string; last_id: string }>`
    select g.category as category, g.requester_key as key, g.n as n, g.created_at as last_at, g.ticket_id as last_id
    from (
      select f.category as category, f.requester_key as requester_key, f.created_at as created_at, f.ticket_id as ticket_id,
        count(*) over (partition by f.category, f.requester_key) as n,
        row_number() over (partition by f.category, f.requester_key order by f.created_at desc, ${idOrder(kind)} desc) as rn
      from ticket_facts f
      where ${where} and f.category in (${sql.join([...topics])})
    ) g
    where g.rn = 1`.execute(db);
  const groups: RequesterGroup[] = rows.map((r) => ({ category: r.category, key: r.key, tickets: Number(r.n), lastAt: Number(r.last_at), lastId: r.last_id }));
  const ranked = rankRequesters(groups, topics);
  if (ranked.length === 0) return [];
  const spelled = await db
    .selectFrom('tickets')
    .select(['id', 'requester_name', 'requester_contact'])
    .where(
      'id',
      'in',
      ranked.map((g) => g.lastId),
    )
    .execute();
  const byId = new Map(spelled.map((t) => [t.id, t]));
  return ranked.map((g) => ({
    category: g.category,
    name: byId.get(g.lastId)?.requester_name ?? '',
    contact: byId.get(g.lastId)?.requester_contact ?? null,
    tickets: g.tickets,
  }));
};
