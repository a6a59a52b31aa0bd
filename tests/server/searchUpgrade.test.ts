import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedRow, insertFeedRows } from '../../server/db/changeFeed';
import type { TicketRecordsResponse } from '../../shared/sync/protocol';
import { openDatabase } from '../../server/db/connect';
import { migrateUpTo } from '../../server/db/migrations';
import { writeRecordRows } from '../../server/db/records';
import type { Write } from '../../shared/domain/mutators';
import type { TicketPage } from '../../shared/tickets/api';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { makeTicket } from '../support/factories';
import { call } from '../support/http';
import { signInTechnician, startTestServer, type TestServer } from '../support/testServer';

/* A desk whose tickets were written before search existed: starting this version fills the index from their records. */
describe.each(DATABASE_KINDS)('upgrading a %s database to server search', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let token = '';
  const tickets = [
    makeTicket({ id: 'a', number: 1, title: 'Überweisung hängt', requester: { name: 'Jürgen Groß', contact: null } }),
    makeTicket({ id: 'b', number: 2, title: 'Printer jams', tags: ['floor-3'] }),
    makeTicket({ id: 'c', number: 3, title: 'VPN drops', description: 'Since the update.' }),
  ];

  beforeAll(async () => {
    database = await createDatabase(kind);
    const handle = openDatabase(database.url);
    await migrateUpTo(handle.db, kind, '0009_canned_replies');
    const writes: Write[] = tickets.map((t): Write => ({ entity: 'ticket', id: t.id, data: t }));
    await handle.db.transaction().execute(async (trx) => {
      await writeRecordRows(trx, writes);
      // The feed as the older schema holds it: without the ticket column of 0013_feed_ticket.
      await insertFeedRows(
        trx,
        kind,
        writes.map((write) => ({ ...feedRow(write), ticket_id: undefined })),
      );
    });
    await handle.close();
    server = await startTestServer(database.url);
    token = await signInTechnician(server);
  });

  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  const search = async (q: string): Promise<string[]> => {
    const answer = await call(server.url, 'GET', `/api/tickets?q=${encodeURIComponent(q)}`, token);
    expect(answer.status).toBe(200);
    return (answer.body as unknown as TicketPage).tickets.map((ticket) => ticket.id);
  };

  it('finds the tickets written before, by any searched field', async () => {
    expect(await search('ÜBERWEISUNG groß')).toEqual(['a']);
    expect(await search('floor-3 jams')).toEqual(['b']);
    expect(await search('the update')).toEqual(['c']);
    expect(await search('#2')).toEqual(['b']);
    expect(await search('')).toEqual(['c', 'b', 'a']);
  });

  it('names each feed row written before its ticket (migration 0013_feed_ticket), so a scoped pull finds it', async () => {
    const rows = await server.db.selectFrom('sync_changes').select(['entity_id', 'ticket_id']).where('entity', '=', 'ticket').orderBy('entity_id').execute();
    expect(rows).toEqual(tickets.map((t) => ({ entity_id: t.id, ticket_id: t.id })).sort((a, b) => a.entity_id.localeCompare(b.entity_id)));
    const records = await call(server.url, 'GET', '/api/sync/tickets?ids=a,c,unknown', token);
    expect(records.status).toBe(200);
    const changes = (records.body as unknown as TicketRecordsResponse).changes;
    expect(changes.map((change) => change.id).sort()).toEqual(['a', 'c']);
  });
});
