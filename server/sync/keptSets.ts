import { sql } from 'kysely';
import type { DatabaseKind } from '../config';
import { visibleBelow, type TicketSet } from '../db/changeFeed';
import type { Db } from '../db/connect';

/**
 * Where the feed stood when a kept set was last brought up to date: on SQLite the newest sequence
 * number, on PostgreSQL the oldest transaction then running (every one below it had committed,
 * so the set's select saw its writes; a row of one at or above it may commit later, anywhere).
 */
type Mark = number;

type Kept = { ids: Set<string>; mark: Mark; usedAt: number };

/** How many rows of tickets written since are asked of the rule at a time (the parameters of one select). */
const CHUNK = 500;

export type KeptSets = {
  /**
   * The set `rule` selects, computed the first time `key` is asked and kept: afterwards brought up
   * to date by asking the rule of only the tickets that could have come in since, those with feed
   * rows written since and those of `candidates` (the user's openings, which write no feed row).
   */
  get(key: string, rule: TicketSet, candidates: () => Promise<readonly string[]>): Promise<TicketSet>;
};

/**
 * The working sets of pulls from scratch under way. Every page of such a pull filters by the set at
 * the time the pull began (server/sync/bootstrap.ts), which computed in each page's query cost
 * about 90 ms a page at a million tickets (docs/BENCHMARKS.md, "Million-ticket desk: where the
 * time goes"). With the time fixed, a ticket comes into the set only when a record of it is
 * written or the user opens it, so a kept set is brought up to date by asking the rule of those
 * tickets only: it then holds every ticket the fresh select would. It may hold more: a ticket that
 * left the set at that fixed time (a change dated back, an opening replaced), which the console
 * drops by the same rule (shared/sync/catchUp.ts). A kept set only grows, here and between server
 * instances (each brings its own up to the moment it reads), so the passes' guarantees hold. Kept
 * for `ttlMs` after last use, at most `size` sets.
 */
export const createKeptSets = (db: Db, kind: DatabaseKind, options: { size?: number; ttlMs?: number; now?: () => number } = {}): KeptSets => {
  // A set of 25,000 ids is a few MB; more first syncs at once than this recompute theirs as before.
  const size = options.size ?? 16;
  const ttlMs = options.ttlMs ?? 60_000;
  const clock = options.now ?? Date.now;
  const kept = new Map<string, Kept>();

  const markNow = async (): Promise<Mark> => {
    if (kind === 'postgres') return visibleBelow(db);
    // Through the position index, from its end: `max(seq)` alone reads the whole feed, the index being led by `tx`.
    const row = await db.selectFrom('sync_changes').select('seq').orderBy('tx', 'desc').orderBy('seq', 'desc').limit(1).executeTakeFirst();
    return row?.seq ?? 0;
  };

  /**
   * Tickets with feed rows written since `mark` (those of transactions then running, on PostgreSQL),
   * through the position index. Rows of no ticket and repeats are left out here, not in the query:
   * `distinct` or `ticket_id is not null` drew SQLite to the ticket index and every row of the feed.
   */
  const writtenSince = async (mark: Mark): Promise<string[]> => {
    const rows = await db
      .selectFrom('sync_changes')
      .select('ticket_id')
      .where((eb) => (kind === 'postgres' ? eb('tx', '>=', mark) : eb(eb.refTuple('tx', 'seq'), '>', eb.tuple(0, mark))))
      .execute();
    return [...new Set(rows.flatMap((row) => (row.ticket_id === null ? [] : [row.ticket_id])))];
  };

  const asSet =
    (ids: ReadonlySet<string>): TicketSet =>
    (among) => {
      const chosen = among === undefined ? [...ids] : among.filter((id) => ids.has(id));
      const tickets = db.selectFrom('tickets').select('id as ticket_id');
      if (chosen.length === 0) return tickets.where(sql<boolean>`1 = 0`);
      // One parameter however large the set: a list of 25,000 would pass the engines' limits.
      const list =
        kind === 'postgres' ? sql<string>`(select unnest(cast(${chosen} as text[])))` : sql<string>`(select value from json_each(${JSON.stringify(chosen)}))`;
      return tickets.where('id', 'in', list);
    };

  const forget = (now: number) => {
    for (const [key, entry] of kept) if (now - entry.usedAt > ttlMs) kept.delete(key);
    while (kept.size > size) {
      const oldest = [...kept.entries()].reduce((a, b) => (b[1].usedAt < a[1].usedAt ? b : a));
      kept.delete(oldest[0]);
    }
  };

  return {
    get: async (key, rule, candidates) => {
      const now = clock();
      forget(now);
      const entry = kept.get(key);
      const mark = await markNow();
      if (entry === undefined) {
        const rows = await rule().execute();
        kept.set(key, { ids: new Set(rows.map((row) => row.ticket_id)), mark, usedAt: now });
        forget(now);
        return asSet(kept.get(key)?.ids ?? new Set());
      }
      const fresh = [...new Set([...(await writtenSince(entry.mark)), ...(await candidates())])].filter((id) => !entry.ids.has(id));
      for (let start = 0; start < fresh.length; start += CHUNK) {
        for (const row of await rule(fresh.slice(start, start + CHUNK)).execute()) entry.ids.add(row.ticket_id);
      }
      entry.mark = mark;
      entry.usedAt = now;
      return asSet(entry.ids);
    },
  };
};
