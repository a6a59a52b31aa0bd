import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { E2E_ADMIN_PASSWORD } from './env';

/**
 * A server of one test's own, on the demo desk, for settings the shared one must not have (a
 * working set of one day, which would take the demo's older tickets out of every other test's
 * consoles). Same build, same start command; its own port and SQLite file, removed on close.
 */
export type OwnServer = { url: string; close(): Promise<void> };

const ROOT = resolve(import.meta.dirname, '../../..');

const freePort = (): Promise<number> =>
  new Promise((done, failed) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address !== null ? done(address.port) : failed(new Error('no port'))));
    });
  });

export const startOwnServer = async (env: Record<string, string>): Promise<OwnServer> => {
  const dir = mkdtempSync(join(tmpdir(), 'meja-e2e-own-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', '--demo'], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...env,
      MEJA_PORT: String(port),
      MEJA_HOST: '127.0.0.1',
      MEJA_DATABASE_URL: `sqlite:${join(dir, 'meja.sqlite')}`,
      MEJA_ADMIN_PASSWORD: E2E_ADMIN_PASSWORD,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const close = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  // Health answers 200 once the admin account and the demo desk exist.
  for (let waited = 0; waited < 60_000; waited += 250) {
    if (child.exitCode !== null) break;
    const healthy = await fetch(`${url}/api/health`).then(
      (answer) => answer.ok,
      () => false,
    );
    if (healthy) return { url, close };
    await new Promise((done) => setTimeout(done, 250));
  }
  await close();
  throw new Error(`the test's own server did not start: ${errors.slice(-2000)}`);
};
