/**
 * Opening a ticket on demand through the real route (`GET /api/tickets/<ref>`, over loopback) on
 * both engines: what it records for the signed-in reader, and for nobody else, and what that does
 * to their working set (`workingSetTicketIds`) as the server's clock moves on. The tickets are
 * closed at once by someone else, and every test starts days after, so only an opening can put
 * one in tina's set.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { workingSetTicketIds } from '../../server/sync/workingSet';
import { DAY_MS, type WorkingSetParams } from '../../shared/sync/workingSet';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { makeCreateArgs } from '../support/factories';
import { call, push } from '../support/http';
import { login } from '../support/syncClient';
import { startTestServer, type TestServer } from '../support/testServer';

const SCOPE = { recentDays: 1, mineDays: 1, openedDays: 3, openedMax: 2 } as const satisfies WorkingSetParams;
const HOUR_MS = 3_600_000;

type Reader = { id: string; token: string };

describe.each(DATABASE_KINDS)('opening tickets on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  // The server's clock, which dates each opening; tests move it forward.
  let clock = Date.now();
  let tina: Reader;
  let sam: Reader;
  const tickets: Array<{ id: string; code: string; number: number }> = [];

  beforeAll(async () => {
    database = await createDatabase(kind);
    server = await startTestServer(database.url, { syncScope: SCOPE, now: () => clock });
    const admin = await login(server.url, 'admin', server.adminPassword);
    const readers: Reader[] = [];
    for (const username of ['tina', 'sam']) {
      await server.createUser(admin.token, { username, password: `${username}-password`, displayName: username, role: 'technician', tier: 1 });
      const signedIn = await login(server.url, username, `${username}-password`);
      readers.push({ id: signedIn.user.id, token: signedIn.token });
    }
    [tina, sam] = readers as [Reader, Reader];
    // Sam's tickets, resolved and closed at once.
    for (let i = 0; i < 4; i += 1) {
      const args = makeCreateArgs();
      await push(server.url, sam.token, [
        { name: 'ticket:create', args },
        { name: 'ticket:transition', args: { id: args.id, from: 'new', to: 'resolved', resolution: 'Fixed.' } },
        { name: 'ticket:transition', args: { id: args.id, from: 'resolved', to: 'closed' } },
      ]);
      const row = await server.db.selectFrom('tickets').select(['id', 'code', 'number']).where('id', '=', args.id).executeTakeFirstOrThrow();
      tickets.push({ id: row.id, code: row.code, number: row.number ?? 0 });
    }
  });

  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  beforeEach(async () => {
    await server.db.deleteFrom('ticket_opens').execute();
    clock += 10 * DAY_MS;
  });

  const ticket = (i: number) => {
    const found = tickets[i];
    if (found === undefined) throw new Error(`no ticket ${i}`);
    return found;
  };

  const open = async (reader: Reader, ref: string): Promise<number> => (await call(server.url, 'GET', `/api/tickets/${ref}`, reader.token)).status;

  /** What the table holds for a user: ticket id to the time of the latest opening. */
  const opensOf = async (reader: Reader): Promise<Map<string, number>> => {
    const rows = await server.db.selectFrom('ticket_opens').select(['ticket_id', 'opened_at']).where('user_id', '=', reader.id).execute();
    return new Map(rows.map((row) => [row.ticket_id, Number(row.opened_at)]));
  };

  /** The user's working set at the server's clock (or `at`), as ticket indexes among this test's tickets. */
  const setOf = async (reader: Reader, at = clock): Promise<number[]> => {
    const ids = await workingSetTicketIds(server.db, server.kind, reader.id, new Date(at).toISOString(), SCOPE);
    return tickets.flatMap((t, i) => (ids.has(t.id) ? [i] : []));
  };

  it('puts the opened ticket in the reader working set, and in nobody else', async () => {
    expect(await setOf(tina)).toEqual([]);
    expect(await open(tina, ticket(2).code)).toBe(200);
    expect(await setOf(tina)).toEqual([2]);
    expect(await setOf(sam), 'another user').toEqual([]);
  });

  it('keeps a ticket exactly openedDays days after its latest opening, then drops it; a re-opening keeps it longer', async () => {
    const opened = clock;
    expect(await open(tina, ticket(0).id)).toBe(200);
    expect(await open(tina, ticket(1).id)).toBe(200);
    clock += DAY_MS;
    expect(await open(tina, ticket(1).id)).toBe(200);
    const edge = opened + SCOPE.openedDays * DAY_MS;
    expect(await setOf(tina, edge)).toEqual([0, 1]);
    expect(await setOf(tina, edge + 1), 'ticket 0 ages out; ticket 1 was opened again a day later').toEqual([1]);
    expect(await setOf(tina, edge + DAY_MS)).toEqual([1]);
    expect(await setOf(tina, edge + DAY_MS + 1)).toEqual([]);
  });

  it('keeps the openedMax most recently opened, dropping the least recently opened first', async () => {
    for (const i of [0, 1, 2]) {
      expect(await open(tina, ticket(i).id)).toBe(200);
      clock += HOUR_MS;
    }
    expect(await setOf(tina)).toEqual([1, 2]);
    expect([...(await opensOf(tina)).keys()].sort(), 'the table is trimmed too').toEqual([ticket(1).id, ticket(2).id].sort());
    // Opening the oldest kept one again makes the other the least recently opened.
    expect(await open(tina, ticket(1).id)).toBe(200);
    clock += HOUR_MS;
    expect(await open(tina, ticket(3).id)).toBe(200);
    expect(await setOf(tina)).toEqual([1, 3]);
  });

  it('records the reader opening the ticket, by id, number or code, at the server clock, for nobody else', async () => {
    expect(await open(tina, ticket(0).id)).toBe(200);
    expect(await opensOf(tina)).toEqual(new Map([[ticket(0).id, clock]]));
    clock += HOUR_MS;
    expect(await open(tina, String(ticket(1).number))).toBe(200);
    expect(await open(tina, ticket(1).code.toLowerCase().replace('-', ''))).toBe(200);
    expect(await opensOf(tina)).toEqual(
      new Map([
        [ticket(0).id, clock - HOUR_MS],
        [ticket(1).id, clock],
      ]),
    );
    expect(await opensOf(sam), 'nothing for another user').toEqual(new Map());
  });

  it('moves the time of a re-opening forward', async () => {
    const first = clock;
    expect(await open(tina, ticket(0).id)).toBe(200);
    clock += 2 * DAY_MS;
    expect(await open(tina, ticket(0).id)).toBe(200);
    expect(await opensOf(tina)).toEqual(new Map([[ticket(0).id, first + 2 * DAY_MS]]));
  });

  it('records nothing for a reference that names no ticket', async () => {
    for (const ref of ['no-such-ticket', '999999', 'ZZZZ-ZZZZ']) expect(await open(tina, ref)).toBe(404);
    expect(await server.db.selectFrom('ticket_opens').selectAll().execute()).toEqual([]);
    expect(await setOf(tina)).toEqual([]);
  });
});
