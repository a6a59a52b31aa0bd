import fc from 'fast-check';
import { CompiledQuery, sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/auth/users';
import { applyMutationAs } from '../../server/sync/pushQueue';
import { keptOpensQuery, recordTicketOpen } from '../../server/sync/ticketOpens';
import { workingSetQuery, workingSetTicketIds } from '../../server/sync/workingSet';
import { readChanges, type TicketSet } from '../../server/db/changeFeed';
import { createKeptSets } from '../../server/sync/keptSets';
import type { Note, RemoteSession, TicketEvent } from '../../shared/domain/records';
import { allowedTransitions } from '../../shared/domain/status';
import { STATUSES, type Ticket } from '../../shared/domain/ticket';
import { involvementOf } from '../../shared/sync/involvement';
import { keptOpened, openedIdsOf, type OpenedTicket } from '../../shared/sync/openedTickets';
import { DAY_MS, workingSetReason, type WorkingSetParams } from '../../shared/sync/workingSet';
import { DATABASE_KINDS } from '../support/databases';
import { useMigratedDatabase } from '../support/migratedDatabase';
import { makeCreateArgs } from '../support/factories';

/**
 * The server's working set (SQL) against the rule (shared/sync/workingSet.ts): random desk
 * histories are applied through the server's push path, each at its own time by the server's
 * clock, then for each user, at several `now`s (some exactly on a window's edge) and random
 * parameters, the SQL answer must equal the rule applied to the records the server wrote. Random
 * openings, more than a small `openedMax` at times, are recorded with the server's own write
 * (`recordTicketOpen`, which trims as it goes), those up to `now` in the order they happened.
 */

const STAFF = ['tina', 'sam', 'rita'] as const;
const TICKETS = ['t-0', 't-1', 't-2', 't-3', 't-4', 't-5'] as const;
const BASE = Date.parse('2026-12-07T12:00:00.000Z');
const HOUR_MS = 3_600_000;

type Step =
  | { kind: 'create'; ticket: number; actor: number; assignee: number | null }
  | { kind: 'assign'; ticket: number; actor: number; to: number | null }
  /** `to` picks one of the moves the ticket's status allows when the step runs. */
  | { kind: 'transition'; ticket: number; actor: number; to: number }
  | { kind: 'escalate'; ticket: number; actor: number; toTier: number }
  | { kind: 'note'; ticket: number; actor: number }
  | { kind: 'session'; ticket: number; actor: number; ends: boolean };

const ticketIndex = fc.integer({ min: 0, max: TICKETS.length - 1 });
const userIndex = fc.integer({ min: 0, max: STAFF.length - 1 });
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), ticket: ticketIndex, actor: userIndex, assignee: fc.option(userIndex, { nil: null }) }),
  fc.record({ kind: fc.constant('assign' as const), ticket: ticketIndex, actor: userIndex, to: fc.option(userIndex, { nil: null }) }),
  // Weighted: resolutions, closings and reopenings are what the windows are about.
  { arbitrary: fc.record({ kind: fc.constant('transition' as const), ticket: ticketIndex, actor: userIndex, to: fc.nat() }), weight: 4 },
  fc.record({ kind: fc.constant('escalate' as const), ticket: ticketIndex, actor: userIndex, toTier: fc.integer({ min: 2, max: 3 }) }),
  fc.record({ kind: fc.constant('note' as const), ticket: ticketIndex, actor: userIndex }),
  fc.record({ kind: fc.constant('session' as const), ticket: ticketIndex, actor: userIndex, ends: fc.boolean() }),
);
/** Steps at whole hours before BASE, up to 40 days back, applied oldest first. */
const history = fc.array(fc.tuple(fc.integer({ min: 0, max: 40 * 24 }), step), { minLength: 1, maxLength: 40 });
const params = fc.record({
  recentDays: fc.integer({ min: 1, max: 20 }),
  mineDays: fc.integer({ min: 1, max: 30 }),
  openedDays: fc.integer({ min: 1, max: 10 }),
  openedMax: fc.integer({ min: 1, max: 3 }),
});
/** Openings by any user, of known tickets and of one that does not exist, at whole hours before BASE (some at the same hour). */
const openedList = fc.array(
  fc.record({
    user: userIndex,
    ticket: fc.integer({ min: 0, max: TICKETS.length }),
    // Mostly a few shared hours: equal times are where the ticket id order decides what `openedMax` keeps.
    hoursAgo: fc.oneof({ weight: 2, arbitrary: fc.constantFrom(0, 48, 120, 240) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 20 * 24 }) }),
  }),
  { maxLength: 12 },
);
type Opening = { user: number; ticket: number; hoursAgo: number };

const iso = (ms: number): string => new Date(ms).toISOString();
const nowsAt = (nows: readonly number[], pick: number): number => nows[pick % nows.length] ?? BASE;

describe.each(DATABASE_KINDS)('the working set on %s', (kind) => {
  const migrated = useMigratedDatabase(kind);
  const users: string[] = [];

  beforeAll(async () => {
    // Through the accounts path, so their records are in the change feed, where the rules read them (an assignee must be active staff).
    for (const username of STAFF)
      users.push(
        (
          await createUser(migrated.handle.db, migrated.handle.kind, {
            username,
            password: 'not-used-here',
            displayName: username,
            role: 'technician',
            tier: 1,
          })
        ).id,
      );
  });

  const clear = async (): Promise<void> => {
    for (const table of [
      'ticket_opens',
      'ticket_search',
      'ticket_links',
      'ticket_tags',
      'ticket_facts',
      'remote_sessions',
      'notes',
      'ticket_events',
      'tickets',
      'applied_mutations',
    ] as const)
      await migrated.handle.db.deleteFrom(table).execute();
    await migrated.handle.db.deleteFrom('sync_changes').where('entity', '!=', 'user').execute();
  };

  /** Applies each step through the server's push path at its time; refusals (a transition the ticket cannot make) write nothing, as on the server. */
  const play = async (steps: ReadonlyArray<readonly [number, Step]>, prefix = 'm'): Promise<number[]> => {
    const applier = { db: migrated.handle.db, kind: migrated.handle.kind };
    const times: number[] = [];
    let n = 0;
    for (const [hoursAgo, s] of [...steps].sort((a, b) => b[0] - a[0])) {
      const at = BASE - hoursAgo * HOUR_MS;
      times.push(at);
      n += 1;
      const ticketId = TICKETS[s.ticket] ?? 't-0';
      const actor = users[s.actor] ?? '';
      const user = (i: number | null) => (i === null ? null : (users[i] ?? null));
      // A step on a ticket nobody created yet creates it first, by the same person, so most steps apply.
      const exists = await migrated.handle.db.selectFrom('tickets').select('id').where('id', '=', ticketId).executeTakeFirst();
      if (exists === undefined && s.kind !== 'create')
        await applyMutationAs(
          applier,
          'parity',
          actor,
          { id: `${prefix}-${n}-create`, name: 'ticket:create', args: makeCreateArgs({ id: ticketId }) },
          iso(at),
        );
      const mutation = await (async () => {
        switch (s.kind) {
          case 'create':
            return { name: 'ticket:create', args: { ...makeCreateArgs({ id: ticketId }), assigneeId: user(s.assignee) } };
          case 'assign':
            return { name: 'ticket:assign', args: { id: ticketId, assigneeId: user(s.to) } };
          case 'transition': {
            const row = await migrated.handle.db.selectFrom('tickets').select('status').where('id', '=', ticketId).executeTakeFirst();
            const from = STATUSES.find((status) => status === row?.status) ?? 'new';
            const moves = allowedTransitions(from);
            return { name: 'ticket:transition', args: { id: ticketId, from, to: moves[s.to % moves.length], resolution: 'Fixed.' } };
          }
          case 'escalate':
            return { name: 'ticket:escalate', args: { id: ticketId, toTier: s.toTier, reason: 'Needs more rights.' } };
          case 'note':
            return { name: 'note:add', args: { id: `n-${n}`, ticketId, body: 'Called back.', visibility: 'internal' } };
          case 'session':
            return {
              name: 'session:save',
              args: {
                id: `s-${s.ticket}-${s.actor}`,
                ticketId,
                tool: 'rdp',
                target: 'PC-1',
                startedAt: iso(at),
                endedAt: s.ends ? iso(at) : null,
                consent: true,
                steps: [],
              },
            };
        }
      })();
      await applyMutationAs(applier, 'parity', actor, { id: `${prefix}-${n}`, ...mutation }, iso(at));
    }
    return times;
  };

  /** The records the server wrote, as every console receives them (the change feed's JSON). */
  const records = async () => {
    const rows = await migrated.handle.db.selectFrom('sync_changes').select(['entity', 'data']).where('op', '=', 'put').execute();
    const of = <T>(entity: string): T[] => rows.filter((row) => row.entity === entity).map((row) => JSON.parse(row.data ?? 'null') as T);
    return { tickets: of<Ticket>('ticket'), events: of<TicketEvent>('event'), notes: of<Note>('note'), sessions: of<RemoteSession>('session') };
  };

  /** The openings made by `now`, oldest first. */
  const madeBy = (openings: readonly Opening[], now: number): Opening[] =>
    openings.filter((o) => BASE - o.hoursAgo * HOUR_MS <= now).sort((a, b) => b.hoursAgo - a.hoursAgo);

  /** The server at `now` has recorded the openings made by then, each at its time, in the order they happened (trimming as it goes). */
  const recordOpenings = async (openings: readonly Opening[], now: number, p: WorkingSetParams): Promise<void> => {
    await migrated.handle.db.deleteFrom('ticket_opens').execute();
    for (const o of madeBy(openings, now))
      await recordTicketOpen(migrated.handle.db, migrated.handle.kind, users[o.user] ?? '', TICKETS[o.ticket] ?? 't-missing', BASE - o.hoursAgo * HOUR_MS, p);
  };

  /** The same openings, each ticket's latest, written with no trimming at all: the query alone must keep what the rule keeps. */
  const writeUntrimmed = async (openings: readonly Opening[], now: number): Promise<void> => {
    await migrated.handle.db.deleteFrom('ticket_opens').execute();
    const latest = new Map<string, { user_id: string; ticket_id: string; opened_at: number }>();
    for (const o of madeBy(openings, now)) {
      const row = { user_id: users[o.user] ?? '', ticket_id: TICKETS[o.ticket] ?? 't-missing', opened_at: BASE - o.hoursAgo * HOUR_MS };
      latest.set(`${row.user_id}/${row.ticket_id}`, row);
    }
    if (latest.size > 0)
      await migrated.handle.db
        .insertInto('ticket_opens')
        .values([...latest.values()])
        .execute();
  };

  /**
   * A scoped read of the feed tests the rows after its cursor ticket by ticket when few follow, else
   * against the whole set in its query: the pages of both ways, and of the two mixed, must be equal.
   */
  const checkPages = async (now: string, p: WorkingSetParams, limit: number, userId: string): Promise<void> => {
    const tickets: TicketSet = (among) => workingSetQuery(migrated.handle.db, migrated.handle.kind, userId, now, p, among);
    const walk = async (fewRows: number) => {
      const pages = [];
      for (let after = { tx: 0, seq: 0 }, more = true; more;) {
        const page = await readChanges(migrated.handle.db, migrated.handle.kind, after, limit, { count: true, scope: { tickets, fewRows } });
        pages.push({ ids: page.changes.map((change) => `${change.entity}/${change.id}`), last: page.last, remaining: page.remaining });
        after = page.last;
        more = page.hasMore;
      }
      return pages;
    };
    const wholeSet = await walk(0);
    expect(wholeSet.flatMap((page) => page.ids).length, 'the set has rows').toBeGreaterThan(0);
    expect(await walk(10_000), `${userId} at ${now}, ticket by ticket`).toEqual(wholeSet);
    expect(await walk(limit + 1), `${userId} at ${now}, both ways`).toEqual(wholeSet);
  };

  it('equals the rule on random histories and openings, for every user, at window edges and between them', async () => {
    await fc.assert(
      fc.asyncProperty(history, params, openedList, fc.nat(), fc.nat(), fc.nat(), async (steps, p: WorkingSetParams, openings, pickA, pickB, pickC) => {
        await clear();
        const times = await play(steps);
        const { tickets, events, notes, sessions } = await records();
        const timeA = times[pickA % times.length] ?? BASE;
        const timeB = times[pickB % times.length] ?? BASE;
        const timeC = BASE - (openings[pickC % Math.max(1, openings.length)]?.hoursAgo ?? 0) * HOUR_MS;
        // Exactly on the edge of each window (in), a millisecond past it (out), and plain times.
        const nows = [
          BASE,
          timeA + p.recentDays * DAY_MS,
          timeA + p.recentDays * DAY_MS + 1,
          timeB + p.mineDays * DAY_MS,
          timeB + p.mineDays * DAY_MS + 1,
          timeC + p.openedDays * DAY_MS,
          timeC + p.openedDays * DAY_MS + 1,
        ];
        const check = async (nowMs: number, written: string): Promise<void> => {
          const now = iso(nowMs);
          for (const [index, userId] of users.entries()) {
            const opened: OpenedTicket[] = madeBy(openings, nowMs)
              .filter((o) => o.user === index)
              .map((o) => ({ ticketId: TICKETS[o.ticket] ?? 't-missing', openedAt: iso(BASE - o.hoursAgo * HOUR_MS) }));
            // The opened part by itself, in order: live or recent tickets would hide its mistakes in the set.
            const keptRows = await keptOpensQuery(migrated.handle.db, migrated.handle.kind, userId, now, p).execute();
            expect(
              keptRows.map((row) => row.ticket_id),
              `${userId}'s kept openings at ${now}, ${written}`,
            ).toEqual(keptOpened(opened, now, p).map((entry) => entry.ticketId));
            const openedIds = openedIdsOf(opened, now, p);
            const expected = tickets
              .filter(
                (ticket) =>
                  workingSetReason({ ticket, involvement: involvementOf(userId, ticket, events, notes, sessions), opened: openedIds }, now, p) !== null,
              )
              .map((ticket) => ticket.id)
              .sort();
            const actual = [...(await workingSetTicketIds(migrated.handle.db, migrated.handle.kind, userId, now, p))].sort();
            expect(actual, `${userId} at ${now}, openings ${written}`).toEqual(expected);
            // Asked of some tickets only (one that does not exist among them): those of them in the set.
            const among = [...TICKETS.filter((_, bit) => (pickA >> bit) % 2 === 1), 't-missing'];
            const amongActual = [...(await workingSetTicketIds(migrated.handle.db, migrated.handle.kind, userId, now, p, among))].sort();
            expect(amongActual, `${userId} at ${now} among ${among.join(' ')}, openings ${written}`).toEqual(expected.filter((id) => among.includes(id)));
          }
        };
        for (const nowMs of nows) {
          await recordOpenings(openings, nowMs, p);
          await check(nowMs, 'recorded');
          const kept = await migrated.handle.db
            .selectFrom('ticket_opens')
            .select((eb) => ['user_id', eb.fn.countAll<number>().as('n')])
            .groupBy('user_id')
            .execute();
          for (const row of kept) expect(Number(row.n), 'trimmed on write to openedMax').toBeLessThanOrEqual(p.openedMax);
          await writeUntrimmed(openings, nowMs);
          await check(nowMs, 'untrimmed');
        }
        await checkPages(iso(nowsAt(nows, pickB)), p, 2 + (pickC % 4), users[pickA % users.length] ?? '');
      }),
      { numRuns: 25 },
    );
  }, 120_000);

  it('keeps a set that, brought up to date after more writes and openings, holds every ticket the rule selects then, and none it never selected', async () => {
    await fc.assert(
      fc.asyncProperty(history, history, params, openedList, openedList, async (before, after, p: WorkingSetParams, openedBefore, openedAfter) => {
        await clear();
        await play(before);
        await recordOpenings(openedBefore, BASE, p);
        const now = iso(BASE);
        const kept = createKeptSets(migrated.handle.db, migrated.handle.kind);
        const setOf = async (set: TicketSet) => new Set((await set().execute()).map((row) => row.ticket_id));
        const ruleOf =
          (userId: string): TicketSet =>
          (among) =>
            workingSetQuery(migrated.handle.db, migrated.handle.kind, userId, now, p, among);
        const openedBy = (userId: string) => async () =>
          (await keptOpensQuery(migrated.handle.db, migrated.handle.kind, userId, now, p).execute()).map((row) => row.ticket_id);
        const first = new Map<string, Set<string>>();
        for (const userId of users) {
          const held = await setOf(await kept.get(userId, ruleOf(userId), openedBy(userId)));
          expect([...held].sort(), `${userId} at first`).toEqual([...(await setOf(ruleOf(userId)))].sort());
          first.set(userId, held);
        }
        // Writes dated back, and openings replaced, can also take a ticket out at a fixed time: the kept set keeps it (the console drops it by the rule).
        await play(after, 'later');
        await recordOpenings(openedAfter, BASE, p);
        for (const userId of users) {
          const held = await setOf(await kept.get(userId, ruleOf(userId), openedBy(userId)));
          const fresh = await setOf(ruleOf(userId));
          for (const id of fresh) expect(held.has(id), `${userId} holds ${id}`).toBe(true);
          for (const id of held) expect(fresh.has(id) || first.get(userId)?.has(id), `${userId} keeps ${id}, never selected`).toBe(true);
        }
      }),
      { numRuns: 20 },
    );
  }, 120_000);

  it('reads each part through an index, never a whole table', async () => {
    const p = { recentDays: 30, mineDays: 365, openedDays: 30, openedMax: 1000 };
    const query = workingSetQuery(migrated.handle.db, migrated.handle.kind, users[0] ?? '', iso(BASE), p).compile();
    const explain = CompiledQuery.raw(`${kind === 'sqlite' ? 'explain query plan' : 'explain'} ${query.sql}`, [...query.parameters]);
    const plan = await migrated.handle.db.transaction().execute(async (trx) => {
      // Tables this small are cheaper to read whole: forbid it, so only a missing or unusable index leaves a sequential scan.
      if (kind === 'postgres') await sql`set local enable_seqscan = off`.execute(trx);
      const rows = (await trx.executeQuery<Record<string, unknown>>(explain)).rows;
      return rows.map((row) => String(row.detail ?? row['QUERY PLAN'])).join('\n');
    });
    expect(plan).toMatch(/ticket_events_assignee/);
    // Either index led by the user serves the openings; with a handful of rows PostgreSQL sometimes prefers the primary key's.
    expect(plan).toMatch(/ticket_opens_(user_time|pk)/);
    expect(plan).not.toMatch(kind === 'sqlite' ? /^SCAN /m : /Seq Scan/);
    // `recent` through the index of its time, not through the status or `closed_at is null`, which hold nearly every ticket of a desk.
    for (const column of ['closed_at', 'resolved_at', 'updated_at']) {
      expect(plan).toMatch(kind === 'sqlite' ? new RegExp(`tickets_${column} \\(${column}>\\?\\)`) : new RegExp(`tickets_${column}`));
    }
    // `live` through an index led by the status: its own, or the automatic close's (status, resolved_at).
    if (kind === 'sqlite')
      expect(plan.match(/tickets_(status|resolved_waiting) \(status=\?\)/g) ?? [], 'an index led by the status, for `live` only').toHaveLength(1);
  });
});
