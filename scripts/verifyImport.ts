/**
 * `npm run verify:import -- <file> [--format <format>]`: imports the whole file into a temporary
 * SQLite database and prints the headline figures over the whole range (earliest creation day to
 * the day after the latest event), computed with the reference computeStatsReport over the
 * history read back from the database, and with the server's SQL when server/stats/queries.ts
 * provides querySummary (exit code 1 if the two disagree), so anyone can check them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { StatsSummary } from '../shared/stats/metrics';
import { computeStatsReport } from '../shared/stats/report';
import type { StatsQuery } from '../shared/stats/selection';
import { toPublicUser } from '../server/auth/users';
import { openDatabase, type Db } from '../server/db/connect';
import { migrateToLatest } from '../server/db/migrations';
import { eventFromRow, ticketFromRow } from '../server/db/rowReaders';
import { isImportFormat, type ImportFormat } from '../server/import/draft';
import { ImportSourceError } from '../server/import/importSource';
import { progressReporter } from '../server/import/progressBar';
import { countReasons } from '../server/import/reportText';
import { runImport } from '../server/import/runImport';

const DAY = 86_400_000;
const say = (line = '') => process.stdout.write(`${line}\n`);
const fail = (message: string): never => {
  process.stderr.write(`${message}\nusage: npm run verify:import -- <file> [--format servicenow-events|helpdesk-events|csv]\n`);
  process.exit(2);
};

const formatFromName = (file: string): ImportFormat => {
  const name = basename(file).toLowerCase();
  if (name.includes('helpdesk')) return 'helpdesk-events';
  if (name.includes('incident') || name.endsWith('.zip')) return 'servicenow-events';
  return 'csv';
};

const show = (value: number | null, digits = 4): string => (value === null ? 'n/a' : Number.isInteger(value) ? String(value) : value.toFixed(digits));

type SummaryQuery = (db: Db, kind: 'sqlite', query: StatsQuery) => Promise<StatsSummary> | StatsSummary;

/** The SQL version when another part of the project has written it (it may not exist yet). */
const loadSqlSummary = async (): Promise<SummaryQuery | null> => {
  const url = pathToFileURL(join(import.meta.dirname, '..', 'server', 'stats', 'queries.ts')).href;
  try {
    const mod = (await import(url)) as { querySummary?: unknown };
    return typeof mod.querySummary === 'function' ? (mod.querySummary as SummaryQuery) : null;
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND') return null;
    throw error;
  }
};

const main = async () => {
  const args = process.argv.slice(2);
  const at = args.indexOf('--format');
  const given = at >= 0 ? (args[at + 1] ?? fail('--format needs a value.')) : null;
  const files = at >= 0 ? [...args.slice(0, at), ...args.slice(at + 2)] : args;
  const file = files[0];
  if (file === undefined || files.length > 1) return fail('Give one file.');
  const format = given ?? formatFromName(file);
  if (!isImportFormat(format)) return fail(`Unknown format ${JSON.stringify(format)}.`);

  const dir = mkdtempSync(join(tmpdir(), 'meja-verify-'));
  const handle = openDatabase(`sqlite:${join(dir, 'verify.sqlite')}`);
  try {
    await migrateToLatest(handle.db, handle.kind);
    process.stderr.write(`verifying ${file} as ${format} in a temporary SQLite database\n`);
    const progress = progressReporter(process.stderr);
    const started = Date.now();
    const report = await runImport(handle.db, handle.kind, format, file, (p) => progress.update(p)).finally(() => progress.done());
    const importSeconds = (Date.now() - started) / 1000;

    const db = handle.db;
    const [tickets, events, users, imports] = await Promise.all([
      db.selectFrom('tickets').selectAll().execute(),
      db.selectFrom('ticket_events').selectAll().execute(),
      db.selectFrom('users').select(['id', 'username', 'display_name', 'role', 'tier', 'active']).execute(),
      db.selectFrom('ticket_imports').select(['made_sla']).execute(),
    ]);
    // Imports bring no remote sessions; the temporary database holds nothing else.
    const history = { tickets: tickets.map(ticketFromRow), events: events.map(eventFromRow), sessions: [], users: users.map(toPublicUser) };
    // A loop, not Math.min(...all): 141k arguments would overflow the stack.
    let firstCreated = Number.POSITIVE_INFINITY;
    let lastEvent = Number.NEGATIVE_INFINITY;
    for (const t of tickets) {
      firstCreated = Math.min(firstCreated, t.created_at);
      lastEvent = Math.max(lastEvent, t.updated_at, t.resolved_at ?? 0, t.closed_at ?? 0);
    }
    for (const e of events) lastEvent = Math.max(lastEvent, e.at);
    if (tickets.length === 0) return fail('The file gave no tickets; nothing to measure.');
    const from = new Date(Math.floor(firstCreated / DAY) * DAY).toISOString();
    const to = new Date((Math.floor(lastEvent / DAY) + 1) * DAY).toISOString();
    const query: StatsQuery = { period: { from, to }, filters: {}, options: { now: to } };
    const reference = computeStatsReport(history, query).summary;
    const withSla = imports.filter((r) => r.made_sla !== null);

    say(`file ${basename(file)} (${format}), import ${importSeconds.toFixed(1)} s`);
    say(`range ${from.slice(0, 10)} to ${to.slice(0, 10)} (to exclusive)`);
    say(`rows ${report.rows}, tickets ${report.tickets}, events ${events.length}, technicians ${report.technicians.total}`);
    say(
      `skipped ${report.skipped.length}${countReasons(report.skipped)
        .map(([reason, n]) => `; ${reason}: ${n}`)
        .join('')}`,
    );
    say(`notes ${report.notes.length}; credit disagreements (statistics vs source rule) ${report.creditDisagreements}`);
    say('summary (reference computeStatsReport):');
    for (const [key, value] of Object.entries(reference)) say(`  ${key.padEnd(28)} ${show(value as number | null)}`);
    if (withSla.length > 0)
      say(`  ${'madeSlaShare (source)'.padEnd(28)} ${show(withSla.filter((r) => r.made_sla === 1).length / withSla.length)} of ${withSla.length}`);

    const querySummary = await loadSqlSummary();
    if (querySummary === null) {
      say('SQL summary: server/stats/queries.ts has no querySummary yet; only the reference figures are shown.');
      return;
    }
    const sqlStarted = Date.now();
    const fromSql = await querySummary(db, 'sqlite', query);
    say(`summary (SQL querySummary, ${((Date.now() - sqlStarted) / 1000).toFixed(2)} s):`);
    const differences: string[] = [];
    for (const [key, value] of Object.entries(reference)) {
      const other = (fromSql as Record<string, number | null>)[key] ?? null;
      const same =
        value === other || (typeof value === 'number' && typeof other === 'number' && Math.abs(value - other) <= 1e-9 * Math.max(1, Math.abs(value)));
      say(`  ${key.padEnd(28)} ${show(other)}${same ? '' : '   <-- DIFFERS from the reference'}`);
      if (!same) differences.push(key);
    }
    if (differences.length > 0) {
      process.stderr.write(`SQL and reference disagree on ${differences.join(', ')}\n`);
      process.exitCode = 1;
    }
  } catch (error) {
    if (error instanceof ImportSourceError) fail(error.message);
    throw error;
  } finally {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`verify failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
