import type { Insertable } from 'kysely';
import type { Db } from '../server/db/connect';
import type { Schema } from '../server/db/schema';
import { seededRandom } from '../shared/seededRandom';

/*
 * A deterministic desk history for the statistics benchmark: tickets over two years ending at
 * `now`, with the events the real mutators would have written (created, assigned, status changes,
 * escalations 1→2→3, reopens, calls) and remote sessions on a share of them. Written straight into
 * the tables in big multi-row inserts: going through the sync route would take hours, and the
 * statistics only read the stored rows (plus ticket_facts, rebuilt afterwards).
 */

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;
const SPAN_MS = 730 * DAY;

export const TECHNICIANS_PER_TIER = [36, 16, 8] as const;
const CATEGORY_COUNT = 40;
const REQUESTER_COUNT = 9_000;

type Rows = {
  users: Array<Insertable<Schema['users']>>;
  tickets: Array<Insertable<Schema['tickets']>>;
  events: Array<Insertable<Schema['ticket_events']>>;
  sessions: Array<Insertable<Schema['remote_sessions']>>;
};

const PRIORITY_WEIGHTS: Array<[string, number, number, number]> = [
  // priority, share, first response due, resolution due
  ['low', 0.25, 8 * HOUR, 5 * DAY],
  ['normal', 0.55, 4 * HOUR, 3 * DAY],
  ['high', 0.15, HOUR, DAY],
  ['urgent', 0.05, 15 * MINUTE, 4 * HOUR],
];
const CHANNELS = ['phone', 'email', 'walk-in', 'self-service'] as const;
const TOOLS = ['rdp', 'teamviewer', 'anydesk', 'ssh', 'vnc', 'on-site'] as const;

export const technicianId = (tier: number, n: number): string => `bench-tech-${tier}-${String(n).padStart(2, '0')}`;
export const categoryName = (n: number): string => `category-${String(n).padStart(2, '0')}`;

/** Technicians of all three tiers; `password_hash` is unusable on purpose (nobody signs in as them). */
const technicians = (now: number): Rows['users'] =>
  TECHNICIANS_PER_TIER.flatMap((count, index) =>
    Array.from({ length: count }, (_, n) => ({
      id: technicianId(index + 1, n),
      username: `bench${index + 1}x${n}`,
      display_name: `Bench Technician ${index + 1}-${n}`,
      role: 'technician',
      tier: index + 1,
      active: 1,
      password_hash: '!',
      created_at: now - SPAN_MS - DAY,
      updated_at: now - SPAN_MS - DAY,
    })),
  );

/** Generates one ticket's record, events and sessions; `rand` is advanced deterministically. */
const makeTicket = (i: number, now: number, rand: () => number, out: Rows): void => {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  const tech = (tier: number): string => technicianId(tier, Math.floor(rand() * (TECHNICIANS_PER_TIER[tier - 1] ?? 1)));
  const id = `bench-t-${String(i).padStart(7, '0')}`;
  // Uniform over the span, a little busier lately (the desk grows).
  const createdAt = now - Math.floor(SPAN_MS * (1 - Math.sqrt(rand())));
  const roll = rand();
  let acc = 0;
  let spec = PRIORITY_WEIGHTS[1] as (typeof PRIORITY_WEIGHTS)[number];
  for (const p of PRIORITY_WEIGHTS) {
    acc += p[1];
    if (roll < acc) {
      spec = p;
      break;
    }
  }
  const [priority, , frDue, resDue] = spec;
  // Categories skewed: a few take most tickets.
  const category = categoryName(Math.floor(CATEGORY_COUNT * rand() ** 2));
  // Requesters skewed the same way, so the same people call again within days.
  const requester = Math.floor(REQUESTER_COUNT * rand() ** 3);
  const channel = pick(CHANNELS);
  let eventNo = 0;
  const event = (type: string, actor: string, at: number, data: unknown) => {
    out.events.push({ id: `${id}-m${eventNo}:0`, ticket_id: id, type, actor_id: actor, at, data: JSON.stringify(data) });
    eventNo += 1;
  };
  const creator = tech(1);
  event('created', creator, createdAt, { number: i + 1 });

  let t = createdAt;
  let tier = 1;
  let status = 'new';
  let assignee: string | null = null;
  let firstResponded: number | null = null;
  let resolvedAt: number | null = null;
  let closedAt: number | null = null;
  let reopens = 0;
  let callMs = 0;
  let pendingSince: number | null = null;
  const advance = (meanMs: number) => {
    t += Math.max(MINUTE, Math.floor(-Math.log(1 - rand()) * meanMs));
    return t <= now;
  };
  const setStatus = (to: string, actor: string, extra: { resolution?: string; isReopen?: boolean } = {}) => {
    event('status_changed', actor, t, { from: status, to, resolution: extra.resolution ?? null, isReopen: extra.isReopen ?? false });
    status = to;
  };

  if (channel === 'phone') {
    const duration = Math.floor((2 + rand() * 12) * MINUTE);
    callMs += duration;
    event('call_logged', creator, createdAt, { startedAt: new Date(createdAt).toISOString(), durationMs: duration });
  }
  const life = (): void => {
    if (!advance(priority === 'urgent' ? 10 * MINUTE : 40 * MINUTE)) return;
    assignee = rand() < 0.6 ? creator : tech(1);
    event('assigned', assignee, t, { from: null, to: assignee });
    setStatus('open', assignee);
    firstResponded = t;
    while (tier < 3 && rand() < (tier === 1 ? 0.18 : 0.3)) {
      if (!advance(6 * HOUR)) return;
      event('escalated', assignee, t, { fromTier: tier, toTier: tier + 1, reason: 'needs a higher tier' });
      tier += 1;
      const next = tech(tier);
      event('assigned', assignee, t, { from: assignee, to: next });
      assignee = next;
    }
    for (let round = 0; round < 3; round += 1) {
      if (rand() < 0.15) {
        if (!advance(4 * HOUR)) return;
        setStatus('pending', assignee);
        pendingSince = t;
        if (!advance(DAY)) return;
        setStatus('open', assignee);
        pendingSince = null;
      }
      if (!advance(tier === 1 ? 8 * HOUR : tier === 2 ? DAY : 2 * DAY)) return;
      setStatus('resolved', assignee, { resolution: 'Fixed' });
      resolvedAt = t;
      if (round < 2 && rand() < 0.06) {
        if (!advance(2 * DAY)) return;
        setStatus('open', assignee, { isReopen: true });
        reopens += 1;
        resolvedAt = null;
        continue;
      }
      if (advance(3 * DAY)) {
        setStatus('closed', assignee);
        closedAt = t;
      }
      return;
    }
  };
  life();

  // Remote sessions on about a fifth of the assigned tickets, inside the ticket's life.
  if (assignee !== null && rand() < 0.2) {
    const count = rand() < 0.2 ? 2 : 1;
    for (let s = 0; s < count; s += 1) {
      const started = (firstResponded ?? createdAt) + Math.floor(rand() * 2 * HOUR);
      if (started > now) break;
      const ended = Math.min(now, started + Math.floor((5 + rand() * 55) * MINUTE));
      const sessionId = `${id}-s${s}`;
      out.sessions.push({
        id: sessionId,
        ticket_id: id,
        technician_id: assignee,
        tool: pick(TOOLS),
        target: `PC-${requester}`,
        consent: 1,
        started_at: started,
        ended_at: ended,
        steps: '[]',
        outcome: 'resolved',
        updated_at: ended,
      });
    }
  }

  out.tickets.push({
    id,
    number: i + 1,
    code: `BNCH-${String(i).padStart(6, '0')}`,
    title: `${category} problem ${i}`,
    description: 'Generated for the statistics benchmark.',
    requester_name: `Requester ${requester}`,
    requester_contact: `r${requester}@example.test`,
    category,
    priority,
    channel,
    status,
    tier,
    assignee_id: assignee,
    resolution: resolvedAt === null ? null : 'Fixed',
    created_by: creator,
    created_at: createdAt,
    updated_at: Math.min(t, now),
    first_responded_at: firstResponded,
    resolved_at: resolvedAt,
    closed_at: closedAt,
    reopen_count: reopens,
    call_ms: callMs,
    first_response_due_at: createdAt + frDue,
    resolution_due_at: createdAt + resDue,
    pending_since: pendingSince,
    paused_ms: 0,
  });
};

// Rows per statement: PostgreSQL allows 65,535 parameters, SQLite (3.32+) 32,766; tickets have 27 columns.
const insertAll = async <T extends keyof Rows & string>(
  db: Db,
  table: 'users' | 'tickets' | 'ticket_events' | 'remote_sessions',
  rows: Rows[T],
  perStatement: number,
) => {
  for (let i = 0; i < rows.length; i += perStatement) {
    // Kysely's per-table value types do not unify over a table union; each call site passes its own table's rows.
    await db
      .insertInto(table)
      .values(rows.slice(i, i + perStatement) as never)
      .execute();
  }
};

export type GeneratedShape = { tickets: number; events: number; sessions: number; users: number };

/** Generates and inserts `count` tickets with seed `seed`, in transactions of 10,000 tickets. */
export const generateStatsData = async (db: Db, count: number, now: number, seed = 20261128): Promise<GeneratedShape> => {
  const rand = seededRandom(seed);
  const users = technicians(now);
  await insertAll(db, 'users', users, 500);
  const shape: GeneratedShape = { tickets: 0, events: 0, sessions: 0, users: users.length };
  for (let start = 0; start < count; start += 10_000) {
    const rows: Rows = { users: [], tickets: [], events: [], sessions: [] };
    for (let i = start; i < Math.min(count, start + 10_000); i += 1) makeTicket(i, now, rand, rows);
    await db.transaction().execute(async (trx) => {
      await insertAll(trx, 'tickets', rows.tickets, 1000);
      await insertAll(trx, 'ticket_events', rows.events, 4000);
      await insertAll(trx, 'remote_sessions', rows.sessions, 2000);
    });
    shape.tickets += rows.tickets.length;
    shape.events += rows.events.length;
    shape.sessions += rows.sessions.length;
  }
  return shape;
};

/** Row counts as stored, to check the generator against what it meant to write. */
export const countRows = async (db: Db): Promise<GeneratedShape & { facts: number }> => {
  const count = async (table: 'tickets' | 'ticket_events' | 'remote_sessions' | 'users' | 'ticket_facts') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string | number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    tickets: await count('tickets'),
    events: await count('ticket_events'),
    sessions: await count('remote_sessions'),
    users: await count('users'),
    facts: await count('ticket_facts'),
  };
};
