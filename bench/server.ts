import { spawn, type ChildProcess } from 'node:child_process';

export type BenchServer = { baseUrl: string; stop(): Promise<void> };

const waitForServer = async (url: string, child: ChildProcess): Promise<void> => {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the server did not start within 60 s');
};

/** The real server with its demo data, on a SQLite file of its own. */
export const startServer = async (port: number, databaseFile: string): Promise<BenchServer> => {
  // Something already answering there (a bench server left over from a crashed run) would be
  // measured instead of this one, serving whatever build it was started with.
  const taken = await fetch(`http://127.0.0.1:${port}/api/health`).then(
    () => true,
    () => false,
  );
  if (taken) throw new Error(`port ${port} is already in use: stop what listens there (a server left over from an earlier bench run?)`);
  const child = spawn('npx', ['tsx', 'server/main.ts', '--demo'], {
    env: { ...process.env, MEJA_PORT: String(port), MEJA_HOST: '127.0.0.1', MEJA_DATABASE_URL: `sqlite:${databaseFile}`, MEJA_LOG: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForServer(`${baseUrl}/api/auth/me`, child);
  return {
    baseUrl,
    stop: async () => {
      if (child.exitCode !== null || child.pid === undefined) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      // The process group: npx, tsx and the server itself.
      process.kill(-child.pid, 'SIGTERM');
      await exited;
    },
  };
};
