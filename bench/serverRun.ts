import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { startInstance, type Instance } from './load/instances';
import { createPostgresDatabaseOn, type TestDatabase } from '../tests/support/postgresDatabase';
import { postgresForRun } from '../tests/support/throwawayPostgres';
import { makeCreateArgs } from '../tests/support/factories';
import { pullPage, push, type OutgoingMutation } from '../tests/support/http';
import { login } from '../tests/support/syncClient';
import { ms, percentile } from './stats';
import { writeBenchSection } from './benchDoc';

/*
 * The server's sync routes alone, over loopback HTTP, on SQLite and PostgreSQL: pushes per second
 * from several consoles at once (one mutation per push, as a console sends a single edit, and
 * batches of 50, as a console that was offline catches up), and the pull of 1,000 changes.
 * Writes the "Server" section of docs/BENCHMARKS.md. `BENCH_ONLY=server npm run bench`;
 * SERVER_ENGINES=sqlite|postgres for one engine; SERVER_SECONDS (default 10) per push shape;
 * SERVER_TREE=<dir> runs the server of another checkout (its own node_modules) for a before/after.
 *
 * The server is its own process (`server/main.ts`), as an operator runs it: consoles in the
 * server's process would take half of what the server can do on two cores (docs/TOOLCHAIN.md).
 */

const ENGINES = (process.env.SERVER_ENGINES ?? 'sqlite,postgres').split(',');
const SECONDS = Number(process.env.SERVER_SECONDS ?? 10);
const CONSOLES = Number(process.env.SERVER_CONSOLES ?? 8);
const PULL_RUNS = 30;
const WRITE = process.env.BENCH_WRITE !== '0';
const TREE = process.env.SERVER_TREE;
const ADMIN_PASSWORD = 'bench-admin-password';
const log = (line: string) => process.stdout.write(`${line}\n`);

type PushShape = { name: string; batch: number };
type PushResult = PushShape & { pushes: number; mutations: number; perSecond: number; mutationsPerSecond: number; p50: number; p95: number; p99: number };
type PullResult = { changes: number; p50: number; p95: number; p99: number; bytes: number };
type EngineRun = { engine: string; pushes: PushResult[]; pull: PullResult; feedRows: number };

const PUSH_SHAPES: PushShape[] = [
  { name: 'one mutation per push', batch: 1 },
  { name: '50 mutations per push', batch: 50 },
];

/** One console's tickets, and how many mutations it has made (counted across its pushes). */
type PushingConsole = { own: string[]; made: number };

/**
 * A realistic push: every fifth mutation of a console a new ticket (counted across its pushes, so
 * that pushes of one mutation are a fifth creations too), otherwise edits of its own tickets.
 */
const nextMutations = (pusher: PushingConsole, count: number): OutgoingMutation[] =>
  Array.from({ length: count }, (): OutgoingMutation => {
    const target = pusher.own[(pusher.own.length * Math.random()) | 0];
    const isCreate = target === undefined || pusher.made % 5 === 0;
    pusher.made += 1;
    if (isCreate) {
      // A desk's callers and categories: 2,000 requesters over 20 categories.
      const caller = (Math.random() * 2000) | 0;
      const args = makeCreateArgs({
        title: `Bench call ${randomUUID().slice(0, 8)}`,
        requester: { name: `Caller ${caller}`, contact: `ext. ${caller}` },
        category: `category-${(Math.random() * 20) | 0}`,
      });
      pusher.own.push(args.id);
      return { name: 'ticket:create', args };
    }
    return { name: 'ticket:update', args: { id: target, title: `Edited ${Math.random().toString(36).slice(2, 8)}` } };
  });

const measurePushes = async (server: Instance, tokens: string[], shape: PushShape): Promise<PushResult> => {
  const times: number[] = [];
  let mutations = 0;
  const until = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    tokens.map(async (token, i) => {
      const pusher: PushingConsole = { own: [], made: 0 };
      const clientId = `bench-${i}-${randomUUID()}`;
      while (performance.now() < until) {
        const batch = nextMutations(pusher, shape.batch);
        const t = performance.now();
        const answer = await push(server.url, token, batch, { clientId });
        times.push(performance.now() - t);
        const refused = answer.results.filter((r) => r.status !== 'applied');
        if (refused.length > 0) throw new Error(`push refused: ${JSON.stringify(refused[0])}`);
        mutations += batch.length;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    ...shape,
    pushes: times.length,
    mutations,
    perSecond: times.length / seconds,
    mutationsPerSecond: mutations / seconds,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
  };
};

/** Pages of 1,000 from positions spread over the whole feed, each asked as a console would. */
const measurePull = async (server: Instance, token: string): Promise<{ pull: PullResult; feedRows: number }> => {
  const cursors: Array<string | null> = [null];
  for (let cursor: string | null = null; ;) {
    const page = await pullPage(server.url, token, cursor, 1000);
    if (!page.hasMore) break;
    cursor = page.cursor;
    cursors.push(cursor);
  }
  const feedRows = (cursors.length - 1) * 1000;
  const times: number[] = [];
  let bytes = 0;
  let changes = 0;
  const full = cursors.slice(0, -1);
  for (let i = 0; i < PULL_RUNS; i += 1) {
    const cursor = full[i % full.length] ?? null;
    const query = `limit=1000${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
    const t = performance.now();
    const response = await fetch(`${server.url}/api/sync/pull?${query}`, { headers: { authorization: `Bearer ${token}` } });
    const body = await response.arrayBuffer();
    times.push(performance.now() - t);
    if (response.status !== 200) throw new Error(`pull: ${response.status}`);
    bytes = body.byteLength;
    changes = (JSON.parse(Buffer.from(body).toString('utf8')) as { changes: unknown[] }).changes.length;
  }
  return { pull: { changes, p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), bytes }, feedRows };
};

const runEngine = async (engine: string, dir: string, pgAdminUrl: string | null): Promise<EngineRun> => {
  if (engine !== 'sqlite' && pgAdminUrl === null) throw new Error(`SERVER_ENGINES: only sqlite and postgres are known (${ENGINES.join(',')})`);
  const pg: TestDatabase | null = engine === 'sqlite' || pgAdminUrl === null ? null : await createPostgresDatabaseOn(pgAdminUrl);
  const databaseUrl = pg?.url ?? `sqlite:${join(dir, 'server.sqlite')}`;
  const server = await startInstance(databaseUrl, ADMIN_PASSWORD, TREE);
  try {
    const admin = (await login(server.url, 'admin', ADMIN_PASSWORD)).token;
    const tokens: string[] = [];
    for (let i = 0; i < CONSOLES; i += 1) {
      const username = `bench-tech-${i}`;
      const created = await fetch(`${server.url}/api/users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
        body: JSON.stringify({ username, password: 'bench-password', displayName: `Bench Technician ${i}`, role: 'technician', tier: 1 }),
      });
      if (created.status !== 201) throw new Error(`create ${username}: ${created.status} ${await created.text()}`);
      tokens.push((await login(server.url, username, 'bench-password')).token);
    }
    const pushes: PushResult[] = [];
    for (const shape of PUSH_SHAPES) {
      const result = await measurePushes(server, tokens, shape);
      pushes.push(result);
      log(
        `  ${engine} ${shape.name}: ${result.perSecond.toFixed(0)} pushes/s, ${result.mutationsPerSecond.toFixed(0)} mutations/s, p50 ${ms(result.p50)} p95 ${ms(result.p95)}`,
      );
    }
    const { pull, feedRows } = await measurePull(server, tokens[0] ?? admin);
    log(`  ${engine} pull of ${pull.changes} changes (feed ${feedRows.toLocaleString('en')}+ rows): p50 ${ms(pull.p50)} p95 ${ms(pull.p95)}`);
    return { engine, pushes, pull, feedRows };
  } finally {
    await server.stop();
    await pg?.drop();
  }
};

const report = (runs: EngineRun[], machine: string): string => {
  const cell = (f: (r: EngineRun) => string) => runs.map(f).join(' | ');
  const lines = [
    '## Server',
    '',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with \`BENCH_ONLY=server npm run bench\` on ${machine}.`,
    '',
  ];
  lines.push(`| figure | ${runs.map((r) => r.engine).join(' | ')} |`, `|---|${runs.map(() => '---|').join('')}`);
  PUSH_SHAPES.forEach((shape, i) => {
    lines.push(`| ${CONSOLES} consoles pushing, ${shape.name}: pushes/s | ${cell((r) => (r.pushes[i]?.perSecond ?? 0).toFixed(0))} |`);
    lines.push(`| same: mutations/s | ${cell((r) => (r.pushes[i]?.mutationsPerSecond ?? 0).toFixed(0))} |`);
    lines.push(
      `| same: push latency p50 / p95 / p99 | ${cell((r) => `${(r.pushes[i]?.p50 ?? 0).toFixed(1)} / ${(r.pushes[i]?.p95 ?? 0).toFixed(1)} / ${(r.pushes[i]?.p99 ?? 0).toFixed(1)} ms`)} |`,
    );
  });
  lines.push(
    `| pull of 1,000 changes: p50 / p95 / p99 | ${cell((r) => `${r.pull.p50.toFixed(1)} / ${r.pull.p95.toFixed(1)} / ${r.pull.p99.toFixed(1)} ms`)} |`,
  );
  lines.push(`| same: response size | ${cell((r) => `${(r.pull.bytes / 1024).toFixed(0)} KiB`)} |`);
  lines.push(`| change feed rows after the pushes | ${cell((r) => `${r.feedRows.toLocaleString('en')}+`)} |`);
  lines.push(
    '',
    '### Method',
    '',
    `- \`bench/serverRun.ts\` starts the real server as its own process (\`server/main.ts\`) on an empty database (a temporary SQLite file; a`,
    "  temporary PostgreSQL database on `MEJA_TEST_PG_URL`'s server or on a throwaway cluster of the run's own), creates",
    `  technician accounts through \`POST /api/users\` and signs each in. ${CONSOLES} consoles then push at once over loopback HTTP, each waiting for its answer before the next push, for`,
    `  ${SECONDS} s per shape: one mutation per push, then 50. A fifth of the mutations create a ticket (one of 2,000 callers, 20 categories); the rest edit one of the`,
    "  console's own tickets (`ticket:update`), so every mutation is applied (a refusal stops the bench). Pushes/s and",
    '  mutations/s are over the wall time; latency from `fetch` to the parsed answer.',
    `- Pull: ${PULL_RUNS} requests of \`GET /api/sync/pull?limit=1000\` from cursors spread over the feed the pushes made, one at`,
    '  a time, from `fetch` to the whole body read.',
    "- The consoles run in the bench process, the server in its own: they share the machine's cores, not an event loop.",
    '',
  );
  return lines.join('\n');
};

const writeSection = (section: string) => writeBenchSection('Server', section);

export const runServerBench = async (): Promise<void> => {
  const loadBefore = loadavg()[0] ?? 0;
  const dir = mkdtempSync(join(tmpdir(), 'meja-server-bench-'));
  const postgres = ENGINES.includes('postgres') ? await postgresForRun() : null;
  if (postgres !== null) log(`PostgreSQL: ${postgres.description}`);
  try {
    const runs: EngineRun[] = [];
    for (const engine of ENGINES) {
      log(`${engine}: ${CONSOLES} consoles pushing for ${SECONDS} s per shape…`);
      runs.push(await runEngine(engine, dir, postgres?.adminUrl ?? null));
    }
    const cpu = cpus();
    const machine = `${cpu.length} cores, ${cpu[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}; 1-minute load average ${loadBefore.toFixed(1)} before the run and ${(loadavg()[0] ?? 0).toFixed(1)} after it`;
    const section = report(runs, machine);
    log(`\n${section}`);
    if (WRITE) writeSection(section);
  } finally {
    await postgres?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
};
