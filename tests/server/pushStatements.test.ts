import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { makeCreateArgs } from '../support/factories';
import { push, type OutgoingMutation } from '../support/http';
import { signInTechnician, startTestServer, type TestServer } from '../support/testServer';

/*
 * What a push costs the database, counted in statements sent (Kysely's query log, begin and commit
 * included; on PostgreSQL each is a round trip), so that a change that adds work to every mutation
 * shows here. A push's fixed share (its session check, the transaction, the ledger read, the
 * statistics and search rows of the group, the poke on PostgreSQL) is paid once per group,
 * whatever the number of its mutations.
 */

/**
 * What each mutation of the kind costs inside its group. SQLite: savepoint, the record read, the
 * ticket and event rows, the feed row, the ledger row, release. PostgreSQL: the previous release
 * with this savepoint, the record read, and the writes as one statement.
 */
const PER_UPDATE = { sqlite: 7, postgres: 3 };
/** A new ticket also checks its caller code and takes a number. */
const PER_CREATE = { sqlite: 9, postgres: 5 };
/** The push's and its group's own statements, at most. */
const PER_GROUP = 16;

describe.each(DATABASE_KINDS)('statements per pushed mutation on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let token: string;
  let counting = false;
  const statements: string[] = [];
  const tickets = Array.from({ length: 20 }, (_, i) =>
    makeCreateArgs({ requester: { name: `Caller ${i % 4}`, contact: null }, category: `category-${i % 3}` }),
  );

  beforeAll(async () => {
    database = await createDatabase(kind);
    server = await startTestServer(database.url, {
      onQuery: (statement) => {
        if (counting) statements.push(statement);
      },
    });
    token = await signInTechnician(server);
  });

  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  const count = async (mutations: OutgoingMutation[]): Promise<string[]> => {
    statements.length = 0;
    counting = true;
    try {
      const answer = await push(server.url, token, mutations);
      expect(answer.results.map((r) => r.status)).toEqual(mutations.map(() => 'applied'));
    } finally {
      counting = false;
    }
    return [...statements];
  };

  it(`creates 20 tickets in one transaction, at most ${PER_CREATE[kind]} statements each and the group's once`, async () => {
    const spent = await count(tickets.map((args) => ({ name: 'ticket:create', args })));
    expect(spent.filter((s) => s.trim() === 'begin')).toHaveLength(1);
    expect(spent.length).toBeLessThanOrEqual(PER_CREATE[kind] * tickets.length + PER_GROUP);
  });

  it(`edits 20 tickets in one transaction, at most ${PER_UPDATE[kind]} statements each and the group's once`, async () => {
    const spent = await count(tickets.map((t, i) => ({ name: 'ticket:update', args: { id: t.id, title: `Edited ${i}` } })));
    expect(spent.filter((s) => s.trim() === 'begin')).toHaveLength(1);
    expect(spent.length).toBeLessThanOrEqual(PER_UPDATE[kind] * tickets.length + PER_GROUP);
    // The statistics are kept once for the group, not once per mutation.
    expect(spent.filter((s) => s.startsWith('delete from "ticket_facts"'))).toHaveLength(1);
  });

  it("edits one ticket alone with the group's statements once", async () => {
    const spent = await count([{ name: 'ticket:update', args: { id: tickets[0]?.id ?? '', title: 'Edited alone' } }]);
    expect(spent.length).toBeLessThanOrEqual(PER_UPDATE[kind] + PER_GROUP);
  });
});
