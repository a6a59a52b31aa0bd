import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Schema } from '../db/schema';
import { eventFromRow, ticketFromRow } from '../db/rowReaders';
import { firstContactResolutionMs } from '../../shared/stats/metrics';
import { requesterKey } from '../../shared/stats/requester';
import { isOpenNow, ticketFacts, type History, type TicketFacts } from '../../shared/stats/ticketFacts';
import { tierStayTotals, type TierTotals } from '../../shared/stats/tierStayTotals';
import type { Tier } from '../../shared/domain/ticket';

const msOrNull = (iso: string | null): number | null => (iso === null ? null : Date.parse(iso));

type TierColumns = Pick<Schema['ticket_facts'], `${'reached' | 'escalated' | 'settled_ms' | 'open_since'}_t${Tier}`>;

const tierColumns = (t: Record<Tier, TierTotals>): TierColumns => ({
  reached_t1: t[1].reached ? 1 : 0,
  reached_t2: t[2].reached ? 1 : 0,
  reached_t3: t[3].reached ? 1 : 0,
  escalated_t1: t[1].escalated ? 1 : 0,
  escalated_t2: t[2].escalated ? 1 : 0,
  escalated_t3: t[3].escalated ? 1 : 0,
  settled_ms_t1: t[1].settledMs,
  settled_ms_t2: t[2].settledMs,
  settled_ms_t3: t[3].settledMs,
  open_since_t1: t[1].openSince,
  open_since_t2: t[2].openSince,
  open_since_t3: t[3].openSince,
});

const factsRow = (f: TicketFacts): Schema['ticket_facts'] => ({
  ticket_id: f.ticket.id,
  created_at: Date.parse(f.ticket.createdAt),
  resolved_at: msOrNull(f.resolvedAt),
  is_open: isOpenNow(f.ticket) ? 1 : 0,
  tier: f.ticket.tier,
  category: f.ticket.category,
  priority: f.ticket.priority,
  assignee_id: f.ticket.assigneeId,
  credited_to: f.creditedTo,
  is_reopened: f.isReopened ? 1 : 0,
  is_escalated: f.isEscalated ? 1 : 0,
  calls: f.calls,
  sessions: f.sessions,
  assignees: f.assignees,
  resolution_due_at: Date.parse(f.ticket.resolutionDueAt),
  pending_since: msOrNull(f.ticket.pendingSince),
  requester_key: requesterKey(f.ticket),
  // Filled in by refreshNextContacts once every ticket of the group is in place.
  next_contact_at: null,
  resolution_ms: f.resolvedAt === null ? null : Date.parse(f.resolvedAt) - Date.parse(f.ticket.createdAt),
  first_contact_ms: firstContactResolutionMs(f),
  ...tierColumns(tierStayTotals(f.stays, f.resolvedAt)),
});

// Keeps each statement's parameter count well under SQLite's and PostgreSQL's limits.
const BATCH = 200;

const chunks = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/**
 * Recomputes the derived statistics rows of these tickets from their stored record, events and
 * sessions, with the same function the reference statistics use, so SQL and reference agree by
 * construction on every per-ticket fact. Call it inside the transaction that wrote them.
 */
export const refreshTicketFacts = async (db: Kysely<Schema>, ticketIds: Iterable<string>): Promise<void> => {
  for (const ids of chunks([...new Set(ticketIds)], BATCH)) await writeFacts(db, ids, 'per group');
};

/**
 * 'per group': lock and recompute next_contact_at for the (requester, category) groups these
 * tickets were or are in. 'whole table' (a rebuild): the caller does that once for every row.
 */
type Upkeep = 'per group' | 'whole table';

const writeFacts = async (db: Kysely<Schema>, ids: string[], upkeep: Upkeep): Promise<void> => {
  const [tickets, events, sessions] = await Promise.all([
    db.selectFrom('tickets').selectAll().where('id', 'in', ids).execute(),
    db.selectFrom('ticket_events').selectAll().where('ticket_id', 'in', ids).execute(),
    db.selectFrom('remote_sessions').select(['ticket_id', 'id']).where('ticket_id', 'in', ids).execute(),
  ]);
  // ticketFacts only counts sessions per ticket; the rest of a session row does not matter here.
  const sessionStubs = sessions.map((s) => ({ id: s.id, ticketId: s.ticket_id }) as Parameters<typeof ticketFacts>[0]['sessions'][number]);
  const facts = ticketFacts({ tickets: tickets.map(ticketFromRow), events: events.map(eventFromRow), sessions: sessionStubs, users: [] });
  // The groups these tickets were in before: an edited requester or category leaves its old group.
  const before = await db.selectFrom('ticket_facts').select(['ticket_id', 'requester_key', 'category', 'created_at']).where('ticket_id', 'in', ids).execute();
  const rows = [...facts.values()].map(factsRow);
  if (upkeep === 'per group') await lockGroups(db, uniqueGroups([...before, ...rows]));
  await db.deleteFrom('ticket_facts').where('ticket_id', 'in', ids).execute();
  for (const part of chunks(rows, BATCH)) if (part.length > 0) await db.insertInto('ticket_facts').values(part).execute();
  if (upkeep === 'per group') await refreshNextContacts(db, ids, movedCreations(before, rows));
};

type FactsKey = Group & { ticket_id: string; created_at: number };
type MovedCreations = { group: Group; earliest: number; latest: number };

/**
 * Per group, the creation times that came into it or left it with this write: a new ticket, a
 * changed creation time, a ticket moved to another requester or category, a ticket gone. Only
 * these can change the next contact of the group's other tickets (an edit, a resolution or a
 * reopen changes only the written ticket's own).
 */
const movedCreations = (before: readonly FactsKey[], after: readonly FactsKey[]): MovedCreations[] => {
  const moved = new Map<string, MovedCreations>();
  const add = (g: Group, at: number) => {
    const key = groupKey(g);
    const entry = moved.get(key);
    if (entry === undefined) moved.set(key, { group: { requester_key: g.requester_key, category: g.category }, earliest: at, latest: at });
    else moved.set(key, { ...entry, earliest: Math.min(entry.earliest, at), latest: Math.max(entry.latest, at) });
  };
  const old = new Map(before.map((row) => [row.ticket_id, row]));
  const now = new Set(after.map((row) => row.ticket_id));
  for (const row of after) {
    const was = old.get(row.ticket_id);
    if (was !== undefined && groupKey(was) === groupKey(row) && was.created_at === row.created_at) continue;
    add(row, row.created_at);
    if (was !== undefined) add(was, was.created_at);
  }
  for (const was of before) if (!now.has(was.ticket_id)) add(was, was.created_at);
  return [...moved.values()];
};

type Group = { requester_key: string; category: string };

const groupKey = (g: Group): string => JSON.stringify([g.requester_key, g.category]);

/** Each group once, in one fixed order (so concurrent writers take their locks in the same order). */
const uniqueGroups = (groups: readonly Group[]): Group[] =>
  [...new Map(groups.map((g) => [groupKey(g), g])).entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, g]) => g);

/**
 * PostgreSQL: two transactions writing tickets of the same group at once would each recompute
 * the group from a snapshot without the other's new ticket, and the later commit could leave a
 * stale next_contact_at; they could also deadlock on the group's rows. A transaction-scoped
 * advisory lock per group, taken before any facts row is touched and in one order, makes the
 * second writer wait and then recompute with the first one's ticket visible (read committed
 * takes a new snapshot per statement). SQLite has one writer at a time already.
 */
const isPostgres = (db: Kysely<Schema>): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

const lockGroups = async (db: Kysely<Schema>, groups: readonly Group[]): Promise<void> => {
  if (!isPostgres(db) || groups.length === 0) return;
  // One statement for all, taken in the order given: PostgreSQL evaluates a volatile select list after the sort.
  const keys = groups.map(groupKey);
  await sql`select pg_advisory_xact_lock(hashtext(k)) from unnest(${keys}::text[]) with ordinality as g(k, i) order by i`.execute(db);
};

/**
 * `next_contact_at`: when the requester next opened a ticket in the same category, strictly
 * after this one's last resolution (null if never, or while it is open). Repeat contact within
 * any window is then a comparison on one row. The written tickets get theirs; of the other
 * tickets of a group, a creation time c that came or went can only change the next contact of
 * one resolved before c whose next contact is c or later (or none). So only tickets resolved
 * before the latest such time, with no next contact before the earliest, are recomputed, not the
 * whole group: a busy requester's group of thousands of tickets costs a handful of rows per new
 * ticket, and nothing per edit. Served by the (requester_key, category, created_at) index.
 */
const refreshNextContacts = async (db: Kysely<Schema>, ids: readonly string[], moved: readonly MovedCreations[]): Promise<void> => {
  for (const part of chunks(ids, BATCH)) {
    if (part.length === 0) continue;
    await sql`update ticket_facts set next_contact_at = ${nextContactOfRow} where resolved_at is not null and ticket_id in (${sql.join(part)})`.execute(db);
  }
  for (const part of chunks(moved, BATCH / 2)) {
    if (part.length === 0) continue;
    const affected = part.map(
      (m) => sql`(requester_key = ${m.group.requester_key} and category = ${m.group.category} and resolved_at < ${m.latest}
        and (next_contact_at is null or next_contact_at >= ${m.earliest}))`,
    );
    await sql`update ticket_facts set next_contact_at = ${nextContactOfRow} where resolved_at is not null and (${sql.join(affected, sql` or `)})`.execute(db);
  }
};

const nextContactOfRow = sql`(
  select min(o.created_at) from ticket_facts o
  where o.requester_key = ticket_facts.requester_key and o.category = ticket_facts.category
    and o.created_at > ticket_facts.resolved_at and o.ticket_id <> ticket_facts.ticket_id)`;

/**
 * The derived rows of tickets whose records are at hand (a bulk load that writes them itself), by
 * the same rule as `refreshTicketFacts`; `next_contact_at` stays null until `refreshAllNextContacts`.
 */
export const ticketFactsRows = (history: History): Array<Schema['ticket_facts']> => [...ticketFacts(history).values()].map(factsRow);

/** Sets `next_contact_at` of every row at once, from the rows in place (after writing every ticket's facts). */
export const refreshAllNextContacts = async (db: Kysely<Schema>): Promise<void> => {
  await sql`update ticket_facts set next_contact_at = ${nextContactOfRow}`.execute(db);
};

/**
 * Rebuilds the derived rows of every ticket (after a migration that adds or changes them).
 * Inside one transaction, as a migration runs, a lock per group would pile up until PostgreSQL
 * runs out of lock space ("out of shared memory" past about 10,000 groups with the default
 * max_locks_per_transaction); one table lock keeps concurrent writers out instead.
 */
export const rebuildAllTicketFacts = async (db: Kysely<Schema>): Promise<number> => {
  if (isPostgres(db) && db.isTransaction) await sql`lock table ticket_facts in exclusive mode`.execute(db);
  let done = 0;
  let after = '';
  for (;;) {
    const ids = (await db.selectFrom('tickets').select('id').where('id', '>', after).orderBy('id').limit(BATCH).execute()).map((r) => r.id);
    if (ids.length === 0) break;
    await writeFacts(db, ids, 'whole table');
    done += ids.length;
    after = ids[ids.length - 1] ?? after;
  }
  // Every group at once at the end, rather than every group of every chunk again and again.
  await refreshAllNextContacts(db);
  return done;
};
