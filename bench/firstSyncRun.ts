import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { ensureChromiumOnThisMachine } from '../scripts/chromium/ensureChromium';
import { CHROMIUM_ARGS } from '../scripts/chromium/findChromium';
import { startServer } from '../server/app';
import { openDatabase, type Db } from '../server/db/connect';
import { migrateToLatest } from '../server/db/migrations';
import { login } from '../tests/support/syncClient';
import { recordChanges, type FeedRecord } from '../server/db/changeFeed';
import { eventFromRow, ticketFromRow } from '../server/db/rowReaders';
import { generateStatsData } from './statsData';
import { clickSignInAt, firstSyncMilestones, limitPuts, longTaskRecorder } from './inPageSync';
import { ms } from './stats';
import { rxdbMethod, rxdbRows, runRxdbPeer, type PeerRun } from './rxdbPeerRun';
import { writeBenchSection } from './benchDoc';
import { workingSetTicketIds } from '../server/sync/workingSet';
import { DEFAULT_WORKING_SET_PARAMS } from '../shared/sync/workingSet';

/*
 * The first sync of a large desk into an empty console: TICKETS (default 100,000) tickets and
 * EVENTS (default 400,000) events in the server's change feed, pulled by the web console in
 * Chromium into its empty IndexedDB, from the click on "Sign in" until the queue shows every
 * ticket; main-thread long tasks meanwhile. Beside it, in the same browser, the physical limit:
 * the same records put into a plain IndexedDB database in batches, no network, no engine.
 * Writes the "First sync" section of docs/BENCHMARKS.md. `BENCH_ONLY=firstsync npm run bench`.
 * Needs MEJA_STATIC_DIR (bench/run.ts builds one).
 */

const TICKETS = Number(process.env.TICKETS ?? 100_000);
const EVENTS = Number(process.env.EVENTS ?? 400_000);
const PORT = Number(process.env.MEJA_BENCH_SYNC_PORT ?? 4993);
const WRITE = process.env.BENCH_WRITE !== '0';
const ADMIN_PASSWORD = 'bench-admin-password';
const PASSWORD = 'bench-password';
const log = (line: string) => process.stdout.write(`${line}\n`);

// recordChanges writes one statement; SQLite takes at most 32,766 parameters, four per record.
const feed = (db: Db, records: FeedRecord[]) =>
  db.transaction().execute(async (trx) => {
    for (let i = 0; i < records.length; i += 2000) await recordChanges(trx, 'sqlite', records.slice(i, i + 2000));
  });

const CHUNK = 2_000;

/**
 * Generated tickets and their events (EVENTS in all, spread evenly), written into the change feed
 * as a desk's writes leave them: each ticket followed by its events.
 */
const fillFeed = async (db: Db): Promise<{ tickets: number; events: number; live: number }> => {
  await generateStatsData(db, TICKETS, Date.now());
  let tickets = 0;
  let events = 0;
  for (let after = ''; ;) {
    const rows = await db.selectFrom('tickets').selectAll().where('id', '>', after).orderBy('id').limit(CHUNK).execute();
    if (rows.length === 0) break;
    const budget = Math.round((EVENTS * (tickets + rows.length)) / TICKETS) - events;
    const eventRows = await db
      .selectFrom('ticket_events')
      .selectAll()
      .where(
        'ticket_id',
        'in',
        rows.map((row) => row.id),
      )
      .orderBy('ticket_id')
      .orderBy('at')
      .execute();
    const byTicket = new Map<string, typeof eventRows>();
    for (const event of eventRows.slice(0, Math.max(0, budget))) byTicket.set(event.ticket_id, [...(byTicket.get(event.ticket_id) ?? []), event]);
    const records: FeedRecord[] = rows.flatMap((row) => [
      { entity: 'ticket' as const, id: row.id, data: ticketFromRow(row) },
      ...(byTicket.get(row.id) ?? []).map((event) => ({ entity: 'event' as const, id: event.id, data: eventFromRow(event) })),
    ]);
    await feed(db, records);
    tickets += rows.length;
    events += records.length - rows.length;
    after = rows[rows.length - 1]?.id ?? after;
  }
  const live = await db
    .selectFrom('tickets')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', 'in', ['new', 'open', 'pending'])
    .executeTakeFirstOrThrow();
  return { tickets, events, live: Number(live.n) };
};

type Figures = {
  tickets: number;
  events: number;
  syncMs: number;
  held: number;
  live: number;
  usableMs: number;
  cachedMs: number;
  limitMs: number;
  limitRecords: number;
  firstMs: number;
  firstRecords: number;
  pullMs: number;
  longTasks: number[];
  syncTasks: number[];
  rxdb: PeerRun;
  machine: string;
};

const report = (f: Figures): string => {
  const over100 = f.longTasks.filter((t) => t > 100);
  const over50 = f.longTasks.filter((t) => t > 50);
  return [
    '## First sync',
    '',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with \`BENCH_ONLY=firstsync npm run bench\` on ${f.machine}.`,
    '',
    '| figure | value |',
    '|---|---|',
    `| records in the feed (generated tickets / their events) | ${f.tickets.toLocaleString('en')} / ${f.events.toLocaleString('en')} |`,
    `| Meja: "Sign in" clicked → the queue lists the ${f.live.toLocaleString('en')} live tickets (usable; goal: under 2 s) | ${(f.usableMs / 1000).toFixed(1)} s |`,
    `| tina's working set (what her console holds; the server's default windows) | ${f.held.toLocaleString('en')} tickets |`,
    `| Meja: "Sign in" clicked → the queue shows every ticket of it (goal: under 20 s) | ${(f.syncMs / 1000).toFixed(1)} s |`,
    `| Meja: "Sign in" clicked → the whole first sync in the cache, every record stored and the sync finished | ${(f.cachedMs / 1000).toFixed(1)} s |`,
    `| limit for a usable queue: the ${f.firstRecords.toLocaleString('en')} tickets and users put into a plain IndexedDB in batches | ${(f.firstMs / 1000).toFixed(1)} s |`,
    `| Meja ÷ that limit (goal: within 1.5×) | ${(f.syncMs / f.firstMs).toFixed(2)}× |`,
    `| limit for the whole cache: all ${f.limitRecords.toLocaleString('en')} records put the same way | ${(f.limitMs / 1000).toFixed(1)} s |`,
    `| Meja's whole cache ÷ that limit (goal: at most 1.5×) | ${(f.cachedMs / f.limitMs).toFixed(2)}× |`,
    `| for scale: pulling the working set (\`scope=working\`) over HTTP in pages of 1,000 into memory (counted on the first page only, as the console does), nothing stored | ${(f.pullMs / 1000).toFixed(1)} s |`,
    `| main-thread long tasks until the whole first sync is in the cache: count, longest | ${f.longTasks.length}, ${f.longTasks.length === 0 ? '—' : ms(Math.max(...f.longTasks))} |`,
    `| of those over 50 ms (goal: none) / over 100 ms | ${over50.length} / ${over100.length} |`,
    `| of those after the click on "Sign in" (the rest load the sign-in page): count, over 50 ms, longest | ${f.syncTasks.length}, ${f.syncTasks.filter((t) => t > 50).length}, ${f.syncTasks.length === 0 ? '—' : ms(Math.max(...f.syncTasks))} |`,
    ...rxdbRows(f.rxdb, f.syncMs),
    '',
    '### Method',
    '',
    "- `bench/firstSyncRun.ts` writes generated tickets and events (`bench/statsData.ts`) into a new SQLite database's",
    '  tables and, as the server does for every write, into its change feed (`recordChanges`), each ticket followed by its',
    "  events as a desk's writes leave them; then it starts the real server in process on it, serving the current build,",
    "  and creates the technician account tina. The server's pull from scratch sends tickets and users first.",
    '- Meja: a new Chromium context opens the console, records long tasks with a `PerformanceObserver` from the first',
    '  script on, and tina signs in; the clock runs from just before the click on "Sign in" (in the page) until, checked',
    '  each animation frame, the queue\'s "All tickets" count reaches the live tickets (usable: the pull from scratch brings',
    "  them first), then every ticket (sign-in, the pull, the writes into Dexie, and the queue's index), and until the",
    '  header shows the time of the last complete sync (the whole cache: every page stored and the sync finished). Long',
    "  tasks are read then: from the first script until the whole cache. The console holds tina's working set (docs/",
    '  ARCHITECTURE.md, "The working set"): the server\'s own query (`workingSetTicketIds`, default windows) counts its',
    '  tickets, and the queue is timed until it shows that many. The RxDB peer below pulls the whole feed unscoped and',
    '  stores every generated ticket: beside a working set it does more work than Meja.',
    '- Limit: another new context signs in through the API, pulls the working set into memory first (not timed), then times',
    '  raw `put`s of the same records into a fresh IndexedDB database with one object store per kind and no indexes,',
    '  10,000 records per transaction, tickets and users first; the limit for a usable queue is the time until the',
    '  transaction holding the last of them completes.',
    ...rxdbMethod,
    '',
  ].join('\n');
};

const writeSection = (section: string) => writeBenchSection('First sync', section);

export const runFirstSyncBench = async (): Promise<void> => {
  const staticDir = process.env.MEJA_STATIC_DIR;
  if (staticDir === undefined) throw new Error('MEJA_STATIC_DIR must name a build of the web console');
  const loadBefore = loadavg()[0] ?? 0;
  const executablePath = await ensureChromiumOnThisMachine();
  const dir = mkdtempSync(join(tmpdir(), 'meja-firstsync-bench-'));
  const databaseUrl = `sqlite:${join(dir, 'sync.sqlite')}`;
  log(`firstsync: writing ${TICKETS.toLocaleString('en')} tickets and up to ${EVENTS.toLocaleString('en')} events into the feed…`);
  const started = performance.now();
  const handle = openDatabase(databaseUrl);
  let fed: { tickets: number; events: number; live: number };
  try {
    await migrateToLatest(handle.db, handle.kind);
    fed = await fillFeed(handle.db);
  } finally {
    await handle.close();
  }
  log(`  ${((performance.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(fed)}`);
  const server = await startServer({ databaseUrl, port: PORT, staticDir, adminPassword: ADMIN_PASSWORD });
  const browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS] });
  try {
    const admin = (await login(server.url, 'admin', ADMIN_PASSWORD)).token;
    const created = await fetch(`${server.url}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ username: 'tina', password: PASSWORD, displayName: 'Tina Tamm', role: 'technician', tier: 1 }),
    });
    if (created.status !== 201) throw new Error(`create tina: ${created.status} ${await created.text()}`);
    // What her console holds: her working set (the server's defaults), not every generated ticket.
    const { user: tina } = (await created.json()) as { user: { id: string } };
    const reader = openDatabase(databaseUrl);
    let held: number;
    try {
      held = (await workingSetTicketIds(reader.db, reader.kind, tina.id, new Date().toISOString(), DEFAULT_WORKING_SET_PARAMS)).size;
    } finally {
      await reader.close();
    }
    log(`  tina's working set: ${held.toLocaleString('en')} tickets`);

    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 800 } });
    await context.addInitScript(longTaskRecorder);
    const page = await context.newPage();
    await page.goto('/');
    await page.getByLabel('Username').fill('tina');
    await page.getByLabel('Password').fill(PASSWORD);
    const clickedAt = Number(await page.evaluate(clickSignInAt));
    const { usableAt, shownAt, cachedAt } = (await page.evaluate(firstSyncMilestones(fed.live, held))) as {
      usableAt: number;
      shownAt: number;
      cachedAt: number;
    };
    const longTasks = (await page.evaluate('window.__mejaLongTasks')) as number[];
    const longTaskStarts = (await page.evaluate('window.__mejaLongTaskStarts')) as number[];
    // Before the click: loading and showing the sign-in page; after it: signing in and the first sync.
    const syncTasks = longTasks.filter((_, i) => (longTaskStarts[i] ?? 0) >= clickedAt);
    log(
      `  Meja: usable ${ms(usableAt - clickedAt)}, every ticket ${ms(shownAt - clickedAt)}, whole cache ${ms(cachedAt - clickedAt)}; ${longTasks.length} long tasks (${syncTasks.length} after the click: ${syncTasks.map((t) => Math.round(t)).join(', ')}), longest ${longTasks.length === 0 ? '—' : ms(Math.max(...longTasks))}, ${longTasks.filter((t) => t > 50).length} over 50 ms`,
    );
    await context.close();

    const limitContext = await browser.newContext({ baseURL: server.url });
    const limitPage = await limitContext.newPage();
    await limitPage.goto('/');
    const limit = (await limitPage.evaluate(limitPuts('tina', PASSWORD, 'working'))) as {
      ms: number;
      records: number;
      firstMs: number;
      firstRecords: number;
      pullMs: number;
    };
    log(`  limit: ${ms(limit.firstMs)} for the ${limit.firstRecords} tickets and users, ${ms(limit.ms)} for all ${limit.records} records`);
    await limitContext.close();

    const rxdb = await runRxdbPeer(browser, server.url, 'tina', PASSWORD, fed.tickets);
    log(
      `  RxDB peer: ${ms(rxdb.countedAt - rxdb.startedAt)} (replication done at ${ms(rxdb.replicatedAt - rxdb.startedAt)}, ${rxdb.pulls} pulls), ${rxdb.longTasks.length} long tasks`,
    );

    const cpu = cpus();
    const section = report({
      tickets: fed.tickets,
      events: fed.events,
      syncMs: shownAt - clickedAt,
      held,
      live: fed.live,
      usableMs: usableAt - clickedAt,
      cachedMs: cachedAt - clickedAt,
      limitMs: limit.ms,
      limitRecords: limit.records,
      firstMs: limit.firstMs,
      firstRecords: limit.firstRecords,
      pullMs: limit.pullMs,
      longTasks,
      syncTasks,
      rxdb,
      machine: `${cpu.length} cores, ${cpu[0]?.model.trim() ?? 'unknown CPU'}, Chromium ${browser.version()}, Node ${process.version}; 1-minute load average ${loadBefore.toFixed(1)} before the run and ${(loadavg()[0] ?? 0).toFixed(1)} after it`,
    });
    log(`\n${section}`);
    if (WRITE) writeSection(section);
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
};
