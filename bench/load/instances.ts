import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../../tests/support/freePort';

export type Instance = { url: string; pid: number | undefined; stop(): Promise<void> };

const waitForHealth = async (url: string, child: ChildProcess): Promise<void> => {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server at ${url} exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the server at ${url} did not start within 120 s`);
};

/**
 * One server instance as its own process (`server/main.ts`), as an operator would run it, on loopback.
 * `tree`: run the server of another checkout (with its own node_modules), for a before/after comparison.
 */
export const startInstance = async (databaseUrl: string, adminPassword: string, tree?: string): Promise<Instance> => {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    ...(tree === undefined ? {} : { cwd: tree }),
    env: {
      ...process.env,
      MEJA_PORT: String(port),
      MEJA_HOST: '127.0.0.1',
      MEJA_DATABASE_URL: databaseUrl,
      MEJA_ADMIN_PASSWORD: adminPassword,
      MEJA_LOG: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, child);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    url,
    pid: child.pid,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
};
