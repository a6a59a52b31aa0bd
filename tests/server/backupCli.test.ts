/**
 * The real commands, as `npm run backup|restore|migrate-db` runs them: exit code 0 when done,
 * 2 with the reason and the usage when refused before anything changed, and what they print.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOpsCli } from '../support/opsCli';
import { login } from '../support/syncClient';
import { signInTechnician, startTestServer } from '../support/testServer';

const dir = mkdtempSync(join(tmpdir(), 'meja-backup-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const deskUrl = `sqlite:${join(dir, 'desk.sqlite')}`;
const desk = { MEJA_DATABASE_URL: deskUrl };

beforeAll(async () => {
  // A desk with an account and its admin: a database with rows in it.
  const server = await startTestServer(deskUrl);
  await signInTechnician(server);
  await server.close();
});

describe('npm run backup', () => {
  it('writes the backup, shows its progress and prints its size; an existing file is replaced only with --force', async () => {
    const file = join(dir, 'nightly.sqlite');
    const run = await runOpsCli('backup', [file], desk);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(
        `^backup written: ${file.replaceAll('.', '\\.')}, \\d+\\.\\d KB \\(SQLite database file, [\\d.]+ s\\)\\nattachment files: ${file.replaceAll('.', '\\.')}\\.files, 0 new \\(0 bytes\\)\\n$`,
      ),
    );
    // Not a terminal: progress comes as whole lines on stderr.
    expect(run.stderr).toMatch(/^backing up \[#+\] 100% \d+\/\d+ pages$/m);
    expect(statSync(file).mode & 0o777, 'password hashes inside: for its owner only').toBe(0o600);

    const again = await runOpsCli('backup', [file], desk);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain(`${file} already exists: choose a new name, or add --force to replace it.`);
    expect(again.stderr).toContain('usage: npm run backup -- <file> [--force]');
    expect((await runOpsCli('backup', [file, '--force'], desk)).status).toBe(0);
    expect(
      readdirSync(dir).filter((name) => name.includes('.partial-')),
      'no temporary file left behind',
    ).toEqual([]);
  }, 60_000);

  it('keeps the attachment files beside the backup, and restore brings them back into MEJA_FILES_DIR', async () => {
    const url = `sqlite:${join(dir, 'files-desk.sqlite')}`;
    const bytes = Buffer.from(`printer log ${randomUUID()}\n`);
    // The commands' default folder: files beside the SQLite file.
    const server = await startTestServer(url, { attachments: { filesDir: join(dir, 'files') } });
    const admin = await login(server.url, 'admin', server.adminPassword);
    const upload = await fetch(`${server.url}/api/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.token}`, 'x-file-name': 'printer.log' },
      body: bytes,
    });
    const { id } = (await upload.json()) as { id: string };
    await server.close();

    const file = join(dir, 'with-files.sqlite');
    const backup = await runOpsCli('backup', [file], { MEJA_DATABASE_URL: url });
    expect(backup.status, backup.stderr).toBe(0);
    expect(backup.stdout).toContain(`attachment files: ${file}.files, 1 new`);
    const sha = createHash('sha256').update(bytes).digest('hex');
    expect(readdirSync(join(`${file}.files`, sha.slice(0, 2)))).toEqual([sha]);

    const restoredUrl = `sqlite:${join(dir, 'files-restored.sqlite')}`;
    const restoredFiles = join(dir, 'restored-files');
    const restore = await runOpsCli('restore', [file], { MEJA_DATABASE_URL: restoredUrl, MEJA_FILES_DIR: restoredFiles });
    expect(restore.status, restore.stderr).toBe(0);
    expect(restore.stdout).toContain('attachment files: 1 restored');
    const restored = await startTestServer(restoredUrl, { attachments: { filesDir: restoredFiles } });
    try {
      const again = await login(restored.url, 'admin', restored.adminPassword);
      const answer = await fetch(`${restored.url}/api/attachments/${id}`, { headers: { authorization: `Bearer ${again.token}` } });
      expect(answer.status).toBe(200);
      expect(Buffer.from(await answer.arrayBuffer())).toEqual(bytes);
    } finally {
      await restored.close();
    }
  }, 60_000);

  it('exits with 2 and says why for bad arguments, a missing database or folder and a bad MEJA_DATABASE_URL', async () => {
    const [none, unknown, missing, folder, badUrl] = await Promise.all([
      runOpsCli('backup', [], desk),
      runOpsCli('backup', ['a', '--yes'], desk),
      runOpsCli('backup', [join(dir, 'x.sqlite')], { MEJA_DATABASE_URL: `sqlite:${join(dir, 'nothing-here.sqlite')}` }),
      runOpsCli('backup', [join(dir, 'no', 'such', 'x.sqlite')], desk),
      runOpsCli('backup', [join(dir, 'y.sqlite')], { MEJA_DATABASE_URL: 'mysql://db/meja' }),
    ]);
    for (const run of [none, unknown, missing, folder, badUrl]) expect(run.status, run.stderr).toBe(2);
    expect(none.stderr).toContain('Give the backup file.\nusage: npm run backup');
    expect(unknown.stderr).toContain('Unknown option --yes.');
    expect(missing.stderr).toContain(`There is no database at ${join(dir, 'nothing-here.sqlite')}.`);
    expect(existsSync(join(dir, 'nothing-here.sqlite')), 'no empty database made on the way').toBe(false);
    expect(folder.stderr).toContain('does not exist');
    expect(badUrl.stderr).toContain('MEJA_DATABASE_URL must start with sqlite: or postgres://, not "mysql"');
  }, 60_000);

  it('says which tool is missing and what to install when pg_dump is not on PATH, and leaves nothing when the dump fails', async () => {
    // Checked before connecting: this PostgreSQL address is never reached.
    const unreachable = { MEJA_DATABASE_URL: 'postgres://nobody@127.0.0.1:1/meja' };
    const file = join(dir, 'pg.dump');
    const [missingTool, failed] = await Promise.all([
      runOpsCli('backup', [file], { ...unreachable, PATH: join(dir, 'empty-path') }),
      runOpsCli('backup', [file], unreachable),
    ]);
    expect(missingTool.status).toBe(2);
    expect(missingTool.stderr).toContain("pg_dump was not found on PATH. Install the PostgreSQL client tools of the server's major version");
    expect(failed.status, failed.stderr).toBe(1);
    expect(failed.stderr).toMatch(/^backup failed: .*ECONNREFUSED/m);
    expect(
      readdirSync(dir).filter((name) => name.includes('pg.dump')),
      'neither the file nor a partial one',
    ).toEqual([]);
  }, 60_000);
});

describe('npm run restore', () => {
  it('restores into an empty database and says what consoles will do; refuses a database with rows unless --force', async () => {
    const file = join(dir, 'to-restore.sqlite');
    expect((await runOpsCli('backup', [file], desk)).status).toBe(0);
    const target = { MEJA_DATABASE_URL: `sqlite:${join(dir, 'restored.sqlite')}` };
    const run = await runOpsCli('restore', [file], target);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /^restored: 0 tickets, \d+ change feed rows \([\d.]+ s\)\nattachment files: 0 restored \(0 bytes\)\nnew history [0-9a-f]{16}: consoles will sync again from scratch and resend their unsent changes\.\n$/,
    );
    expect(run.stderr).toMatch(/^restoring \[#+\] 100% /m);

    const refused = await runOpsCli('restore', [file], target);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('The target database is not empty (rows in users, auth_tokens, audit_log, sync_changes).');
    expect(refused.stderr).toContain('add --force to replace what it holds (stop the server on it first)');
    expect(refused.stderr).toContain('usage: npm run restore -- <file> [--force]');
    expect((await runOpsCli('restore', [file, '--force'], target)).status).toBe(0);
  }, 60_000);

  it('exits with 2 for a missing file, a file that is no backup, and a backup of the other kind', async () => {
    const target = { MEJA_DATABASE_URL: `sqlite:${join(dir, 'never.sqlite')}` };
    const text = join(dir, 'readme.txt');
    writeFileSync(text, 'Backups are in /var/backups/meja.\n');
    const dump = join(dir, 'fake.dump');
    writeFileSync(dump, 'PGDMP\u0001\u000e\u0000');
    const [missing, notBackup, otherKind] = await Promise.all([
      runOpsCli('restore', [join(dir, 'gone.sqlite')], target),
      runOpsCli('restore', [text], target),
      runOpsCli('restore', [dump], target),
    ]);
    for (const run of [missing, notBackup, otherKind]) expect(run.status, run.stderr).toBe(2);
    expect(missing.stderr).toContain(`Cannot read ${join(dir, 'gone.sqlite')}: no such file.`);
    expect(notBackup.stderr).toContain(`${text} is neither a SQLite database nor a pg_dump custom-format archive: not a backup npm run backup wrote.`);
    expect(otherKind.stderr).toContain(`${dump} is a PostgreSQL backup, and MEJA_DATABASE_URL names a SQLite database.`);
    expect(existsSync(join(dir, 'never.sqlite')), 'the target was never created').toBe(false);
  }, 60_000);
});

describe('npm run migrate-db', () => {
  it('exits with 2 for missing or equal URLs, a missing source and a target that holds rows', async () => {
    const [none, same, missing] = await Promise.all([
      runOpsCli('migrate-db', [deskUrl]),
      runOpsCli('migrate-db', [deskUrl, deskUrl]),
      runOpsCli('migrate-db', [`sqlite:${join(dir, 'absent.sqlite')}`, `sqlite:${join(dir, 'copy.sqlite')}`]),
    ]);
    for (const run of [none, same, missing]) expect(run.status, run.stderr).toBe(2);
    expect(none.stderr).toContain(
      'Give the database to copy from and the one to copy to (1 argument given).\nusage: npm run migrate-db -- <from-url> <to-url>',
    );
    expect(same.stderr).toContain('The source and the target are the same database.');
    expect(missing.stderr).toContain(`There is no database at ${join(dir, 'absent.sqlite')}.`);
    const copy = `sqlite:${join(dir, 'copy.sqlite')}`;
    const done = await runOpsCli('migrate-db', [deskUrl, copy]);
    expect(done.status, done.stderr).toBe(0);
    expect(done.stdout).toMatch(/^ {2}users +2 → +2 {2}ok$/m);
    expect(done.stderr).toMatch(/^copying \[#+\] 100% /m);
    const full = await runOpsCli('migrate-db', [deskUrl, copy]);
    expect(full.status).toBe(2);
    expect(full.stderr).toContain('is not empty (rows in users');
    expect(full.stderr).toContain('migrate-db copies into an empty database only.');
  }, 60_000);
});
