import { spawn, type ChildProcess } from 'node:child_process';
import { TEST_ADMIN_PASSWORD } from './testServer';
import { freePort } from './freePort';

/** The real server as its own process (`server/main.ts`, as an operator runs it), so a test can SIGKILL it. */
export type ProcessServer = {
  url: string;
  port: number;
  adminPassword: string;
  /** SIGKILL, no chance to close anything; resolves once the process is gone. */
  kill(): Promise<void>;
  /** Starts it again on the same port and database; resolves once `/api/health` answers 200. */
  restart(): Promise<void>;
  /** Kills it if it still runs (for afterAll). */
  stop(): Promise<void>;
};

const STARTUP_LIMIT_MS = 30_000;

// Every child this file started and not yet seen exit, killed with the test process at the latest,
// so that a failed or aborted test never leaves a server holding a port or a database.
const running = new Set<ChildProcess>();
const killGroup = (child: ChildProcess) => {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    // Negative pid: the whole process group the detached child leads.
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
};
process.once('exit', () => running.forEach(killGroup));

const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));

/**
 * `env`: more settings (MEJA_TLS_CERT, ...); `args`: command-line flags (`--demo`); `fetch`: what
 * asks /api/health, e.g. one that trusts the test CA when the server speaks https.
 */
export type ProcessServerOptions = {
  /** Listen here instead of a free port (a restored database served where the consoles knew it). */
  port?: number;
  env?: Record<string, string>;
  args?: string[];
  fetch?: (url: string) => Promise<{ status: number }>;
};

const spawnServer = (databaseUrl: string, port: number, log: string[], options: ProcessServerOptions): ChildProcess => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...(options.args ?? [])], {
    env: {
      ...process.env,
      MEJA_PORT: String(port),
      MEJA_HOST: '127.0.0.1',
      MEJA_DATABASE_URL: databaseUrl,
      MEJA_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
      MEJA_LOG: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  // Kept for the failure message: why a server did not come up.
  child.stderr?.on('data', (chunk: Buffer) => log.push(chunk.toString('utf8')));
  return child;
};

const waitForHealth = async (url: string, child: ChildProcess, log: string[], ask: (url: string) => Promise<{ status: number }>): Promise<void> => {
  const deadline = Date.now() + STARTUP_LIMIT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server at ${url} exited with ${child.exitCode}: ${log.join('').slice(-2000)}`);
    try {
      // 503 until migrated and the admin exists.
      if ((await ask(`${url}/api/health`)).status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the server at ${url} did not answer 200 on /api/health within ${STARTUP_LIMIT_MS / 1000} s: ${log.join('').slice(-2000)}`);
};

/**
 * Starts `server/main.ts` on a free loopback port over `databaseUrl`, admin password
 * TEST_ADMIN_PASSWORD; or on a given port, where a server that was stopped listened (a restored
 * database served at the address the consoles know). `MEJA_TLS_CERT` in `options.env` makes it https.
 */
export const startProcessServer = async (databaseUrl: string, options: ProcessServerOptions = {}): Promise<ProcessServer> => {
  const port = options.port ?? (await freePort());
  const isHttps = options.env?.MEJA_TLS_CERT !== undefined;
  const url = `${isHttps ? 'https' : 'http'}://127.0.0.1:${port}`;
  const log: string[] = [];
  let child: ChildProcess | null = null;

  const start = async () => {
    const started = spawnServer(databaseUrl, port, log, options);
    child = started;
    try {
      await waitForHealth(url, started, log, options.fetch ?? fetch);
    } catch (error) {
      killGroup(started);
      await exited(started);
      child = null;
      throw error;
    }
  };

  const kill = async () => {
    const current = child;
    if (current === null) return;
    killGroup(current);
    await exited(current);
    child = null;
  };

  await start();
  return {
    url,
    port,
    adminPassword: TEST_ADMIN_PASSWORD,
    kill,
    restart: async () => {
      if (child !== null) throw new Error('restart: the server is still running; kill it first');
      await start();
    },
    stop: kill,
  };
};
