/**
 * `npm run import -- <format> <file> [--report report.json]`: loads service desk history into the
 * database MEJA_DATABASE_URL names (migrating it first). Progress goes to stderr, the report to
 * stdout. A bad format or unreadable file exits with code 2.
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { describeDatabaseUrl, loadConfig } from '../server/config';
import { openDatabase } from '../server/db/connect';
import { migrateToLatest } from '../server/db/migrations';
import { IMPORT_FORMATS, isImportFormat } from '../server/import/draft';
import { ImportSourceError } from '../server/import/importSource';
import { progressReporter } from '../server/import/progressBar';
import { reportText } from '../server/import/reportText';
import { runImport } from '../server/import/runImport';

const usage = `usage: npm run import -- <${IMPORT_FORMATS.join('|')}> <file> [--report <report.json>]`;

const fail = (message: string): never => {
  process.stderr.write(`${message}\n${usage}\n`);
  process.exit(2);
};

const main = async () => {
  const args = process.argv.slice(2);
  const reportAt = args.indexOf('--report');
  const reportPath = reportAt >= 0 ? (args[reportAt + 1] ?? fail('--report needs a file name.')) : null;
  const [format, file, ...rest] = reportAt >= 0 ? [...args.slice(0, reportAt), ...args.slice(reportAt + 2)] : args;
  if (format === undefined || file === undefined || rest.length > 0) return fail('Give a format and one file.');
  if (!isImportFormat(format)) return fail(`Unknown format ${JSON.stringify(format)}.`);
  // A missing file must not leave a new empty database behind.
  if (!existsSync(file) || !statSync(file).isFile()) return fail(`Cannot read ${file}: no such file.`);
  const { databaseUrl } = loadConfig(process.env, []);
  const handle = openDatabase(databaseUrl);
  try {
    await migrateToLatest(handle.db, handle.kind);
    process.stderr.write(`importing ${file} as ${format} into ${describeDatabaseUrl(databaseUrl)}\n`);
    const progress = progressReporter(process.stderr);
    const started = Date.now();
    const report = await runImport(handle.db, handle.kind, format, file, (p) => progress.update(p)).finally(() => progress.done());
    process.stdout.write(`${reportText(report)}\n  took ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    if (reportPath !== null) {
      writeFileSync(reportPath, `${JSON.stringify(report, null, 2)}\n`);
      process.stdout.write(`full report: ${reportPath}\n`);
    }
  } catch (error) {
    if (error instanceof ImportSourceError) fail(error.message);
    throw error;
  } finally {
    await handle.close();
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`import failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
