/**
 * `restoreBackup` and `writeBackup` against real databases: the new history a restore starts
 * (epoch, the feed renumbered in its old order, counters), the refusal of a target that holds
 * data and what --force replaces, and backups that do not fit.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { writeBackup } from '../../server/backup/backup';
import { Refused } from '../../server/backup/refused';
import { existingTables } from '../../server/backup/targetTables';
import { restoreBackup } from '../../server/backup/restore';
import { openDatabase } from '../../server/db/connect';
import { readMeta } from '../../server/db/changeFeed';
import { migrateToLatest } from '../../server/db/migrations';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { makeCreateArgs } from '../support/factories';
import { call, pullPage, pullToEnd, push } from '../support/http';
import { login } from '../support/syncClient';
import { signInTechnician, startTestServer } from '../support/testServer';

const dir = mkdtempSync(join(tmpdir(), 'meja-restore-'));
const databases: TestDatabase[] = [];
afterAll(async () => {
  await Promise.all(databases.map((database) => database.drop()));
  rmSync(dir, { recursive: true, force: true });
});

const fresh = async (kind: 'sqlite' | 'postgres'): Promise<TestDatabase> => {
  const database = await createDatabase(kind);
  databases.push(database);
  return database;
};

/** A desk with a few tickets written through the real server by its technician tina (password tina-password). */
const deskWithTickets = async (url: string, tickets: number): Promise<void> => {
  const server = await startTestServer(url);
  try {
    const token = await signInTechnician(server);
    const created = Array.from({ length: tickets }, () => makeCreateArgs());
    await push(
      server.url,
      token,
      created.map((args) => ({ name: 'ticket:create', args })),
    );
    // She opens the first on demand: her opening is part of the desk, restored with it.
    if (created[0] !== undefined) expect((await call(server.url, 'GET', `/api/tickets/${created[0].id}`, token)).status).toBe(200);
  } finally {
    await server.close();
  }
};

const feedOrder = async (url: string) => {
  const handle = openDatabase(url);
  try {
    return await handle.db.selectFrom('sync_changes').select(['entity', 'entity_id', 'tx', 'seq']).orderBy('tx').orderBy('seq').execute();
  } finally {
    await handle.close();
  }
};

const opensOf = async (url: string) => {
  const handle = openDatabase(url);
  try {
    return await handle.db.selectFrom('ticket_opens').selectAll().orderBy('user_id').orderBy('ticket_id').execute();
  } finally {
    await handle.close();
  }
};

const backupOf = async (url: string, name: string): Promise<string> => {
  const file = join(dir, name);
  await writeBackup({ databaseUrl: url, file, force: false });
  return file;
};

describe.each(DATABASE_KINDS)('restore on %s', (kind) => {
  it('starts a new history: a new epoch, the feed in its old order at tx 0 and seq 1…n, and new changes after every restored row', async () => {
    const source = await fresh(kind);
    await deskWithTickets(source.url, 5);
    // The rows carry transaction ids far beyond the target's, as a dump from a busier cluster does.
    const handle = openDatabase(source.url);
    await sql`update sync_changes set tx = tx + 1000000000000`.execute(handle.db);
    const sourceEpoch = (await readMeta(handle.db)).epoch;
    await handle.close();
    const before = await feedOrder(source.url);
    const file = await backupOf(source.url, `history-${kind}`);

    const target = await fresh(kind);
    const result = await restoreBackup({ databaseUrl: target.url, file, force: false });
    expect(result).toMatchObject({ kind, tickets: 5, history: { feedRows: before.length, renumbered: true } });
    const after = await feedOrder(target.url);
    expect(
      after.map((row) => `${row.entity}/${row.entity_id}`),
      'the old (tx, seq) order',
    ).toEqual(before.map((row) => `${row.entity}/${row.entity_id}`));
    expect(after.map((row) => [row.tx, row.seq])).toEqual(after.map((_, i) => [0, i + 1]));
    const opened = await opensOf(source.url);
    expect(opened, 'the desk has an opening to restore').toHaveLength(1);
    expect(await opensOf(target.url), 'openings come back as they were').toEqual(opened);
    const restored = openDatabase(target.url);
    const meta = await readMeta(restored.db);
    await restored.close();
    expect(meta.epoch).not.toBe(sourceEpoch);
    expect(meta).toMatchObject({ horizon: { tx: 0, seq: 0 }, purges: 0 });

    const server = await startTestServer(target.url);
    try {
      // Her account and password hash came back with the restore.
      const { token } = await login(server.url, 'tina', 'tina-password');
      const first = await pullToEnd(server.url, token);
      expect(
        first.changes.filter((change) => change.entity === 'ticket'),
        'every restored ticket is visible',
      ).toHaveLength(5);
      const created = makeCreateArgs();
      await push(server.url, token, [{ name: 'ticket:create', args: created }]);
      const next = await pullPage(server.url, token, first.cursor);
      expect(
        next.changes.map((change) => change.id),
        'a change written after the restore comes after the restored rows',
      ).toContain(created.id);
      const ticket = next.changes.find((change) => change.id === created.id);
      expect(ticket?.data).toMatchObject({ number: 6 });
    } finally {
      await server.close();
    }
  });

  it('refuses a target that holds data, naming what it holds, and leaves it as it was; --force replaces it', async () => {
    const source = await fresh(kind);
    await deskWithTickets(source.url, 3);
    const file = await backupOf(source.url, `force-${kind}`);
    const target = await fresh(kind);
    await deskWithTickets(target.url, 2);

    const refusal = restoreBackup({ databaseUrl: target.url, file, force: false });
    await expect(refusal).rejects.toBeInstanceOf(Refused);
    await expect(refusal).rejects.toThrow(
      /^The target database is not empty \(rows in (public\.)?users, (public\.)?auth_tokens, (public\.)?tickets.*add --force/,
    );
    const kept = openDatabase(target.url);
    expect(await kept.db.selectFrom('tickets').select('id').execute()).toHaveLength(2);
    await kept.close();

    expect(await restoreBackup({ databaseUrl: target.url, file, force: true })).toMatchObject({ tickets: 3 });
  });

  it('takes a database that is only migrated, with no rows of a desk, as empty', async () => {
    const source = await fresh(kind);
    await deskWithTickets(source.url, 1);
    const file = await backupOf(source.url, `migrated-${kind}`);
    const target = await fresh(kind);
    const handle = openDatabase(target.url);
    await migrateToLatest(handle.db, kind);
    await handle.close();
    expect(await restoreBackup({ databaseUrl: target.url, file, force: false })).toMatchObject({ tickets: 1 });
  });

  it('refuses a backup made by a newer Meja', async () => {
    const source = await fresh(kind);
    await deskWithTickets(source.url, 1);
    const handle = openDatabase(source.url);
    await sql`insert into kysely_migration (name, timestamp) values ('9999_from_the_future', '2030-01-01T00:00:00.000Z')`.execute(handle.db);
    await handle.close();
    const file = await backupOf(source.url, `newer-${kind}`);
    const target = await fresh(kind);
    await expect(restoreBackup({ databaseUrl: target.url, file, force: false })).rejects.toThrow(
      'was made by a newer Meja (migrations 9999_from_the_future are unknown to this version)',
    );
    const untouched = openDatabase(target.url);
    expect(await existingTables(untouched.db, kind), 'refused before the target was touched').toEqual([]);
    await untouched.close();
  });
});

describe('restore refuses what does not fit before touching the target', () => {
  it('a backup of the other kind, and a file that is no backup', async () => {
    const sqlite = await fresh('sqlite');
    await deskWithTickets(sqlite.url, 1);
    const file = await backupOf(sqlite.url, 'kind.sqlite');
    // Refused on the file alone: this PostgreSQL address is never connected to.
    await expect(restoreBackup({ databaseUrl: 'postgres://nobody@127.0.0.1:1/meja', file, force: false })).rejects.toThrow(
      `${file} is a SQLite backup, and MEJA_DATABASE_URL names a PostgreSQL database. Restore it into a SQLite database, then move that with npm run migrate-db.`,
    );
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'not a backup\n');
    await expect(restoreBackup({ databaseUrl: `sqlite:${join(dir, 'never.sqlite')}`, file: text, force: false })).rejects.toThrow(
      `${text} is neither a SQLite database nor a pg_dump custom-format archive: not a backup npm run backup wrote.`,
    );
    const empty = join(dir, 'empty.sqlite');
    writeFileSync(empty, '');
    await expect(restoreBackup({ databaseUrl: `sqlite:${join(dir, 'never.sqlite')}`, file: empty, force: false })).rejects.toThrow('is an empty file');
  });
});
