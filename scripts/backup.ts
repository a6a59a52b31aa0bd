/**
 * `npm run backup -- <file> [--force]`: a consistent backup of the database MEJA_DATABASE_URL
 * names, taken while the server keeps running (SQLite: the online backup API; PostgreSQL:
 * pg_dump -Fc), then the attachment files (MEJA_FILES_DIR) into `<file>.files` beside it. Progress goes to stderr, the file and its size to stdout. Exit codes: 0 written,
 * 2 refused before anything was written (bad arguments, an existing file, pg_dump missing),
 * 1 failed on the way (nothing is left under the file's name).
 */
import { attachmentSettingsOf } from '../server/attachments/attachmentSettings';
import { databaseUrlOf, describeDatabaseUrl } from '../server/config';
import { writeBackup } from '../server/backup/backup';
import { BACKUP_USAGE, parseBackupArgs } from '../server/backup/cliArgs';
import { refuseOnThrow, runCommand } from '../server/backup/command';
import { copyFrame, sizeText } from '../server/backup/progress';
import { Refused } from '../server/backup/refused';
import { frameReporter } from '../server/import/progressBar';

runCommand('backup', BACKUP_USAGE, async () => {
  const args = parseBackupArgs(process.argv.slice(2));
  if (!args.ok) throw new Refused(args.error);
  const databaseUrl = refuseOnThrow(() => databaseUrlOf(process.env));
  const { filesDir } = refuseOnThrow(() => attachmentSettingsOf(process.env, databaseUrl));
  process.stderr.write(`backing up ${describeDatabaseUrl(databaseUrl)} to ${args.value.file}\n`);
  const progress = frameReporter(process.stderr, copyFrame);
  const started = Date.now();
  const result = await writeBackup({ databaseUrl, ...args.value, filesDir, onProgress: (p) => progress.update(p) }).finally(() => progress.done());
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    `backup written: ${result.file}, ${sizeText(result.bytes)} (${result.kind === 'sqlite' ? 'SQLite database file' : 'pg_dump custom format'}, ${seconds} s)\n` +
      (result.files === null
        ? ''
        : `attachment files: ${result.files.dir}, ${result.files.files.toLocaleString('en')} new (${sizeText(result.files.bytes)})\n`),
  );
});
