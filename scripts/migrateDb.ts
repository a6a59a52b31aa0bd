/**
 * `npm run migrate-db -- <from-url> <to-url>`: copies every record of one Meja database into
 * another, empty one (SQLite to PostgreSQL, or back), migrating the target first; prints each
 * table's count in both. Stop the server first: changes made after the copy began stay behind.
 * Exit codes: 0 copied, 2 refused before anything was written, 1 failed (the target keeps nothing).
 */
import { describeDatabaseUrl } from '../server/config';
import { MIGRATE_USAGE, parseMigrateArgs } from '../server/backup/cliArgs';
import { runCommand } from '../server/backup/command';
import { copyDatabase } from '../server/backup/copyDatabase';
import { copyFrame } from '../server/backup/progress';
import { Refused } from '../server/backup/refused';
import { frameReporter } from '../server/import/progressBar';

runCommand('migrate-db', MIGRATE_USAGE, async () => {
  const args = parseMigrateArgs(process.argv.slice(2));
  if (!args.ok) throw new Refused(args.error);
  process.stderr.write(`copying ${describeDatabaseUrl(args.value.from)} into ${describeDatabaseUrl(args.value.to)}\n`);
  const progress = frameReporter(process.stderr, copyFrame);
  const started = Date.now();
  const result = await copyDatabase({ ...args.value, onProgress: (p) => progress.update(p) }).finally(() => progress.done());
  const width = Math.max(...result.tables.map((t) => t.table.length));
  const lines = result.tables.map(
    (t) => `  ${t.table.padEnd(width)}  ${t.source.toLocaleString('en').padStart(10)} → ${t.target.toLocaleString('en').padStart(10)}  ok`,
  );
  process.stdout.write(
    [
      `copied ${result.from} → ${result.to} (${((Date.now() - started) / 1000).toFixed(1)} s), rows per table in the source → in the target:`,
      ...lines,
      `${result.history.feedRows === 0 ? 'change feed empty' : `change feed renumbered 1…${result.history.feedRows.toLocaleString('en')}`}; new history ${result.history.epoch}: consoles will sync again from scratch.`,
      '',
    ].join('\n'),
  );
});
