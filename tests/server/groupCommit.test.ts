import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change, PushResult } from '../../shared/sync/protocol';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { makeCreateArgs } from '../support/factories';
import { call, keyOf, pullPage, pullToEnd, push, type OutgoingMutation } from '../support/http';
import { eventCounts, factsRows, feedRowsOf, ledger, rebuiltFactsRows, searchRows, storedTickets } from '../support/storedRows';
import { login } from '../support/syncClient';
import { createTechnicians } from '../support/technicians';
import { startTestServer, type TestServer } from '../support/testServer';

/*
 * Group commit over loopback: pushes of several consoles at once commit together, each mutation in
 * a savepoint of its own. Valid mutations apply exactly once, refused and failing ones change
 * nothing, the feed stays whole for a reader pulling meanwhile, and a retry gets the same answers.
 */

const TECHNICIANS = ['gc-ana', 'gc-ben', 'gc-cy', 'gc-dee'];
const PASSWORD = 'group-commit-password';
const isBegin = (statement: string) => statement.trim().toLowerCase() === 'begin';

type Planned = { mutation: OutgoingMutation & { id: string }; expected: Pick<PushResult, 'status'> & { code?: string } };

describe.each(DATABASE_KINDS)('group commit on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  const statements: string[] = [];
  const tokens: string[] = [];
  /** Each technician's own tickets, made before the concurrent pushes. */
  const own: string[][] = [];
  let takenCode = '';

  beforeAll(async () => {
    database = await createDatabase(kind);
    server = await startTestServer(database.url, { onQuery: (statement) => statements.push(statement) });
    const admin = await login(server.url, 'admin', server.adminPassword);
    await createTechnicians(server.url, admin.token, TECHNICIANS, PASSWORD);
    for (const username of TECHNICIANS) {
      const token = (await login(server.url, username, PASSWORD)).token;
      const creates = Array.from({ length: 4 }, () => makeCreateArgs({ requester: { name: `Caller of ${username}`, contact: null } }));
      await push(
        server.url,
        token,
        creates.map((args) => ({ name: 'ticket:create', args })),
      );
      tokens.push(token);
      own.push(creates.map((args) => args.id));
    }
    const taken = makeCreateArgs();
    await push(server.url, tokens[0] ?? '', [{ name: 'ticket:create', args: taken }]);
    takenCode = taken.code;
  });

  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  /** One push of a technician: valid creates, edits and notes among refusals of every kind. */
  const planPush = (tech: number, round: number): Planned[] => {
    const ticket = own[tech]?.[round] ?? '';
    const id = () => randomUUID();
    return [
      { mutation: { id: id(), name: 'ticket:create', args: makeCreateArgs({ title: `New ${tech}-${round}` }) }, expected: { status: 'applied' } },
      { mutation: { id: id(), name: 'ticket:update', args: { id: ticket, title: `Edited ${tech}-${round}` } }, expected: { status: 'applied' } },
      { mutation: { id: id(), name: 'ticket:create', args: makeCreateArgs({ code: takenCode }) }, expected: { status: 'rejected', code: 'code_taken' } },
      { mutation: { id: id(), name: 'ticket:update', args: { id: randomUUID(), title: 'Nobody' } }, expected: { status: 'rejected', code: 'not_found' } },
      { mutation: { id: id(), name: 'ticket:update', args: { id: ticket, title: 42 } }, expected: { status: 'rejected', code: 'invalid_args' } },
      {
        mutation: { id: id(), name: 'note:add', args: { id: randomUUID(), ticketId: ticket, body: `Note ${tech}-${round}`, visibility: 'internal' } },
        expected: { status: 'applied' },
      },
    ];
  };

  it('applies every valid mutation of concurrent pushes exactly once, refused ones change nothing, and a reader pulling meanwhile misses nothing', async () => {
    const admin = (await login(server.url, 'admin', server.adminPassword)).token;
    const start = await pullToEnd(server.url, admin);
    const plans = TECHNICIANS.flatMap((_, tech) => [0, 1, 2].map((round) => ({ tech, round, plan: planPush(tech, round) })));

    // A reader pulls from where it stood while the pushes go on, as a console would on each poke.
    let pushing = true;
    const seen = new Map<string, Change>();
    const reader = (async () => {
      let cursor = start.cursor;
      while (pushing) {
        const page = await pullPage(server.url, admin, cursor);
        for (const change of page.changes) seen.set(keyOf(change), change);
        cursor = page.cursor;
      }
      const rest = await pullToEnd(server.url, admin, cursor);
      for (const change of rest.changes) seen.set(keyOf(change), change);
    })();

    // Open connections first, as consoles that synced before hold them, so the pushes are sent at one moment.
    await Promise.all(plans.map(({ tech }) => call(server.url, 'GET', '/api/auth/me', tokens[tech] ?? '')));
    const beginsBefore = statements.filter(isBegin).length;
    const answers = await Promise.all(
      plans.map(({ tech, plan }) =>
        push(
          server.url,
          tokens[tech] ?? '',
          plan.map((p) => p.mutation),
          { clientId: `gc-${tech}` },
        ),
      ),
    );
    const transactions = statements.filter(isBegin).length - beginsBefore;
    pushing = false;
    await reader;

    // Outcomes, in order, as planned.
    answers.forEach((answer, i) => {
      const plan = plans[i]?.plan ?? [];
      expect(answer.results.map((r) => ({ id: r.id, status: r.status, code: r.error?.code }))).toEqual(
        plan.map((p) => ({ id: p.mutation.id, status: p.expected.status, code: p.expected.code })),
      );
    });
    // Fewer transactions than pushes: pushes that arrived together committed together (the readers' pulls take none).
    expect(transactions).toBeLessThan(plans.length);

    const recorded = await ledger(server.db);
    const everything = plans.flatMap(({ plan }) => plan);
    for (const { mutation, expected } of everything) expect(recorded.get(mutation.id)).toBe(expected.status);

    // Each valid change once; each refused create left nothing anywhere.
    const tickets = await storedTickets(server.db);
    for (const { tech, round, plan } of plans) {
      const [created, , refusedCreate, , , note] = plan.map((p) => p.mutation);
      const editedId = own[tech]?.[round] ?? '';
      expect(tickets.filter((t) => t.id === (created?.args as { id: string }).id)).toHaveLength(1);
      expect(tickets.find((t) => t.id === editedId)?.title).toBe(`Edited ${tech}-${round}`);
      expect(await eventCounts(server.db, editedId)).toEqual({ created: 1, field_edited: 1, note_added: 1 });
      const refusedId = (refusedCreate?.args as { id: string }).id;
      expect(await feedRowsOf(server.db, 'ticket', refusedId)).toEqual([]);
      expect(await eventCounts(server.db, refusedId)).toEqual({});
      expect(await feedRowsOf(server.db, 'note', (note?.args as { id: string }).id)).toHaveLength(1);
    }
    expect(tickets.map((t) => t.number).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(tickets.map((_, i) => i + 1));

    // The feed from scratch holds every record once, and the reader that pulled meanwhile ends with the same.
    const whole = await pullToEnd(server.url, admin);
    const keys = whole.changes.map(keyOf);
    expect(new Set(keys).size).toBe(keys.length);
    const atStart = new Map(start.changes.map((c) => [keyOf(c), JSON.stringify(c)]));
    const changedSince = whole.changes.filter((c) => atStart.get(keyOf(c)) !== JSON.stringify(c));
    expect(changedSince.length).toBeGreaterThan(0);
    for (const change of changedSince) expect(seen.get(keyOf(change))).toEqual(change);

    // The statistics and search rows, kept once per group, equal what the records make.
    expect(await factsRows(server.db)).toEqual(await rebuiltFactsRows(server.db));
    const search = await searchRows(server.db);
    expect(search.stored).toEqual(search.expected);
  });

  it('rolls back a mutation that throws inside its savepoint: the push fails, the mutations before it in the group stay, other pushes apply', async () => {
    const [cursed, other] = [own[1]?.[3] ?? '', own[1]?.[2] ?? ''];
    const before = (await storedTickets(server.db)).find((t) => t.id === cursed);
    const failing = [
      { id: randomUUID(), name: 'ticket:update', args: { id: other, title: 'Before the failure' } },
      { id: randomUUID(), name: 'note:add', args: { id: randomUUID(), ticketId: cursed, body: 'Never stored', visibility: 'public' } },
      { id: randomUUID(), name: 'ticket:update', args: { id: other, title: 'After the failure' } },
    ];
    const body = { protocol: 1, clientId: 'gc-failing', mutations: failing };
    // The note and the ticket's new record are written before the event, which the database refuses.
    await installEventTrap(server, kind, cursed);
    let answers;
    try {
      answers = await Promise.all([
        call(server.url, 'POST', '/api/sync/push', tokens[1] ?? '', body),
        push(server.url, tokens[2] ?? '', [{ name: 'ticket:update', args: { id: own[2]?.[3] ?? '', title: 'Beside the failure' } }]),
        push(server.url, tokens[3] ?? '', [{ name: 'ticket:update', args: { id: randomUUID(), title: 'Refused beside the failure' } }]),
      ]);
    } finally {
      await removeEventTrap(server, kind);
    }
    const [failed, beside, refused] = answers;
    expect(failed).toMatchObject({ status: 500, body: { code: 'internal' } });
    expect(beside.results.map((r) => r.status)).toEqual(['applied']);
    expect(refused.results.map((r) => r.error?.code)).toEqual(['not_found']);

    const tickets = await storedTickets(server.db);
    expect(tickets.find((t) => t.id === cursed)).toEqual(before);
    expect(tickets.find((t) => t.id === other)?.title).toBe('Before the failure');
    expect(await feedRowsOf(server.db, 'note', (failing[1]?.args as { id: string }).id)).toEqual([]);
    expect(await server.db.selectFrom('notes').select('id').where('ticket_id', '=', cursed).execute()).toEqual([]);
    const recorded = await ledger(server.db);
    expect(failing.map((m) => recorded.get(m.id) ?? null)).toEqual(['applied', null, null]);

    // Sent again once the fault is gone: the first is a duplicate, the rest apply.
    const retried = await push(server.url, tokens[1] ?? '', failing, { clientId: 'gc-failing' });
    expect(retried.results.map((r) => r.status)).toEqual(['duplicate', 'applied', 'applied']);
    expect((await storedTickets(server.db)).find((t) => t.id === other)?.title).toBe('After the failure');
    expect(await eventCounts(server.db, cursed)).toMatchObject({ note_added: 1 });
  });

  it('answers a push resent after its answer was lost with the same outcomes, and applies nothing twice', async () => {
    const plan = planPush(3, 3);
    const body = { protocol: 1, clientId: 'gc-lost', mutations: plan.map((p) => p.mutation) };
    // The console gives up on the answer once the server is applying the push, as a cut connection would.
    const lost = new AbortController();
    const startedAt = statements.length;
    const watch = setInterval(() => {
      if (statements.slice(startedAt).some((s) => s.startsWith('savepoint'))) lost.abort();
    }, 1);
    const first = fetch(`${server.url}/api/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[3] ?? ''}` },
      body: JSON.stringify(body),
      signal: lost.signal,
    }).then(
      () => 'answered',
      () => 'lost',
    );
    // Sent again at once, while the first may still be waiting for its group, and once more afterwards.
    const again = await call(server.url, 'POST', '/api/sync/push', tokens[3] ?? '', body);
    clearInterval(watch);
    await first;
    const onceMore = await call(server.url, 'POST', '/api/sync/push', tokens[3] ?? '', body);
    const expected = plan.map((p) => ({ status: p.expected.status === 'applied' ? 'duplicate' : 'rejected', code: p.expected.code }));
    const outcomes = (answer: typeof again) => (answer.body.results as PushResult[]).map((r) => ({ status: r.status, code: r.error?.code }));
    expect(outcomes(onceMore)).toEqual(expected);
    // The resend that raced the first got either the first outcomes or the same as any retry.
    expect([expected, plan.map((p) => ({ status: p.expected.status, code: p.expected.code }))]).toContainEqual(outcomes(again));
    const ticket = own[3]?.[3] ?? '';
    expect(await eventCounts(server.db, ticket)).toEqual({ created: 1, field_edited: 1, note_added: 1 });
  });

  it('knows a mutation id with an unpaired surrogate when it comes back, as the database stores it', async () => {
    // pg stores U+FFFD for it, better-sqlite3 the surrogate itself; either way the ledger must find it again.
    const mutations = [
      { id: `gc-\ud800-${randomUUID()}`, name: 'ticket:update', args: { id: own[0]?.[3] ?? '', title: 'Surrogate' } },
      { id: `gc-\udfff-${randomUUID()}`, name: 'no:such', args: {} },
    ];
    const first = await push(server.url, tokens[0] ?? '', mutations);
    expect(first.results.map((r) => r.status)).toEqual(['applied', 'rejected']);
    const again = await push(server.url, tokens[0] ?? '', mutations);
    expect(again.results).toEqual([{ id: mutations[0]?.id, status: 'duplicate' }, first.results[1]]);
  });
});

/** Makes the database refuse any event of one ticket: a mutation writing one throws part-way through, as an unexpected fault would. */
const installEventTrap = async (server: TestServer, kind: string, ticketId: string): Promise<void> => {
  if (kind === 'sqlite') {
    await sql
      .raw(`create trigger group_commit_trap before insert on ticket_events when new.ticket_id = '${ticketId}' begin select raise(abort, 'trapped event'); end`)
      .execute(server.db);
    return;
  }
  await sql.raw(`create function group_commit_trap() returns trigger language plpgsql as $$ begin raise exception 'trapped event'; end $$`).execute(server.db);
  await sql
    .raw(
      `create trigger group_commit_trap before insert on ticket_events for each row when (new.ticket_id = '${ticketId}') execute function group_commit_trap()`,
    )
    .execute(server.db);
};

const removeEventTrap = async (server: TestServer, kind: string): Promise<void> => {
  if (kind === 'sqlite') {
    await sql.raw('drop trigger group_commit_trap').execute(server.db);
    return;
  }
  await sql.raw('drop trigger group_commit_trap on ticket_events').execute(server.db);
  await sql.raw('drop function group_commit_trap()').execute(server.db);
};

/** PostgreSQL only: the database shows which transaction wrote each feed row, so which pushes shared one. */
describe('group commit on postgres, seen in the feed', () => {
  let database: TestDatabase;
  let server: TestServer;
  const statements: string[] = [];
  const tokens: string[] = [];

  beforeAll(async () => {
    database = await createDatabase('postgres');
    server = await startTestServer(database.url, { onQuery: (statement) => statements.push(statement) });
    const admin = await login(server.url, 'admin', server.adminPassword);
    await createTechnicians(server.url, admin.token, TECHNICIANS, PASSWORD);
    for (const username of TECHNICIANS) tokens.push((await login(server.url, username, PASSWORD)).token);
  });

  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  const waitFor = async (condition: () => boolean): Promise<void> => {
    while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
  };

  it('commits the pushes that arrive while a transaction runs in the next transaction, all together', async () => {
    // Another session holds a lock that makes the ledger's inserts wait: the first group stays open.
    const blocker = new pg.Client({ connectionString: database.url });
    await blocker.connect();
    try {
      await blocker.query('begin');
      await blocker.query('lock table applied_mutations in share mode');
      const creates = TECHNICIANS.map(() => makeCreateArgs());
      const mark = statements.length;
      const first = push(server.url, tokens[0] ?? '', [{ name: 'ticket:create', args: creates[0] }]);
      // Its new ticket took a number: what is left of it, its writes and ledger row, waits for the lock.
      await waitFor(() => statements.slice(mark).some((s) => s.startsWith('update "counters"')));
      const authMark = statements.length;
      const rest = creates.slice(1).map((args, i) => push(server.url, tokens[i + 1] ?? '', [{ name: 'ticket:create', args }]));
      // Each push is checked (its session read) and then queued in the same turn.
      await waitFor(() => statements.slice(authMark).filter((s) => s.includes('"auth_tokens"')).length >= rest.length);
      // Then the body is read and the push queued: moments, which the held group leaves it plenty of.
      await new Promise((resolve) => setTimeout(resolve, 250));
      await blocker.query('commit');
      const answers = await Promise.all([first, ...rest]);
      expect(answers.map((a) => a.results[0]?.status)).toEqual(creates.map(() => 'applied'));
      const txs = await Promise.all(creates.map(async (args) => (await feedRowsOf(server.db, 'ticket', args.id))[0]?.tx));
      expect(new Set(txs.slice(1)).size).toBe(1);
      expect(txs[0]).not.toBe(txs[1]);
    } finally {
      await blocker.end();
    }
  });
});
