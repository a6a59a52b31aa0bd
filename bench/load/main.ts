import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createPostgresDatabaseOn } from '../../tests/support/postgresDatabase';
import { postgresForRun } from '../../tests/support/throwawayPostgres';
import { startInstance, type Instance } from './instances';
import { isClean, loadTable } from './report';
import { runLoad, type LoadOptions, type LoadReport } from './runLoad';
import { writeBenchSection } from '../benchDoc';

/*
 * `npm run load`: the same load against two server instances on one PostgreSQL database and
 * against one instance on SQLite, each instance its own process on loopback, figures side by side.
 * LOAD_CONSOLES (200), LOAD_SECONDS (60), LOAD_THINK_MS (mean pause between one console's changes,
 * 20000), LOAD_ENGINES (postgres,sqlite), LOAD_WRITE=0 to leave docs/BENCHMARKS.md alone.
 * PostgreSQL: MEJA_TEST_PG_URL's server, as the tests; unset, a throwaway cluster of the run's own.
 * Exits with 1 when a run broke a guarantee.
 */

const CONSOLES = Number(process.env.LOAD_CONSOLES ?? 200);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const THINK_MS = Number(process.env.LOAD_THINK_MS ?? 20_000);
const ENGINES = (process.env.LOAD_ENGINES ?? 'postgres,sqlite').split(',').map((e) => e.trim());
const WRITE = process.env.LOAD_WRITE !== '0';
const STORAGE = process.env.LOAD_STORAGE === 'indexeddb' ? 'indexeddb' : 'memory';
const ADMIN_PASSWORD = 'load-admin-password';
const log = (line: string) => process.stdout.write(`${line}\n`);

const options = (label: string, instances: Instance[], databaseUrl: string): LoadOptions => ({
  label,
  instances: instances.map((i) => i.url),
  instancePids: instances.flatMap((i) => (i.pid === undefined ? [] : [i.pid])),
  databaseUrl,
  adminPassword: ADMIN_PASSWORD,
  consoles: CONSOLES,
  durationMs: SECONDS * 1000,
  thinkMs: THINK_MS,
  roamingShare: 0.2,
  onlineMs: [5_000, 25_000],
  offlineMs: [2_000, 12_000],
  seedTickets: 300,
  storage: STORAGE,
  seed: 2026,
  log,
});

const onPostgres = async (): Promise<LoadReport> => {
  const postgres = await postgresForRun();
  log(`postgres: ${postgres.description}`);
  const database = await createPostgresDatabaseOn(postgres.adminUrl);
  const instances: Instance[] = [];
  try {
    log('postgres: starting two instances at once on an empty database…');
    instances.push(...(await Promise.all([startInstance(database.url, ADMIN_PASSWORD), startInstance(database.url, ADMIN_PASSWORD)])));
    return await runLoad(options('PostgreSQL, two instances', instances, database.url));
  } finally {
    for (const instance of instances) await instance.stop();
    await database.drop();
    await postgres.stop();
  }
};

const onSqlite = async (): Promise<LoadReport> => {
  const dir = mkdtempSync(join(tmpdir(), 'meja-load-'));
  const databaseUrl = `sqlite:${join(dir, 'load.sqlite')}`;
  const instances: Instance[] = [];
  try {
    instances.push(await startInstance(databaseUrl, ADMIN_PASSWORD));
    return await runLoad(options('SQLite, one instance', instances, databaseUrl));
  } finally {
    for (const instance of instances) await instance.stop();
    rmSync(dir, { recursive: true, force: true });
  }
};

const section = (table: string, machine: string): string =>
  [
    '## Load',
    '',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with \`npm run load\` on ${machine}.`,
    '',
    table,
    '',
    '### Method',
    '',
    `- \`bench/load/main.ts\` starts the server instances as their own processes (\`server/main.ts\`) on loopback: two at once on a new`,
    '  PostgreSQL database (they migrate it together), then, for the second column, one on a new SQLite file.',
    `- ${CONSOLES} consoles run in the load process: each is the real sync engine on its own Dexie database (fake-indexeddb), signed`,
    "  in as one of the run's technicians at instance i mod n, holding the event stream and syncing on every poke and local change",
    '  as the console does. 300 tickets are on the server before they start; each console first syncs them.',
    `- For ${SECONDS} s each console makes a change after a pause drawn from an exponential distribution with a mean of ${THINK_MS / 1000} s`,
    '  (`bench/load/workload.ts`: transitions, notes, new tickets, edits, assignments, sessions, calls, escalations), on one of the',
    '  40 tickets it saw last. A fifth of the consoles lose the network every 5–25 s for 2–12 s: requests in flight and the event',
    '  stream are cut, and changes made meanwhile wait in the outbox.',
    '- Pull round trip: each page request until its answer is parsed. Poke → change in the cache: a poke arriving at an online',
    '  console until the end of the pull that brought it (the first pull page asked for after the poke). Push sent → title edit in',
    '  another cache: a tracked title edit from the moment the push that the server accepted was sent until each other console',
    '  that stayed online had it in its cache.',
    "- Afterwards everyone comes back online and catches up; then every cache is compared with the server's whole state (read",
    "  through the last instance), every queued change is looked up in the server's ledger (`applied_mutations`), and the records",
    '  must add up: one ticket and one "created" event per applied create, one note and one "note_added" event per applied note,',
    '  no event from a change that was not applied, ticket numbers 1…n without gaps.',
    '- Everything shares this machine: the instances, PostgreSQL and the load process with all its consoles, which on a real desk run',
    '  on other machines. The same checks run at CI size in `tests/load/load.test.ts`.',
    '',
  ].join('\n');

const writeSection = (section: string) => writeBenchSection('Load', section);

const main = async () => {
  const loadBefore = loadavg()[0] ?? 0;
  const reports: LoadReport[] = [];
  for (const engine of ENGINES) {
    if (engine === 'postgres') reports.push(await onPostgres());
    else if (engine === 'sqlite') reports.push(await onSqlite());
    else throw new Error(`LOAD_ENGINES: unknown engine ${JSON.stringify(engine)}`);
  }
  const table = loadTable(reports);
  log(`\n${table}\n`);
  for (const report of reports) for (const difference of report.differences.slice(0, 5)) log(`${report.label}: ${difference}`);
  const cpu = cpus();
  const machine = `${cpu.length} cores, ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; 1-minute load average ${loadBefore.toFixed(1)} before the run and ${(loadavg()[0] ?? 0).toFixed(1)} after it`;
  if (WRITE) writeSection(section(table, machine));
  if (!reports.every(isClean)) {
    log('load: a run broke a guarantee (see above)');
    process.exitCode = 1;
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`load: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
