// First: Dexie takes the global indexedDB when it is first imported, and firstSyncRun reaches it
// (through tests/support/syncClient) before liveRun's engine-only consoles would install theirs.
import 'fake-indexeddb/auto';
import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { ensureChromiumOnThisMachine } from '../scripts/chromium/ensureChromium';
import { CHROMIUM_ARGS } from '../scripts/chromium/findChromium';
import { clickSaveAt, editShownAt, fillTickets, firstScreenKept, measureChanges, measureScroll, waitForIndexLoad } from './inPage';
import { startServer } from './server';
import { ms, percentile } from './stats';
import { runDeskBench } from './desk/deskBench';
import { runFirstSyncBench } from './firstSyncRun';
import { runLiveBench } from './liveRun';
import { runServerBench } from './serverRun';
import { runStatsBench } from './statsRun';
import { runSuggestBench } from './suggestRun';
import { summariseTrace } from './traceSummary';
import { writeBenchSection } from './benchDoc';

/*
 * The queue with 100,000 cached tickets in Debian's Chromium: index load, sort/filter/search
 * latency to the first rendered rows, scrolling, heap. Writes the "Queue" section of
 * docs/BENCHMARKS.md. `npm run bench`; TICKETS=20000 for a quicker run.
 *
 * BENCH_PROFILE=<file.json>: also records a Chrome trace (timeline and CPU samples) of the
 * changes, writes it to that file (open it in DevTools' Performance panel) and prints where each
 * change's time went; the build is then left unminified so the profile has function names, and
 * docs/BENCHMARKS.md is not written. BENCH_WRITE=0 skips writing it on a plain run too.
 * MEJA_STATIC_DIR: serve that build instead of building one for this run.
 */

const TICKETS = Number(process.env.TICKETS ?? 100_000);
const PROFILE = process.env.BENCH_PROFILE ?? '';
const WRITE = PROFILE === '' && process.env.BENCH_WRITE !== '0';
const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink.user_timing',
  'v8.execute',
  'disabled-by-default-v8.cpu_profiler',
];
const PORT = Number(process.env.MEJA_BENCH_PORT ?? 4990);
const log = (line: string) => process.stdout.write(`${line}\n`);

type Change = { name: string; ms: number; changedDom: boolean; shown: number };
type Scroll = { frames: number[]; longTasks: number[]; scrolledTo: number };

/** A build of the current tree, of its own (dist/ may be older than the code, or being rebuilt by someone else), unless MEJA_STATIC_DIR names one. */
const ensureBuild = (dir: string): boolean => {
  const given = process.env.MEJA_STATIC_DIR;
  const target = given ?? join(dir, 'renderer');
  if (given === undefined) {
    execSync(`npx vite build --outDir ${target} --emptyOutDir --logLevel warn${PROFILE === '' ? '' : ' --minify false'}`, { stdio: 'inherit' });
    process.env.MEJA_STATIC_DIR = target;
  }
  if (!existsSync(join(target, 'index.html'))) throw new Error(`no build in ${target}`);
  return given === undefined;
};

const main = async () => {
  const loadBefore = loadavg()[0] ?? 0;
  const executablePath = await ensureChromiumOnThisMachine();
  const dir = mkdtempSync(join(tmpdir(), 'meja-bench-'));
  const built = ensureBuild(dir);
  const server = await startServer(PORT, join(dir, 'bench.sqlite'));
  const browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS] });
  try {
    const page = await browser.newPage({ baseURL: server.baseUrl, viewport: { width: 1280, height: 800 } });
    await page.goto('/');
    await page.getByLabel('Username').fill('tina');
    await page.getByLabel('Password').fill('demo-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('sync-indicator').and(page.locator('[data-synced-at*="2"]')).waitFor({ timeout: 60_000 });
    const demoTotal = Number(await page.getByTestId('queue-count').getAttribute('data-count'));
    // A ticket the server holds, for the local edits: it accepts them, as it would a technician's.
    const editedCode = (await page.locator('table[aria-label="Ticket queue"] tbody tr[data-code]').first().getAttribute('data-code')) ?? '';

    const staff = (await (
      await fetch(`${server.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'tina', password: 'demo-password' }),
      })
    ).json()) as { user: { id: string } };
    log(`filling IndexedDB with ${TICKETS.toLocaleString()} tickets…`);
    const fillMs = Number(await page.evaluate(fillTickets(TICKETS, [staff.user.id, 'user-sam', 'user-tomas'])));
    log(`  ${ms(fillMs)}`);

    // Every ticket written since the console kept its first screen: the restart reads the first screen through the
    // tickets' updatedAt index (cache version 9; a build before it read every ticket first).
    const load = await measureReload(page, TICKETS + demoTotal, 'restart');
    log(`index: first row ${ms(load.firstRow)}, all ${ms(load.loaded)} after navigation start`);
    // Nothing written since: the restart draws the kept first screen (a build without one waits out the bound).
    const keptAt = Number(await page.evaluate(firstScreenKept(10_000)));
    const warm = await measureReload(page, TICKETS + demoTotal, 'warm restart');
    log(`warm restart (first screen kept ${keptAt < 0 ? 'never' : 'yes'}): first row ${ms(warm.firstRow)}, all ${ms(warm.loaded)}`);
    await page.waitForTimeout(500);

    if (PROFILE !== '') await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    const changes = (await page.evaluate(measureChanges)) as Change[];
    if (PROFILE !== '') {
      const trace = (await browser.stopTracing()).toString('utf8');
      writeFileSync(PROFILE, trace);
      printTraceSummary(trace);
    }
    const times = changes.map((change) => change.ms);
    changes.forEach((change) =>
      log(
        `  ${change.name.padEnd(28)} ${ms(change.ms).padStart(10)}  ${change.shown.toLocaleString().padStart(8)} rows${change.changedDom ? '' : '  (no DOM change)'}`,
      ),
    );

    if (PROFILE !== '') await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    const scroll = (await page.evaluate(measureScroll(5))) as Scroll;
    if (PROFILE !== '') {
      const trace = (await browser.stopTracing()).toString('utf8');
      writeFileSync(PROFILE.replace(/(\.json)?$/, '-scroll.json'), trace);
      printTraceSummary(trace);
    }
    if (PROFILE !== '') await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    const edits = await measureLocalEdits(page, editedCode, EDIT_ROUNDS);
    if (PROFILE !== '') {
      const trace = (await browser.stopTracing()).toString('utf8');
      writeFileSync(PROFILE.replace(/(\.json)?$/, '-edits.json'), trace);
      printTraceSummary(trace);
    }
    log(`local edit → on screen: p50 ${ms(percentile(edits, 50))}, p95 ${ms(percentile(edits, 95))}`);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };

    const cpu = cpus();
    const figures = {
      tickets: TICKETS + demoTotal,
      fillMs,
      firstRowMs: load.firstRow,
      loadMs: load.loaded,
      warmFirstRowMs: warm.firstRow,
      warmLoadMs: warm.loaded,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      max: Math.max(...times),
      changes,
      scroll,
      heapMiB: heap.usedSize / 2 ** 20,
      edits,
      machine: `${cpu.length} cores, ${cpu[0]?.model.trim() ?? 'unknown CPU'}, Chromium ${browser.version()}, Node ${process.version}; 1-minute load average ${loadBefore.toFixed(1)} before the run and ${(loadavg()[0] ?? 0).toFixed(1)} after it (other processes on the machine skew the figures)`,
    };
    const section = report(figures);
    log(`\n${section}`);
    if (WRITE) writeSection(section);
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
    // That build went with the folder; a later part of the run makes its own.
    if (built) delete process.env.MEJA_STATIC_DIR;
  }
};

/** Reloads the page and times the queue's first row and its complete index from navigation start; traced when profiling. */
const measureReload = async (page: Page, total: number, name: string): Promise<{ firstRow: number; loaded: number }> => {
  const browser = page.context().browser();
  if (PROFILE !== '' && browser !== null) await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  await page.reload();
  const load = (await page.evaluate(waitForIndexLoad(total))) as { firstRow: number; loaded: number };
  if (PROFILE !== '' && browser !== null) {
    await page.evaluate(
      `performance.measure('change:${name} → first row', { start: 0, end: ${load.firstRow} }); performance.measure('change:${name} → all loaded', { start: ${load.firstRow}, end: ${load.loaded} })`,
    );
    const trace = (await browser.stopTracing()).toString('utf8');
    writeFileSync(PROFILE.replace(/(\.json)?$/, `-${name.replace(/ /g, '-')}.json`), trace);
    printTraceSummary(trace);
  }
  return load;
};

const printTraceSummary = (trace: string) => {
  const summary = summariseTrace(trace);
  log('\nwhere each change went (ms; js = sampled script by what is on the stack, browser = self time of rendering events):');
  for (const change of summary.changes) {
    const parts = Object.entries(change.buckets)
      .filter(([, value]) => value >= 0.5)
      .sort((a, b) => b[1] - a[1])
      .map(([bucket, value]) => `${bucket} ${value.toFixed(1)}`);
    log(`  ${change.name.padEnd(28)} ${ms(change.totalMs).padStart(10)}  ${parts.join(', ')}`);
  }
  log('\nscript functions with the most self time inside the changes:');
  for (const entry of summary.topFunctions) log(`  ${ms(entry.ms).padStart(10)}  ${entry.name}`);
};

type Figures = {
  tickets: number;
  fillMs: number;
  firstRowMs: number;
  loadMs: number;
  warmFirstRowMs: number;
  warmLoadMs: number;
  p50: number;
  p95: number;
  max: number;
  changes: Change[];
  scroll: Scroll;
  heapMiB: number;
  edits: number[];
  machine: string;
};

const EDIT_ROUNDS = 20;

/**
 * A technician's own edit on the full cache: a ticket of the demo data (one the server holds; the
 * generated ones are the cache's alone, and the server refuses an edit of them, which takes the
 * screen back) is found by its code and opened, the search cleared, and its title changed in the
 * edit form and saved; the time runs from the click on "Save changes" until the new title shows
 * both in the ticket's header and in its queue row. The first edit moves it to the top of the
 * queue (latest update first), where the others leave it.
 */
const measureLocalEdits = async (page: Page, code: string, rounds: number): Promise<number[]> => {
  const search = page.locator('input[aria-label="Filter tickets"]');
  await search.fill(code);
  await page.locator(`table[aria-label="Ticket queue"] tbody tr[data-code="${code}"]`).click();
  await search.fill('');
  const detail = page.getByTestId('ticket-detail');
  await detail.getByTestId('detail-code').filter({ hasText: code }).waitFor();
  const form = detail.getByRole('form', { name: 'Edit ticket' });
  const times: number[] = [];
  for (let round = 1; round <= rounds; round += 1) {
    if (!(await form.isVisible())) await detail.getByRole('button', { name: 'Edit…' }).click();
    const title = `Local edit ${round} of the bench`;
    await form.getByLabel('Title').fill(title);
    const shown = page.evaluate(editShownAt(code, title));
    const clickedAt = Number(await page.evaluate(clickSaveAt));
    const shownAtMs = Number(await shown);
    times.push(shownAtMs - clickedAt);
    // The window of each edit, for a profiled run (BENCH_PROFILE) to split.
    await page.evaluate(
      `performance.measure('change:edit ${round}', { start: ${clickedAt} - performance.timeOrigin, end: ${shownAtMs} - performance.timeOrigin })`,
    );
    await page.waitForTimeout(200);
  }
  return times;
};

const report = (f: Figures): string => {
  const frames = f.scroll.frames;
  const slowFrames = frames.filter((frame) => frame > 33.4).length;
  const longTaskTotal = f.scroll.longTasks.reduce((sum, task) => sum + task, 0);
  return [
    '## Queue',
    '',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with \`npm run bench\` on ${f.machine}.`,
    '',
    '| figure | value |',
    '|---|---|',
    `| tickets in the cache | ${f.tickets.toLocaleString('en')} |`,
    `| sort/filter/search change → first rows rendered, p50 (${f.changes.length} changes) | ${ms(f.p50)} |`,
    `| same, p95 | ${ms(f.p95)} |`,
    `| same, slowest | ${ms(f.max)} |`,
    `| index load: first rows after reload (from navigation start) | ${ms(f.firstRowMs)} |`,
    `| index load: all rows in the index, view counts shown | ${ms(f.loadMs)} |`,
    `| restart with the first screen kept: first rows / all rows in the index (from navigation start) | ${ms(f.warmFirstRowMs)} / ${ms(f.warmLoadMs)} |`,
    `| scrolling ${frames.length} frames at 240 px a frame: frame time p50 / p95 | ${ms(percentile(frames, 50))} / ${ms(percentile(frames, 95))} |`,
    `| scrolling: frames over 33 ms; long tasks (count, total) | ${slowFrames}; ${f.scroll.longTasks.length}, ${ms(longTaskTotal)} |`,
    `| local edit: "Save changes" clicked → new title in the ticket's header and its queue row, p50 / p95 (${f.edits.length} edits; goal p95 under 16 ms) | ${ms(percentile(f.edits, 50))} / ${ms(percentile(f.edits, 95))} |`,
    `| JS heap in use after GC (CDP Runtime.getHeapUsage) | ${f.heapMiB.toFixed(1)} MiB |`,
    `| writing the generated tickets into IndexedDB (setup, not the app) | ${(f.fillMs / 1000).toFixed(1)} s |`,
    '',
    'Per change (time from the event to the frame after the rows changed; rows = matches):',
    '',
    '| change | time | rows |',
    '|---|---|---|',
    ...f.changes.map((change) => `| ${change.name} | ${ms(change.ms)} | ${change.shown.toLocaleString('en')} |`),
    '',
    '### Method',
    '',
    '- `bench/run.ts` builds the current tree into a directory of its own (or takes `MEJA_STATIC_DIR`, e.g. an older build',
    '  for a before/after comparison), starts the real server (`server/main.ts --demo`) serving it on a temporary SQLite file,',
    "  opens Chromium (`MEJA_CHROMIUM`, else Debian's `/usr/bin/chromium`; the flags of `scripts/chromium/findChromium.ts`) at 1280×800 and signs in as tina;",
    '  the first sync brings the demo data.',
    "- It then writes the generated tickets straight into the page's IndexedDB cache (raw `put`, 10,000 per transaction).",
    '  Going through the server would take far too long (the first sync of 100k tickets is a benchmark of its own);',
    '  the queue only reads the cache, so where the rows came from does not matter to it.',
    '- It reloads the page. Index load: milliseconds from navigation start until the first row, and until the "All tickets"',
    '  count shows every ticket (the index is complete and view counts are computed). The fill counted its writes in the',
    '  ticket stamp, as a sync does, so this restart reads every ticket before its first screen. Once the console has kept',
    '  its first screen (at most 10 s later) it reloads again and times the same: the restart with the first screen kept.',
    '- Changes: in the page, the bench dispatches a click on a sort header or view, or sets a facet select or the search field',
    '  and dispatches `change`/`input`; the time runs from just before the dispatch until a `requestAnimationFrame`',
    '  callback plus one task after it, i.e. the frame with the new rows. A MutationObserver on the table body confirms',
    '  the rows changed ("no DOM change": the rows in view stayed the same). Measured from outside the app: no test hook in',
    '  the product; each change is also left as a `performance.measure` for a profiled run.',
    '- Scrolling: `scrollTop += 240` every animation frame for 5 s over the whole list; frame times from rAF timestamps,',
    '  long tasks (> 50 ms) from a PerformanceObserver.',
    `- Local edit: after the changes, a ticket of the demo data (the server holds it and accepts the edits) is found by its code and opened, the search cleared; ${EDIT_ROUNDS} times its title is changed in the edit`,
    '  form and "Save changes" clicked (the time taken in the page just before the click); the time runs until a MutationObserver',
    "  sees the new title both in the ticket's header and in its queue row: the local write (Dexie), the queue index patch and",
    '  the re-render. Rounds are 200 ms apart.',
    '- Heap: `Runtime.getHeapUsage` over CDP after `HeapProfiler.collectGarbage`.',
    '- Where the time goes: `BENCH_PROFILE=/tmp/x.json npm run bench` builds unminified, records a Chrome trace',
    "  (timeline events and V8 CPU samples) of the reload, the changes, the scrolling and the local edits, writes each for DevTools' Performance panel and",
    '  prints, per change, sampled script time by what is on the stack (query, sort, React render, React commit, other) and',
    "  the self time of the browser's style, layout and paint events (bench/traceSummary.ts). It does not write this file.",
    '- Numbers vary 15–25 % between runs on this machine (docs/TOOLCHAIN), far more while other processes share its two',
    '  cores: compare builds back to back, at a similar load average. The analysis is in "Queue: where the time goes" below.',
    '',
  ].join('\n');
};

const writeSection = (section: string) => writeBenchSection('Queue', section);

// BENCH_ONLY=queue, firstsync, live, stats, server, desk or suggest runs one of them; all by default (bench/firstSyncRun.ts, liveRun.ts, statsRun.ts, serverRun.ts, desk/deskBench.ts, suggestRun.ts).
const ONLY = process.env.BENCH_ONLY ?? '';
if (ONLY === '' || ONLY === 'queue') await main();
for (const [part, run] of [
  ['firstsync', runFirstSyncBench],
  ['live', runLiveBench],
] as const) {
  if (ONLY !== '' && ONLY !== part) continue;
  const dir = mkdtempSync(join(tmpdir(), 'meja-bench-build-'));
  try {
    const built = ensureBuild(dir);
    await run();
    if (built) delete process.env.MEJA_STATIC_DIR;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
if (ONLY === '' || ONLY === 'stats') await runStatsBench();
if (ONLY === '' || ONLY === 'server') await runServerBench();
if (ONLY === '' || ONLY === 'suggest') await runSuggestBench();
if (ONLY === '' || ONLY === 'desk') {
  // The desk's browser half opens the console the desk's server serves: a build of the current tree.
  const dir = mkdtempSync(join(tmpdir(), 'meja-bench-build-'));
  try {
    const built = process.env.BENCH_DESK_BROWSER === '0' ? false : ensureBuild(dir);
    await runDeskBench();
    if (built) delete process.env.MEJA_STATIC_DIR;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
