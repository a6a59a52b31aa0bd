/**
 * `npm run restore -- <file> [--force]`: restores a backup of `npm run backup` into the database
 * MEJA_DATABASE_URL names, which must be empty (or --force: what it holds is replaced; stop the
 * server on it first). The kind of backup is read from the file. The restored database starts a
 * new history: consoles get 410 cursor_too_old and pull from scratch,  keeping their unsent changes.
 * The attachment files kept beside the backup (`<file>.files`) are copied into MEJA_FILES_DIR.
 * Exit codes: 0 restored, 2 refused before anything was changed, 1 failed on the way.
 */
import { attachmentSettingsOf } from '../server/attachments/attachmentSettings';
import { databaseUrlOf, describeDatabaseUrl } from '../server/config';
import { RESTORE_USAGE, parseRestoreArgs } from '../server/backup/cliArgs';
import { refuseOnThrow, runCommand } from '../server/backup/command';
import { copyFrame, sizeText } from '../server/backup/progress';
import { Refused } from '../server/backup/refused';
import { restoreBackup } from '../server/backup/restore';
import { frameReporter } from '../server/import/progressBar';

runCommand('restore', RESTORE_USAGE, async () => {
  const args = parseRestoreArgs(process.argv.slice(2));
  if (!args.ok) throw new Refused(args.error);
  const databaseUrl = refuseOnThrow(() => databaseUrlOf(process.env));
  const { filesDir } = refuseOnThrow(() => attachmentSettingsOf(process.env, databaseUrl));
  process.stderr.write(`restoring ${args.value.file} into ${describeDatabaseUrl(databaseUrl)}\n`);
  const progress = frameReporter(process.stderr, copyFrame);
  const started = Date.now();
  const result = await restoreBackup({ databaseUrl, ...args.value, filesDir, onProgress: (p) => progress.update(p) }).finally(() => progress.done());
  process.stdout.write(
    [
      `restored: ${result.tickets.toLocaleString('en')} tickets, ${result.history.feedRows.toLocaleString('en')} change feed rows${result.history.renumbered ? ' (renumbered)' : ''} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
      `attachment files: ${(result.files?.files ?? 0).toLocaleString('en')} restored (${sizeText(result.files?.bytes ?? 0)})`,
      `new history ${result.history.epoch}: consoles will sync again from scratch and resend their unsent changes.`,
      '',
    ].join('\n'),
  );
});
