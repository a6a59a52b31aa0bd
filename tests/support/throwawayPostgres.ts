import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/*
 * PostgreSQL for one run of the tests, the load test or the benchmarks: the server MEJA_TEST_PG_URL
 * names, or else a throwaway cluster of this run's own (a new temporary folder, a free loopback
 * port, trust auth), made with the installed PostgreSQL's initdb and kept by
 * throwawayPostgresKeeper.ts, which removes it when this process stops it or dies.
 */

export type ThrowawayPostgres = {
  /** Superuser URL of the cluster's `postgres` database, over TCP on 127.0.0.1. */
  adminUrl: string;
  dataDir: string;
  postmasterPid: number;
  /**
   * Takes the server down, the cluster kept, for a test of a database restart: `fast`, PostgreSQL's
   * fast shutdown (what `pg_ctl stop -m fast` and `pg_ctlcluster … restart` do); `kill`, SIGKILL to
   * the postmaster (its backends end by themselves; the next start recovers from the WAL).
   * Resolves once the postmaster is gone.
   */
  down: (how: 'fast' | 'kill') => Promise<void>;
  /** Starts the server again on the same port; resolves once it answers queries. */
  up: () => Promise<void>;
  /** Stops the server and removes its folder; resolves once both are gone. */
  stop: () => Promise<void>;
};

type KeeperMessage = { ready: { url: string; dir: string; pid: number } } | { error: string };
type CommandAnswer = { done: string; pid: number | null } | { failed: string; error: string };

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const KEEPER = fileURLToPath(new URL('./throwawayPostgresKeeper.ts', import.meta.url));

/** A stream that can stop holding the event loop open (a pipe to a child is a net.Socket). */
const unref = (stream: object | null) => {
  if (stream !== null && 'unref' in stream && typeof stream.unref === 'function') stream.unref();
};
const ref = (stream: object | null) => {
  if (stream !== null && 'ref' in stream && typeof stream.ref === 'function') stream.ref();
};

const exited = (keeper: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (keeper.exitCode !== null || keeper.signalCode !== null) return resolve();
    keeper.once('exit', () => resolve());
  });

const firstLine = (keeper: ChildProcess): Promise<string> =>
  new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    keeper.stderr?.on('data', (chunk: Buffer) => {
      err = (err + chunk.toString('utf8')).slice(-4_000);
    });
    keeper.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const end = out.indexOf('\n');
      if (end >= 0) resolve(out.slice(0, end));
    });
    keeper.once('exit', (code, signal) =>
      reject(new Error(`the throwaway PostgreSQL keeper ended before it was ready (${String(signal ?? code)}): ${err.trim()}`)),
    );
    keeper.once('error', reject);
  });

/** Starts a throwaway cluster; it lives until `stop()` or until this process ends, however it ends. */
export const startThrowawayPostgres = async (): Promise<ThrowawayPostgres> => {
  const keeper = spawn(process.execPath, ['--import', 'tsx', KEEPER], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  const done = exited(keeper);
  const message = JSON.parse(await firstLine(keeper)) as KeeperMessage;
  if ('error' in message) {
    await done;
    throw new Error(message.error);
  }
  const { url, dir, pid } = message.ready;
  // From here on the pipe on the keeper's stdin carries commands, and its end is the signal to
  // clean up; stdout carries the answers to commands.
  keeper.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  keeper.unref();
  unref(keeper.stdin);
  unref(keeper.stderr);
  unref(keeper.stdout);
  const answers = answerLines(keeper);
  let commands = Promise.resolve();
  const command = (name: 'stop' | 'kill' | 'start'): Promise<void> => {
    const done = commands.then(async () => {
      keeper.stdin?.write(`${JSON.stringify({ command: name })}\n`);
      const answer = JSON.parse(await answers.next()) as CommandAnswer;
      if ('failed' in answer) throw new Error(`throwaway PostgreSQL: ${name} failed: ${answer.error}`);
    });
    commands = done.catch(() => undefined);
    return done;
  };
  let stopped: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      keeper.ref();
      keeper.stdin?.end();
      const timer = setTimeout(() => {
        // The keeper should need well under a second; if it hangs, do its work here.
        keeper.kill('SIGKILL');
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
        rmSync(dir, { recursive: true, force: true });
      }, 30_000);
      await done;
      clearTimeout(timer);
    })();
    return stopped;
  };
  return {
    adminUrl: url,
    dataDir: dir,
    postmasterPid: pid,
    down: (how) => command(how === 'fast' ? 'stop' : 'kill'),
    up: () => command('start'),
    stop,
  };
};

/** The keeper's answers to commands, one line each, in order; reading holds the event loop only while one is awaited. */
const answerLines = (keeper: ChildProcess): { next(): Promise<string> } => {
  const lines: string[] = [];
  const waiting: Array<(line: string) => void> = [];
  let buffer = '';
  keeper.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 1);
      const taker = waiting.shift();
      if (taker === undefined) lines.push(line);
      else taker(line);
    }
    if (waiting.length === 0) unref(keeper.stdout);
  });
  keeper.once('exit', (code, signal) => {
    for (const taker of waiting.splice(0)) taker(JSON.stringify({ failed: 'command', error: `the keeper ended (${String(signal ?? code)})` }));
  });
  return {
    next: () => {
      const line = lines.shift();
      if (line !== undefined) return Promise.resolve(line);
      ref(keeper.stdout);
      return new Promise((resolve) => waiting.push(resolve));
    },
  };
};

/** The URL without its password, for messages. */
export const redactedUrl = (url: string): string => {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(not a URL)';
  }
};

export type PostgresForRun = {
  adminUrl: string;
  /** Where it comes from, for one line of the run's output. */
  description: string;
  stop: () => Promise<void>;
};

/** MEJA_TEST_PG_URL's server if it is set (it must answer), else a throwaway cluster. */
export const postgresForRun = async (env: NodeJS.ProcessEnv = process.env): Promise<PostgresForRun> => {
  const given = env.MEJA_TEST_PG_URL;
  if (given !== undefined && given !== '') {
    const client = new pg.Client({ connectionString: given, connectionTimeoutMillis: 5_000 });
    try {
      await client.connect();
      await client.query('select 1');
    } catch (error) {
      throw new Error(
        `MEJA_TEST_PG_URL (${redactedUrl(given)}) does not answer: ${error instanceof Error ? error.message : String(error)}. Unset it to let the run start a throwaway PostgreSQL of its own.`,
        { cause: error },
      );
    } finally {
      await client.end().catch(() => undefined);
    }
    return { adminUrl: given, description: `MEJA_TEST_PG_URL (${redactedUrl(given)})`, stop: async () => undefined };
  }
  const server = await startThrowawayPostgres();
  return {
    adminUrl: server.adminUrl,
    description: `a throwaway cluster at ${server.adminUrl} in ${server.dataDir} (postmaster ${server.postmasterPid})`,
    stop: server.stop,
  };
};
