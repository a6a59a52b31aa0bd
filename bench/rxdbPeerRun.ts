import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser } from '@playwright/test';
import type { PeerResult } from './rxdbPeer/page';
import { longTaskRecorder } from './inPageSync';

/*
 * The RxDB peer of the first-sync benchmark: bench/rxdbPeer/page.ts bundled for the browser
 * (production build, no dev-mode plugin) and served same-origin with the server through
 * Playwright routes, so its fetches reach Meja's API as the console's would.
 */

/** Pull batch size: Meja's server maximum (MAX_PULL_LIMIT). */
export const RXDB_BATCH_SIZE = 1000;

export type PeerRun = PeerResult & { longTasks: number[] };

const bundle = async (): Promise<string> => {
  const dir = mkdtempSync(join(tmpdir(), 'meja-rxdb-peer-'));
  try {
    const outfile = join(dir, 'peer.js');
    await build({
      entryPoints: ['bench/rxdbPeer/page.ts'],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'chrome120',
      minify: true,
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'warning',
      outfile,
    });
    return readFileSync(outfile, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

/** Runs the peer in a new context of `browser` against the server at `url`; long tasks recorded as for Meja. */
export const runRxdbPeer = async (browser: Browser, url: string, username: string, password: string, tickets: number): Promise<PeerRun> => {
  const script = await bundle();
  const context = await browser.newContext({ baseURL: url });
  try {
    await context.addInitScript(longTaskRecorder);
    await context.route(`${url}/__rxdb-peer*`, (route) =>
      route.request().url().endsWith('.js')
        ? route.fulfill({ contentType: 'text/javascript', body: script })
        : route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>RxDB peer</title><script type="module" src="/__rxdb-peer.js"></script>' }),
    );
    const page = await context.newPage();
    page.on('pageerror', (error) => process.stdout.write(`  RxDB peer page error: ${error.message}\n`));
    await page.goto('/__rxdb-peer');
    await page.waitForFunction('typeof window.__rxdbPeer === "function"');
    const result = (await page.evaluate(
      `window.__rxdbPeer(${JSON.stringify(username)}, ${JSON.stringify(password)}, ${tickets}, ${RXDB_BATCH_SIZE})`,
    )) as PeerResult;
    if (result.error !== null || result.count !== tickets) throw new Error(`RxDB peer: ${result.count} of ${tickets} tickets, ${result.error ?? 'no error'}`);
    const longTasks = (await page.evaluate('window.__mejaLongTasks')) as number[];
    return { ...result, longTasks };
  } finally {
    await context.close();
  }
};

const RXDB_VERSION = (JSON.parse(readFileSync('node_modules/rxdb/package.json', 'utf8')) as { version: string }).version;

const seconds = (value: number) => `${(value / 1000).toFixed(1)} s`;

/** The peer's rows in the first-sync report table; `mejaMs` is Meja's sign-in → all tickets shown. */
export const rxdbRows = (peer: PeerRun, mejaMs: number): string[] => {
  const peerMs = peer.countedAt - peer.startedAt;
  const over100 = peer.longTasks.filter((t) => t > 100).length;
  return [
    `| RxDB peer (Dexie storage, replication plugin): login → initial replication done and every ticket counted | ${seconds(peerMs)} |`,
    `| RxDB ÷ Meja (goal: at least 1.5×, i.e. Meja at least 1.5× faster) | ${(peerMs / mejaMs).toFixed(2)}× |`,
    `| RxDB peer: main-thread long tasks, of those over 100 ms, longest | ${peer.longTasks.length}, ${over100}, ${peer.longTasks.length === 0 ? '—' : `${Math.round(Math.max(...peer.longTasks))} ms`} |`,
  ];
};

/** The peer's bullets in the report's Method. */
export const rxdbMethod: string[] = [
  `- RxDB peer (\`bench/rxdbPeer/page.ts\`, rxdb ${RXDB_VERSION}, bundled by esbuild as a production build without the`,
  '  dev-mode plugin, served same-origin through Playwright routes), after the limit in a new context: the clock runs from',
  '  just before `POST /api/auth/login` until `awaitInitialReplication()` has resolved and `tickets.count().exec()` equals',
  '  the ticket count. It creates an RxDB database on the free Dexie storage (`getRxStorageDexie()`, `multiInstance:',
  "  false`) with one `tickets` collection (Meja's Ticket as JSON schema, primary key `id`, indexes on code, status and",
  "  category: the ticket indexes of the console's cache, schema version 3) and runs `replicateRxCollection` (pull only, `live: false`,",
  `  batchSize ${RXDB_BATCH_SIZE}, the server's maximum) with a pull handler over Meja's real \`GET /api/sync/pull\` (Bearer token, \`count=0\`: it shows no progress),`,
  "  checkpoint = Meja's cursor. It keeps only tickets: it reads pages until a batch is full of tickets or the feed ends",
  '  (RxDB ends the initial pull at the first short batch), so it fetches the events too but does not store them, while',
  '  Meja stores all of them. Long tasks are recorded as for Meja, from the first script on.',
];
