import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { ensureChromiumOnThisMachine } from '../scripts/chromium/ensureChromium';
import { CHROMIUM_ARGS } from '../scripts/chromium/findChromium';
import { makeCreateArgs } from '../tests/support/factories';
import { push } from '../tests/support/http';
import { createTestClient, login, type TestClient } from '../tests/support/syncClient';
import { clickSaveAt, titleShownAt } from './inPage';
import { startServer } from './server';
import { ms, percentile } from './stats';
import { writeBenchSection } from './benchDoc';

/*
 * Live propagation: one console edits a ticket's title in its page; the time until the new title
 * is on another console's screen, with LIVE_CONSOLES (default 50) consoles connected to the
 * server's event stream: the two Chromium pages and engine-only consoles (the real sync engine on
 * fake-indexeddb, in this Node process) that pull on every poke like any console. Writes the
 * "Live propagation" section of docs/BENCHMARKS.md. `BENCH_ONLY=live npm run bench`.
 * Needs MEJA_STATIC_DIR (bench/run.ts builds one).
 */

const CONSOLES = Number(process.env.LIVE_CONSOLES ?? 50);
const ROUNDS = Number(process.env.LIVE_ROUNDS ?? 40);
const PORT = Number(process.env.MEJA_BENCH_LIVE_PORT ?? 4992);
const WRITE = process.env.BENCH_WRITE !== '0';
const DEMO_USERS = ['tina', 'tomas', 'sam', 'rita', 'sue'];
const log = (line: string) => process.stdout.write(`${line}\n`);

const signIn = async (browser: Browser, baseUrl: string, username: string): Promise<Page> => {
  const page = await (await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 800 } })).newPage();
  await page.goto('/');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill('demo-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('sync-indicator').and(page.locator('[data-synced-at*="2"]')).waitFor({ timeout: 60_000 });
  return page;
};

const openTicket = async (page: Page, code: string) => {
  await page.getByLabel('Filter tickets').fill(code);
  await page.locator(`table[aria-label="Ticket queue"] tbody tr[data-code="${code}"]`).click({ timeout: 30_000 });
  await page.getByTestId('ticket-detail').getByTestId('detail-code').filter({ hasText: code }).waitFor();
};

const watchTitle = async (page: Page, text: string): Promise<number> => Number(await page.evaluate(titleShownAt(text)));

type Figures = { consoles: number; engineConsoles: number; rounds: number; p50: number; p95: number; max: number; localP50: number; machine: string };

const report = (f: Figures): string =>
  [
    '## Live propagation',
    '',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with \`BENCH_ONLY=live npm run bench\` on ${f.machine}.`,
    '',
    '| figure | value |',
    '|---|---|',
    `| consoles connected to the event stream | ${f.consoles} (2 Chromium pages, ${f.engineConsoles} engine-only consoles) |`,
    `| edit saved in one page → new title on the other page's screen, p50 (${f.rounds} edits) | ${ms(f.p50)} |`,
    `| same, p95 (goal: under 250 ms) | ${ms(f.p95)} |`,
    `| same, slowest | ${ms(f.max)} |`,
    `| edit saved → new title on the editing page itself, p50 | ${ms(f.localP50)} |`,
    '',
    '### Method',
    '',
    '- `bench/liveRun.ts` starts the real server with its demo data on a temporary SQLite file (`server/main.ts --demo`),',
    "  connects the engine-only consoles (the real sync engine and Dexie on fake-indexeddb in the bench's Node process,",
    '  signed in as the demo staff in turn, each holding the event stream and pulling on every poke), then signs tina and',
    '  sam in, in two Chromium contexts, and opens one new ticket in both.',
    "- Each round, sam's page starts a MutationObserver for the new title; the bench then fills the title in tina's edit",
    '  form and clicks "Save changes", taking the wall-clock time just before the click in tina\'s page. The figure is the time',
    "  from that click to the DOM change in sam's page that shows the title (both pages are in one browser, one clock):",
    "  tina's local write, her engine's push, the server's commit and poke to every stream, sam's pull, his Dexie write and",
    '  the re-render. Rounds run one after another, 300 ms apart.',
    '- A local change starts a sync at once; a poke from the server starts one after 5 ms (`syncSoonDelayMs`, so pokes',
    '  arriving together make one cycle). The engine reads its outbox and cursor in read-only transactions, which do not',
    "  wait for the screen's reads of tickets and events.",
    "- Everything shares this machine's two cores: the server, Chromium with both pages, and the engine-only consoles, which",
    '  all pull and write every change too. On a real desk those consoles run on other machines.',
    '',
  ].join('\n');

const writeSection = (section: string) => writeBenchSection('Live propagation', section);

export const runLiveBench = async (): Promise<void> => {
  const loadBefore = loadavg()[0] ?? 0;
  const executablePath = await ensureChromiumOnThisMachine();
  const dir = mkdtempSync(join(tmpdir(), 'meja-live-bench-'));
  const server = await startServer(PORT, join(dir, 'live.sqlite'));
  const clients: TestClient[] = [];
  const browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS] });
  try {
    const engineConsoles = Math.max(0, CONSOLES - 2);
    log(`live: connecting ${engineConsoles} engine-only consoles…`);
    for (let i = 0; i < engineConsoles; i += 1) {
      const client = await createTestClient({
        baseUrl: server.baseUrl,
        username: DEMO_USERS[i % DEMO_USERS.length] ?? 'tina',
        password: 'demo-password',
        name: `live-${i}`,
        seed: i + 1,
      });
      client.engine.start();
      clients.push(client);
    }
    const deadline = Date.now() + 120_000;
    while (clients.some((c) => !c.engine.status().live || c.engine.status().state !== 'idle')) {
      if (Date.now() > deadline) throw new Error('the engine-only consoles did not all connect within 120 s');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const { token } = await login(server.baseUrl, 'tomas', 'demo-password');
    const ticket = makeCreateArgs({ title: 'Live propagation 0' });
    await push(server.baseUrl, token, [{ name: 'ticket:create', args: ticket }]);
    const tina = await signIn(browser, server.baseUrl, 'tina');
    const sam = await signIn(browser, server.baseUrl, 'sam');
    await openTicket(tina, ticket.code);
    await openTicket(sam, ticket.code);
    const form = tina.getByTestId('ticket-detail').getByRole('form', { name: 'Edit ticket' });
    const remote: number[] = [];
    const local: number[] = [];
    for (let round = 1; round <= ROUNDS; round += 1) {
      const title = `Live propagation ${round}`;
      if (!(await form.isVisible())) await tina.getByTestId('ticket-detail').getByRole('button', { name: 'Edit…' }).click();
      await form.getByLabel('Title').fill(title);
      const seenBySam = watchTitle(sam, title);
      await form.getByRole('button', { name: 'Save changes' }).waitFor();
      // The click and its time in tina's page, in one task.
      const clickedAt = Number(await tina.evaluate(clickSaveAt));
      const seenByTina = await watchTitle(tina, title);
      remote.push((await seenBySam) - clickedAt);
      local.push(seenByTina - clickedAt);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    const cpu = cpus();
    const figures: Figures = {
      consoles: engineConsoles + 2,
      engineConsoles,
      rounds: ROUNDS,
      p50: percentile(remote, 50),
      p95: percentile(remote, 95),
      max: Math.max(...remote),
      localP50: percentile(local, 50),
      machine: `${cpu.length} cores, ${cpu[0]?.model.trim() ?? 'unknown CPU'}, Chromium ${browser.version()}, Node ${process.version}; 1-minute load average ${loadBefore.toFixed(1)} before the run and ${(loadavg()[0] ?? 0).toFixed(1)} after it`,
    };
    const section = report(figures);
    log(`\n${section}`);
    if (WRITE) writeSection(section);
  } finally {
    // The server first and whatever else fails: a server left running keeps the port, and the
    // next run's server cannot listen while the bench talks to the stale one.
    await server.stop();
    await browser.close().catch(() => undefined);
    await Promise.allSettled(clients.map((client) => client.close()));
    rmSync(dir, { recursive: true, force: true });
  }
};
