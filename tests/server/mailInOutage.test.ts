import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, type TestDatabase } from '../support/databases';
import { startPgWireCutter, type PgWireCutter } from '../support/pgWireCutter';
import { mailText, sendMail } from '../support/smtpClient';
import { startTestServer, type TestServer } from '../support/testServer';

/*
 * The database connection breaks while a mail's ticket commits (PostgreSQL restarting): the
 * listener cannot know whether it was stored, so it answers 451 and the sending server keeps the
 * mail and sends it again; the second delivery stores it, or finds it stored: one ticket either
 * way, nothing lost. PostgreSQL only: SQLite has no connection to lose.
 */
const ticketsTitled = async (databaseUrl: string, title: string): Promise<number> => {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const rows = await client.query<{ n: number }>('select count(*)::int as n from tickets where title = $1', [title]);
    return rows.rows[0]?.n ?? -1;
  } finally {
    await client.end();
  }
};

describe('mail in while the database is briefly unavailable (PostgreSQL)', () => {
  let database: TestDatabase;
  let cutter: PgWireCutter;
  let server: TestServer;

  beforeAll(async () => {
    database = await createPostgresDatabase();
    cutter = await startPgWireCutter(database.url);
    server = await startTestServer(cutter.url, { mailIn: { listen: { host: '127.0.0.1', port: 0 }, domains: ['desk.example'], maxBytes: 1024 * 1024 } });
  });
  afterAll(async () => {
    await server?.close();
    await cutter?.close();
    await database?.drop();
  });

  it.each([
    ['after PostgreSQL committed it', 'after', 1],
    ['before the commit reached PostgreSQL', 'before', 0],
  ] as const)(
    'connection cut %s: 451, and sent again it makes exactly one ticket',
    async (_name, when, storedAfterCut) => {
      const title = `Mail cut ${when} the commit`;
      const mail = mailText({ From: 'Ani <ani@example.id>', To: 'help@desk.example', Subject: title, 'Message-ID': `<cut-${when}@mail.example>` }, 'Body.');
      const deliver = () => sendMail(server.mailPort ?? 0, { from: 'ani@example.id', to: ['help@desk.example'], data: mail });
      const cut = cutter.cutAtNextCommit(when);
      const first = await deliver();
      await cut;
      expect(first.final.code).toBe(451);
      expect(await ticketsTitled(database.url, title)).toBe(storedAfterCut);

      const again = await deliver();
      expect(again.final.code).toBe(250);
      expect(await ticketsTitled(database.url, title)).toBe(1);
    },
    60_000,
  );
});
