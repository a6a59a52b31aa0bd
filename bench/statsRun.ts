import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../server/app';
import { openDatabase } from '../server/db/connect';
import { migrateToLatest } from '../server/db/migrations';
import { rebuildAllTicketFacts } from '../server/stats/ticketFactsTable';
import pg from 'pg';
import { createPostgresDatabaseOn, type TestDatabase } from '../tests/support/postgresDatabase';
import { postgresForRun } from '../tests/support/throwawayPostgres';
import { categoryName, countRows, generateStatsData, technicianId, type GeneratedShape } from './statsData';
import { ms, percentile } from './stats';
import { writeBenchSection } from './benchDoc';

/*
 * The statistics routes on a generated desk history (bench/statsData.ts), on SQLite and
 * PostgreSQL: generation and the ticket_facts rebuild are timed, then every route is asked over
 * loopback HTTP with several query shapes. Writes the "Statistics" section of docs/BENCHMARKS.md.
 * `BENCH_ONLY=stats npm run bench`; TICKETS=20000 for a quicker run; STATS_ENGINES=sqlite|postgres
 * for one engine; STATS_RUNS (default 20) measured requests per shape.
 */

const TICKETS = Number(process.env.TICKETS ?? 100_000);
const RUNS = Number(process.env.STATS_RUNS ?? 20);
const WARMUP = 3;
const PORT = Number(process.env.MEJA_BENCH_PORT ?? 4991);
const WRITE = process.env.BENCH_WRITE !== '0';
const ENGINES = (process.env.STATS_ENGINES ?? 'sqlite,postgres').split(',');
const ADMIN_PASSWORD = 'bench-admin-password';
const DAY = 86_400_000;
const log = (line: string) => process.stdout.write(`${line}\n`);

type Shape = { route: string; name: string; query: Record<string, string> };
type Result = Shape & { p50: number; p95: number; max: number; bytes: number; status: number };
type EngineRun = { engine: string; shape: GeneratedShape & { facts: number }; generateMs: number; rebuildMs: number; results: Result[] };

const shapes = (now: number): Shape[] => {
  const iso = (t: number) => new Date(t).toISOString();
  const last30 = { from: iso(now - 30 * DAY), to: iso(now) };
  const year = { from: iso(now - 365 * DAY), to: iso(now) };
  const all = { from: iso(now - 731 * DAY), to: iso(now) };
  const periodShapes: Array<[string, Record<string, string>]> = [
    ['last 30 days', last30],
    ['last year', year],
    ['whole range (2 years)', all],
    ['year, tier 2', { ...year, tier: '2' }],
    ['year, one category', { ...year, category: categoryName(3) }],
    ['year, one technician', { ...year, technician: technicianId(1, 5) }],
    ['year, CSV', { ...year, format: 'csv' }],
  ];
  const periodic = ['summary', 'technicians', 'categories'].flatMap((route) => periodShapes.map(([name, query]) => ({ route, name, query })));
  // The backlog is a snapshot at the server's now: the period does not change the work, filters do.
  const backlog: Shape[] = [
    { route: 'backlog', name: 'now', query: last30 },
    { route: 'backlog', name: 'now, tier 2', query: { ...last30, tier: '2' } },
    { route: 'backlog', name: 'now, CSV', query: { ...last30, format: 'csv' } },
  ];
  return [...periodic, ...backlog];
};

const signIn = async (base: string, username: string, password: string): Promise<string> => {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`sign-in as ${username}: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
};

const measure = async (base: string, token: string, shape: Shape): Promise<Result> => {
  const url = `${base}/api/stats/${shape.route}?${new URLSearchParams(shape.query).toString()}`;
  const times: number[] = [];
  let bytes = 0;
  let status = 0;
  for (let i = 0; i < WARMUP + RUNS; i += 1) {
    const started = performance.now();
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    const body = await response.arrayBuffer();
    const took = performance.now() - started;
    status = response.status;
    if (status !== 200) throw new Error(`${url}: ${status} ${Buffer.from(body).toString('utf8').slice(0, 300)}`);
    bytes = body.byteLength;
    if (i >= WARMUP) times.push(took);
  }
  return { ...shape, p50: percentile(times, 50), p95: percentile(times, 95), max: Math.max(...times), bytes, status };
};

const runEngine = async (engine: string, dir: string, pgAdminUrl: string | null): Promise<EngineRun> => {
  let pgDatabase: TestDatabase | null = null;
  const url = engine === 'sqlite' ? `sqlite:${join(dir, 'stats.sqlite')}` : (pgDatabase = await createPostgresDatabaseOn(requirePg(pgAdminUrl))).url;
  try {
    const now = Date.now();
    const handle = openDatabase(url);
    let generateMs: number;
    let rebuildMs: number;
    let shape: EngineRun['shape'];
    try {
      await migrateToLatest(handle.db, handle.kind);
      log(`${engine}: generating ${TICKETS.toLocaleString('en')} tickets…`);
      let started = performance.now();
      const generated = await generateStatsData(handle.db, TICKETS, now);
      generateMs = performance.now() - started;
      log(`  ${(generateMs / 1000).toFixed(1)} s: ${JSON.stringify(generated)}`);
      started = performance.now();
      await rebuildAllTicketFacts(handle.db);
      rebuildMs = performance.now() - started;
      log(`  rebuildAllTicketFacts ${(rebuildMs / 1000).toFixed(1)} s`);
      shape = await countRows(handle.db);
      if (
        shape.tickets !== generated.tickets ||
        shape.events !== generated.events ||
        shape.sessions !== generated.sessions ||
        shape.facts !== generated.tickets
      ) {
        throw new Error(`stored rows ${JSON.stringify(shape)} differ from the generated ${JSON.stringify(generated)}`);
      }
      // As autovacuum would leave it after a bulk load: dead rows of the rebuild gone, statistics fresh.
      if (handle.kind === 'postgres') await (await import('kysely')).sql`vacuum analyze`.execute(handle.db);
    } finally {
      await handle.close();
    }
    const server = await startServer({ databaseUrl: url, port: PORT, adminPassword: ADMIN_PASSWORD });
    try {
      const adminToken = await signIn(server.url, 'admin', ADMIN_PASSWORD);
      const created = await fetch(`${server.url}/api/users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
        body: JSON.stringify({ username: 'benchsue', password: 'bench-password', displayName: 'Bench Supervisor', role: 'supervisor' }),
      });
      if (created.status !== 201) throw new Error(`create supervisor: ${created.status} ${await created.text()}`);
      const token = await signIn(server.url, 'benchsue', 'bench-password');
      const results: Result[] = [];
      for (const s of shapes(Date.now())) {
        const result = await measure(server.url, token, s);
        results.push(result);
        log(
          `  ${s.route.padEnd(12)} ${s.name.padEnd(24)} p50 ${ms(result.p50).padStart(10)} p95 ${ms(result.p95).padStart(10)} max ${ms(result.max).padStart(10)} ${result.bytes.toLocaleString('en').padStart(9)} B`,
        );
      }
      return { engine, shape, generateMs, rebuildMs, results };
    } finally {
      await server.close();
    }
  } finally {
    await pgDatabase?.drop();
  }
};

const requirePg = (url: string | null): string => {
  if (url === null) throw new Error(`STATS_ENGINES: only sqlite and postgres are known (${ENGINES.join(',')})`);
  return url;
};

const postgresVersion = async (url: string | null): Promise<string> => {
  if (url === null) return 'not run';
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    return (await client.query<{ server_version: string }>('show server_version')).rows[0]?.server_version ?? 'unknown';
  } catch {
    return 'unknown';
  } finally {
    await client.end().catch(() => undefined);
  }
};

/** Node, SQLite (better-sqlite3) and PostgreSQL versions, for a bench's machine line; PostgreSQL `not run` without a URL. */
export const databaseVersions = async (pgAdminUrl: string | null): Promise<string> => {
  const sqlite = (() => {
    try {
      return execSync(`node -e "const D=require('better-sqlite3');process.stdout.write(new D(':memory:').prepare('select sqlite_version() v').get().v)"`, {
        encoding: 'utf8',
      });
    } catch {
      return 'unknown';
    }
  })();
  const postgres = await postgresVersion(pgAdminUrl);
  return `Node ${process.version}, SQLite ${sqlite} (better-sqlite3), PostgreSQL ${postgres}`;
};

const report = (runs: EngineRun[], machine: string): string => {
  const lines = [
    '## Statistics',
    '',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with \`BENCH_ONLY=stats npm run bench\` on ${machine}.`,
    '',
  ];
  lines.push('| data | ' + runs.map((r) => r.engine).join(' | ') + ' |', '|---|' + runs.map(() => '---|').join(''));
  lines.push(
    '| tickets / events / remote sessions / users | ' +
      runs
        .map(
          (r) =>
            `${r.shape.tickets.toLocaleString('en')} / ${r.shape.events.toLocaleString('en')} / ${r.shape.sessions.toLocaleString('en')} / ${r.shape.users}`,
        )
        .join(' | ') +
      ' |',
  );
  lines.push('| ticket_facts rows | ' + runs.map((r) => r.shape.facts.toLocaleString('en')).join(' | ') + ' |');
  lines.push('| generating and inserting (setup) | ' + runs.map((r) => `${(r.generateMs / 1000).toFixed(1)} s`).join(' | ') + ' |');
  lines.push(
    '| `rebuildAllTicketFacts` (what migration 0004 does on an existing database) | ' +
      runs.map((r) => `${(r.rebuildMs / 1000).toFixed(1)} s`).join(' | ') +
      ' |',
  );
  lines.push('', `Per request, ${RUNS} runs after ${WARMUP} warm-up runs (p50 / p95 / slowest; response size):`, '');
  lines.push(
    '| route | query | ' + runs.map((r) => `${r.engine} p50 / p95 / max`).join(' | ') + ' | size |',
    '|---|---|' + runs.map(() => '---|').join('') + '---|',
  );
  const first = runs[0];
  if (first !== undefined) {
    first.results.forEach((result, index) => {
      const cells = runs.map((r) => {
        const x = r.results[index];
        return x === undefined ? '' : `${x.p50.toFixed(0)} / ${x.p95.toFixed(0)} / ${x.max.toFixed(0)} ms`;
      });
      lines.push(`| ${result.route} | ${result.name} | ${cells.join(' | ')} | ${(result.bytes / 1024).toFixed(1)} KiB |`);
    });
  }
  const worst = runs.flatMap((r) => r.results.map((x) => ({ engine: r.engine, ...x }))).sort((a, b) => b.p95 - a.p95)[0];
  if (worst !== undefined) lines.push('', `Slowest p95: ${worst.route} "${worst.name}" on ${worst.engine}, ${ms(worst.p95)} (the target is under 300 ms).`);
  lines.push(
    '',
    '### Method',
    '',
    '- `bench/statsRun.ts` creates an empty database (a temporary SQLite file; a temporary PostgreSQL database on',
    "  `MEJA_TEST_PG_URL`'s server or on a throwaway cluster of the run's own), migrates it, and `bench/statsData.ts` writes",
    '  a seeded history straight into `users`, `tickets`,',
    '  `ticket_events` and `remote_sessions` in multi-row inserts, 10,000 tickets a transaction: two years ending now,',
    '  60 technicians (36/16/8 by tier), 40 categories and 9,000 requesters both skewed (a few take most tickets, so repeat',
    '  contact is common), priorities 25/55/15/5 % low/normal/high/urgent, phone calls on phone tickets, escalations',
    '  1→2 (18 %) and 2→3 (30 % of those), pending spells, reopens (6 % per resolution), closing 3 days after resolution,',
    '  remote sessions on a fifth of the assigned tickets; recent tickets are still open. It then times',
    '  `rebuildAllTicketFacts` and checks the stored row counts against the generated ones (PostgreSQL: `vacuum analyze` after).',
    '- It starts the real server (`startServer`, in the same Node process) on that database, creates a supervisor through',
    '  the admin account and `POST /api/users`, signs in and asks each route over loopback HTTP with each query shape:',
    `  ${WARMUP} warm-up requests, then ${RUNS} measured ones, one at a time; time from \`fetch\` to the whole body read.`,
    "- Periods end at the bench's now; the technician and category filters pick a busy one. CSV: `format=csv`.",
    '- Numbers vary between runs on this 2-core machine, more while other processes share it (see the load average).',
    '',
  );
  return lines.join('\n');
};

const writeSection = (section: string) => writeBenchSection('Statistics', section);

export const runStatsBench = async (): Promise<void> => {
  const loadBefore = loadavg()[0] ?? 0;
  const dir = mkdtempSync(join(tmpdir(), 'meja-stats-bench-'));
  const postgres = ENGINES.includes('postgres') ? await postgresForRun() : null;
  if (postgres !== null) log(`PostgreSQL: ${postgres.description}`);
  try {
    const runs: EngineRun[] = [];
    for (const engine of ENGINES) runs.push(await runEngine(engine, dir, postgres?.adminUrl ?? null));
    const cpu = cpus();
    const machine = `${cpu.length} cores, ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${await databaseVersions(postgres?.adminUrl ?? null)}; 1-minute load average ${loadBefore.toFixed(1)} before the run and ${(loadavg()[0] ?? 0).toFixed(1)} after it`;
    const section = report(runs, machine);
    log(`\n${section}`);
    if (WRITE) writeSection(section);
  } finally {
    await postgres?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
};
