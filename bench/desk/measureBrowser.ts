import { writeFileSync } from 'node:fs';
import { chromium, type Browser } from '@playwright/test';
import { ensureChromiumOnThisMachine } from '../../scripts/chromium/ensureChromium';
import { CHROMIUM_ARGS } from '../../scripts/chromium/findChromium';
import { limitPuts } from '../inPageSync';
import { summariseTrace, type TraceSummary } from '../traceSummary';
import { indexedDbBytes, longTasksBetween, overPlainPuts, timedAfterWarmup, type LongTask, type LongTaskSummary, type StorageEstimate } from './browserFigures';
import type { TicketRef } from './generateDesk';
import { clickSignIn, deskRecorder, firstSyncTimes, openByCode, queueShown, storageEstimate, syncIdle } from './inPageDesk';
import type { Timing } from './measureHttp';

/*
 * The browser half of the million-ticket desk bench: the web console (the build the server serves)
 * in Chromium signs in as the chosen technician against the desk's server and is timed through what
 * it shows: the queue usable, the whole working set in its cache, long tasks meanwhile, heap and
 * IndexedDB bytes then, restarts on the warm cache, and tickets outside the working set opened
 * through the search. Beside it, in the same browser, the same records put into a plain IndexedDB.
 */

export const LONG_TASK_GOAL_MS = 50;
const RESTARTS = 5;
const OPEN_WARMUP = 3;
const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink.user_timing',
  'v8.execute',
  'disabled-by-default-v8.cpu_profiler',
];

export type BrowserRun = {
  chromium: string;
  /** The live tickets the queue had to list to count as usable. */
  live: number;
  usableMs: number;
  cachedMs: number;
  /** The "All tickets" count when the first sync ended. */
  cachedTickets: number;
  longTasks: LongTaskSummary;
  heapBytes: number;
  indexedDb: { bytes: number; split: boolean };
  plain: { ms: number; records: number; pullMs: number };
  overPlain: number;
  restart: Timing;
  search: Timing;
  open: Timing;
  /** How many opened panels were read from the server and how many from the cache (the sync was quicker). */
  openSources: Record<string, number>;
  /** Where the time went, when traced (BENCH_DESK_TRACE): the first sync, and the first restart. */
  trace: TraceSummary | null;
  restartTrace: TraceSummary | null;
};

export type BrowserOptions = {
  url: string;
  username: string;
  password: string;
  live: number;
  outside: readonly TicketRef[];
  /** A file to write a Chrome trace of the first sync to, and summarise; null for none. */
  tracePath: string | null;
  log: (line: string) => void;
};

const firstSync = async (browser: Browser, options: BrowserOptions) => {
  const context = await browser.newContext({ baseURL: options.url, viewport: { width: 1280, height: 800 } });
  await context.addInitScript(deskRecorder);
  const page = await context.newPage();
  await page.goto('/');
  await page.getByLabel('Username').fill(options.username);
  await page.getByLabel('Password').fill(options.password);
  if (options.tracePath !== null) await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  const clickedAt = Number(await page.evaluate(clickSignIn));
  const times = (await page.evaluate(firstSyncTimes(clickedAt, options.live))) as { usableAt: number; cachedAt: number; tickets: number };
  let trace: TraceSummary | null = null;
  if (options.tracePath !== null) {
    const buffer = await browser.stopTracing();
    writeFileSync(options.tracePath, buffer);
    trace = summariseTrace(buffer.toString('utf8'));
    options.log(`    trace of the first sync in ${options.tracePath}`);
  }
  const tasks = (await page.evaluate('window.__mejaDeskLongTasks')) as LongTask[];
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const estimate = (await page.evaluate(storageEstimate)) as StorageEstimate;
  return {
    context,
    page,
    usableMs: times.usableAt - clickedAt,
    cachedMs: times.cachedAt - clickedAt,
    cachedTickets: times.tickets,
    longTasks: longTasksBetween(tasks, clickedAt, times.cachedAt, LONG_TASK_GOAL_MS),
    heapBytes: heap.usedSize,
    indexedDb: indexedDbBytes(estimate),
    trace,
  };
};

export const measureBrowser = async (options: BrowserOptions): Promise<BrowserRun> => {
  const { log } = options;
  const browser = await chromium.launch({ executablePath: await ensureChromiumOnThisMachine(), args: [...CHROMIUM_ARGS] });
  try {
    const first = await firstSync(browser, options);
    const { context, page } = first;
    log(
      `    console: queue usable ${first.usableMs.toFixed(0)} ms, working set cached ${(first.cachedMs / 1000).toFixed(1)} s (${first.cachedTickets} tickets), ${first.longTasks.count} long tasks (longest ${first.longTasks.longest.toFixed(0)} ms)`,
    );
    await page.evaluate(syncIdle);
    const restarts: number[] = [];
    let restartTrace: TraceSummary | null = null;
    for (let k = 0; k < RESTARTS; k += 1) {
      const traced = k === 0 ? options.tracePath : null;
      if (traced !== null) await browser.startTracing(page, { categories: TRACE_CATEGORIES });
      await page.reload();
      restarts.push(Number(await page.evaluate(queueShown)));
      if (traced !== null) {
        await page.evaluate(`performance.measure('change:restart', { start: 0, end: window.__mejaQueueShownAt })`);
        const path = traced.replace(/\.json$/, '-restart.json');
        const buffer = await browser.stopTracing();
        writeFileSync(path, buffer);
        restartTrace = summariseTrace(buffer.toString('utf8'));
        log(`    trace of the first restart in ${path}`);
      }
      await page.evaluate(syncIdle);
    }
    log(`    restart on the warm cache → queue: ${restarts.map((t) => t.toFixed(0)).join(', ')} ms`);
    const searches: number[] = [];
    const opens: number[] = [];
    const openSources: Record<string, number> = {};
    for (const ticket of options.outside) {
      const opened = (await page.evaluate(openByCode(ticket.code))) as { searchMs: number; openMs: number; source: string };
      searches.push(opened.searchMs);
      opens.push(opened.openMs);
      if (searches.length > OPEN_WARMUP) openSources[opened.source] = (openSources[opened.source] ?? 0) + 1;
    }
    log(`    open outside the set: ${opens.map((t) => t.toFixed(0)).join(', ')} ms`);
    await context.close();

    const plainContext = await browser.newContext({ baseURL: options.url });
    const plainPage = await plainContext.newPage();
    await plainPage.goto('/');
    const plain = (await plainPage.evaluate(limitPuts(options.username, options.password, 'working'))) as { ms: number; records: number; pullMs: number };
    await plainContext.close();
    log(`    plain puts: ${(plain.ms / 1000).toFixed(1)} s for ${plain.records} records`);
    return {
      chromium: browser.version(),
      live: options.live,
      usableMs: first.usableMs,
      cachedMs: first.cachedMs,
      cachedTickets: first.cachedTickets,
      longTasks: first.longTasks,
      heapBytes: first.heapBytes,
      indexedDb: first.indexedDb,
      plain,
      overPlain: overPlainPuts(first.cachedMs, plain.ms),
      restart: timedAfterWarmup(restarts, 0),
      search: timedAfterWarmup(searches, OPEN_WARMUP),
      open: timedAfterWarmup(opens, OPEN_WARMUP),
      openSources,
      trace: first.trace,
      restartTrace,
    };
  } finally {
    await browser.close();
  }
};
