import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { searchWords } from '../../shared/domain/ticketSearch';
import { createPostgresDatabaseOn } from '../../tests/support/postgresDatabase';
import { postgresForRun } from '../../tests/support/throwawayPostgres';
import { writeBenchSection } from '../benchDoc';
import type { TraceSummary } from '../traceSummary';
import { databaseVersions } from '../statsRun';
import { startInstance } from '../load/instances';
import { deskReport, type DeskRun } from './deskReport';
import { deskShape } from './deskShape';
import type { DeskWriter } from './deskWriter';
import { generateDesk, type GeneratedDesk } from './generateDesk';
import { countMatches, databaseSize, measureWorkingSet } from './measureDb';
import { measureBrowser, type BrowserRun } from './measureBrowser';
import { measureCatchUps, measureOpens, measureScopedPull, measureSearches, signIn, type SearchQuery } from './measureHttp';
import { openPostgresWriter } from './postgresWriter';
import { openSqliteWriter } from './sqliteWriter';

/*
 * The server side of a big desk's working-set sync: a generated desk of BENCH_DESK_TICKETS
 * tickets (1,000,000 by default) on SQLite and on PostgreSQL, then the server's search, opening a
 * ticket outside the working set, the working-set query and a scoped first sync, measured over
 * loopback with the server in its own process. Writes the "Million-ticket desk" section of
 * docs/BENCHMARKS.md. `BENCH_ONLY=desk npm run bench`; BENCH_DESK_ENGINES=sqlite|postgres for
 * one engine; BENCH_DESK_RUNS (default 20) measured requests per search; SERVER_TREE=<dir> also
 * times the scoped first sync and catch-ups with another checkout's server first (`measureBefore`).
 * Then, unless BENCH_DESK_BROWSER=0, the browser half (bench/desk/measureBrowser.ts): the web console
 * the server serves (MEJA_STATIC_DIR, which bench/run.ts builds from the current tree) in Chromium,
 * against the same server. BENCH_DESK_TRACE=<prefix>: a Chrome trace of each engine's first sync in
 * <prefix>-<engine>.json, summarised on the console.
 */

const RUNS = Number(process.env.BENCH_DESK_RUNS ?? 20);
const WRITE = process.env.BENCH_WRITE !== '0';
const BROWSER = process.env.BENCH_DESK_BROWSER !== '0';
const TRACE = process.env.BENCH_DESK_TRACE ?? '';
const TREE = process.env.SERVER_TREE;
const ENGINES = (process.env.BENCH_DESK_ENGINES ?? 'sqlite,postgres').split(',').map((engine) => engine.trim());
const ADMIN_PASSWORD = 'bench-admin-password';
const log = (line: string) => process.stdout.write(`${line}\n`);

const searchQueries = (desk: GeneratedDesk): SearchQuery[] => {
  const [first, second] = desk.outside;
  return [
    { q: 'printer', what: 'a common word' },
    { q: 'outlook', what: 'a common word' },
    { q: 'thunderbolt', what: 'an uncommon word' },
    { q: desk.assetTag, what: 'a rare word (an asset tag)' },
    { q: 'vpn 809 home', what: 'three words' },
    { q: 'cannot print to', what: 'three words, one of two letters' },
    { q: first?.code ?? 'XXXX-XXXX', what: "a ticket's caller code, as the caller reads it" },
    { q: `#${second?.number ?? 1}`, what: 'a ticket number' },
    { q: 'hp', what: 'a two-letter word' },
    { q: 'zu', what: 'a two-letter word no ticket holds' },
  ];
};

const runEngine = async (engine: string, dir: string, pgAdminUrl: string | null): Promise<DeskRun> => {
  if (engine !== 'sqlite' && engine !== 'postgres') throw new Error(`BENCH_DESK_ENGINES: only sqlite and postgres are known, not ${JSON.stringify(engine)}`);
  const shape = deskShape(process.env, Date.now());
  const database = engine === 'postgres' ? await createPostgresDatabaseOn(requirePostgres(pgAdminUrl)) : null;
  const file = join(dir, 'desk.sqlite');
  const url = database?.url ?? `sqlite:${file}`;
  try {
    log(`${engine}: generating a desk of ${shape.tickets.toLocaleString('en')} tickets…`);
    const started = performance.now();
    const writer: DeskWriter = engine === 'postgres' ? await openPostgresWriter(url) : await openSqliteWriter(file);
    let desk: GeneratedDesk;
    try {
      desk = await generateDesk(shape, writer, log);
    } finally {
      await writer.close();
    }
    const generateSeconds = (performance.now() - started) / 1000;
    log(`  generated in ${generateSeconds.toFixed(1)} s`);
    if (TREE !== undefined) await measureBefore(url, desk);
    const server = await startInstance(url, ADMIN_PASSWORD);
    // GET /api/tickets/<id> records an opening, which brings the ticket into the working set: the
    // browser half opens tickets the server's half has not.
    const browserOutside = desk.outside.filter((_, k) => k % 3 === 2);
    const serverOutside = desk.outside.filter((_, k) => k % 3 !== 2);
    let measured: Omit<DeskRun, 'engine' | 'desk' | 'generateSeconds' | 'size'>;
    try {
      const token = await signIn(server.url, desk.chosen.username, desk.chosen.password);
      const workingSet = await measureWorkingSet(url, desk.chosen.id, shape.params, 10);
      log(`  working set: ${workingSet.tickets} tickets, query p50 ${workingSet.p50.toFixed(0)} ms, p95 ${workingSet.p95.toFixed(0)} ms`);
      const pull = await measureScopedPull(server.url, token);
      log(
        `  scoped first sync: ${(pull.totalMs / 1000).toFixed(1)} s, ${pull.pages} pages, ${pull.records} records, ${(pull.bytes / 2 ** 20).toFixed(1)} MiB; a page p50 ${pull.page.p50.toFixed(0)} ms, p95 ${pull.page.p95.toFixed(0)} ms, slowest ${pull.page.max.toFixed(0)} ms (load ${(loadavg()[0] ?? 0).toFixed(1)})`,
      );
      const catchUp = await measureCatchUps(server.url, token, pull, 10);
      log(`  catch-up of one change: p50 ${catchUp.p50.toFixed(0)} ms, p95 ${catchUp.p95.toFixed(0)} ms (load ${(loadavg()[0] ?? 0).toFixed(1)})`);
      const searches = [];
      for (const result of await measureSearches(server.url, token, searchQueries(desk), RUNS, 3)) {
        const matches = await countMatches(url, searchWords(result.q));
        log(`  search ${JSON.stringify(result.q).padEnd(16)} p50 ${result.p50.toFixed(0)} ms, p95 ${result.p95.toFixed(0)} ms, ${matches} matching`);
        searches.push({ ...result, matches });
      }
      const opens = await measureOpens(server.url, token, serverOutside, 3);
      log(`  open a ticket outside the working set: p50 ${opens.p50.toFixed(0)} ms, p95 ${opens.p95.toFixed(0)} ms`);
      let browser: BrowserRun | { failed: string } | null = null;
      if (BROWSER) {
        log('  the web console in Chromium:');
        // A failure here is reported in the section rather than losing the server's figures of a long run.
        browser = await measureBrowser({
          url: server.url,
          username: desk.chosen.username,
          password: desk.chosen.password,
          live: desk.plan.live,
          outside: browserOutside,
          tracePath: TRACE === '' ? null : `${TRACE}-${engine}.json`,
          log,
        }).catch((error: unknown) => {
          const message = error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
          log(`    the web console's run failed: ${message}`);
          return { failed: message };
        });
        if ('trace' in browser && browser.trace !== null) logTrace(browser.trace);
        if ('restartTrace' in browser && browser.restartTrace !== null) logTrace(browser.restartTrace);
      }
      measured = { workingSet, pull, catchUp, searches, opens, browser };
    } finally {
      await server.stop();
    }
    const size = await databaseSize(url);
    log(`  database: ${(size.total / 2 ** 30).toFixed(2)} GiB`);
    return { engine, desk, generateSeconds, size, ...measured };
  } finally {
    await database?.drop();
    rmSync(file, { force: true });
    rmSync(`${file}-wal`, { force: true });
    rmSync(`${file}-shm`, { force: true });
  }
};

const logTrace = (trace: TraceSummary): void => {
  for (const change of trace.changes) {
    const buckets = Object.entries(change.buckets)
      .sort(([, a], [, b]) => b - a)
      .map(([bucket, ms]) => `${bucket} ${ms.toFixed(0)} ms`);
    log(`    ${change.name}: ${change.totalMs.toFixed(0)} ms: ${buckets.join(', ')}`);
  }
  log(`    top functions: ${trace.topFunctions.map((f) => `${f.name} ${f.ms.toFixed(0)} ms`).join(', ')}`);
};

/**
 * SERVER_TREE: the scoped first sync and the catch-ups with the server of another checkout, on the
 * same desk just before this checkout's server (logged only), for a before/after back to back.
 */
const measureBefore = async (url: string, desk: GeneratedDesk): Promise<void> => {
  const server = await startInstance(url, ADMIN_PASSWORD, TREE);
  try {
    const token = await signIn(server.url, desk.chosen.username, desk.chosen.password);
    const pull = await measureScopedPull(server.url, token);
    log(
      `  SERVER_TREE: scoped first sync ${(pull.totalMs / 1000).toFixed(1)} s, ${pull.pages} pages, ${pull.records} records; a page p50 ${pull.page.p50.toFixed(0)} ms, p95 ${pull.page.p95.toFixed(0)} ms, slowest ${pull.page.max.toFixed(0)} ms (load ${(loadavg()[0] ?? 0).toFixed(1)})`,
    );
    const catchUp = await measureCatchUps(server.url, token, pull, 10);
    log(`  SERVER_TREE: catch-up of one change: p50 ${catchUp.p50.toFixed(0)} ms, p95 ${catchUp.p95.toFixed(0)} ms (load ${(loadavg()[0] ?? 0).toFixed(1)})`);
  } finally {
    await server.stop();
  }
};

const requirePostgres = (url: string | null): string => {
  if (url === null) throw new Error('no PostgreSQL was started for this run');
  return url;
};

export const runDeskBench = async (): Promise<void> => {
  const loadBefore = loadavg()[0] ?? 0;
  const dir = mkdtempSync(join(tmpdir(), 'meja-desk-bench-'));
  const postgres = ENGINES.includes('postgres') ? await postgresForRun() : null;
  if (postgres !== null) log(`PostgreSQL: ${postgres.description}`);
  try {
    const runs: DeskRun[] = [];
    // Written after each engine, so a long run stopped during its second engine keeps the first's figures.
    for (const engine of ENGINES) {
      runs.push(await runEngine(engine, dir, postgres?.adminUrl ?? null));
      const cpu = cpus();
      const machine = `${cpu.length} cores, ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, ${await databaseVersions(postgres?.adminUrl ?? null)}; 1-minute load average ${loadBefore.toFixed(1)} before the run and ${(loadavg()[0] ?? 0).toFixed(1)} after ${runs.length === ENGINES.length ? 'it' : `its ${engine} part`}`;
      const section = deskReport(runs, deskShape(process.env, Date.now()), machine, RUNS);
      if (runs.length === ENGINES.length) log(`\n${section}`);
      if (WRITE) writeBenchSection('Million-ticket desk', section);
    }
  } finally {
    await postgres?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
};
