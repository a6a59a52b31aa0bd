import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './freePort';
import { findPostgresBinDir } from './postgresBinaries';

/*
 * A throwaway PostgreSQL cluster, kept by this process: `startThrowawayPostgres`
 * (throwawayPostgres.ts) runs it as a child with a pipe on its stdin. It makes a cluster in a new
 * temporary folder, starts `postgres` on a free loopback port and writes one JSON line to stdout:
 * `{"ready": {"url", "dir", "pid"}}` or `{"error": "…"}`. It stops the server and removes the
 * folder when its stdin ends, which happens both when the parent asks and when the parent dies in
 * any way (even SIGKILL), and on SIGINT, SIGTERM or SIGHUP (Ctrl-C reaches the whole process group).
 */

/**
 * Connections the tests may open at once. Each test file's server holds a pool of up to 10 plus one
 * listening connection (two instances in the scale-out files), and Vitest runs one file per core
 * but one; 300 leaves room for 10 parallel files at their peak. A slot costs a few kB of shared memory.
 */
const MAX_CONNECTIONS = 300;
const SUPERUSER = 'meja';
const PORT_ATTEMPTS = 5;
const READY_WITHIN_MS = 60_000;

type RunAs = { uid: number; gid: number } | null;

const say = (message: { ready: { url: string; dir: string; pid: number } } | { error: string }): Promise<void> =>
  new Promise((resolve) => process.stdout.write(`${JSON.stringify(message)}\n`, () => resolve()));

/** initdb and postgres refuse to run as root: as root they run as the `postgres` account (Debian's package makes it), else `nobody`. */
const accountToRunAs = (): RunAs => {
  if (process.getuid?.() !== 0) return null;
  for (const name of ['postgres', 'nobody']) {
    try {
      const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
      const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
      return { uid, gid };
    } catch {
      // No such account: try the next.
    }
  }
  throw new Error('running as root, and neither a postgres nor a nobody account exists to run PostgreSQL as (initdb and postgres refuse root)');
};

const dir = mkdtempSync(join(tmpdir(), 'meja-pg-'));
const dataDir = join(dir, 'data');
const logFile = join(dir, 'postgres.log');
let child: ChildProcess | null = null;
let stopping = false;

const waitForExit = (process: ChildProcess, ms: number): Promise<boolean> =>
  new Promise((resolve) => {
    if (process.exitCode !== null || process.signalCode !== null) return resolve(true);
    const timer = setTimeout(() => resolve(false), ms);
    process.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });

/** Stops what runs (SIGQUIT: postgres's immediate shutdown, nothing here is worth a checkpoint), removes the folder and exits. */
const finish = async (code: number): Promise<never> => {
  if (!stopping) {
    stopping = true;
    const running = child;
    if (running !== null && running.exitCode === null && running.signalCode === null) {
      running.kill('SIGQUIT');
      if (!(await waitForExit(running, 10_000))) {
        running.kill('SIGKILL');
        await waitForExit(running, 5_000);
      }
    }
    rmSync(dir, { recursive: true, force: true });
    process.exit(code);
  }
  return new Promise<never>(() => undefined);
};

process.stdin.on('end', () => void finish(0));
process.stdin.on('close', () => void finish(0));
process.stdin.resume();
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void finish(0));

const logTail = (): string => {
  try {
    return readFileSync(logFile, 'utf8').trim().split('\n').slice(-15).join('\n');
  } catch {
    return '';
  }
};

const run = (program: string, args: string[], runAs: RunAs, logFd: number): ChildProcess => {
  const started = spawn(program, args, { cwd: dir, stdio: ['ignore', logFd, logFd], ...(runAs ?? {}) });
  child = started;
  return started;
};

const initCluster = async (binDir: string, runAs: RunAs, logFd: number): Promise<void> => {
  const initdb = run(
    join(binDir, 'initdb'),
    ['-D', dataDir, '-U', SUPERUSER, '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync', '--no-instructions'],
    runAs,
    logFd,
  );
  const code = await new Promise<number | null>((resolve) => initdb.once('exit', resolve));
  if (code !== 0) throw new Error(`initdb failed (exit ${String(code)}):\n${logTail()}`);
};

const answers = async (url: string): Promise<boolean> => {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
};

/** Starts postgres on a free port; another process may take the port between the probe and the bind, so a taken port is tried again with a new one. */
const startServer = async (binDir: string, runAs: RunAs, logFd: number): Promise<{ url: string; pid: number }> => {
  for (let attempt = 1; attempt <= PORT_ATTEMPTS; attempt += 1) {
    const port = await freePort();
    const settings = { listen_addresses: '127.0.0.1', port: String(port), unix_socket_directories: '', max_connections: String(MAX_CONNECTIONS) };
    const server = run(
      join(binDir, 'postgres'),
      ['-D', dataDir, ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`])],
      runAs,
      logFd,
    );
    const url = `postgres://${SUPERUSER}@127.0.0.1:${port}/postgres`;
    const deadline = Date.now() + READY_WITHIN_MS;
    while (server.exitCode === null && server.signalCode === null && Date.now() < deadline) {
      if (await answers(url)) return { url, pid: server.pid ?? -1 };
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const log = logTail();
    if (server.exitCode === null && server.signalCode === null) throw new Error(`postgres did not answer within ${READY_WITHIN_MS / 1000} s:\n${log}`);
    if (!/could not bind|address already in use/i.test(log)) throw new Error(`postgres stopped at start (exit ${String(server.exitCode)}):\n${log}`);
  }
  throw new Error(`postgres found no free port in ${PORT_ATTEMPTS} attempts:\n${logTail()}`);
};

const main = async () => {
  const binDir = findPostgresBinDir();
  const runAs = accountToRunAs();
  if (runAs !== null) chownSync(dir, runAs.uid, runAs.gid);
  const logFd = openSync(logFile, 'a');
  try {
    await initCluster(binDir, runAs, logFd);
    const { url, pid } = await startServer(binDir, runAs, logFd);
    const server = child;
    server?.once('exit', (code, signal) => {
      if (stopping) return;
      process.stderr.write(`throwaway PostgreSQL stopped by itself (${String(signal ?? code)}):\n${logTail()}\n`);
      void finish(1);
    });
    await say({ ready: { url, dir, pid } });
  } finally {
    closeSync(logFd);
  }
};

main().catch(async (error: unknown) => {
  await say({ error: error instanceof Error ? error.message : String(error) });
  await finish(1);
});
