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
 *
 * While it runs, a line on its stdin is a command for tests of a database restart, answered with a
 * line on stdout: `{"command":"stop"}` (a fast shutdown, as `pg_ctl stop -m fast`), `{"command":
 * "kill"}` (SIGKILL to the postmaster, whose backends then end by themselves) and `{"command":
 * "start"}` (the same cluster again on the same port, once it answers), each answered `{"done":
 * command, "pid"}` or `{"failed": command, "error"}`.
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

type Said =
  { ready: { url: string; dir: string; pid: number } } | { error: string } | { done: Command; pid: number | null } | { failed: Command; error: string };
type Command = 'stop' | 'kill' | 'start';

const say = (message: Said): Promise<void> => new Promise((resolve) => process.stdout.write(`${JSON.stringify(message)}\n`, () => resolve()));

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
/** Stopped on command: its exit is no reason to end. */
let isDownOnPurpose = false;

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
let commands = '';
process.stdin.on('data', (chunk: Buffer) => {
  commands += chunk.toString('utf8');
  for (let end = commands.indexOf('\n'); end >= 0; end = commands.indexOf('\n')) {
    const line = commands.slice(0, end).trim();
    commands = commands.slice(end + 1);
    if (line !== '') queueCommand(line);
  }
});
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

const urlOf = (port: number): string => `postgres://${SUPERUSER}@127.0.0.1:${port}/postgres`;

/** Runs postgres on `port` until it answers: its pid, or why it stopped at start (the tail of its log). */
const launch = async (binDir: string, runAs: RunAs, logFd: number, port: number): Promise<{ pid: number } | { stopped: string }> => {
  const settings = { listen_addresses: '127.0.0.1', port: String(port), unix_socket_directories: '', max_connections: String(MAX_CONNECTIONS) };
  const server = run(
    join(binDir, 'postgres'),
    ['-D', dataDir, ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`])],
    runAs,
    logFd,
  );
  const deadline = Date.now() + READY_WITHIN_MS;
  while (server.exitCode === null && server.signalCode === null && Date.now() < deadline) {
    if (await answers(urlOf(port))) return { pid: server.pid ?? -1 };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const log = logTail();
  if (server.exitCode === null && server.signalCode === null) throw new Error(`postgres did not answer within ${READY_WITHIN_MS / 1000} s:\n${log}`);
  return { stopped: log };
};

/** Starts postgres on a free port; another process may take the port between the probe and the bind, so a taken port is tried again with a new one. */
const startServer = async (binDir: string, runAs: RunAs, logFd: number): Promise<{ url: string; port: number; pid: number }> => {
  for (let attempt = 1; attempt <= PORT_ATTEMPTS; attempt += 1) {
    const port = await freePort();
    const launched = await launch(binDir, runAs, logFd, port);
    if ('pid' in launched) return { url: urlOf(port), port, pid: launched.pid };
    if (!/could not bind|address already in use/i.test(launched.stopped))
      throw new Error(`postgres stopped at start (exit ${String(child?.exitCode)}):\n${launched.stopped}`);
  }
  throw new Error(`postgres found no free port in ${PORT_ATTEMPTS} attempts:\n${logTail()}`);
};

/** Where the running cluster is, for the commands. */
let cluster: { binDir: string; runAs: RunAs; port: number } | null = null;

/**
 * The same cluster again on its port. After a SIGKILL to the postmaster its backends end by
 * themselves once they notice, and until they have, postgres refuses to start ("pre-existing
 * shared memory block ... is still in use"): tried again until the deadline.
 */
const restart = async (): Promise<number> => {
  if (cluster === null) throw new Error('no cluster yet');
  const { binDir, runAs, port } = cluster;
  const deadline = Date.now() + READY_WITHIN_MS;
  for (;;) {
    const logFd = openSync(logFile, 'a');
    try {
      const launched = await launch(binDir, runAs, logFd, port);
      if ('pid' in launched) return launched.pid;
      const isTransient = /still in use|could not bind|address already in use|lock file/i.test(launched.stopped);
      if (!isTransient || Date.now() > deadline) throw new Error(`postgres did not start again:\n${launched.stopped}`);
    } finally {
      closeSync(logFd);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};

const stopOnPurpose = async (signal: 'SIGINT' | 'SIGKILL'): Promise<void> => {
  const running = child;
  if (running === null || running.exitCode !== null || running.signalCode !== null) throw new Error('postgres is not running');
  isDownOnPurpose = true;
  // SIGINT: postgres's fast shutdown (transactions rolled back, connections told, a checkpoint).
  running.kill(signal);
  if (!(await waitForExit(running, READY_WITHIN_MS))) throw new Error(`postgres did not stop on ${signal}:\n${logTail()}`);
};

const perform = async (command: Command): Promise<number | null> => {
  if (command === 'stop') await stopOnPurpose('SIGINT');
  else if (command === 'kill') await stopOnPurpose('SIGKILL');
  else {
    if (child !== null && child.exitCode === null && child.signalCode === null) throw new Error('postgres is already running');
    const pid = await restart();
    watch();
    isDownOnPurpose = false;
    return pid;
  }
  return null;
};

let commandQueue = Promise.resolve();
const queueCommand = (line: string): void => {
  commandQueue = commandQueue.then(async () => {
    let command: Command | null = null;
    try {
      const parsed = JSON.parse(line) as { command?: unknown };
      if (parsed.command !== 'stop' && parsed.command !== 'kill' && parsed.command !== 'start') throw new Error(`unknown command ${line}`);
      command = parsed.command;
      await say({ done: command, pid: await perform(command) });
    } catch (error) {
      await say({ failed: command ?? 'start', error: error instanceof Error ? error.message : String(error) });
    }
  });
};

/** A postgres that stops by itself (not on command) ends the keeper: the tests using it would only fail obscurely. */
const watch = (): void => {
  const server = child;
  server?.once('exit', (code, signal) => {
    if (stopping || isDownOnPurpose || child !== server) return;
    process.stderr.write(`throwaway PostgreSQL stopped by itself (${String(signal ?? code)}):\n${logTail()}\n`);
    void finish(1);
  });
};

const main = async () => {
  const binDir = findPostgresBinDir();
  const runAs = accountToRunAs();
  if (runAs !== null) chownSync(dir, runAs.uid, runAs.gid);
  const logFd = openSync(logFile, 'a');
  try {
    await initCluster(binDir, runAs, logFd);
    const { url, port, pid } = await startServer(binDir, runAs, logFd);
    cluster = { binDir, runAs, port };
    watch();
    await say({ ready: { url, dir, pid } });
  } finally {
    closeSync(logFd);
  }
};

main().catch(async (error: unknown) => {
  await say({ error: error instanceof Error ? error.message : String(error) });
  await finish(1);
});
