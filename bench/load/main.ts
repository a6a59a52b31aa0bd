import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createPostgresDatabaseOn } from '../../tests/support/postgresDatabase';
import { postgresForRun, startThrowawayPostgres, type PostgresForRun } from '../../tests/support/throwawayPostgres';
import { startInstance, type Instance } from './instances';
import { isClean, loadTable } from './report';
import { runLoad, type LoadFault, type LoadOptions, type LoadReport } from './runLoad';
import { writeBenchSection } from '../benchDoc';

/*
 * `npm run load`: the same load against two server instances on one PostgreSQL database and
 * against one instance on SQLite, each instance its own process on loopback, figures side by side.
 * LOAD_CONSOLES (200), LOAD_SECONDS (60), LOAD_THINK_MS (mean pause between one console's changes,
 * 20000), LOAD_ENGINES (postgres,sqlite), LOAD_WRITE=0 to leave docs/BENCHMARKS.md alone.
 * PostgreSQL: MEJA_TEST_PG_URL's server, as the tests; unset, a throwaway cluster of the run's own.
 * LOAD_PG_RESTART=1 restarts PostgreSQL halfway through the load (a fast shutdown, then a start,
 * as `pg_ctlcluster 15 main restart`; `kill`: SIGKILL to its postmaster, then a start, which
 * recovers), held down LOAD_PG_DOWN_S seconds (default 0) in between; it needs the throwaway cluster
 * and writes its own section of docs/BENCHMARKS.md.
 * Exits with 1 when a run broke a guarantee.
 */

const CONSOLES = Number(process.env.LOAD_CONSOLES ?? 200);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const THINK_MS = Number(process.env.LOAD_THINK_MS ?? 20_000);
const ENGINES = (process.env.LOAD_ENGINES ?? (process.env.LOAD_PG_RESTART === undefined ? 'postgres,sqlite' : 'postgres')).split(',').map((e) => e.trim());
const WRITE = process.env.LOAD_WRITE !== '0';
const STORAGE = process.env.LOAD_STORAGE === 'indexeddb' ? 'indexeddb' : 'memory';
const PG_RESTART = process.env.LOAD_PG_RESTART === 'kill' ? 'kill' : process.env.LOAD_PG_RESTART === '1' ? 'fast' : null;
const PG_DOWN_MS = Number(process.env.LOAD_PG_DOWN_S ?? 0) * 1000;
const ADMIN_PASSWORD = 'load-admin-password';
const log = (line: string) => process.stdout.write(`${line}\n`);

const options = (label: string, instances: Instance[], databaseUrl: string, fault?: LoadFault): LoadOptions => ({
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
  ...(fault === undefined ? {} : { fault }),
});

const restartName = (how: 'fast' | 'kill'): string =>
  `PostgreSQL ${how === 'fast' ? 'restarted (fast shutdown, start)' : 'postmaster killed (SIGKILL), started again'}${PG_DOWN_MS > 0 ? `, down ${PG_DOWN_MS / 1000} s` : ''}`;

/** A cluster this run may restart: never MEJA_TEST_PG_URL's server, which others may be using. */
const restartablePostgres = async (): Promise<PostgresForRun & { restart: LoadFault }> => {
  if ((process.env.MEJA_TEST_PG_URL ?? '') !== '') throw new Error('LOAD_PG_RESTART restarts a throwaway cluster of its own: unset MEJA_TEST_PG_URL.');
  const how = PG_RESTART ?? 'fast';
  const server = await startThrowawayPostgres();
  return {
    adminUrl: server.adminUrl,
    description: `a throwaway cluster at ${server.adminUrl} in ${server.dataDir} (postmaster ${server.postmasterPid}), restarted halfway`,
    stop: server.stop,
    restart: {
      name: restartName(how),
      run: async () => {
        await server.down(how);
        if (PG_DOWN_MS > 0) await new Promise((resolve) => setTimeout(resolve, PG_DOWN_MS));
        await server.up();
      },
    },
  };
};

const onPostgres = async (): Promise<LoadReport> => {
  const restartable = PG_RESTART === null ? null : await restartablePostgres();
  const postgres = restartable ?? (await postgresForRun());
  const fault = restartable?.restart;
  log(`postgres: ${postgres.description}`);
  const database = await createPostgresDatabaseOn(postgres.adminUrl);
  const instances: Instance[] = [];
  try {
    log('postgres: starting two instances at once on an empty database…');
    instances.push(...(await Promise.all([startInstance(database.url, ADMIN_PASSWORD), startInstance(database.url, ADMIN_PASSWORD)])));
    return await runLoad(options('PostgreSQL, two instances', instances, database.url, fault));
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

const RESTART_HEADING = 'Load with a database restart';

/** The section of a run with LOAD_PG_RESTART: the same load and checks, PostgreSQL taken down halfway. */
const restartSection = (table: string, machine: string): string =>
  [
    `## ${RESTART_HEADING}`,
    '',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with \`LOAD_PG_RESTART=${process.env.LOAD_PG_RESTART ?? ''}${PG_DOWN_MS > 0 ? ` LOAD_PG_DOWN_S=${PG_DOWN_MS / 1000}` : ''} npm run load\` on ${machine}.`,
    '',
    table,
    '',
    '### Method',
    '',
    '- The load of "Load" above (same consoles, changes, roaming and final checks), on the two PostgreSQL instances; halfway',
    '  through it PostgreSQL is taken down while everything goes on: `LOAD_PG_RESTART=1` a fast shutdown (SIGINT to the',
    '  postmaster: what `pg_ctlcluster 15 main restart` and `pg_ctl restart -m fast` do), `kill` SIGKILL to the postmaster',
    '  (its backends end by themselves, the start recovers from the WAL); then started again on the same port, after',
    "  `LOAD_PG_DOWN_S` seconds. The cluster is a throwaway one of the run's own (`tests/support/throwawayPostgres.ts`).",
    '- Database down → answering again: from the shutdown until the started server answers a query. Then → each console synced',
    '  again: from there until each console that is not a roaming one completed a sync (its outbox pushed and the feed pulled',
    "  to its end); it is what a console waits for the server's `Retry-After` (2 s), its own backoff after repeated failures,",
    "  and the instances' pokes once they listen again.",
    "- Errors are those the consoles' requests met: 503 `database_unavailable` (with `Retry-After`) while the database was",
    '  down, and no other 5xx, no 4xx, no failed request. The run is clean only if every cache equals the server and every',
    '  change is stored once with the outcome its console was told, as in "Load".',
    "- Everything shares this machine (2 cores, with other people's work running): the load average before and after the",
    '  run is given above, and times of a few seconds move with it.',
    '',
  ].join('\n');

const writeSection = (section: string) => writeBenchSection(PG_RESTART === null ? 'Load' : RESTART_HEADING, section);

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
  if (WRITE) writeSection(PG_RESTART === null ? section(table, machine) : restartSection(table, machine));
  if (!reports.every(isClean)) {
    log('load: a run broke a guarantee (see above)');
    process.exitCode = 1;
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`load: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
