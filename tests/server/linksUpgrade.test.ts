import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedRow, insertFeedRows } from '../../server/db/changeFeed';
import { openDatabase, type DbHandle } from '../../server/db/connect';
import { migrateToLatest, migrateUpTo } from '../../server/db/migrations';
import { writeRecordRows } from '../../server/db/records';
import type { Write } from '../../shared/domain/mutators';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { makeTicket } from '../support/factories';

/*
 * Links made before migration 0008 live only on the tickets' records in the change feed; the
 * migration copies them into ticket_links, so the statistics count those incidents too.
 */
describe.each(DATABASE_KINDS)('upgrading a %s database whose tickets hold links', (kind) => {
  let database: TestDatabase;
  let handle: DbHandle;
  const problem = makeTicket({
    id: 'p',
    number: 1,
    isProblem: true,
    links: [
      { otherId: 'i', kind: 'incident' },
      { otherId: 'r', kind: 'related' },
    ],
  });
  const incident = makeTicket({ id: 'i', number: 2, links: [{ otherId: 'p', kind: 'problem' }] });
  const related = makeTicket({ id: 'r', number: 3, links: [{ otherId: 'p', kind: 'related' }] });
  const plain = makeTicket({ id: 'x', number: 4 });

  beforeAll(async () => {
    database = await createDatabase(kind);
    handle = openDatabase(database.url);
    await migrateUpTo(handle.db, kind, '0007_ticket_tags');
    const writes: Write[] = [problem, incident, related, plain].map((t): Write => ({ entity: 'ticket', id: t.id, data: t }));
    await handle.db.transaction().execute(async (trx) => {
      // The rows as that version wrote them: it had no ticket_links table to write.
      await writeRecordRows(
        trx,
        writes.map((w) => (w.entity === 'ticket' ? { ...w, data: { ...w.data, links: undefined } } : w)),
      );
      // The feed as the older schema holds it: without the ticket column of 0013_feed_ticket.
      await insertFeedRows(
        trx,
        kind,
        writes.map((write) => ({ ...feedRow(write), ticket_id: undefined })),
      );
    });
  });
  afterAll(async () => {
    await handle.close();
    await database.drop();
  });

  it('copies every link from the stored records', async () => {
    await migrateToLatest(handle.db, kind);
    const rows = await handle.db.selectFrom('ticket_links').selectAll().execute();
    expect(rows.map((r) => `${r.ticket_id}>${r.other_id}:${r.kind}`).sort()).toEqual(['i>p:problem', 'p>i:incident', 'p>r:related', 'r>p:related']);
  });
});
