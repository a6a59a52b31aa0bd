import type { DeskShape } from './deskShape';
import type { GeneratedDesk } from './generateDesk';
import type { DatabaseSize } from './measureDb';
import type { BrowserRun } from './measureBrowser';
import type { OpenResult, PullResult, SearchResult, Timing } from './measureHttp';

/** One engine's run of the million-ticket desk bench (bench/desk/deskBench.ts). */
export type DeskRun = {
  engine: string;
  desk: GeneratedDesk;
  generateSeconds: number;
  workingSet: Timing & { tickets: number };
  pull: PullResult;
  catchUp: Timing & { records: number };
  searches: Array<SearchResult & { matches: number }>;
  opens: OpenResult;
  size: DatabaseSize;
  /** The web console in Chromium against the same server; null when BENCH_DESK_BROWSER=0, `failed` with why when its run failed. */
  browser: BrowserRun | { failed: string } | null;
};

export const SEARCH_GOAL_MS = 200;
export const OPEN_GOAL_MS = 300;
export const USABLE_GOAL_MS = 2_000;
export const CACHED_GOAL_MS = 10_000;
export const OVER_PLAIN_GOAL = 1.5;
export const RESTART_GOAL_MS = 500;

const n = (value: number): string => Math.round(value).toLocaleString('en');
const ms = (value: number): string => `${value.toFixed(0)} ms`;
const three = (t: Timing): string => `${ms(t.p50)} / ${ms(t.p95)} / ${ms(t.max)}`;
const mib = (bytes: number): string => (bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(2)} GiB` : `${(bytes / 2 ** 20).toFixed(1)} MiB`);
const share = (part: number, whole: number): string => `${((100 * part) / whole).toFixed(0)} %`;
const seconds = (s: number): string => (s >= 120 ? `${(s / 60).toFixed(1)} min` : `${s.toFixed(1)} s`);

const feedBytes = (size: DatabaseSize): number => size.tables.sync_changes ?? 0;

const row = (runs: readonly DeskRun[], label: string, cell: (run: DeskRun) => string): string => `| ${label} | ${runs.map(cell).join(' | ')} |`;

const figures = (runs: readonly DeskRun[]): string[] => [
  `| figure | ${runs.map((r) => r.engine).join(' | ')} |`,
  `|---|${runs.map(() => '---|').join('')}`,
  row(
    runs,
    'tickets / events / notes / remote sessions / technicians',
    (r) => `${n(r.desk.tickets)} / ${n(r.desk.events)} / ${n(r.desk.notes)} / ${n(r.desk.sessions)} / ${n(r.desk.users)}`,
  ),
  row(runs, 'change feed rows / applied mutations / recorded openings', (r) => `${n(r.desk.feedRows)} / ${n(r.desk.mutations)} / ${n(r.desk.openings)}`),
  row(
    runs,
    'generating and writing the desk (setup): whole / planning / rows / indexes and counters',
    (r) => `${seconds(r.generateSeconds)} / ${seconds(r.desk.seconds.plan)} / ${seconds(r.desk.seconds.write)} / ${seconds(r.desk.seconds.finish)}`,
  ),
  row(runs, 'database size; per ticket', (r) => `${mib(r.size.total)}; ${(r.size.total / r.desk.tickets / 1024).toFixed(1)} KiB`),
  row(runs, 'of it the change feed (`sync_changes` and its indexes)', (r) => `${mib(feedBytes(r.size))} (${share(feedBytes(r.size), r.size.total)})`),
  row(
    runs,
    'of it the search table and its trigram index',
    (r) => `${mib(r.size.tables.ticket_search ?? 0)} (${share(r.size.tables.ticket_search ?? 0, r.size.total)})`,
  ),
  row(
    runs,
    "the chosen technician's working set (planned)",
    (r) => `${n(r.workingSet.tickets)} tickets (${n(r.desk.plan.live + r.desk.plan.recent + r.desk.plan.mine + r.desk.plan.opened)})`,
  ),
  row(runs, `its query (server/sync/workingSet.ts), p50 / p95 / slowest of ${runs[0]?.workingSet.runs ?? 0}`, (r) => three(r.workingSet)),
  row(runs, 'scoped first sync (`scope=working`, 1,000 a page): whole pull', (r) => seconds(r.pull.totalMs / 1000)),
  row(runs, 'same: pages / records / bytes', (r) => `${n(r.pull.pages)} / ${n(r.pull.records)} / ${mib(r.pull.bytes)}`),
  row(runs, 'same: records by kind', (r) =>
    Object.entries(r.pull.byEntity)
      .map(([entity, count]) => `${entity} ${n(count)}`)
      .join(', '),
  ),
  row(runs, 'same: a page, p50 / p95 / slowest', (r) => three(r.pull.page)),
  row(runs, `then a scoped pull of one change (a note pushed first), p50 / p95 / slowest of ${runs[0]?.catchUp.runs ?? 0}`, (r) => three(r.catchUp)),
  row(
    runs,
    `open a ticket outside the working set with its timeline (\`GET /api/tickets/<id>\`), p50 / p95 / slowest of ${runs[0]?.opens.runs ?? 0} (goal for the whole open-to-screen: ${OPEN_GOAL_MS} ms)`,
    (r) => three(r.opens),
  ),
  ...browserRows(runs),
];

const missed = (missing: boolean): string => (missing ? ' (over the goal)' : '');

const browserRows = (runs: readonly DeskRun[]): string[] => {
  const measured = (r: DeskRun): BrowserRun | null => (r.browser !== null && 'usableMs' in r.browser ? r.browser : null);
  const failedOf = (r: DeskRun): string | null => (r.browser !== null && 'failed' in r.browser ? r.browser.failed : null);
  const failures = runs.some((r) => failedOf(r) !== null) ? [row(runs, 'web console', (r) => (failedOf(r) === null ? '' : `failed: ${failedOf(r)}`))] : [];
  const first = runs.map(measured).find((b) => b !== null);
  if (first === undefined || first === null) return failures;
  const cell = (r: DeskRun, show: (b: BrowserRun) => string): string => {
    const b = measured(r);
    return b === null ? '—' : show(b);
  };
  const line = (label: string, show: (b: BrowserRun) => string): string => row(runs, label, (r) => cell(r, show));
  return [
    ...failures,
    line(
      `web console (Chromium ${first.chromium}), the chosen technician: "Sign in" clicked → queue usable (a row listed, "All tickets" at least the ${n(first.live)} live) (goal: under ${seconds(USABLE_GOAL_MS / 1000)})`,
      (b) => `${seconds(b.usableMs / 1000)}${missed(b.usableMs > USABLE_GOAL_MS)}`,
    ),
    line(
      `same: → whole working set in the cache (first sync done) (goal: under ${seconds(CACHED_GOAL_MS / 1000)})`,
      (b) => `${seconds(b.cachedMs / 1000)}, ${n(b.cachedTickets)} tickets${missed(b.cachedMs > CACHED_GOAL_MS)}`,
    ),
    line(
      'same browser: the same records (scoped pull, fetched first) put into a plain IndexedDB',
      (b) => `${seconds(b.plain.ms / 1000)} for ${n(b.plain.records)} records (their pull in the page alone: ${seconds(b.plain.pullMs / 1000)})`,
    ),
    line(`console ÷ plain puts (goal: at most ${OVER_PLAIN_GOAL}×)`, (b) => `${b.overPlain.toFixed(2)}×${missed(b.overPlain > OVER_PLAIN_GOAL)}`),
    line(
      'main-thread long tasks during the first sync: count / longest / over 50 ms (goal: none over 50 ms)',
      (b) => `${n(b.longTasks.count)} / ${ms(b.longTasks.longest)} / ${n(b.longTasks.overGoal)}${missed(b.longTasks.overGoal > 0)}`,
    ),
    line(
      'at the end of the first sync: JS heap after a GC / IndexedDB bytes',
      (b) => `${mib(b.heapBytes)} / ${mib(b.indexedDb.bytes)}${b.indexedDb.split ? '' : ' (whole origin)'}`,
    ),
    line(
      `restart on the warm cache (reload) → queue on screen, p50 / p95 / slowest of ${first.restart.runs} (goal: under ${ms(RESTART_GOAL_MS)})`,
      (b) => `${three(b.restart)}${missed(b.restart.p95 > RESTART_GOAL_MS)}`,
    ),
    line(
      `a ticket outside the working set, its code typed into the queue's search → the server's row on screen, p50 / p95 / slowest of ${first.search.runs} (the search waits 300 ms after typing)`,
      (b) => three(b.search),
    ),
    line(
      `same: the row clicked → its timeline on screen, p50 / p95 / slowest of ${first.open.runs} (goal: p95 under ${ms(OPEN_GOAL_MS)})`,
      (b) =>
        `${three(b.open)}${missed(b.open.p95 > OPEN_GOAL_MS)}; shown from ${Object.entries(b.openSources)
          .map(([source, count]) => `${source} ${count}`)
          .join(', ')}`,
    ),
  ];
};

const searchTable = (runs: readonly DeskRun[]): string[] => {
  const first = runs[0];
  if (first === undefined) return [];
  const lines = [
    `| query | what | tickets matching | first page | ${runs.map((r) => `${r.engine} p50 / p95 / slowest`).join(' | ')} |`,
    `|---|---|---|---|${runs.map(() => '---|').join('')}`,
  ];
  first.searches.forEach((search, k) => {
    const cells = runs.map((r) => {
      const result = r.searches[k];
      return result === undefined ? '' : `${three(result)}${result.p95 > SEARCH_GOAL_MS ? ' (over the goal)' : ''}`;
    });
    lines.push(`| \`${search.q}\` | ${search.what} | ${n(search.matches)} | ${search.shown}${search.more ? ', next set' : ''} | ${cells.join(' | ')} |`);
  });
  return lines;
};

export const deskReport = (runs: readonly DeskRun[], shape: DeskShape, machine: string, runsPerShape: number): string =>
  [
    '## Million-ticket desk',
    '',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with \`BENCH_ONLY=desk npm run bench\` (${n(shape.tickets)} tickets) on ${machine}.`,
    '',
    ...figures(runs),
    '',
    `Server search (\`GET /api/tickets?q=\`, the first page of 50), ${runsPerShape} runs after 3 warm-up runs each (goal: under ${SEARCH_GOAL_MS} ms per query):`,
    '',
    ...searchTable(runs),
    '',
    '### Method',
    '',
    '- `bench/desk/deskBench.ts` generates the desk straight into a new database of each engine (a temporary SQLite file; a',
    "  new database on `MEJA_TEST_PG_URL`'s PostgreSQL or on a throwaway cluster of the run's own, with its default settings),",
    "  migrated by the server's migrations. `BENCH_DESK_TICKETS` sets the size (default 1,000,000); `BENCH_DESK_ENGINES=sqlite`",
    '  runs one engine.',
    '- The desk (`bench/desk/`): tickets evenly over four years ending now, 300 technicians (190/80/30 by tier), requesters',
    '  skewed so a few call often, eleven categories with realistic titles and descriptions (asset tags, extensions, error',
    '  numbers), priorities 25/55/15/5 % low/normal/high/urgent. Each ticket has a planned life (answered on the phone or',
    '  taken from the queue, fixed straight away or worked, escalations, pending spells, notes, tags, a few remote sessions,',
    '  reopenings, closings) applied with the real rules (`shared/domain/mutators.ts`) as the push path applies mutations,',
    '  numbers given as the server gives them; every table the server reads is written as the push path writes it: tickets,',
    '  events, notes, sessions, tags, the change feed with `ticket_id` (each record at the position of its last write, so',
    "  the feed is in the desk's order of writes), `ticket_search` (SQLite: its FTS5 trigram index kept by the triggers;",
    '  PostgreSQL: the pg_trgm index), `ticket_facts` (`ticketFactsRows`, then `refreshAllNextContacts`), `ticket_opens`',
    '  and `applied_mutations`. Per million tickets 2,000 are live; the chosen technician (`rina`) is involved with just',
    '  enough tickets of the last year that his working set (live, ended in the last 30 days, his own, 40 opened) is 25,000.',
    '  Rows go in a transaction per 5,000 tickets (SQLite: prepared statements, no journal; PostgreSQL: `insert … select',
    '  from unnest(…)`); secondary indexes are dropped first and built again at the end; PostgreSQL then runs `vacuum',
    '  analyze`, as autovacuum would. SQLite is not analysed (the server never runs `ANALYZE`).',
    '- The real server then runs in its own process (`server/main.ts`) on loopback, and this process asks it as a console',
    `  would, one request at a time: the chosen technician signs in; his scoped first sync (the working set's records only,`,
    '  `GET /api/sync/pull?limit=1000&scope=working`, counted on the first page only, following pages until done; bytes are',
    `  the bodies, uncompressed); then 10 times a note on a live ticket of his set pushed and the scoped pull from where he stood`,
    `  timed (what every console does after each change it hears of); searches, each ${runsPerShape} times after 3 warm-ups; then ${runs[0]?.opens.runs ?? 0} tickets from one to three`,
    '  years back that are outside his working set, each opened once by id (3 more first, to warm up). Each time runs from',
    '  `fetch` until the whole body is read. The working-set query is timed on its own connection from this process',
    '  (`workingSetTicketIds`, the select a scoped pull filters with). Matching tickets are counted with a plain scan.',
    '- The web console (unless `BENCH_DESK_BROWSER=0`; `bench/desk/measureBrowser.ts`), against the same server right after',
    "  the figures above: the build of the current tree the server serves (`bench/run.ts` builds it), in Debian's Chromium",
    '  through Playwright, a new context (empty profile), 1280×800. The chosen technician signs in through the form; the',
    '  clock runs from just before the click on "Sign in" (in the page). Checked every animation frame: the queue is usable',
    '  when a row is listed and the "All tickets" count reaches the desk\'s live tickets (the scoped pull sends them first);',
    "  the working set is in the cache when the sync indicator's last sync is set (the engine sets it when the first",
    '  sync has pulled and stored every page). Long tasks from a `PerformanceObserver` installed before the first script,',
    '  those that started between the click and that end. Then the JS heap (CDP `HeapProfiler.collectGarbage`, then',
    '  `Runtime.getHeapUsage`) and the IndexedDB bytes (`navigator.storage.estimate()`, its `usageDetails.indexedDB`).',
    '  Then 5 reloads of the page on the same profile, each timed from its navigation start to the first frame with a queue',
    '  row (waiting for the sync to be idle between them). Then tickets from one to three years back that are outside the',
    "  working set and that this run has not opened before (an opening brings a ticket into the set): each ticket's caller",
    "  code set into the queue's search box (an `input` event), timed until the server's row for it is on screen; then the",
    '  row clicked, timed until the ticket panel shows that code with a timeline entry, each to the frame after; the first',
    '  3 are warm-up. Last, another new context signs in through the API, pulls the same working set (`scope=working`) into',
    '  memory first (not timed), then times raw `put`s of those records into a fresh IndexedDB database (one store per',
    '  kind, no indexes, 10,000 a transaction), as the "First sync" section\'s limit does. `BENCH_DESK_TRACE=<prefix>`',
    '  records Chrome traces of the first sync and of the first restart and prints where their time went (bench/traceSummary.ts).',
    '- Database size: SQLite the file (with its WAL), per table from `dbstat`; PostgreSQL `pg_database_size` and',
    '  `pg_total_relation_size` per table (table, indexes and TOAST).',
    '- Everything shares this machine: the server, the database and this process. Numbers vary between runs.',
    '',
  ].join('\n');
